import { checkExpiration } from '../shared/azuredata';
import { type Rule } from '../types';

/** Key Vault keys have an expiration date (or a rotation policy that sets one). */
export const rule: Rule = {
  meta: {
    id: 'azure-key-vault-key-expiration-set',
    title: 'Key Vault key has an expiration date',
    failMessage: 'Key Vault key never expires',
    rationale:
      'A key without an expiration date can be used indefinitely, so it is rarely rotated and the amount of data protected by the same key material keeps growing, as does the damage if it leaks. An expiration date (or a rotation policy with `expire_after`) puts a limit on every key version\'s life and makes rotation a scheduled event instead of an afterthought, which is what key-lifecycle controls ask for.',
    remediation:
      'Set `expiration_date` (RFC 3339) on the `azurerm_key_vault_key`, or add a `rotation_policy` with `expire_after` and `automatic { time_before_expiry = ... }` so new versions are created and expire on schedule.',
    severity: 'low',
    themes: ['key-management'],
    resourceTypes: { terraform: ['azurerm_key_vault_key'] },
    peers: {
      checkov: ['CKV_AZURE_40'],
      trivy: ['AVD-AZU-0014', 'azure-keyvault-ensure-key-expiry'],
      kics: ['Key Expiration Not Set'],
    },
  },
  check: {
    terraform: (resource, ctx) => checkExpiration(resource, ctx, 'key'),
  },
};
