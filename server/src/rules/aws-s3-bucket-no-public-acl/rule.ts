import { asString, asStringList, attr, blocks, hasDynamicBlocks } from '../../model/access';
import type { Attribute, Body, Resource } from '../../model/types';
import { ALL_USERS_URI, AUTHENTICATED_USERS_URI, granteeUri } from '../shared/s3Links';
import { replaceValue } from '../fixkit';
import { result, type CheckResult, type Fix, type Rule } from '../types';

/** Canned ACLs (Terraform spelling) that open the bucket, and what they open it to. */
const PUBLIC_ACLS: Record<string, string> = {
  'public-read': 'lets anyone on the internet list the bucket',
  'public-read-write': 'lets anyone on the internet list the bucket and write objects into it',
  'authenticated-read': 'lets any AWS account, not just yours, list the bucket',
};

/** The same canned ACLs in CloudFormation spelling. */
const CFN_PUBLIC_ACLS: Record<string, string> = {
  PublicRead: PUBLIC_ACLS['public-read'],
  PublicReadWrite: PUBLIC_ACLS['public-read-write'],
  AuthenticatedRead: PUBLIC_ACLS['authenticated-read'],
};

const GROUPS: Record<string, string> = {
  [ALL_USERS_URI.toLowerCase()]: 'everyone (AllUsers)',
  [AUTHENTICATED_USERS_URI.toLowerCase()]: 'every AWS account (AuthenticatedUsers)',
};

function groupOf(uri: Attribute | undefined): string | undefined {
  const u = granteeUri(uri?.value);
  return u === undefined ? undefined : GROUPS[u.toLowerCase()];
}

function privateAclFix(file: string, acl: Attribute, newText: string): Fix {
  return { title: 'Make the bucket ACL private (check that nothing relies on public access first)', safety: 'suggestion', edits: [replaceValue(file, acl, newText)] };
}

/** `acl = "public-read"` and friends. `undefined` when there is no acl argument or it is private. */
function cannedAcl(resource: Resource): CheckResult | 'unknown' | undefined {
  const acl = attr(resource.body, 'acl');
  if (!acl) return undefined;
  const value = asString(acl.value);
  if (value === undefined) return acl.value.kind === 'null' ? undefined : 'unknown';
  const desc = PUBLIC_ACLS[value];
  if (!desc) return undefined;
  return result.fail(resource, acl.range, { message: `Canned ACL "${value}" ${desc}`, fixes: [privateAclFix(resource.file, acl, '"private"')] });
}

/** Grants to the AllUsers / AuthenticatedUsers groups among `grant` blocks of a body. */
function publicGrants(resource: Resource, body: Body, permissionAttr: string, grantee: (grant: Body) => Body | undefined): CheckResult[] {
  const out: CheckResult[] = [];
  for (const g of blocks(body, 'grant')) {
    const target = grantee(g.body);
    if (!target) continue;
    const uri = attr(target, 'uri');
    const group = groupOf(uri);
    if (!uri || !group) continue;
    const perms = asStringList(attr(g.body, permissionAttr)?.value);
    const what = perms ? perms.join(', ') : 'access';
    out.push(result.fail(resource, uri.range, { message: `ACL grant gives ${what} to ${group}` }));
  }
  return out;
}

function checkTerraform(resource: Resource): CheckResult | CheckResult[] {
  if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
  const findings: CheckResult[] = [];
  const canned = cannedAcl(resource);
  if (canned && canned !== 'unknown') findings.push(canned);
  let dynamic = false;
  if (resource.type === 'aws_s3_bucket') {
    // Provider v3 inline grants: grant { type = "Group", uri = "...", permissions = [...] }
    findings.push(...publicGrants(resource, resource.body, 'permissions', (g) => g));
    dynamic = hasDynamicBlocks(resource.body, 'grant');
  } else {
    // aws_s3_bucket_acl: access_control_policy { grant { grantee { type, uri } permission } }
    for (const acp of blocks(resource.body, 'access_control_policy')) {
      findings.push(...publicGrants(resource, acp.body, 'permission', (g) => blocks(g, 'grantee')[0]?.body));
      dynamic = dynamic || hasDynamicBlocks(acp.body, 'grant');
    }
    dynamic = dynamic || hasDynamicBlocks(resource.body, 'access_control_policy');
  }
  if (findings.length) return findings;
  if (canned === 'unknown' || dynamic) return result.skip(resource, 'ACL is not known statically');
  return result.pass(resource);
}

/**
 * Bucket ACLs that grant access to everyone or to every AWS account: the canned ACLs
 * `public-read`, `public-read-write`, `authenticated-read` (on `aws_s3_bucket` in provider v3, on
 * `aws_s3_bucket_acl` from v4) and explicit grants to the AllUsers / AuthenticatedUsers groups.
 */
export const rule: Rule = {
  meta: {
    id: 'aws-s3-bucket-no-public-acl',
    title: 'S3 bucket ACL does not grant public access',
    failMessage: 'S3 bucket ACL grants access to everyone or to any AWS account',
    rationale:
      'An ACL that grants the AllUsers group (canned `public-read`, `public-read-write`) opens the bucket to anyone on the internet without credentials, and one that grants AuthenticatedUsers (`authenticated-read`) opens it to every AWS account in the world, not only yours. Either exposes the data directly: listing reveals every object key, and with write access anyone can plant or overwrite content. ACLs are a legacy mechanism; AWS recommends disabling them with the BucketOwnerEnforced object ownership and granting access through policies.',
    remediation:
      'Set the ACL to `private` (or remove it and use `aws_s3_bucket_ownership_controls` with `BucketOwnerEnforced`), and grant the access you need through a bucket policy scoped to specific principals. For public content, serve it through CloudFront with origin access control. In CloudFormation remove `AccessControl` or set it to `Private`.',
    severity: 'critical',
    themes: ['public-exposure-data-leakage', 'identity-access'],
    resourceTypes: { terraform: ['aws_s3_bucket', 'aws_s3_bucket_acl'], cloudformation: ['AWS::S3::Bucket'] },
    peers: {
      checkov: ['CKV_AWS_20', 'CKV_AWS_57'],
      trivy: ['AVD-AWS-0092', 'aws-s3-no-public-access-with-acl'],
      kics: ['S3 Bucket ACL Allows Read Or Write to All Users', 'S3 Bucket ACL Allows Read to Any Authenticated User'],
      guard: ['S3_BUCKET_NO_PUBLIC_RW_ACL', 'S3_BUCKET_PUBLIC_READ_PROHIBITED'],
    },
  },
  check: {
    terraform: checkTerraform,
    cloudformation(resource, ctx) {
      const acl = attr(resource.body, 'AccessControl');
      if (!acl) return result.pass(resource);
      const value = asString(acl.value);
      if (value === undefined) return result.skip(resource, 'AccessControl is unknown');
      const desc = CFN_PUBLIC_ACLS[value];
      if (!desc) return result.pass(resource, acl.range);
      const text = ctx.fileText(resource.file);
      const quoted = resource.file.toLowerCase().endsWith('.json') || text[acl.value.range.start.offset] === '"';
      return result.fail(resource, acl.range, {
        message: `AccessControl ${value} ${desc}`,
        fixes: [privateAclFix(resource.file, acl, quoted ? '"Private"' : 'Private')],
      });
    },
  },
};
