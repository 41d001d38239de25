import { checkToggle } from '../shared/azuredata';
import { type Rule } from '../types';

/**
 * Key vaults authorise data-plane access with Azure RBAC rather than vault access policies.
 * azurerm v3 spells it `enable_rbac_authorization`; v4 adds `rbac_authorization_enabled` and
 * deprecates the old name. Both default to `false`.
 */
export const rule: Rule = {
  meta: {
    id: 'azure-key-vault-rbac-enabled',
    title: 'Key vault uses Azure RBAC for data access',
    failMessage: 'Key vault uses legacy access policies instead of Azure RBAC',
    rationale:
      'Vault access policies are a separate permission system: they cannot be scoped below the whole vault, do not support Privileged Identity Management or deny assignments, and anyone with write access to the vault resource can grant themselves secrets access by editing a policy. Azure RBAC puts data-plane permissions in the same role-assignment model as everything else, with per-key and per-secret scopes, just-in-time elevation and central review.',
    remediation:
      'Set `rbac_authorization_enabled = true` (azurerm v4) or `enable_rbac_authorization = true` (azurerm v3) on the `azurerm_key_vault`, and replace `access_policy` blocks and `azurerm_key_vault_access_policy` resources with `azurerm_role_assignment`s of the Key Vault data roles.',
    severity: 'low',
    themes: ['identity-access'],
    resourceTypes: { terraform: ['azurerm_key_vault'] },
  },
  check: {
    terraform: (resource, ctx) =>
      checkToggle(resource, ctx, {
        names: ['rbac_authorization_enabled', 'enable_rbac_authorization'],
        want: true,
        providerDefault: false,
        missingMessage: 'RBAC authorization is not enabled (defaults to false): data access is governed by vault access policies',
        wrongMessage: (name) => `${name} is false: data access is governed by vault access policies`,
        // The v3 spelling is accepted by every v3 and v4 release, the v4 one only by recent v4 releases.
        fix: {
          title: 'Switch to Azure RBAC (existing access policies stop applying: create role assignments first)',
          safety: 'suggestion',
          insertName: 'enable_rbac_authorization',
        },
      }),
  },
};
