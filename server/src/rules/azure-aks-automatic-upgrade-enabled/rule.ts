import { asString, attr } from '../../model/access';
import { replaceValue } from '../fixkit';
import { azurermMajor, insertIntoResource, managedOnly } from '../shared/azurenet';
import { result, type Fix, type Rule } from '../types';

/** azurerm 3.x spells it `automatic_channel_upgrade`; 4.x renamed it `automatic_upgrade_channel`. */
const NAMES = ['automatic_upgrade_channel', 'automatic_channel_upgrade'];
const FIX_TITLE = 'Follow the "patch" upgrade channel (the cluster upgrades itself to new patch releases)';

/**
 * An AKS cluster follows an automatic upgrade channel. Left out, the channel is `none`.
 */
export const rule: Rule = {
  meta: {
    id: 'azure-aks-automatic-upgrade-enabled',
    title: 'AKS cluster follows an automatic upgrade channel',
    failMessage: 'AKS cluster has no automatic upgrade channel: Kubernetes patches are applied only by hand',
    rationale:
      'Kubernetes patch releases regularly fix vulnerabilities in the API server, kubelet and networking components, and AKS drops support for minor versions on a fixed schedule. Clusters that depend on someone remembering to upgrade fall behind, run unsupported versions and keep known vulnerabilities for months. An automatic upgrade channel (with a maintenance window) keeps the cluster patched predictably.',
    remediation:
      'Set `automatic_upgrade_channel` (azurerm 4.x) or `automatic_channel_upgrade` (azurerm 3.x) to `patch` or `stable`, and define a `maintenance_window_auto_upgrade` block to control when upgrades happen.',
    severity: 'low',
    themes: ['vulnerability-patch-management'],
    resourceTypes: { terraform: ['azurerm_kubernetes_cluster'] },
    peers: { checkov: ['CKV_AZURE_171'] },
  },
  check: {
    terraform(resource, ctx) {
      const skip = managedOnly(resource);
      if (skip) return skip;
      const a = NAMES.map((n) => attr(resource.body, n)).find((x) => x && x.value.kind !== 'null');
      if (a) {
        const v = asString(a.value);
        if (v === undefined) return result.skip(resource, `${a.name} is unknown`);
        if (v.toLowerCase() !== 'none') return result.pass(resource, a.range);
        return result.fail(resource, a.range, {
          message: `AKS cluster opts out of automatic upgrades (${a.name} = "none")`,
          fixes: [{ title: FIX_TITLE, safety: 'suggestion', edits: [replaceValue(resource.file, a, '"patch"')] }],
        });
      }
      const major = azurermMajor(ctx);
      const name = major === 4 ? NAMES[0] : major === 3 ? NAMES[1] : undefined;
      const fixes: Fix[] = name ? [{ title: FIX_TITLE, safety: 'suggestion', edits: [insertIntoResource(ctx, resource, [`${name} = "patch"`])] }] : [];
      return result.fail(resource, resource.headerRange, {
        message: 'AKS cluster has no automatic upgrade channel (the default is none): Kubernetes patches are applied only by hand',
        fixes,
      });
    },
  },
};
