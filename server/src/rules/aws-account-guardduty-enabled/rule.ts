import { accountServiceCheck, boolOff } from '../shared/awsaccess';
import type { Rule } from '../types';

/**
 * The module that configures an AWS account enables GuardDuty (an `aws_guardduty_detector` whose `enable` is not false). Off by default: account-level services are often managed in a separate security or landing-zone module; enable the rule in the project policy (`enabledRules`) for the module that owns the account baseline. Reported once per module at the `provider "aws"` block without `alias`, and silent when the module calls other modules (they may define it).
 */
export const rule: Rule = {
  meta: {
    id: 'aws-account-guardduty-enabled',
    title: 'GuardDuty is enabled for the account',
    failMessage: 'No enabled GuardDuty detector is defined',
    rationale:
      'GuardDuty watches CloudTrail, VPC flow logs and DNS queries for signs of compromise: credential misuse, crypto-mining, calls from known malicious addresses, data exfiltration. Without it, an intrusion is usually noticed only when the bill or the customer complains. Enabling it is the cheapest way to get continuous threat detection, and auditors expect evidence of monitoring for malicious activity.',
    remediation:
      'Add `resource "aws_guardduty_detector" "this" { enable = true }` in every region you use (or enable it organization-wide with `aws_guardduty_organization_configuration` from the delegated administrator account), and route findings to your alerting.',
    severity: 'medium',
    themes: ['monitoring-alerting', 'incident-response'],
    resourceTypes: { terraform: ['provider.aws'] },
    peers: { checkov: ['CKV2_AWS_3'], kics: ['GuardDuty Detector Disabled'] },
    defaultEnabled: false,
  },
  check: {
    terraform: accountServiceCheck({
      types: ['aws_guardduty_detector'],
      dataSources: ['aws_guardduty_detector'],
      disabled: (r) => boolOff(r, 'enable', 'enable'),
      missing: 'no enabled aws_guardduty_detector',
      fixTitle: 'Add a GuardDuty detector (findings are billed per analysed event volume)',
      fixBlock: ['resource "aws_guardduty_detector" "this" {', '  enable = true', '}'],
    }),
  },
};
