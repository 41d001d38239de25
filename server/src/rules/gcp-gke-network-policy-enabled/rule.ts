import { asBool, asString, attr, blocks, hasDynamicBlocks } from '../../model/access';
import { addTerraformAttribute } from '../fixkit';
import { isAutopilot } from '../shared/gcpGke';
import { result, type Rule } from '../types';

/**
 * GKE clusters enforce Kubernetes NetworkPolicy: GKE Dataplane V2
 * (`datapath_provider = "ADVANCED_DATAPATH"`, always on in Autopilot) or the Calico add-on
 * (`network_policy { enabled = true }`). Neither is on by default for Standard clusters.
 */
export const rule: Rule = {
  meta: {
    id: 'gcp-gke-network-policy-enabled',
    title: 'GKE cluster enforces Kubernetes network policies',
    failMessage: 'GKE cluster does not enforce Kubernetes network policies',
    rationale:
      'Without network policy enforcement every pod can talk to every other pod and namespace in the cluster, so one compromised workload can reach databases, internal admin services and the metadata of others. NetworkPolicy objects only take effect when the cluster runs an enforcing dataplane; without it they are silently ignored, which gives a false sense of segmentation.',
    remediation:
      'Create new clusters with `datapath_provider = "ADVANCED_DATAPATH"` (GKE Dataplane V2, enforcement built in), or enable the Calico add-on on existing ones with `network_policy { enabled = true }` plus `addons_config { network_policy_config { disabled = false } }`. Then write NetworkPolicies, starting with default-deny per namespace.',
    severity: 'medium',
    themes: ['network-security-segmentation'],
    resourceTypes: { terraform: ['google_container_cluster'] },
    peers: {
      checkov: ['CKV_GCP_12'],
      trivy: ['AVD-GCP-0056'],
    },
  },
  check: {
    terraform(resource, ctx) {
      if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
      const autopilot = isAutopilot(resource);
      if (autopilot === undefined) return result.skip(resource, 'enable_autopilot is unknown');
      if (autopilot) return result.pass(resource);
      const datapath = attr(resource.body, 'datapath_provider');
      let datapathUnknown = false;
      if (datapath && datapath.value.kind !== 'null') {
        const d = asString(datapath.value);
        if (d === undefined) datapathUnknown = true;
        else if (d === 'ADVANCED_DATAPATH') return result.pass(resource, datapath.range);
      }
      const np = blocks(resource.body, 'network_policy')[0];
      if (np) {
        const enabled = attr(np.body, 'enabled');
        const on = enabled ? asBool(enabled.value) : false;
        if (on === true) return result.pass(resource, enabled!.range);
        if (on === undefined || datapathUnknown) return result.skip(resource, 'network policy settings are not known statically');
        return result.fail(resource, enabled ? enabled.range : np.headerRange, { message: 'GKE network_policy is disabled and Dataplane V2 is not used' });
      }
      if (datapathUnknown || hasDynamicBlocks(resource.body, 'network_policy')) return result.skip(resource, 'network policy settings are not known statically');
      return result.fail(resource, datapath ? datapath.range : resource.headerRange, {
        message: 'GKE cluster has neither Dataplane V2 nor the network policy add-on: NetworkPolicies are ignored',
        fixes: datapath
          ? []
          : [{ title: 'Use GKE Dataplane V2 (enforces NetworkPolicy; forces a new cluster)', safety: 'suggestion', edits: [addTerraformAttribute(ctx, resource, 'datapath_provider = "ADVANCED_DATAPATH"')] }],
      });
    },
  },
};
