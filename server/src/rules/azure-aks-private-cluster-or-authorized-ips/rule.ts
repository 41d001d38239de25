import { asBool, asList, asString, attr, hasDynamicBlocks } from '../../model/access';
import { firstBlock, insertInto, insertIntoResource, managedOnly } from '../shared/azurenet';
import { result, type Fix, type Rule } from '../types';

const FIX_TITLE = 'Restrict the API server to authorized ranges (uses placeholder var.api_server_authorized_ip_ranges: declare it with your ranges)';

function isAnyCidr(s: string): boolean {
  return /^[0-9a-fA-F:.]+\/0$/.test(s.trim()) || s.trim() === '*';
}

/**
 * The AKS API server is not open to the internet: `private_cluster_enabled = true`, or authorized
 * IP ranges (`api_server_access_profile.authorized_ip_ranges`, or the 3.x top-level
 * `api_server_authorized_ip_ranges`) that do not include 0.0.0.0/0.
 */
export const rule: Rule = {
  meta: {
    id: 'azure-aks-private-cluster-or-authorized-ips',
    title: 'AKS API server is private or limited to known IPs',
    failMessage: 'AKS API server is reachable from any address on the internet',
    rationale:
      'The Kubernetes API server is the control plane of every workload in the cluster. Exposed to the whole internet it can be brute-forced with leaked kubeconfigs or tokens and is exposed to every future API-server vulnerability before you can patch. A private cluster, or a short list of authorized source ranges (CI runners, admin VPN), removes that attack surface while keeping the cluster manageable.',
    remediation:
      'Set `private_cluster_enabled = true` (new clusters), or add `api_server_access_profile { authorized_ip_ranges = [...] }` with the ranges of your admin network and CI (azurerm 3.x also accepts the older `api_server_authorized_ip_ranges`).',
    severity: 'high',
    themes: ['network-security-segmentation', 'public-exposure-data-leakage'],
    resourceTypes: { terraform: ['azurerm_kubernetes_cluster'] },
    peers: {
      checkov: ['CKV_AZURE_6', 'CKV_AZURE_115'],
      trivy: ['AVD-AZU-0041', 'AVD-AZU-0065', 'azure-container-limit-authorized-ips'],
      kics: ['AKS Private Cluster Disabled'],
    },
  },
  check: {
    terraform(resource, ctx) {
      const skip = managedOnly(resource);
      if (skip) return skip;
      const priv = attr(resource.body, 'private_cluster_enabled');
      const isPrivate = priv ? asBool(priv.value) : false;
      if (isPrivate === true) return result.pass(resource, priv!.range);
      const profile = firstBlock(resource.body, 'api_server_access_profile');
      const candidates = [profile ? attr(profile.body, 'authorized_ip_ranges') : undefined, attr(resource.body, 'api_server_authorized_ip_ranges')];
      let unknown = isPrivate === undefined || hasDynamicBlocks(resource.body, 'api_server_access_profile');
      for (const a of candidates) {
        if (!a || a.value.kind === 'null') continue;
        const items = asList(a.value);
        if (!items) {
          unknown = true;
          continue;
        }
        const strings = items.map((i) => asString(i));
        if (strings.some((s) => s !== undefined && isAnyCidr(s))) {
          return result.fail(resource, a.range, { message: 'AKS API server authorized ranges include 0.0.0.0/0: the API server is open to the internet' });
        }
        if (strings.some((s) => s === undefined)) unknown = true;
        else if (strings.length) return result.pass(resource, a.range);
      }
      if (unknown) return result.skip(resource, 'private_cluster_enabled or the authorized ranges are unknown');
      const fixes: Fix[] = [
        {
          title: FIX_TITLE,
          safety: 'suggestion',
          edits: [
            profile
              ? insertInto(ctx, resource, profile, ['authorized_ip_ranges = var.api_server_authorized_ip_ranges'])
              : insertIntoResource(ctx, resource, ['api_server_access_profile {', '  authorized_ip_ranges = var.api_server_authorized_ip_ranges', '}']),
          ],
        },
      ];
      return result.fail(resource, priv && isPrivate === false ? priv.range : resource.headerRange, { fixes });
    },
  },
};
