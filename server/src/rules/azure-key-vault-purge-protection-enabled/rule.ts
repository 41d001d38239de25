import { checkToggle } from '../shared/azuredata';
import { type Rule } from '../types';

/**
 * Key vaults have purge protection: a deleted vault or object stays recoverable for the whole
 * soft-delete retention period and cannot be purged early. `purge_protection_enabled` defaults to
 * `false`.
 */
export const rule: Rule = {
  meta: {
    id: 'azure-key-vault-purge-protection-enabled',
    title: 'Key vault has purge protection enabled',
    failMessage: 'Key vault can be purged: deleted keys and secrets can be destroyed for good',
    rationale:
      'Soft delete keeps a deleted vault, key or secret recoverable, but without purge protection anyone with the purge permission (including an attacker or a careless script) can destroy it permanently at once. Losing a key that encrypts data (storage, disks, databases with customer-managed keys) makes that data unreadable. Purge protection enforces the retention period for everyone, so key material can always be recovered.',
    remediation:
      'Set `purge_protection_enabled = true` on the `azurerm_key_vault` (and keep `soft_delete_retention_days` at a value that matches your recovery needs, 7 to 90 days). Note that purge protection cannot be turned off again.',
    severity: 'medium',
    themes: ['key-management', 'backup'],
    resourceTypes: { terraform: ['azurerm_key_vault'] },
    peers: {
      checkov: ['CKV_AZURE_110', 'CKV_AZURE_42'],
      trivy: ['AVD-AZU-0016', 'azure-keyvault-no-purge'],
    },
  },
  check: {
    terraform: (resource, ctx) =>
      checkToggle(resource, ctx, {
        names: ['purge_protection_enabled'],
        want: true,
        providerDefault: false,
        missingMessage: 'purge_protection_enabled is not set and defaults to false: deleted keys and secrets can be purged at once',
        wrongMessage: () => 'purge_protection_enabled is false: deleted keys and secrets can be purged at once',
        fix: { title: 'Enable purge protection (irreversible: the vault cannot be purged before its retention period ends)', safety: 'suggestion' },
      }),
  },
};
