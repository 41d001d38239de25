import { checkBool, managedOnly } from '../shared/azurenet';
import type { Rule } from '../types';

/** VMs and scale sets encrypt at host: `encryption_at_host_enabled` defaults to false. */
export const rule: Rule = {
  meta: {
    id: 'azure-vm-encryption-at-host-enabled',
    title: 'VM encrypts temp disks and caches at host',
    failMessage: 'VM does not use encryption at host: temporary disks and disk caches are not encrypted',
    rationale:
      'Azure always encrypts managed disks at rest in storage, but a VM\'s temporary disk and the OS/data disk caches on the physical host are outside that encryption. Encryption at host extends encryption to them and makes data flow encrypted from the host to storage, so data written to swap, temp files or caches is not left in clear text on hardware shared with others.',
    remediation:
      'Register the `EncryptionAtHost` feature for the subscription, choose a VM size that supports it, and set `encryption_at_host_enabled = true` on the VM or scale set (the VM must be deallocated to change it).',
    severity: 'low',
    themes: ['encryption-at-rest'],
    resourceTypes: {
      terraform: [
        'azurerm_linux_virtual_machine',
        'azurerm_windows_virtual_machine',
        'azurerm_linux_virtual_machine_scale_set',
        'azurerm_windows_virtual_machine_scale_set',
        'azurerm_orchestrated_virtual_machine_scale_set',
      ],
    },
    peers: { checkov: ['CKV_AZURE_97'] },
  },
  check: {
    terraform(resource, ctx) {
      return (
        managedOnly(resource) ??
        checkBool(resource, ctx, resource.body, resource.headerRange, {
          name: 'encryption_at_host_enabled',
          want: true,
          defaultValue: false,
          fixTitle: 'Encrypt at host (needs the EncryptionAtHost feature and a supported VM size; the VM is deallocated to apply)',
          safety: 'suggestion',
          missingMessage: 'VM does not use encryption at host: encryption_at_host_enabled is not set and defaults to false',
        })
      );
    },
  },
};
