import { asBool, asString, asStringList, attr } from '../../model/access';
import { addTerraformAttribute, replaceValue } from '../fixkit';
import { result, type Rule } from '../types';

const FIX_TITLE = 'Disable public network access (clients must connect through a private endpoint)';

/**
 * Cosmos DB accounts are not open to every network: public network access is off, or the account
 * firewall (`ip_range_filter`, a comma-separated string in azurerm v3 and a set in v4) or virtual
 * network filter restricts it. Public access defaults to `true` with no filter.
 */
export const rule: Rule = {
  meta: {
    id: 'azure-cosmosdb-network-access-restricted',
    title: 'Cosmos DB account is not reachable from every network',
    failMessage: 'Cosmos DB account accepts connections from every network',
    rationale:
      'A Cosmos DB account with public network access and no firewall accepts requests from any IP address on the internet, so a leaked account key or token is all an attacker needs to read or delete the data. Restricting the account to private endpoints, or at least to named IP ranges and virtual networks, puts a network boundary in front of authentication and limits what a stolen credential is worth.',
    remediation:
      'Set `public_network_access_enabled = false` and use private endpoints, or restrict the account with `ip_range_filter` and/or `is_virtual_network_filter_enabled = true` with `virtual_network_rule` blocks.',
    severity: 'high',
    themes: ['network-security-segmentation', 'public-exposure-data-leakage'],
    resourceTypes: { terraform: ['azurerm_cosmosdb_account'] },
    peers: { checkov: ['CKV_AZURE_101', 'CKV_AZURE_99'] },
  },
  check: {
    terraform(resource, ctx) {
      if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
      const pub = attr(resource.body, 'public_network_access_enabled');
      const pubOn = !pub || pub.value.kind === 'null' ? true : asBool(pub.value);
      if (pubOn === undefined) return result.skip(resource, 'public_network_access_enabled is unknown');
      if (!pubOn) return result.pass(resource, pub?.range);
      const filter = attr(resource.body, 'ip_range_filter');
      if (filter && filter.value.kind !== 'null') {
        const s = filter.value.kind === 'string' ? asString(filter.value) : undefined;
        const entries = s !== undefined ? s.split(',') : asStringList(filter.value);
        if (entries === undefined) return result.skip(resource, 'ip_range_filter is unknown');
        const ranges = entries.map((e) => e.trim()).filter((e) => e !== '');
        if (ranges.includes('0.0.0.0/0')) {
          return result.fail(resource, filter.range, { message: 'ip_range_filter admits 0.0.0.0/0: the account accepts connections from every network' });
        }
        if (ranges.length) return result.pass(resource, filter.range);
      }
      const vnet = attr(resource.body, 'is_virtual_network_filter_enabled');
      if (vnet && vnet.value.kind !== 'null') {
        const on = asBool(vnet.value);
        if (on === undefined) return result.skip(resource, 'is_virtual_network_filter_enabled is unknown');
        if (on) return result.pass(resource, vnet.range);
      }
      if (pub && pub.value.kind !== 'null') {
        return result.fail(resource, pub.range, {
          message: 'public_network_access_enabled is true and no IP or virtual network filter is set: the account accepts connections from every network',
          fixes: [{ title: FIX_TITLE, safety: 'suggestion', edits: [replaceValue(resource.file, pub, 'false')] }],
        });
      }
      return result.fail(resource, resource.headerRange, {
        message: 'Public network access is on by default and no IP or virtual network filter is set: the account accepts connections from every network',
        fixes: [{ title: FIX_TITLE, safety: 'suggestion', edits: [addTerraformAttribute(ctx, resource, 'public_network_access_enabled = false')] }],
      });
    },
  },
};
