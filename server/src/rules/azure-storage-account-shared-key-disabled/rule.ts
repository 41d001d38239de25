import { checkToggle } from '../shared/azuredata';
import { type Rule } from '../types';

/**
 * Storage accounts authorise requests with Entra ID only, not with the account keys (Shared Key).
 * `shared_access_key_enabled` defaults to `true`, so a missing attribute is reported.
 */
export const rule: Rule = {
  meta: {
    id: 'azure-storage-account-shared-key-disabled',
    title: 'Storage account disables Shared Key authorization',
    failMessage: 'Storage account accepts requests signed with its account keys',
    rationale:
      'The two account keys of a storage account grant full control of all its data, never expire, and are not tied to any person or workload, so requests made with them (or with account SAS tokens derived from them) cannot be attributed or scoped. A leaked connection string is enough to read or delete everything. Disabling Shared Key forces every request through Entra ID, where access is granted per identity with roles, can be revoked, and shows up in sign-in and audit logs.',
    remediation:
      'Set `shared_access_key_enabled = false` on the `azurerm_storage_account`, move applications to managed identities with data-plane roles (for example Storage Blob Data Contributor), and set `storage_use_azuread = true` in the azurerm provider block so Terraform itself uses Entra ID for data-plane operations.',
    severity: 'medium',
    themes: ['identity-access'],
    resourceTypes: { terraform: ['azurerm_storage_account'] },
    peers: { checkov: ['CKV2_AZURE_40'] },
  },
  check: {
    terraform: (resource, ctx) =>
      checkToggle(resource, ctx, {
        names: ['shared_access_key_enabled'],
        want: false,
        providerDefault: true,
        missingMessage: 'shared_access_key_enabled is not set and defaults to true: the account keys authorize any request',
        wrongMessage: () => 'shared_access_key_enabled is true: the account keys authorize any request',
        fix: { title: 'Disable Shared Key authorization (clients using keys, connection strings or account SAS stop working)', safety: 'suggestion' },
      }),
  },
};
