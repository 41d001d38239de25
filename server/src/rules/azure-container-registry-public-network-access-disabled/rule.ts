import { asBool, asString, attr } from '../../model/access';
import { replaceValue } from '../fixkit';
import { firstBlock, insertIntoResource, managedOnly } from '../shared/azurenet';
import { result, type Rule } from '../types';

const FIX_TITLE = 'Disable public network access (pulls and pushes must then come through private endpoints or trusted services)';

/**
 * A Premium container registry is not reachable from the internet: `public_network_access_enabled
 * = false`, or a `network_rule_set` whose `default_action` is Deny. Basic and Standard registries
 * cannot restrict network access at all and are skipped rather than asked for a SKU upgrade.
 */
export const rule: Rule = {
  meta: {
    id: 'azure-container-registry-public-network-access-disabled',
    title: 'Container registry is not open to the internet',
    failMessage: 'Container registry accepts connections from any network',
    rationale:
      'A registry reachable from anywhere lets anyone holding a leaked token, admin password or over-broad service principal pull proprietary images (and the secrets often baked into them) or push tampered ones, from any network. Closing the public endpoint, or allowing only listed networks, ties registry access to your own network as well as to identity.',
    remediation:
      'On a Premium registry set `public_network_access_enabled = false` and add a private endpoint, or keep public access but set `network_rule_set { default_action = "Deny" }` with the IP ranges that need it.',
    severity: 'low',
    themes: ['public-exposure-data-leakage', 'network-security-segmentation'],
    resourceTypes: { terraform: ['azurerm_container_registry'] },
    peers: { checkov: ['CKV_AZURE_139'] },
  },
  check: {
    terraform(resource, ctx) {
      const skip = managedOnly(resource);
      if (skip) return skip;
      const sku = asString(attr(resource.body, 'sku')?.value);
      if (sku === undefined) return result.skip(resource, 'sku is unknown');
      if (sku.toLowerCase() !== 'premium') return result.skip(resource, `network restrictions need the Premium SKU (this registry is ${sku})`);
      const rules = firstBlock(resource.body, 'network_rule_set');
      const defaultAction = rules ? attr(rules.body, 'default_action') : undefined;
      if (defaultAction) {
        const v = asString(defaultAction.value);
        if (v?.toLowerCase() === 'deny') return result.pass(resource, defaultAction.range);
      }
      const a = attr(resource.body, 'public_network_access_enabled');
      if (!a || a.value.kind === 'null') {
        if (defaultAction && asString(defaultAction.value) === undefined) return result.skip(resource, 'network_rule_set default_action is unknown');
        return result.fail(resource, resource.headerRange, {
          message: 'Container registry accepts connections from any network: public_network_access_enabled is not set and defaults to true',
          fixes: [{ title: FIX_TITLE, safety: 'suggestion', edits: [insertIntoResource(ctx, resource, ['public_network_access_enabled = false'])] }],
        });
      }
      const on = asBool(a.value);
      if (on === undefined) return result.skip(resource, 'public_network_access_enabled is unknown');
      if (!on) return result.pass(resource, a.range);
      if (defaultAction && asString(defaultAction.value) === undefined) return result.skip(resource, 'network_rule_set default_action is unknown');
      return result.fail(resource, a.range, { fixes: [{ title: FIX_TITLE, safety: 'suggestion', edits: [replaceValue(resource.file, a, 'false')] }] });
    },
  },
};
