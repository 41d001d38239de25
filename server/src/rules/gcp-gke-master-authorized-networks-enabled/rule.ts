import { asBool, asString, attr, blocks, hasDynamicBlocks } from '../../model/access';
import { insertIntoTerraformBody } from '../fixkit';
import { isWholeInternet } from '../shared/securityGroup';
import { result, type Rule } from '../types';

/**
 * The GKE control plane's public endpoint only accepts the networks in
 * `master_authorized_networks_config`. Clusters without a public endpoint
 * (`private_cluster_config.enable_private_endpoint = true`, or
 * `control_plane_endpoints_config.ip_endpoints_config.enabled = false`) pass. An authorized network
 * of 0.0.0.0/0 is as open as none.
 */
export const rule: Rule = {
  meta: {
    id: 'gcp-gke-master-authorized-networks-enabled',
    title: 'GKE control plane limits access to authorized networks',
    failMessage: 'GKE control plane endpoint accepts connections from any IP address',
    rationale:
      'Without authorized networks, the Kubernetes API server answers the whole internet. Authentication still applies, but every leaked kubeconfig, token or API server vulnerability is then exploitable from anywhere. Restricting the endpoint to your CI, VPN and office ranges (or keeping it private) means an attacker needs network position as well as credentials.',
    remediation:
      'Add `master_authorized_networks_config` with `cidr_blocks { cidr_block = "..." display_name = "..." }` entries for the networks that administer the cluster, or make the endpoint private with `private_cluster_config { enable_private_endpoint = true }`. Never authorize 0.0.0.0/0.',
    severity: 'medium',
    themes: ['network-security-segmentation', 'identity-access'],
    resourceTypes: { terraform: ['google_container_cluster'] },
    peers: {
      checkov: ['CKV_GCP_20'],
      trivy: ['AVD-GCP-0061'],
    },
  },
  check: {
    terraform(resource, ctx) {
      if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
      const body = resource.body;
      const mans = blocks(body, 'master_authorized_networks_config');
      if (mans.length) {
        const open = [];
        let unknown = hasDynamicBlocks(mans[0].body, 'cidr_blocks');
        for (const cb of blocks(mans[0].body, 'cidr_blocks')) {
          const c = attr(cb.body, 'cidr_block');
          const s = asString(c?.value);
          if (s === undefined) unknown = true;
          else if (isWholeInternet(s)) open.push(c!);
        }
        if (open.length) return result.fail(resource, open[0].range, { message: `GKE master authorized networks include ${asString(open[0].value)}: the control plane is open to the internet` });
        if (unknown) return result.skip(resource, 'authorized networks are not known statically');
        return result.pass(resource, mans[0].headerRange);
      }
      if (hasDynamicBlocks(body, 'master_authorized_networks_config')) return result.skip(resource, 'master_authorized_networks_config is set by a dynamic block');
      const pcc = blocks(body, 'private_cluster_config')[0];
      const privateEndpoint = pcc ? attr(pcc.body, 'enable_private_endpoint') : undefined;
      if (privateEndpoint) {
        const on = asBool(privateEndpoint.value);
        if (on === undefined) return result.skip(resource, 'enable_private_endpoint is unknown');
        if (on) return result.pass(resource, privateEndpoint.range);
      }
      const cpe = blocks(body, 'control_plane_endpoints_config')[0];
      const ipEp = cpe ? blocks(cpe.body, 'ip_endpoints_config')[0] : undefined;
      const ipEnabled = ipEp ? attr(ipEp.body, 'enabled') : undefined;
      if (ipEnabled) {
        const on = asBool(ipEnabled.value);
        if (on === undefined) return result.skip(resource, 'ip_endpoints_config.enabled is unknown');
        if (!on) return result.pass(resource, ipEnabled.range);
      }
      return result.fail(resource, resource.headerRange, {
        message: 'GKE cluster has no master_authorized_networks_config: its public endpoint accepts any IP address',
        fixes: [
          {
            title: 'Allow only var.gke_admin_cidr on the control plane (declare it with your admin/CI range)',
            safety: 'suggestion',
            edits: [
              insertIntoTerraformBody(ctx, resource.file, body, resource.headerRange.start.offset, [
                'master_authorized_networks_config {',
                '  cidr_blocks {',
                '    cidr_block   = var.gke_admin_cidr',
                '    display_name = "admin"',
                '  }',
                '}',
              ]),
            ],
          },
        ],
      });
    },
  },
};
