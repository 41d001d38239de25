import { asString, attr } from '../../model/access';
import { firstBlock, insertInto, managedOnly } from '../shared/azurenet';
import { result, type Fix, type Rule } from '../types';

/**
 * An AKS cluster enforces Kubernetes network policies: `network_profile.network_policy` is set
 * (`azure`, `calico`, `cilium`). Without a `network_profile` the cluster uses kubenet without
 * policy enforcement. Clusters on the Cilium data plane enforce policies through Cilium and pass.
 */
export const rule: Rule = {
  meta: {
    id: 'azure-aks-network-policy-enabled',
    title: 'AKS cluster enforces Kubernetes network policies',
    failMessage: 'AKS cluster has no network policy engine: NetworkPolicy objects are ignored',
    rationale:
      'Without a network policy engine every pod can reach every other pod and service in the cluster, across namespaces, and NetworkPolicy objects that teams write are silently ignored. A compromised front-end pod can then talk directly to databases, internal admin services and the metadata of other tenants. Enabling a policy engine is what makes namespace isolation and least-privilege pod traffic possible.',
    remediation:
      'In the `network_profile` block set `network_policy = "azure"` (Azure CNI), `"calico"` (kubenet or Azure CNI) or `"cilium"` (Azure CNI powered by Cilium), then write NetworkPolicy objects. On older clusters changing it forces a new cluster.',
    severity: 'medium',
    themes: ['network-security-segmentation'],
    resourceTypes: { terraform: ['azurerm_kubernetes_cluster'] },
    peers: {
      checkov: ['CKV_AZURE_7'],
      trivy: ['AVD-AZU-0043', 'azure-container-configured-network-policy'],
      kics: ['AKS Network Policy Misconfigured'],
    },
  },
  check: {
    terraform(resource, ctx) {
      const skip = managedOnly(resource);
      if (skip) return skip;
      const profile = firstBlock(resource.body, 'network_profile');
      if (!profile) {
        return result.fail(resource, resource.headerRange, {
          message: 'AKS cluster has no network_profile: it uses kubenet without a network policy engine',
        });
      }
      const policy = attr(profile.body, 'network_policy');
      if (policy && policy.value.kind !== 'null') {
        const v = asString(policy.value);
        if (v === undefined) return result.skip(resource, 'network_policy is unknown');
        return result.pass(resource, policy.range);
      }
      const dataPlaneAttr = attr(profile.body, 'network_data_plane') ?? attr(profile.body, 'ebpf_data_plane');
      if (dataPlaneAttr) {
        const dp = asString(dataPlaneAttr.value);
        if (dp === undefined) return result.skip(resource, 'network data plane is unknown');
        if (dp.toLowerCase() === 'cilium') return result.pass(resource, dataPlaneAttr.range);
      }
      const plugin = asString(attr(profile.body, 'network_plugin')?.value)?.toLowerCase();
      const suggested = plugin === 'azure' ? 'azure' : plugin === 'kubenet' ? 'calico' : undefined;
      const fixes: Fix[] = suggested
        ? [
            {
              title: `Enforce network policies with ${suggested} (may force a new cluster; existing NetworkPolicy objects start to apply)`,
              safety: 'suggestion',
              edits: [insertInto(ctx, resource, profile, [`network_policy = "${suggested}"`])],
            },
          ]
        : [];
      return result.fail(resource, profile.headerRange, { message: 'AKS network_profile sets no network_policy: NetworkPolicy objects are ignored', fixes });
    },
  },
};
