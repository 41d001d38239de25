import { asBool, attr, blocks, hasDynamicBlocks } from '../../model/access';
import { insertIntoResource, isSet, managedOnly } from '../shared/azurenet';
import { result, type Rule } from '../types';

/**
 * A managed disk is encrypted with a customer-managed key: `disk_encryption_set_id` (or
 * `secure_vm_disk_encryption_set_id` for confidential VMs) is set, or Azure Disk Encryption is
 * configured through `encryption_settings`. Platform-managed encryption is always on; this rule is
 * about who controls the key.
 */
export const rule: Rule = {
  meta: {
    id: 'azure-managed-disk-encrypted-with-cmk',
    title: 'Managed disk is encrypted with a customer-managed key',
    failMessage: 'Managed disk uses only platform-managed keys (no disk encryption set)',
    rationale:
      'Every managed disk is encrypted at rest with a Microsoft-managed key, so this is not about unencrypted data. A customer-managed key in Key Vault, attached through a disk encryption set, puts key control with you: you decide rotation, you can revoke access to make the disk unreadable, and key use is logged in your vault. Many regulated workloads require that separation of key custody.',
    remediation:
      'Create an `azurerm_disk_encryption_set` backed by a Key Vault key and set `disk_encryption_set_id` on the `azurerm_managed_disk` (and on VM `os_disk` blocks).',
    severity: 'low',
    themes: ['encryption-at-rest', 'key-management'],
    resourceTypes: { terraform: ['azurerm_managed_disk'] },
    peers: {
      checkov: ['CKV_AZURE_93', 'CKV_AZURE_2'],
      trivy: ['AVD-AZU-0038'],
      kics: ['Encryption On Managed Disk Disabled'],
    },
  },
  check: {
    terraform(resource, ctx) {
      const skip = managedOnly(resource);
      if (skip) return skip;
      for (const name of ['disk_encryption_set_id', 'secure_vm_disk_encryption_set_id']) {
        if (isSet(resource.body, name)) return result.pass(resource, attr(resource.body, name)!.range);
      }
      const ade = blocks(resource.body, 'encryption_settings')[0];
      if (ade) {
        const enabledAttr = attr(ade.body, 'enabled'); // azurerm 3.x only
        const on = enabledAttr ? asBool(enabledAttr.value) : true;
        if (on === undefined) return result.skip(resource, 'encryption_settings.enabled is unknown');
        if (on) return result.pass(resource, ade.headerRange);
      }
      if (hasDynamicBlocks(resource.body, 'encryption_settings')) return result.skip(resource, 'encryption settings come from a dynamic block');
      // Written but null (a variable defaulting to null): inserting the attribute again would
      // redefine it, so there is no text fix; the value has to come from the variable.
      const written = attr(resource.body, 'disk_encryption_set_id') !== undefined;
      return result.fail(resource, resource.headerRange, {
        message: 'Managed disk is encrypted only with a platform-managed key: disk_encryption_set_id is not set',
        fixes: written ? [] : [
          {
            title: 'Use a disk encryption set (uses placeholder var.disk_encryption_set_id: declare it with your set\'s id; changing keys re-encrypts the disk)',
            safety: 'suggestion',
            edits: [insertIntoResource(ctx, resource, ['disk_encryption_set_id = var.disk_encryption_set_id'])],
          },
        ],
      });
    },
  },
};
