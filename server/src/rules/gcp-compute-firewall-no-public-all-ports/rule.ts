import { firewallCheck } from '../shared/gcp';
import type { Rule } from '../types';

/**
 * No ingress VPC firewall rule allows every port (protocol `all`, tcp/udp without `ports`, or a
 * 0/1-65535 range) from 0.0.0.0/0 or ::/0. Such a rule also covers SSH and RDP; it is reported once,
 * here.
 */
export const rule: Rule = {
  meta: {
    id: 'gcp-compute-firewall-no-public-all-ports',
    title: 'VPC firewall does not open all ports to the internet',
    failMessage: 'Firewall rule allows every port from the whole internet',
    rationale:
      'A firewall rule that admits all ports from any address turns every service on the targeted VMs into an internet-facing service: databases, admin consoles, debug endpoints and anything started later. Network segmentation only works when each opening is deliberate and limited to the ports and sources that need it.',
    remediation:
      'List only the protocols and `ports` the workload serves in each `allow` block of the `google_compute_firewall`, and limit `source_ranges` to the networks that need them (a load balancer\'s ranges, your offices, a VPN). Always set a source: a rule without one applies to 0.0.0.0/0.',
    severity: 'critical',
    themes: ['network-security-segmentation', 'public-exposure-data-leakage'],
    resourceTypes: { terraform: ['google_compute_firewall'] },
    peers: {
      trivy: ['AVD-GCP-0027', 'google-compute-no-public-ingress', 'AVD-GCP-0072'],
      kics: ['Google Compute Network Using Firewall Rule that Allows All Ports'],
    },
  },
  check: { terraform: (resource, ctx) => firewallCheck(resource, ctx, 'all-ports') },
};
