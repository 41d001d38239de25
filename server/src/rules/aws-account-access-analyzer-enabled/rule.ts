import { accountService } from '../shared/awsaccess';
import type { Rule } from '../types';

const service = accountService({
  types: ['aws_accessanalyzer_analyzer'],
  message: 'No IAM Access Analyzer (aws_accessanalyzer_analyzer) is defined in the workspace',
  hints: ['access-analyzer', 'accessanalyzer', 'iam-access-analyzer'],
  fixTitle: 'Add an account-level IAM Access Analyzer (no charge for external-access findings)',
  fixBlock: ['resource "aws_accessanalyzer_analyzer" "this" {', '  analyzer_name = "account"', '}'],
});

/**
 * The workspace that configures an AWS account defines an IAM Access Analyzer (`aws_accessanalyzer_analyzer`). Judged once per workspace: it fires, at one `provider "aws"` block without `alias` (the first root module's, in path order), only when no module of the workspace (root modules, local child modules, and the resources local module calls create) defines it, and stays silent when a module we cannot read (registry, git, a folder outside the workspace) has a source that suggests it may. Off by default: account-level services are often managed in another repository; enable the rule in the project policy (`enabledRules`).
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
    resourceTypes: { terraform: ['provider.aws', 'aws_accessanalyzer_analyzer'] },
    peers: { kics: ['IAM Access Analyzer Not Enabled'] },
    defaultEnabled: false,
  },
  check: { terraform: service.check },
  account: service.account,
};
