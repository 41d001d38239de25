import { asBool, asString, attr, entry } from '../../model/access';
import type { Resource } from '../../model/types';
import { CFN_BUCKET, PUBLIC_CANNED_ACLS, TF_BUCKET, bucketConfigs, bucketNamed, refsIn, resourcesOfType } from '../shared/s3Links';
import { result, type CheckContext, type CheckResult, type Rule } from '../types';

const PAB_SETTINGS_TF = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'];
const PAB_SETTINGS_CFN = ['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets'];

/** CloudFormation `AccessControl` values that grant access beyond the bucket owner's account. */
const PUBLIC_CFN_ACLS = ['PublicRead', 'PublicReadWrite', 'AuthenticatedRead'];

/**
 * The module's bucket a trail's bucket-name value designates: a reference to the bucket, else a
 * literal equal to a bucket's known name. `undefined` when it is managed elsewhere or not knowable.
 */
function linkedBucket(value: Parameters<typeof refsIn>[0], bucketType: string, ctx: CheckContext): Resource | undefined {
  for (const ref of refsIn(value)) {
    const r = ctx.resolve(ref);
    if (r && r.kind === 'resource' && r.type === bucketType) return r;
  }
  if (!value || value.kind === 'unknown') return undefined;
  const name = asString(value);
  if (name === undefined) return undefined;
  return bucketNamed(ctx, bucketType, name);
}

/** 'on' when all settings are true, 'off' when one is false or missing, 'unknown' otherwise. */
function allSettings(get: (name: string) => ReturnType<typeof asBool> | null, names: string[]): 'on' | 'off' | 'unknown' {
  let unknown = false;
  for (const n of names) {
    const v = get(n);
    if (v === null || v === false) return 'off';
    if (v === undefined) unknown = true;
  }
  return unknown ? 'unknown' : 'on';
}

/** What makes a Terraform bucket public (empty when nothing known does). */
function terraformExposure(bucket: Resource, ctx: CheckContext): string[] {
  const out: string[] = [];
  const acls = [attr(bucket.body, 'acl')?.value, ...bucketConfigs(bucket, ctx, 'aws_s3_bucket_acl').linked.map((a) => attr(a.body, 'acl')?.value)];
  const publicAcls = [...new Set(acls.map((v) => asString(v)).filter((a): a is string => a !== undefined && PUBLIC_CANNED_ACLS.includes(a)))];
  if (publicAcls.length) out.push(`canned ACL ${publicAcls.join(', ')}`);

  const account = resourcesOfType(ctx, 'aws_s3_account_public_access_block');
  const settingOf = (r: Resource) => (n: string) => {
    const a = attr(r.body, n);
    return a ? asBool(a.value) : null;
  };
  if (account.some((r) => allSettings(settingOf(r), PAB_SETTINGS_TF) === 'on')) return out;
  const pabs = bucketConfigs(bucket, ctx, 'aws_s3_bucket_public_access_block');
  // A block whose target cannot be determined may be this bucket's: stay silent about blocks.
  if (pabs.unresolved.length) return out;
  const states = pabs.linked.map((p) => allSettings(settingOf(p), PAB_SETTINGS_TF));
  if (states.includes('on') || states.includes('unknown')) return out;
  out.push(pabs.linked.length ? 'its public access block leaves a setting off' : 'no public access block');
  return out;
}

/** What makes a CloudFormation bucket public (empty when nothing known does). */
function cloudFormationExposure(bucket: Resource): string[] {
  const out: string[] = [];
  const acl = asString(attr(bucket.body, 'AccessControl')?.value);
  if (acl !== undefined && PUBLIC_CFN_ACLS.includes(acl)) out.push(`AccessControl ${acl}`);
  const pab = attr(bucket.body, 'PublicAccessBlockConfiguration');
  if (!pab) out.push('no PublicAccessBlockConfiguration');
  else if (pab.value.kind === 'object') {
    const obj = pab.value;
    const state = allSettings((n) => {
      const e = entry(obj, n);
      return e ? asBool(e.value) : null;
    }, PAB_SETTINGS_CFN);
    if (state === 'off') out.push('its PublicAccessBlockConfiguration leaves a setting off');
  }
  return out;
}

function check(resource: Resource, ctx: CheckContext): CheckResult {
  if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
  const tf = resource.format === 'terraform';
  const a = attr(resource.body, tf ? 's3_bucket_name' : 'S3BucketName');
  if (!a) return result.skip(resource, 'no bucket name');
  const bucket = linkedBucket(a.value, tf ? TF_BUCKET : CFN_BUCKET, ctx);
  if (!bucket) return result.skip(resource, 'the bucket is not managed in this module or cannot be determined');
  const exposure = tf ? terraformExposure(bucket, ctx) : cloudFormationExposure(bucket);
  if (!exposure.length) return result.pass(resource, a.range);
  return result.fail(resource, a.range, {
    message: `CloudTrail writes its logs to ${bucket.address}, which is not protected from public access: ${exposure.join('; ')}`,
  });
}

/**
 * The bucket a CloudTrail trail delivers to must not be public. The trail is linked to a bucket of
 * the same module by reference or by literal name (`shared/s3Links.ts`); a bucket managed elsewhere
 * is skipped. The bucket's own rules report (and fix) the same settings on the bucket; this rule
 * says that the exposed bucket holds the audit trail.
 */
export const rule: Rule = {
  meta: {
    id: 'aws-cloudtrail-bucket-not-public',
    title: 'CloudTrail log bucket is not public',
    failMessage: 'CloudTrail writes its logs to a bucket that is not protected from public access',
    rationale:
      'CloudTrail logs record every API call in the account: who did what, from which address, with which role and resource names. In a public bucket they hand an attacker a map of the environment and let anyone with write access rewrite or remove the evidence of an intrusion. The log bucket must be private: no public canned ACL and Block Public Access with all four settings on, so that neither an ACL nor a later bucket policy can open it.',
    remediation:
      'On the bucket the trail writes to, remove any public canned ACL (`public-read`, `public-read-write`, `authenticated-read`; CloudFormation `PublicRead`, `PublicReadWrite`, `AuthenticatedRead`) and add an `aws_s3_bucket_public_access_block` (CloudFormation `PublicAccessBlockConfiguration`) with all four settings `true`. The rules aws-s3-bucket-public-access-blocked and aws-s3-bucket-no-public-acl report and fix this on the bucket itself.',
    severity: 'high',
    themes: ['logging', 'public-exposure-data-leakage'],
    resourceTypes: { terraform: ['aws_cloudtrail'], cloudformation: ['AWS::CloudTrail::Trail'] },
    peers: {
      trivy: ['AVD-AWS-0161', 'aws-cloudtrail-no-public-log-access'],
      kics: ['CloudTrail Log Files S3 Bucket is Publicly Accessible'],
      guard: ['CLOUDTRAIL_S3_BUCKET_PUBLIC_ACCESS_PROHIBITED'],
    },
  },
  check: { terraform: check, cloudformation: check },
};
