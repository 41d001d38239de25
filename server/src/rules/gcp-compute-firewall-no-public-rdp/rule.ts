import { firewallCheck } from '../shared/gcp';
import type { Rule } from '../types';

/**
 * No ingress VPC firewall rule allows RDP (tcp or udp 3389) from 0.0.0.0/0 or ::/0. A rule without
 * any source counts as open (the API default is 0.0.0.0/0); rules open on every port are left to
 * gcp-compute-firewall-no-public-all-ports.
 */
export const rule: Rule = {
  meta: {
    id: 'gcp-compute-firewall-no-public-rdp',
    title: 'VPC firewall does not expose RDP to the internet',
    failMessage: 'Firewall rule opens RDP (port 3389) to the whole internet',
    rationale:
      'Remote Desktop reachable from anywhere is one of the most common ways into Windows servers: it is brute-forced constantly and has had wormable vulnerabilities. Administrative access should come through Identity-Aware Proxy TCP forwarding or a VPN, so that reaching the port already requires an authenticated, logged identity rather than just an IP packet.',
    remediation:
      'In the `google_compute_firewall` that allows 3389, replace `0.0.0.0/0` in `source_ranges` with your admin ranges or with `35.235.240.0/20` (Identity-Aware Proxy TCP forwarding). Always set a source: a rule without `source_ranges`, `source_tags` or `source_service_accounts` applies to 0.0.0.0/0.',
    severity: 'critical',
    themes: ['network-security-segmentation', 'public-exposure-data-leakage'],
    resourceTypes: { terraform: ['google_compute_firewall'] },
    peers: {
      checkov: ['CKV_GCP_3'],
      trivy: ['AVD-GCP-0070'],
      kics: ['RDP Access Is Not Restricted'],
    },
  },
  check: { terraform: (resource, ctx) => firewallCheck(resource, ctx, 'rdp') },
};
