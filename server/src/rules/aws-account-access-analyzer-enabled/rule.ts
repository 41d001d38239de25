import { accountServiceCheck } from '../shared/awsaccess';
import type { Rule } from '../types';

/**
 * The module that configures an AWS account defines an IAM Access Analyzer (`aws_accessanalyzer_analyzer`). Off by default: account-level services are often managed in a separate security or landing-zone module; enable the rule in the project policy (`enabledRules`) for the module that owns the account baseline. Reported once per module at the `provider "aws"` block without `alias`, and silent when the module calls other modules (they may define it).
 */
export const rule: Rule = {
  meta: {
    id: 'aws-account-access-analyzer-enabled',
    title: 'IAM Access Analyzer is enabled',
    failMessage: 'No IAM Access Analyzer is defined',
    rationale:
      'IAM Access Analyzer continuously reads resource policies (S3, KMS, IAM roles, Lambda, SQS, Secrets Manager...) and reports every resource shared outside the account or organization. It catches public or cross-account exposure that slips past code review, including changes made outside infrastructure-as-code, and its external-access analysis costs nothing.',
    remediation:
      'Add `resource "aws_accessanalyzer_analyzer" "this" { analyzer_name = "account" }` in each region you use (or `type = "ORGANIZATION"` from the delegated administrator account) and review its findings.',
    severity: 'low',
    themes: ['identity-access', 'public-exposure-data-leakage'],
    resourceTypes: { terraform: ['provider.aws'] },
    peers: { kics: ['IAM Access Analyzer Not Enabled'] },
    defaultEnabled: false,
  },
  check: {
    terraform: accountServiceCheck({
      types: ['aws_accessanalyzer_analyzer'],
      dataSources: [],
      missing: 'no aws_accessanalyzer_analyzer',
      fixTitle: 'Add an account-level IAM Access Analyzer (no charge for external-access findings)',
      fixBlock: ['resource "aws_accessanalyzer_analyzer" "this" {', '  analyzer_name = "account"', '}'],
    }),
  },
};
