import { firewallCheck } from '../shared/gcp';
import type { Rule } from '../types';

/**
 * No ingress VPC firewall rule allows SSH (tcp/22) from 0.0.0.0/0 or ::/0. A rule without any
 * source counts as open: the Compute API then applies it to 0.0.0.0/0. Rules open on every port are
 * left to gcp-compute-firewall-no-public-all-ports.
 */
export const rule: Rule = {
  meta: {
    id: 'gcp-compute-firewall-no-public-ssh',
    title: 'VPC firewall does not expose SSH to the internet',
    failMessage: 'Firewall rule opens SSH (tcp/22) to the whole internet',
    rationale:
      'A VM whose SSH port answers every address on the internet is found by scanners within minutes and then faces continuous credential stuffing, stolen-key reuse and attacks on the SSH daemon itself. On Google Cloud there is rarely a reason for it: Identity-Aware Proxy TCP forwarding gives SSH access that is tied to a Google identity and IAM, logged, and needs only Google\'s forwarding range to be allowed in the firewall.',
    remediation:
      'In the `google_compute_firewall` that allows tcp/22, replace `0.0.0.0/0` in `source_ranges` with your admin ranges or with `35.235.240.0/20` (Identity-Aware Proxy TCP forwarding) and connect with `gcloud compute ssh --tunnel-through-iap`. Always set `source_ranges`, `source_tags` or `source_service_accounts`: a rule without a source applies to 0.0.0.0/0.',
    severity: 'critical',
    themes: ['network-security-segmentation', 'public-exposure-data-leakage'],
    resourceTypes: { terraform: ['google_compute_firewall'] },
    peers: {
      checkov: ['CKV_GCP_2'],
      trivy: ['AVD-GCP-0071', 'google-compute-restrict-ssh-access'],
      kics: ['SSH Access Is Not Restricted'],
    },
  },
  check: { terraform: (resource, ctx) => firewallCheck(resource, ctx, 'ssh') },
};
