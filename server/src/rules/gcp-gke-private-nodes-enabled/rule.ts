import { asBool, attr, blocks, hasDynamicBlocks } from '../../model/access';
import { insertIntoTerraformBody, replaceValue } from '../fixkit';
import { result, type Rule } from '../types';

const FIX_TITLE = 'Use private nodes (nodes lose external IPs: egress needs Cloud NAT; may recreate node pools)';

/**
 * GKE nodes have internal IP addresses only (`private_cluster_config { enable_private_nodes = true }`).
 * Without that block, nodes get external IPs.
 */
export const rule: Rule = {
  meta: {
    id: 'gcp-gke-private-nodes-enabled',
    title: 'GKE cluster nodes have no external IP addresses',
    failMessage: 'GKE cluster nodes have external IP addresses',
    rationale:
      'Nodes with external IPs are reachable from the internet for anything a firewall rule, a NodePort or host network pod exposes, and every node becomes a target. Private nodes keep the data plane on internal addresses: inbound traffic comes through load balancers, outbound through Cloud NAT, and the node fleet disappears from internet scans.',
    remediation:
      'Add `private_cluster_config { enable_private_nodes = true }` to the `google_container_cluster` (on older clusters also `master_ipv4_cidr_block`), and give the VPC a Cloud NAT so that nodes can still pull images and reach external APIs.',
    severity: 'medium',
    themes: ['network-security-segmentation', 'public-exposure-data-leakage'],
    resourceTypes: { terraform: ['google_container_cluster'] },
    peers: {
      checkov: ['CKV_GCP_25', 'CKV_GCP_64'],
      trivy: ['AVD-GCP-0059'],
    },
  },
  check: {
    terraform(resource, ctx) {
      if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
      const cfgs = blocks(resource.body, 'private_cluster_config');
      if (!cfgs.length) {
        if (hasDynamicBlocks(resource.body, 'private_cluster_config')) return result.skip(resource, 'private_cluster_config is set by a dynamic block');
        return result.fail(resource, resource.headerRange, {
          message: 'GKE cluster has no private_cluster_config: nodes get external IP addresses',
          fixes: [{ title: FIX_TITLE, safety: 'suggestion', edits: [insertIntoTerraformBody(ctx, resource.file, resource.body, resource.headerRange.start.offset, ['private_cluster_config {', '  enable_private_nodes = true', '}'])] }],
        });
      }
      const cfg = cfgs[0];
      const priv = attr(cfg.body, 'enable_private_nodes');
      if (!priv || priv.value.kind === 'null') {
        return result.fail(resource, cfg.headerRange, {
          message: 'private_cluster_config does not enable private nodes',
          fixes: [{ title: FIX_TITLE, safety: 'suggestion', edits: [insertIntoTerraformBody(ctx, resource.file, cfg.body, cfg.headerRange.start.offset, ['enable_private_nodes = true'])] }],
        });
      }
      const on = asBool(priv.value);
      if (on === undefined) return result.skip(resource, 'enable_private_nodes is unknown');
      if (on) return result.pass(resource, priv.range);
      return result.fail(resource, priv.range, { fixes: [{ title: FIX_TITLE, safety: 'suggestion', edits: [replaceValue(resource.file, priv, 'true')] }] });
    },
  },
};
