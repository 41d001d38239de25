import { blocks, hasDynamicBlocks } from '../../model/access';
import { GCP_INSTANCE_TYPES, removeBlock } from '../shared/gcp';
import { result, type CheckResult, type Rule } from '../types';

/**
 * Compute instances (and instance templates) get no external IP address: no `access_config` or
 * `ipv6_access_config` block in any `network_interface`. An instance without those blocks has only
 * internal addresses.
 */
export const rule: Rule = {
  meta: {
    id: 'gcp-compute-instance-no-public-ip',
    title: 'Compute instance has no external IP address',
    failMessage: 'Compute instance has an external IP address',
    rationale:
      'An external IP makes a VM directly addressable from the internet, so its exposure then depends entirely on every firewall rule that targets it, now and in the future. Keeping VMs on internal addresses, with Cloud NAT for outbound traffic, load balancers for inbound services and Identity-Aware Proxy for administration, removes a whole class of accidental exposure.',
    remediation:
      'Remove the `access_config` (and `ipv6_access_config`) blocks from the `network_interface` of the `google_compute_instance` or instance template. Use Cloud NAT (`google_compute_router_nat`) for egress, a load balancer for public services and IAP TCP forwarding for SSH/RDP.',
    severity: 'medium',
    themes: ['network-security-segmentation', 'public-exposure-data-leakage'],
    resourceTypes: { terraform: GCP_INSTANCE_TYPES },
    peers: {
      checkov: ['CKV_GCP_40'],
      trivy: ['AVD-GCP-0031', 'google-compute-no-public-ip'],
    },
  },
  check: {
    terraform(resource, ctx) {
      if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
      const nics = blocks(resource.body, 'network_interface');
      const fails: CheckResult[] = [];
      let hidden = hasDynamicBlocks(resource.body, 'network_interface');
      const text = ctx.fileText(resource.file);
      for (const nic of nics) {
        for (const type of ['access_config', 'ipv6_access_config']) {
          if (hasDynamicBlocks(nic.body, type)) hidden = true;
          for (const b of blocks(nic.body, type)) {
            fails.push(
              result.fail(resource, b.headerRange, {
                message: type === 'access_config' ? 'Compute instance has an external IPv4 address (access_config)' : 'Compute instance has an external IPv6 address (ipv6_access_config)',
                fixes: [{ title: `Remove ${type} (the VM loses its external address: use Cloud NAT / a load balancer / IAP)`, safety: 'suggestion', edits: [removeBlock(text, resource.file, b)] }],
              }),
            );
          }
        }
      }
      if (fails.length) return fails;
      if (hidden) return result.skip(resource, 'network interfaces are set by dynamic blocks');
      return result.pass(resource);
    },
  },
};
