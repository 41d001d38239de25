import { NSG_TYPES, nsgCheck } from '../shared/azurenet';
import type { Rule } from '../types';

/**
 * No inbound Allow rule of a network security group lets SSH (TCP 22) in from any source
 * (`*`, `Internet`, `Any`, `0.0.0.0/0`). Inline `security_rule` blocks and separate
 * `azurerm_network_security_rule` resources are read alike; rules open on every port are left to
 * azure-nsg-no-public-all-ports so that one open door is one finding.
 */
export const rule: Rule = {
  meta: {
    id: 'azure-nsg-no-public-ssh',
    title: 'NSG does not allow SSH from the internet',
    failMessage: 'Network security rule allows SSH (port 22) from any source',
    rationale:
      'A VM whose SSH port answers to every address on the internet is probed by automated scanners almost as soon as it gets a public IP, and then faces an endless stream of credential guessing and exploit attempts against the SSH daemon. Restricting the source to known administration networks, or removing public management access in favour of Azure Bastion or just-in-time access, turns server access into a deliberate, reviewable grant.',
    remediation:
      'In the inbound rule that covers port 22, replace the source `*` / `Internet` / `0.0.0.0/0` with the address ranges (or an application security group) of your admin network, or delete the rule and reach servers through Azure Bastion or Defender for Cloud just-in-time VM access.',
    severity: 'critical',
    themes: ['network-security-segmentation', 'public-exposure-data-leakage'],
    resourceTypes: NSG_TYPES,
    peers: {
      checkov: ['CKV_AZURE_10'],
      trivy: ['AVD-AZU-0050', 'azure-network-ssh-blocked-from-internet'],
      kics: ['SSH Is Exposed To The Internet'],
    },
  },
  check: { terraform: nsgCheck('ssh', { service: 'SSH', fixTitle: 'Restrict SSH to your admin network' }) },
};
