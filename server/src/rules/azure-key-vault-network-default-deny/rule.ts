import { asBool, asString, attr, blocks, hasDynamicBlocks } from '../../model/access';
import { replaceValue } from '../fixkit';
import { result, type Rule } from '../types';

/**
 * Key vaults deny network access by default: `public_network_access_enabled = false`, or
 * `network_acls { default_action = "Deny" }`. Without `network_acls` the vault accepts every
 * network.
 */
export const rule: Rule = {
  meta: {
    id: 'azure-key-vault-network-default-deny',
    title: 'Key vault denies network access by default',
    failMessage: 'Key vault is reachable from every network',
    rationale:
      'A key vault holds the secrets, keys and certificates that unlock everything else. Reachable from any network, it can be attacked with stolen tokens or leaked credentials from anywhere on the internet. A firewall that denies by default and admits only named subnets, addresses, trusted Azure services or private endpoints means a stolen credential alone is no longer enough to read the vault.',
    remediation:
      'Set `public_network_access_enabled = false` and use a private endpoint, or add `network_acls { default_action = "Deny", bypass = "AzureServices", ip_rules = [...], virtual_network_subnet_ids = [...] }` to the `azurerm_key_vault`.',
    severity: 'medium',
    themes: ['network-security-segmentation'],
    resourceTypes: { terraform: ['azurerm_key_vault'] },
    peers: {
      checkov: ['CKV_AZURE_109', 'CKV_AZURE_189'],
      trivy: ['AVD-AZU-0013', 'azure-keyvault-specify-network-acl'],
    },
  },
  check: {
    terraform(resource) {
      if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
      const pubAttr = attr(resource.body, 'public_network_access_enabled');
      const pub = !pubAttr || pubAttr.value.kind === 'null' ? true : asBool(pubAttr.value);
      if (pub === false) return result.pass(resource, pubAttr?.range);
      const acls = blocks(resource.body, 'network_acls')[0];
      if (!acls) {
        if (hasDynamicBlocks(resource.body, 'network_acls')) return result.skip(resource, 'network_acls comes from a dynamic block');
        if (pub === undefined) return result.skip(resource, 'public_network_access_enabled is unknown');
        return result.fail(resource, resource.headerRange, {
          message: 'Key vault has no network_acls and public network access is on: it is reachable from every network',
        });
      }
      const action = attr(acls.body, 'default_action');
      if (!action) return result.skip(resource, 'network_acls has no default_action');
      const value = asString(action.value);
      if (value === undefined) return result.skip(resource, 'default_action is unknown');
      if (value.toLowerCase() === 'deny') return result.pass(resource, action.range);
      if (pub === undefined) return result.skip(resource, 'public_network_access_enabled is unknown');
      return result.fail(resource, action.range, {
        message: `network_acls.default_action is "${value}": the vault is reachable from every network`,
        fixes: [{ title: 'Deny by default (only listed networks, trusted services and private endpoints keep access)', safety: 'suggestion', edits: [replaceValue(resource.file, action, '"Deny"')] }],
      });
    },
  },
};
