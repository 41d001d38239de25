import { NSG_TYPES, nsgCheck } from '../shared/azurenet';
import type { Rule } from '../types';

/**
 * No inbound Allow rule of a network security group opens every destination port (`*` or
 * `0-65535`) to any source. This rule also owns the SSH/RDP exposure of such rules.
 */
export const rule: Rule = {
  meta: {
    id: 'azure-nsg-no-public-all-ports',
    title: 'NSG does not allow all ports from the internet',
    failMessage: 'Network security rule allows every port from any source',
    rationale:
      'An inbound rule that allows every port from any address removes the network layer from the defence entirely: every service listening on the protected VMs, including management ports, databases and debug endpoints nobody meant to publish, becomes reachable from the internet. Network security groups exist to open only the ports a workload serves, to the sources that need them.',
    remediation:
      'Replace the rule with rules that open only the ports the workload serves (for example 443), and restrict the source to known address ranges, a service tag such as `AzureFrontDoor.Backend`, or an application security group.',
    severity: 'critical',
    themes: ['network-security-segmentation', 'public-exposure-data-leakage'],
    resourceTypes: NSG_TYPES,
    peers: {
      trivy: ['AVD-AZU-0047', 'azure-network-no-public-ingress'],
    },
  },
  check: { terraform: nsgCheck('all-ports', { service: 'every port', fixTitle: 'Restrict the source to known networks' }) },
};
