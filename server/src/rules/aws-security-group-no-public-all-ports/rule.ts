import { SECURITY_GROUP_TYPES, securityGroupChecks } from '../shared/securityGroup';
import type { Rule } from '../types';

/**
 * No security group ingress opens every port (protocol -1/all, or a full 0/1–65535 TCP or UDP range)
 * to 0.0.0.0/0 or ::/0. Such a permission also reaches SSH and RDP; this rule is the one that
 * reports it.
 */
export const rule: Rule = {
  meta: {
    id: 'aws-security-group-no-public-all-ports',
    title: 'Security group does not open all ports to the internet',
    failMessage: 'Security group allows traffic on every port from the whole internet',
    rationale:
      'A security group that accepts every protocol or every port from any address removes the network layer as a control altogether: every service on the attached instances, including administration ports, databases and debug endpoints nobody meant to publish, becomes reachable by anyone. Segmentation evidence depends on ingress being limited to the ports a workload actually serves, from the sources that need them.',
    remediation:
      'Replace the all-traffic rule with rules for the specific ports the workload serves (for example 443), and limit their sources to the networks or security groups that need them.',
    severity: 'critical',
    themes: ['network-security-segmentation', 'public-exposure-data-leakage'],
    resourceTypes: SECURITY_GROUP_TYPES,
    peers: {
      checkov: ['CKV_AWS_277'],
      trivy: ['AVD-AWS-0107'],
      kics: ['Unrestricted Security Group Ingress'],
      guard: ['EC2_SECURITY_GROUP_INGRESS_OPEN_TO_WORLD_RULE', 'SECURITY_GROUP_INGRESS_ALL_PROTOCOLS_RULE'],
    },
  },
  check: securityGroupChecks('all-ports', { service: 'every port', fixTitle: 'Restrict ingress to your own networks' }),
};
