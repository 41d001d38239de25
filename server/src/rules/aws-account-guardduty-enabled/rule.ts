import { accountService, boolOff } from '../shared/awsaccess';
import type { Rule } from '../types';

const service = accountService({
  types: ['aws_guardduty_detector'],
  dataSources: ['aws_guardduty_detector'],
  disabled: (r) => boolOff(r, 'enable'),
  message: 'No GuardDuty detector (aws_guardduty_detector) is defined in the workspace',
  hints: ['guardduty', 'guard-duty', 'threat-detection'],
  fixTitle: 'Add a GuardDuty detector (findings are billed per analysed event volume)',
  fixBlock: ['resource "aws_guardduty_detector" "this" {', '  enable = true', '}'],
});

/**
 * The workspace that configures an AWS account enables GuardDuty (an `aws_guardduty_detector`); a detector with `enable = false` is reported at that attribute. Judged once per workspace: it fires, at one `provider "aws"` block without `alias` (the first root module's, in path order), only when no module of the workspace (root modules, local child modules, and the resources local module calls create) defines it, and stays silent when a module we cannot read (registry, git, a folder outside the workspace) has a source that suggests it may. Off by default: account-level services are often managed in another repository; enable the rule in the project policy (`enabledRules`).
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
    resourceTypes: { terraform: ['provider.aws', 'aws_guardduty_detector'] },
    peers: { checkov: ['CKV2_AWS_3'], kics: ['GuardDuty Detector Disabled'] },
    defaultEnabled: false,
  },
  check: { terraform: service.check },
  account: service.account,
};
