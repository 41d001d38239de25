import { checkExpiration } from '../shared/azuredata';
import { type Rule } from '../types';

/** Key Vault secrets have an expiration date. */
export const rule: Rule = {
  meta: {
    id: 'azure-key-vault-secret-expiration-set',
    title: 'Key Vault secret has an expiration date',
    failMessage: 'Key Vault secret never expires',
    rationale:
      'Passwords, connection strings and API keys stored without an expiration date tend to live for years: nobody is reminded to rotate them, and one that leaked long ago still works. An expiration date makes the secret\'s intended lifetime explicit, lets Key Vault raise near-expiry events, and gives evidence that credentials are rotated on a schedule.',
    remediation:
      'Set `expiration_date` (RFC 3339) on the `azurerm_key_vault_secret`, for example computed with `timeadd()` from a rotation timestamp, and rotate the secret before it expires.',
    severity: 'low',
    themes: ['key-management', 'identity-access'],
    resourceTypes: { terraform: ['azurerm_key_vault_secret'] },
    peers: {
      checkov: ['CKV_AZURE_41'],
      trivy: ['AVD-AZU-0017', 'azure-keyvault-ensure-secret-expiry'],
      kics: ['Secret Expiration Not Set'],
    },
  },
  check: {
    terraform: (resource, ctx) => checkExpiration(resource, ctx, 'secret'),
  },
};
