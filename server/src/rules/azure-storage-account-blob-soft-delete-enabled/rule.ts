import { asBool, attr, blocks, hasDynamicBlocks } from '../../model/access';
import { insertIntoTerraformBody } from '../fixkit';
import { stringSetting } from '../shared/azuredata';
import { result, type Rule } from '../types';

const FIX_TITLE = 'Keep deleted blobs for 7 days (soft delete)';

/**
 * Storage accounts keep deleted blobs for a retention period (blob soft delete), configured by
 * `blob_properties { delete_retention_policy { ... } }`. Without that block the provider leaves
 * soft delete off. File-only accounts and NFS 3.0 accounts are skipped.
 */
export const rule: Rule = {
  meta: {
    id: 'azure-storage-account-blob-soft-delete-enabled',
    title: 'Storage account keeps deleted blobs (soft delete)',
    failMessage: 'Storage account has no blob soft delete: deleted or overwritten blobs cannot be recovered',
    rationale:
      'Without soft delete, a blob that is deleted or overwritten by a faulty job, a mistaken cleanup or an attacker holding a key is gone immediately, and storage replication copies the deletion to the secondary region too. Soft delete keeps deleted blobs and snapshots restorable for a retention period, which is the cheapest recovery control Azure Storage offers and what backup and data-retention controls expect to see.',
    remediation:
      'Add `blob_properties { delete_retention_policy { days = 7 } }` (1 to 365 days) to the `azurerm_storage_account`; consider `container_delete_retention_policy` and `versioning_enabled = true` as well.',
    severity: 'medium',
    themes: ['backup', 'data-deletion-retention'],
    resourceTypes: { terraform: ['azurerm_storage_account'] },
    peers: { checkov: ['CKV2_AZURE_38'] },
  },
  check: {
    terraform(resource, ctx) {
      if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
      const kind = stringSetting(resource, 'account_kind');
      if (kind === undefined) return result.skip(resource, 'account_kind is unknown');
      if (kind === 'FileStorage') return result.skip(resource, 'file-only accounts hold no blobs');
      const nfs = attr(resource.body, 'nfsv3_enabled');
      if (nfs && asBool(nfs.value) !== false && nfs.value.kind !== 'null') return result.skip(resource, 'blob soft delete is not available with NFS 3.0 (or it is unknown)');
      const props = blocks(resource.body, 'blob_properties')[0];
      if (!props) {
        if (hasDynamicBlocks(resource.body, 'blob_properties')) return result.skip(resource, 'blob_properties comes from a dynamic block');
        return result.fail(resource, resource.headerRange, {
          message: 'No blob_properties.delete_retention_policy: blob soft delete is off',
          fixes: [
            {
              title: FIX_TITLE,
              safety: 'safe',
              edits: [
                insertIntoTerraformBody(ctx, resource.file, resource.body, resource.headerRange.start.offset, [
                  'blob_properties {',
                  '  delete_retention_policy {',
                  '    days = 7',
                  '  }',
                  '}',
                ]),
              ],
            },
          ],
        });
      }
      if (blocks(props.body, 'delete_retention_policy').length) return result.pass(resource, props.headerRange);
      if (hasDynamicBlocks(props.body, 'delete_retention_policy')) return result.skip(resource, 'delete_retention_policy comes from a dynamic block');
      return result.fail(resource, props.headerRange, {
        message: 'blob_properties has no delete_retention_policy: blob soft delete is off',
        fixes: [
          {
            title: FIX_TITLE,
            safety: 'safe',
            edits: [insertIntoTerraformBody(ctx, resource.file, props.body, props.headerRange.start.offset, ['delete_retention_policy {', '  days = 7', '}'])],
          },
        ],
      });
    },
  },
};
