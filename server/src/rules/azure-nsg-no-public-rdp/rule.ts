import { NSG_TYPES, nsgCheck } from '../shared/azurenet';
import type { Rule } from '../types';

/**
 * No inbound Allow rule of a network security group lets RDP (TCP or UDP 3389) in from any
 * source. Rules open on every port are left to azure-nsg-no-public-all-ports.
 */
export const rule: Rule = {
  meta: {
    id: 'azure-nsg-no-public-rdp',
    title: 'NSG does not allow RDP from the internet',
    failMessage: 'Network security rule allows RDP (port 3389) from any source',
    rationale:
      'Remote Desktop exposed to the whole internet is one of the most common ways into Windows estates: it attracts password spraying around the clock and has a history of pre-authentication vulnerabilities that were exploited at scale. Allowing RDP only from known administration networks, or only through Azure Bastion or just-in-time access, keeps that door closed to everyone who has no reason to use it.',
    remediation:
      'In the inbound rule that covers port 3389, replace the source `*` / `Internet` / `0.0.0.0/0` with the address ranges (or an application security group) of your admin network, or delete the rule and use Azure Bastion or just-in-time VM access.',
    severity: 'critical',
    themes: ['network-security-segmentation', 'public-exposure-data-leakage'],
    resourceTypes: NSG_TYPES,
    peers: {
      checkov: ['CKV_AZURE_9'],
      trivy: ['AVD-AZU-0048', 'azure-network-disable-rdp-from-internet'],
      kics: ['RDP Is Exposed To The Internet'],
    },
  },
  check: { terraform: nsgCheck('rdp', { service: 'RDP', fixTitle: 'Restrict RDP to your admin network' }) },
};
