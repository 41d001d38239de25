import { asBool, attr } from '../../model/access';
import { replaceValue } from '../fixkit';
import { GCP_INSTANCE_TYPES } from '../shared/gcp';
import { result, type Rule } from '../types';

/**
 * Compute instances and templates do not forward packets for other addresses
 * (`can_ip_forward`, default false).
 */
export const rule: Rule = {
  meta: {
    id: 'gcp-compute-instance-ip-forwarding-disabled',
    title: 'Compute instance does not forward IP packets',
    failMessage: 'Compute instance has IP forwarding enabled',
    rationale:
      'IP forwarding lets a VM send and receive packets whose addresses are not its own, turning it into a router. That is needed for NAT gateways and network appliances, but on an ordinary workload it lets a compromised VM spoof traffic, route around firewall rules and reach networks it should not, undermining segmentation.',
    remediation:
      'Remove `can_ip_forward = true` (or set it to `false`) on the `google_compute_instance` or instance template. Keep it only on dedicated routing appliances, and suppress the finding there with the reason.',
    severity: 'low',
    themes: ['network-security-segmentation'],
    resourceTypes: { terraform: GCP_INSTANCE_TYPES },
    peers: {
      checkov: ['CKV_GCP_36'],
      trivy: ['AVD-GCP-0043'],
    },
  },
  check: {
    terraform(resource) {
      if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
      const fwd = attr(resource.body, 'can_ip_forward');
      if (!fwd || fwd.value.kind === 'null') return result.pass(resource);
      const on = asBool(fwd.value);
      if (on === undefined) return result.skip(resource, 'can_ip_forward is unknown');
      if (!on) return result.pass(resource, fwd.range);
      return result.fail(resource, fwd.range, {
        fixes: [{ title: 'Disable IP forwarding (breaks NAT or routing done by this VM; recreates the instance)', safety: 'suggestion', edits: [replaceValue(resource.file, fwd, 'false')] }],
      });
    },
  },
};
