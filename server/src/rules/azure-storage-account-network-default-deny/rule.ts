import { asBool, asString, attr, blocks, hasDynamicBlocks } from '../../model/access';
import type { Attribute, Resource } from '../../model/types';
import { replaceValue } from '../fixkit';
import { linkedResources, referencedResource } from '../shared/azuredata';
import { result, type CheckContext, type CheckResult, type Rule } from '../types';

const ACCOUNT = 'azurerm_storage_account';
const RULES = 'azurerm_storage_account_network_rules';
const LINK_ATTRS = ['storage_account_id', 'storage_account_name'];
const FIX_TITLE = 'Deny by default (only listed networks, trusted services and private endpoints keep access)';

/** `false` when public network access is switched off, `true` when on or default, `undefined` when unknown. */
function publicAccess(account: Resource): boolean | undefined {
  const a = attr(account.body, 'public_network_access_enabled');
  if (!a || a.value.kind === 'null') return true;
  return asBool(a.value);
}

function checkDefaultAction(resource: Resource, action: Attribute | undefined, where: string): CheckResult {
  if (!action) return result.skip(resource, `${where} has no default_action`);
  const value = asString(action.value);
  if (value === undefined) return result.skip(resource, 'default_action is unknown');
  if (value.toLowerCase() === 'deny') return result.pass(resource, action.range);
  return result.fail(resource, action.range, {
    message: `default_action is "${value}": the account is reachable from every network`,
    fixes: [{ title: FIX_TITLE, safety: 'suggestion', edits: [replaceValue(resource.file, action, '"Deny"')] }],
  });
}

function checkAccount(resource: Resource, ctx: CheckContext): CheckResult {
  const pub = publicAccess(resource);
  if (pub === false) return result.pass(resource);
  const inline = blocks(resource.body, 'network_rules')[0];
  if (inline) {
    const res = checkDefaultAction(resource, attr(inline.body, 'default_action'), 'network_rules');
    return pub === undefined && res.status === 'fail' ? result.skip(resource, 'public_network_access_enabled is unknown') : res;
  }
  if (hasDynamicBlocks(resource.body, 'network_rules')) return result.skip(resource, 'network_rules comes from a dynamic block');
  const { linked, unresolved } = linkedResources(resource, ctx, RULES, LINK_ATTRS);
  if (linked.length) return result.skip(resource, `network rules are checked on ${linked[0].address}`);
  if (unresolved.length) return result.skip(resource, `an ${RULES} whose account cannot be determined may apply`);
  if (pub === undefined) return result.skip(resource, 'public_network_access_enabled is unknown');
  return result.fail(resource, resource.headerRange, {
    message: 'Storage account has no network rules and public network access is on: it is reachable from every network',
  });
}

function checkRulesResource(resource: Resource, ctx: CheckContext): CheckResult {
  const res = checkDefaultAction(resource, attr(resource.body, 'default_action'), resource.address);
  if (res.status !== 'fail') return res;
  const account = referencedResource(resource, ctx, LINK_ATTRS, [ACCOUNT]);
  if (account) {
    const pub = publicAccess(account);
    if (pub === false) return result.pass(resource);
    if (pub === undefined) return result.skip(resource, `public network access of ${account.address} is unknown`);
  }
  return res;
}

/**
 * Storage accounts deny network access by default: public network access off, or network rules
 * (inline `network_rules` or a separate `azurerm_storage_account_network_rules`) with
 * `default_action = "Deny"`. Without either, an account is reachable from every network.
 */
export const rule: Rule = {
  meta: {
    id: 'azure-storage-account-network-default-deny',
    title: 'Storage account denies network access by default',
    failMessage: 'Storage account is reachable from every network',
    rationale:
      'Without network rules, a storage account accepts connections from any IP address on the internet, so its keys, SAS tokens or a misconfigured container are all an attacker needs. A default-deny firewall, allowing only named subnets, addresses, trusted Azure services and private endpoints, adds a network boundary in front of authentication and is what segmentation controls ask for.',
    remediation:
      'Set `public_network_access_enabled = false` and use private endpoints, or add `network_rules { default_action = "Deny" ... }` (or an `azurerm_storage_account_network_rules` resource) listing the `ip_rules`, `virtual_network_subnet_ids` and `bypass = ["AzureServices"]` that need access.',
    severity: 'medium',
    themes: ['network-security-segmentation'],
    resourceTypes: { terraform: [ACCOUNT, RULES] },
    peers: {
      checkov: ['CKV_AZURE_35'],
      trivy: ['AVD-AZU-0012', 'azure-storage-default-action-deny'],
      kics: ['Default Azure Storage Account Network Access Is Too Permissive'],
    },
  },
  check: {
    terraform(resource, ctx) {
      if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
      return resource.type === RULES ? checkRulesResource(resource, ctx) : checkAccount(resource, ctx);
    },
  },
};
