import { asBool, attr, blocks, hasDynamicBlocks } from '../../model/access';
import { insertIntoTerraformBody, replaceValue } from '../fixkit';
import { result, type Rule } from '../types';

const FIX_TITLE = 'Enable object versioning (noncurrent versions are kept and billed until a lifecycle rule deletes them)';

/**
 * Cloud Storage buckets keep noncurrent object versions. Versioning is off unless a `versioning`
 * block enables it. A bucket with a retention policy cannot enable versioning and is protected by
 * the policy instead, so it is skipped.
 */
export const rule: Rule = {
  meta: {
    id: 'gcp-storage-bucket-versioning-enabled',
    title: 'Cloud Storage bucket keeps object versions',
    failMessage: 'Cloud Storage bucket does not keep noncurrent object versions',
    rationale:
      'Without object versioning, an overwrite or delete, whether by a bug, a mistaken sync or ransomware using stolen credentials, destroys the only copy of the object once the short soft-delete window has passed. Versioning keeps the previous generation as a noncurrent version that can be restored, which is a cheap first line of recovery for data in buckets; lifecycle rules keep the cost of old versions bounded.',
    remediation:
      'Add `versioning { enabled = true }` to the `google_storage_bucket` and a `lifecycle_rule` that deletes noncurrent versions after a retention you choose (for example `num_newer_versions` or `days_since_noncurrent_time`). Buckets that need immutability use a `retention_policy` instead (the two cannot be combined).',
    severity: 'medium',
    themes: ['backup', 'data-deletion-retention'],
    resourceTypes: { terraform: ['google_storage_bucket'] },
    peers: {
      checkov: ['CKV_GCP_78'],
      trivy: ['AVD-GCP-0078', 'google-storage-enable-bucket-versioning'],
      kics: ['Cloud Storage Bucket Versioning Disabled'],
    },
  },
  check: {
    terraform(resource, ctx) {
      if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
      if (blocks(resource.body, 'retention_policy').length || hasDynamicBlocks(resource.body, 'retention_policy')) {
        return result.skip(resource, 'a bucket with a retention policy cannot use versioning; the policy protects its objects');
      }
      const versioning = blocks(resource.body, 'versioning');
      if (!versioning.length) {
        if (hasDynamicBlocks(resource.body, 'versioning')) return result.skip(resource, 'versioning is set by a dynamic block');
        return result.fail(resource, resource.headerRange, {
          message: 'Cloud Storage bucket has no versioning block (versioning is off by default)',
          fixes: [{ title: FIX_TITLE, safety: 'suggestion', edits: [insertIntoTerraformBody(ctx, resource.file, resource.body, resource.headerRange.start.offset, ['versioning {', '  enabled = true', '}'])] }],
        });
      }
      const block = versioning[0];
      const enabled = attr(block.body, 'enabled');
      if (!enabled) {
        return result.fail(resource, block.headerRange, {
          fixes: [{ title: FIX_TITLE, safety: 'suggestion', edits: [insertIntoTerraformBody(ctx, resource.file, block.body, block.headerRange.start.offset, ['enabled = true'])] }],
        });
      }
      const on = asBool(enabled.value);
      if (on === undefined) return result.skip(resource, 'versioning.enabled is unknown');
      if (on) return result.pass(resource, enabled.range);
      return result.fail(resource, enabled.range, {
        fixes: [{ title: FIX_TITLE, safety: 'suggestion', edits: [replaceValue(resource.file, enabled, 'true')] }],
      });
    },
  },
};
