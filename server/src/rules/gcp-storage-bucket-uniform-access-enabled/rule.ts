import { asBool, attr } from '../../model/access';
import { addTerraformAttribute, replaceValue } from '../fixkit';
import { result, type Rule } from '../types';

const FIX_TITLE = 'Enable uniform bucket-level access (object and bucket ACLs stop granting access)';

/**
 * Cloud Storage buckets use IAM only (uniform bucket-level access). The provider sends
 * `uniform_bucket_level_access = false` when the attribute is not set, so a missing attribute is a
 * finding.
 */
export const rule: Rule = {
  meta: {
    id: 'gcp-storage-bucket-uniform-access-enabled',
    title: 'Cloud Storage bucket uses uniform bucket-level access',
    failMessage: 'Cloud Storage bucket allows object ACLs (uniform bucket-level access is off)',
    rationale:
      'With fine-grained access, every object can carry its own ACL, so who can read the data is spread over millions of objects and invisible in the bucket\'s IAM policy; a single `publicRead` object ACL leaks a file without any IAM change. Uniform bucket-level access disables ACLs so that IAM alone decides access, which makes access reviews, public-access prevention and IAM Conditions work on the whole bucket.',
    remediation:
      'Set `uniform_bucket_level_access = true` on the `google_storage_bucket`. Before enabling it on an existing bucket, move any grants made through bucket or object ACLs to IAM bindings; the change can be reverted for 90 days.',
    severity: 'medium',
    themes: ['identity-access', 'public-exposure-data-leakage'],
    resourceTypes: { terraform: ['google_storage_bucket'] },
    peers: {
      checkov: ['CKV_GCP_29'],
      trivy: ['AVD-GCP-0002', 'google-storage-enable-ubla'],
    },
  },
  check: {
    terraform(resource, ctx) {
      if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
      const ubla = attr(resource.body, 'uniform_bucket_level_access');
      if (!ubla || ubla.value.kind === 'null') {
        return result.fail(resource, resource.headerRange, {
          message: 'Cloud Storage bucket does not set uniform_bucket_level_access (defaults to false: ACLs stay active)',
          fixes: [{ title: FIX_TITLE, safety: 'suggestion', edits: [addTerraformAttribute(ctx, resource, 'uniform_bucket_level_access = true')] }],
        });
      }
      const on = asBool(ubla.value);
      if (on === undefined) return result.skip(resource, 'uniform_bucket_level_access is unknown');
      if (on) return result.pass(resource, ubla.range);
      return result.fail(resource, ubla.range, {
        fixes: [{ title: FIX_TITLE, safety: 'suggestion', edits: [replaceValue(resource.file, ubla, 'true')] }],
      });
    },
  },
};
