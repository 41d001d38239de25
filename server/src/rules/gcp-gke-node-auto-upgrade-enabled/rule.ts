import { asBool, attr, blocks } from '../../model/access';
import type { Body } from '../../model/types';
import { replaceValue } from '../fixkit';
import { result, type CheckResult, type Rule } from '../types';

/**
 * GKE node pools upgrade automatically (`management { auto_upgrade }`, default true). Checked on
 * `google_container_node_pool` and on the inline `node_pool` blocks of a cluster; only an explicit
 * false is a finding.
 */
export const rule: Rule = {
  meta: {
    id: 'gcp-gke-node-auto-upgrade-enabled',
    title: 'GKE node pool upgrades its nodes automatically',
    failMessage: 'GKE node pool has node auto-upgrade disabled',
    rationale:
      'Node images carry the kernel, container runtime and kubelet, which receive regular security fixes. With auto-upgrade off, nodes stay on the version they were created with until someone remembers to upgrade them, and they drift out of the supported version skew. Auto-upgrade applies patched images within your maintenance windows and exclusions, so patching happens by default.',
    remediation:
      'Remove `auto_upgrade = false` from the `management` block of the `google_container_node_pool` (it defaults to true) and control timing with the cluster\'s `maintenance_policy` and a release channel instead.',
    severity: 'medium',
    themes: ['vulnerability-patch-management'],
    resourceTypes: { terraform: ['google_container_node_pool', 'google_container_cluster'] },
    peers: {
      checkov: ['CKV_GCP_10'],
      trivy: ['AVD-GCP-0058'],
    },
  },
  check: {
    terraform(resource) {
      if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
      const pools: Body[] = resource.type === 'google_container_node_pool' ? [resource.body] : blocks(resource.body, 'node_pool').map((b) => b.body);
      if (!pools.length) return result.skip(resource, 'no inline node pools');
      const fails: CheckResult[] = [];
      let unknown = false;
      for (const pool of pools) {
        const mgmt = blocks(pool, 'management')[0];
        const up = mgmt ? attr(mgmt.body, 'auto_upgrade') : undefined;
        if (!up || up.value.kind === 'null') continue;
        const on = asBool(up.value);
        if (on === undefined) unknown = true;
        else if (!on) {
          fails.push(
            result.fail(resource, up.range, {
              fixes: [{ title: 'Enable node auto-upgrade (nodes are upgraded in maintenance windows)', safety: 'suggestion', edits: [replaceValue(resource.file, up, 'true')] }],
            }),
          );
        }
      }
      if (fails.length) return fails;
      if (unknown) return result.skip(resource, 'auto_upgrade is unknown');
      return result.pass(resource);
    },
  },
};
