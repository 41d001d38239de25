import { SECURITY_GROUP_TYPES, securityGroupChecks } from '../shared/securityGroup';
import type { Rule } from '../types';

/**
 * No security group ingress opens SSH (tcp/22) to 0.0.0.0/0 or ::/0. Inline rules, separate rule
 * resources and CloudFormation ingress items are all read through the shared security-group helper;
 * permissions open on every port are left to aws-security-group-no-public-all-ports.
 */
export const rule: Rule = {
  meta: {
    id: 'aws-security-group-no-public-ssh',
    title: 'Security group does not expose SSH to the internet',
    failMessage: 'Security group opens SSH (port 22) to the whole internet',
    rationale:
      'An SSH port reachable from any address is found by internet-wide scanners within minutes and then faces constant password guessing, stolen-key reuse and exploits against the SSH daemon. Administrative access should come only from known networks (a VPN, a bastion, a corporate range) or, better, through a brokered channel such as Systems Manager Session Manager, so that network access to servers is granted deliberately and can be shown to an auditor.',
    remediation:
      'Replace `0.0.0.0/0` / `::/0` in the rule that covers port 22 with the CIDR ranges of your admin network, reference a bastion security group instead (`source_security_group_id` / `SourceSecurityGroupId`), or remove the rule and use SSM Session Manager.',
    severity: 'critical',
    themes: ['network-security-segmentation', 'public-exposure-data-leakage'],
    resourceTypes: SECURITY_GROUP_TYPES,
    peers: {
      checkov: ['CKV_AWS_24'],
      trivy: ['AVD-AWS-0107'],
      kics: ['Security Group With Unrestricted Access To SSH'],
      guard: ['INCOMING_SSH_DISABLED', 'RESTRICTED_INCOMING_TRAFFIC'],
    },
  },
  check: securityGroupChecks('ssh', { service: 'SSH (port 22)', port: 22, fixTitle: 'Restrict SSH to your admin network' }),
};
