import { accountService } from '../shared/awsaccess';
import type { Rule } from '../types';

const service = accountService({
  types: ['aws_securityhub_account'],
  message: 'No Security Hub account (aws_securityhub_account) is enabled in the workspace',
  hints: ['securityhub', 'security-hub'],
  fixTitle: 'Enable Security Hub (its standards and findings are billed per check)',
  fixBlock: ['resource "aws_securityhub_account" "this" {}'],
});

/**
 * The workspace that configures an AWS account enables Security Hub (`aws_securityhub_account`). Judged once per workspace: it fires, at one `provider "aws"` block without `alias` (the first root module's, in path order), only when no module of the workspace (root modules, local child modules, and the resources local module calls create) defines it, and stays silent when a module we cannot read (registry, git, a folder outside the workspace) has a source that suggests it may. Off by default: account-level services are often managed in another repository; enable the rule in the project policy (`enabledRules`).
 */
export const rule: Rule = {
  meta: {
    id: 'aws-account-securityhub-enabled',
    title: 'Security Hub is enabled for the account',
    failMessage: 'Security Hub is not enabled',
    rationale:
      'Security Hub collects findings from GuardDuty, Inspector, Macie, IAM Access Analyzer and Config, and continuously checks the account against standards such as AWS Foundational Security Best Practices and CIS. Without it, those signals stay scattered across services and nobody sees the overall security posture or its drift over time, which is what control monitoring requirements ask for.',
    remediation:
      'Add `resource "aws_securityhub_account" "this" {}` and subscribe to a standard with `aws_securityhub_standards_subscription` (e.g. AWS Foundational Security Best Practices), or enable it organization-wide from the delegated administrator.',
    severity: 'low',
    themes: ['monitoring-alerting', 'vulnerability-patch-management'],
    resourceTypes: { terraform: ['provider.aws', 'aws_securityhub_account'] },
    peers: {},
    defaultEnabled: false,
  },
  check: { terraform: service.check },
  account: service.account,
};
