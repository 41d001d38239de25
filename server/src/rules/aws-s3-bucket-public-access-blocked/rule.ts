import { asBool, asString, attr, blocks, entry } from '../../model/access';
import type { Body, Resource, Value } from '../../model/types';
import { publicStatements } from '../shared/awsaccess';
import {
  addConfigResourceFix,
  ALL_USERS_URI,
  AUTHENTICATED_USERS_URI,
  bucketConfigs,
  granteeUri,
  mayBeIntentionallyPublic,
  PUBLIC_CANNED_ACLS,
  refsIn,
  resourcesOfType,
  targetOf,
} from '../shared/s3Links';
import { insertIntoTerraformBody, replaceValue } from '../fixkit';
import { result, type CheckContext, type CheckResult, type Rule } from '../types';

const PAB = 'aws_s3_bucket_public_access_block';
const ACCOUNT_PAB = 'aws_s3_account_public_access_block';

/** The four settings: Terraform argument, CloudFormation property, what stays possible when off. */
const SETTINGS: ReadonlyArray<{ tf: string; cfn: string; risk: string }> = [
  { tf: 'block_public_acls', cfn: 'BlockPublicAcls', risk: 'new public ACLs on the bucket and its objects are accepted' },
  { tf: 'block_public_policy', cfn: 'BlockPublicPolicy', risk: 'a bucket policy granting public access can be attached' },
  { tf: 'ignore_public_acls', cfn: 'IgnorePublicAcls', risk: 'public ACLs already on the bucket or its objects take effect' },
  { tf: 'restrict_public_buckets', cfn: 'RestrictPublicBuckets', risk: 'a public bucket policy gives anonymous and cross-account access' },
];

const NO_BLOCK_MESSAGE =
  'S3 bucket declares no public access block: S3 blocks public access on buckets created since April 2023, but this configuration neither enforces nor evidences it';

/** The finding when the bucket also shows a sign of being public: nothing here would stop it. */
function publicNoBlockMessage(signs: string[]): string {
  return `S3 bucket declares no public access block and ${signs.join(' and ')}: nothing in this configuration keeps it private`;
}

const CFN_PUBLIC_CANNED = ['PublicRead', 'PublicReadWrite', 'AuthenticatedRead'];

/**
 * Settings enforced for every bucket by an `aws_s3_account_public_access_block` in the same module.
 * S3 applies the most restrictive of account and bucket settings, so these need no bucket-level
 * setting.
 */
function accountLevel(ctx: CheckContext): Set<string> {
  const on = new Set<string>();
  for (const r of resourcesOfType(ctx, ACCOUNT_PAB)) {
    for (const s of SETTINGS) if (asBool(attr(r.body, s.tf)?.value) === true) on.add(s.tf);
  }
  return on;
}

function allOn(pab: Resource, account: Set<string>): boolean {
  return SETTINGS.every((s) => account.has(s.tf) || asBool(attr(pab.body, s.tf)?.value) === true);
}

/** The bucket a public access block designates, when it is a bucket of this module. */
function bucketOf(pab: Resource, ctx: CheckContext): Resource | undefined {
  for (const ref of refsIn(attr(pab.body, 'bucket')?.value)) {
    const r = ctx.resolve(ref);
    if (r && r.type === 'aws_s3_bucket') return r;
  }
  const name = asString(attr(pab.body, 'bucket')?.value);
  if (name === undefined) return undefined;
  return resourcesOfType(ctx, 'aws_s3_bucket').find((b) => asString(attr(b.body, 'bucket')?.value) === name);
}

/** A public canned ACL, or a grant to everyone / every AWS account, among ACL values and grants. */
function isPublicGrantee(uri: Value | undefined): boolean {
  const g = granteeUri(uri);
  return g === ALL_USERS_URI || g === AUTHENTICATED_USERS_URI;
}

function hasPublicGrant(body: Body): boolean {
  if (blocks(body, 'grant').some((g) => isPublicGrantee(attr(g.body, 'uri')?.value))) return true;
  for (const acp of blocks(body, 'access_control_policy')) {
    for (const g of blocks(acp.body, 'grant')) if (blocks(g.body, 'grantee').some((ge) => isPublicGrantee(attr(ge.body, 'uri')?.value))) return true;
  }
  return false;
}

function policyIsPublic(value: Value | undefined): boolean {
  return publicStatements(value, { placeholder: 'principals' }).statements.length > 0;
}

/**
 * Known signs that a Terraform bucket is, or is meant to be, public: a website, a public ACL or
 * grant, a policy open to everyone. Unknown values are no sign: they never raise the severity.
 */
function publicSigns(bucket: Resource, ctx: CheckContext): string[] {
  const signs: string[] = [];
  if (blocks(bucket.body, 'website').length || bucketConfigs(bucket, ctx, 'aws_s3_bucket_website_configuration').linked.length) signs.push('hosts a website');
  const acls = [bucket, ...bucketConfigs(bucket, ctx, 'aws_s3_bucket_acl').linked];
  if (acls.some((r) => PUBLIC_CANNED_ACLS.includes(asString(attr(r.body, 'acl')?.value) ?? '') || hasPublicGrant(r.body))) signs.push('has a public ACL');
  const policies = [attr(bucket.body, 'policy')?.value, ...bucketConfigs(bucket, ctx, 'aws_s3_bucket_policy').linked.map((p) => attr(p.body, 'policy')?.value)];
  if (policies.some(policyIsPublic)) signs.push('has a policy open to everyone');
  return signs;
}

function cfnPublicSigns(bucket: Resource, ctx: CheckContext): string[] {
  const signs: string[] = [];
  if (attr(bucket.body, 'WebsiteConfiguration')) signs.push('hosts a website');
  if (CFN_PUBLIC_CANNED.includes(asString(attr(bucket.body, 'AccessControl')?.value) ?? '')) signs.push('has a public ACL');
  const policies = resourcesOfType(ctx, 'AWS::S3::BucketPolicy').filter((p) => targetOf(attr(p.body, 'Bucket')?.value, bucket, ctx) === 'this');
  if (policies.some((p) => policyIsPublic(attr(p.body, 'PolicyDocument')?.value))) signs.push('has a policy open to everyone');
  return signs;
}

/**
 * Without a public access block, how bad is it? S3 turns Block Public Access on for every bucket
 * created since April 2023, so a bucket with no sign of being public is most likely protected, just
 * not by this code: low. A bucket that shows a sign of being public (which S3's default would
 * refuse, so the default must be off or predate it) is high.
 */
function missingBlock(signs: string[]): { message: string; severity: 'low' | 'high' } {
  return signs.length ? { message: publicNoBlockMessage(signs), severity: 'high' } : { message: NO_BLOCK_MESSAGE, severity: 'low' };
}

function checkBucket(resource: Resource, ctx: CheckContext): CheckResult {
  if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
  const account = accountLevel(ctx);
  if (account.size === SETTINGS.length) return result.pass(resource);
  const { linked, unresolved } = bucketConfigs(resource, ctx, PAB);
  if (linked.length) {
    // The settings themselves are judged (and reported) on the public access block resource.
    return linked.some((p) => allOn(p, account)) ? result.pass(resource) : result.skip(resource, `settings reported on ${linked[0].address}`);
  }
  if (unresolved.length) return result.skip(resource, `an ${PAB} whose bucket cannot be determined may apply`);
  const safety = mayBeIntentionallyPublic(resource, ctx) ? 'suggestion' : 'safe';
  const fix = addConfigResourceFix(
    resource,
    ctx,
    PAB,
    ['block_public_acls       = true', 'block_public_policy     = true', 'ignore_public_acls      = true', 'restrict_public_buckets = true'],
    safety === 'safe' ? 'Block all public access to the bucket' : 'Block all public access to the bucket (it looks public on purpose: check first)',
    safety,
  );
  return result.fail(resource, resource.headerRange, { ...missingBlock(publicSigns(resource, ctx)), fixes: fix ? [fix] : [] });
}

function checkBlock(resource: Resource, ctx: CheckContext): CheckResult[] {
  if (resource.kind !== 'resource') return [result.skip(resource, 'not a managed resource')];
  const account = accountLevel(ctx);
  const out: CheckResult[] = [];
  const missing: string[] = [];
  let unknown = false;
  for (const s of SETTINGS) {
    if (account.has(s.tf)) continue;
    const a = attr(resource.body, s.tf);
    if (!a) {
      missing.push(s.tf);
      continue;
    }
    const on = asBool(a.value);
    unknown ||= on === undefined;
    if (on !== false) continue; // true, or unknown: no finding
    out.push(
      result.fail(resource, a.range, {
        message: `Public access block sets ${s.tf} = false: ${s.risk}`,
        fixes: [{ title: `Set ${s.tf} = true`, safety: 'suggestion', edits: [replaceValue(resource.file, a, 'true')] }],
      }),
    );
  }
  if (missing.length) {
    const bucket = bucketOf(resource, ctx);
    const safe = bucket !== undefined && !mayBeIntentionallyPublic(bucket, ctx);
    out.push(
      result.fail(resource, resource.headerRange, {
        message: `Public access block leaves ${missing.join(', ')} unset, and unset means false: ${SETTINGS.filter((s) => missing.includes(s.tf))
          .map((s) => s.risk)
          .join('; ')}`,
        fixes: [
          {
            title: `Set ${missing.join(', ')} to true`,
            safety: safe ? 'safe' : 'suggestion',
            edits: [insertIntoTerraformBody(ctx, resource.file, resource.body, resource.headerRange.start.offset, missing.map((m) => `${m} = true`))],
          },
        ],
      }),
    );
  }
  if (out.length) return out;
  return unknown ? [result.skip(resource, 'a setting is unknown')] : [result.pass(resource)];
}

/**
 * Block Public Access on every bucket. Terraform: the bucket needs an
 * `aws_s3_bucket_public_access_block` (a missing one is reported on the bucket), and that resource
 * needs all four settings true (a false or unset setting is reported on the resource itself).
 * Settings an `aws_s3_account_public_access_block` of the same module already enforces count as on.
 * A missing block is low unless the bucket shows a known sign of being public (see `missingBlock`).
 */
export const rule: Rule = {
  meta: {
    id: 'aws-s3-bucket-public-access-blocked',
    title: 'S3 bucket blocks public access (all four settings)',
    failMessage: NO_BLOCK_MESSAGE,
    rationale:
      'Block Public Access is the guard rail that keeps a bucket private even when someone later attaches a public ACL or an over-broad bucket policy: with all four settings on, S3 refuses public ACLs, ignores existing ones, rejects public policies and limits any public policy to in-account principals. Public buckets remain one of the most common causes of cloud data leaks. S3 turns the settings on for new buckets by default since April 2023, but older buckets predate that, the default can be switched off outside the code, and Terraform does not notice unless the settings are declared; declaring them makes the protection enforced and auditable.',
    remediation:
      'Add an `aws_s3_bucket_public_access_block` whose `bucket` references the bucket, with `block_public_acls`, `block_public_policy`, `ignore_public_acls` and `restrict_public_buckets` all `true` (unset means false). In CloudFormation set all four properties of `PublicAccessBlockConfiguration` to `true`. Serve public content through CloudFront with origin access control instead of a public bucket.',
    severity: 'high',
    themes: ['public-exposure-data-leakage'],
    resourceTypes: { terraform: ['aws_s3_bucket', PAB], cloudformation: ['AWS::S3::Bucket'] },
    peers: {
      checkov: ['CKV2_AWS_6', 'CKV_AWS_53', 'CKV_AWS_54', 'CKV_AWS_55', 'CKV_AWS_56'],
      trivy: ['AVD-AWS-0094', 'AVD-AWS-0086', 'AVD-AWS-0087', 'AVD-AWS-0091', 'AVD-AWS-0093'],
      kics: [
        'S3 Bucket Allows Public ACL',
        'S3 Bucket Allows Public Policy',
        'S3 Bucket Without Ignore Public ACL',
        'S3 Bucket Without Restriction Of Public Bucket',
      ],
      guard: ['S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED'],
    },
  },
  check: {
    terraform(resource, ctx) {
      return resource.type === PAB ? checkBlock(resource, ctx) : checkBucket(resource, ctx);
    },
    cloudformation(resource, ctx) {
      const pab = attr(resource.body, 'PublicAccessBlockConfiguration');
      if (!pab) return result.fail(resource, resource.headerRange, missingBlock(cfnPublicSigns(resource, ctx)));
      if (pab.value.kind !== 'object') return result.skip(resource, 'PublicAccessBlockConfiguration is unknown');
      const out: CheckResult[] = [];
      const missing: string[] = [];
      let unknown = false;
      for (const s of SETTINGS) {
        const e = entry(pab.value, s.cfn);
        if (!e) {
          missing.push(s.cfn);
          continue;
        }
        const on = asBool(e.value);
        unknown ||= on === undefined;
        if (on === false) out.push(result.fail(resource, e.range, { message: `PublicAccessBlockConfiguration sets ${s.cfn} to false: ${s.risk}` }));
      }
      if (missing.length) {
        out.push(
          result.fail(resource, pab.range, {
            message: `PublicAccessBlockConfiguration leaves ${missing.join(', ')} unset, and unset means false: ${SETTINGS.filter((s) => missing.includes(s.cfn))
              .map((s) => s.risk)
              .join('; ')}`,
          }),
        );
      }
      if (out.length) return out;
      return unknown ? result.skip(resource, 'a setting is unknown') : result.pass(resource, pab.range);
    },
  },
};
