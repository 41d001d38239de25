import { asList, asString, attr } from '../../model/access';
import type { Resource } from '../../model/types';
import { isPublicPrincipal, publicIamResults } from '../shared/gcp';
import { result, type CheckContext, type CheckResult, type Rule } from '../types';

const PUBLIC_PREDEFINED = ['publicRead', 'publicReadWrite'];

/** `enforced` public access prevention on the referenced bucket makes public grants ineffective. */
function preventionEnforced(resource: Resource, ctx: CheckContext): boolean {
  const bucket = attr(resource.body, 'bucket');
  for (const ref of bucket?.value.refs ?? []) {
    const target = ctx.resolve(ref);
    if (target?.type !== 'google_storage_bucket') continue;
    if (asString(attr(target.body, 'public_access_prevention')?.value) === 'enforced') return true;
  }
  return false;
}

/** `ROLE:entity` strings of an ACL resource that name a public entity. */
function aclResults(resource: Resource): CheckResult | CheckResult[] {
  const fails: CheckResult[] = [];
  let unknown = false;
  const predefined = attr(resource.body, 'predefined_acl');
  if (predefined) {
    const p = asString(predefined.value);
    if (p === undefined) unknown = true;
    else if (PUBLIC_PREDEFINED.includes(p)) fails.push(result.fail(resource, predefined.range, { message: `Cloud Storage ACL uses predefined_acl "${p}": anyone on the internet can read` }));
  }
  const roleEntity = attr(resource.body, 'role_entity');
  if (roleEntity) {
    const items = asList(roleEntity.value);
    if (!items) unknown = true;
    else
      for (const item of items) {
        const s = asString(item);
        if (s === undefined) {
          unknown = true;
          continue;
        }
        const entity = s.slice(s.indexOf(':') + 1);
        if (isPublicPrincipal(entity)) {
          const inside = item.range.start.offset >= roleEntity.range.start.offset && item.range.end.offset <= roleEntity.range.end.offset;
          fails.push(result.fail(resource, inside ? item.range : roleEntity.range, { message: `Cloud Storage ACL grants ${s.split(':')[0]} to ${entity}` }));
        }
      }
  }
  const entityAttr = attr(resource.body, 'entity');
  if (entityAttr) {
    const e = asString(entityAttr.value);
    if (e === undefined) unknown = true;
    else if (isPublicPrincipal(e)) fails.push(result.fail(resource, entityAttr.range, { message: `Cloud Storage access control grants ${asString(attr(resource.body, 'role')?.value) ?? 'access'} to ${e}` }));
  }
  if (fails.length) return fails;
  if (unknown) return result.skip(resource, 'ACL entries are not known statically');
  return result.pass(resource);
}

/**
 * No Cloud Storage IAM grant or ACL names `allUsers` or `allAuthenticatedUsers`. The bucket's
 * `public_access_prevention = "inherited"` is not a finding by itself: only an actual public grant
 * is. Grants on a bucket of this module with `public_access_prevention = "enforced"` cannot take
 * effect and are skipped.
 */
export const rule: Rule = {
  meta: {
    id: 'gcp-storage-bucket-not-public',
    title: 'Cloud Storage bucket is not publicly accessible',
    failMessage: 'Cloud Storage grants access to allUsers or allAuthenticatedUsers',
    rationale:
      '`allUsers` is anyone on the internet and `allAuthenticatedUsers` is anyone with any Google account, so a grant to either makes the bucket\'s data public. Public buckets are a leading cause of cloud data leaks because the grant is one line, silent and immediately effective. Data that really must be public (a website) belongs in a dedicated bucket, ideally behind a load balancer or CDN, and everything else should have public access prevention enforced.',
    remediation:
      'Remove `allUsers` / `allAuthenticatedUsers` from `google_storage_bucket_iam_member`, `_iam_binding`, `_iam_policy`, and drop public entries (`publicRead`, `READER:allUsers`, ...) from `google_storage_bucket_acl`, `google_storage_default_object_acl`, `google_storage_object_acl` and the `*_access_control` resources. Grant access to specific users, groups or service accounts instead, and set `public_access_prevention = "enforced"` on buckets that must never be public.',
    severity: 'critical',
    themes: ['public-exposure-data-leakage', 'identity-access'],
    resourceTypes: {
      terraform: [
        'google_storage_bucket_iam_member',
        'google_storage_bucket_iam_binding',
        'google_storage_bucket_iam_policy',
        'google_storage_bucket_acl',
        'google_storage_default_object_acl',
        'google_storage_object_acl',
        'google_storage_bucket_access_control',
        'google_storage_default_object_access_control',
        'google_storage_object_access_control',
      ],
    },
    peers: {
      checkov: ['CKV_GCP_28'],
      trivy: ['AVD-GCP-0001'],
    },
  },
  check: {
    terraform(resource, ctx) {
      if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
      const out = resource.type.includes('_iam_') ? publicIamResults(resource, ctx, 'Cloud Storage bucket IAM') : aclResults(resource);
      const failed = (Array.isArray(out) ? out : [out]).some((r) => r.status === 'fail');
      if (failed && preventionEnforced(resource, ctx)) return result.skip(resource, 'public access prevention is enforced on the bucket: the public grant cannot take effect');
      return out;
    },
  },
};
