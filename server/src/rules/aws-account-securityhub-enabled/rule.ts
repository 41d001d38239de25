import { accountServiceCheck } from '../shared/awsaccess';
import type { Rule } from '../types';

/**
 * The module that configures an AWS account enables Security Hub (`aws_securityhub_account`). Off by default: account-level services are often managed in a separate security or landing-zone module; enable the rule in the project policy (`enabledRules`) for the module that owns the account baseline. Reported once per module at the `provider "aws"` block without `alias`, and silent when the module calls other modules (they may define it).
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
    resourceTypes: { terraform: ['provider.aws'] },
    peers: {},
    defaultEnabled: false,
  },
  check: {
    terraform: accountServiceCheck({
      types: ['aws_securityhub_account'],
      dataSources: [],
      missing: 'no aws_securityhub_account',
      fixTitle: 'Enable Security Hub (its standards and findings are billed per check)',
      fixBlock: ['resource "aws_securityhub_account" "this" {}'],
    }),
  },
};
