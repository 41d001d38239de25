import { SECURITY_GROUP_TYPES, securityGroupChecks } from '../shared/securityGroup';
import type { Rule } from '../types';

/**
 * No security group ingress opens RDP (port 3389, TCP or UDP) to 0.0.0.0/0 or ::/0. Permissions open
 * on every port are left to aws-security-group-no-public-all-ports.
 */
export const rule: Rule = {
  meta: {
    id: 'aws-security-group-no-public-rdp',
    title: 'Security group does not expose RDP to the internet',
    failMessage: 'Security group opens RDP (port 3389) to the whole internet',
    rationale:
      'Remote Desktop exposed to every address is one of the most common ways into Windows estates: it is scanned continuously, brute-forced with leaked credentials and has a history of pre-authentication vulnerabilities that ransomware operators exploit at scale. Restricting RDP to known administrative networks, or replacing it with a brokered channel such as Fleet Manager or a VPN, keeps remote administration an explicit, reviewable grant.',
    remediation:
      'Replace `0.0.0.0/0` / `::/0` in the rule that covers port 3389 with your admin network ranges, reference a bastion or VPN security group instead, or remove the rule and use a brokered access path (SSM Fleet Manager, VPN).',
    severity: 'critical',
    themes: ['network-security-segmentation', 'public-exposure-data-leakage'],
    resourceTypes: SECURITY_GROUP_TYPES,
    peers: {
      checkov: ['CKV_AWS_25'],
      trivy: ['AVD-AWS-0107'],
      kics: ['Security Group Unrestricted Access To RDP'],
      guard: ['RESTRICTED_INCOMING_TRAFFIC'],
    },
  },
  check: securityGroupChecks('rdp', { service: 'RDP (port 3389)', port: 3389, fixTitle: 'Restrict RDP to your admin network' }),
};
