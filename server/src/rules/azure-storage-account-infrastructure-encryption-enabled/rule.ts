import { checkToggle, stringSetting } from '../shared/azuredata';
import { result, type Rule } from '../types';

/**
 * Storage accounts add a second, infrastructure-level layer of AES-256 encryption. Only
 * `StorageV2` (the default kind), `BlockBlobStorage` and `FileStorage` accounts support it; the
 * setting defaults to `false` and can only be chosen at creation.
 */
export const rule: Rule = {
  meta: {
    id: 'azure-storage-account-infrastructure-encryption-enabled',
    title: 'Storage account uses infrastructure (double) encryption',
    failMessage: 'Storage account data is encrypted only once at rest',
    rationale:
      'Azure Storage always encrypts data at the service level. Infrastructure encryption adds a second, independent layer with a different key and algorithm implementation at the storage infrastructure level, so a flaw in or compromise of one layer does not expose the data. Baselines for regulated or highly confidential data ask for it, and because it can only be chosen when the account is created, it has to be decided in code.',
    remediation:
      'Set `infrastructure_encryption_enabled = true` on the `azurerm_storage_account` when creating it (StorageV2, or Premium BlockBlobStorage/FileStorage). For an existing account this forces a new account: migrate the data.',
    severity: 'low',
    themes: ['encryption-at-rest'],
    resourceTypes: { terraform: ['azurerm_storage_account'] },
  },
  check: {
    terraform(resource, ctx) {
      const kind = stringSetting(resource, 'account_kind');
      if (kind === undefined) return result.skip(resource, 'account_kind is unknown');
      if (kind !== null && !['StorageV2', 'BlockBlobStorage', 'FileStorage'].includes(kind)) {
        return result.skip(resource, `infrastructure encryption is not available for ${kind} accounts`);
      }
      return checkToggle(resource, ctx, {
        names: ['infrastructure_encryption_enabled'],
        want: true,
        providerDefault: false,
        missingMessage: 'infrastructure_encryption_enabled is not set and defaults to false',
        wrongMessage: () => 'infrastructure_encryption_enabled is false',
        fix: { title: 'Enable infrastructure encryption (forces a new storage account: migrate existing data)', safety: 'suggestion' },
      });
    },
  },
};
