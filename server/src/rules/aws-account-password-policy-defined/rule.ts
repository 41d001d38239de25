import { accountService } from '../shared/awsaccess';
import type { Rule } from '../types';

const service = accountService({
  types: ['aws_iam_account_password_policy'],
  message: 'No IAM account password policy (aws_iam_account_password_policy) is defined in the workspace',
  hints: ['password', 'password-policy', 'iam-account', 'iam-password'],
  fixTitle: 'Add a strong IAM account password policy (applies at the next password change of each user)',
  fixBlock: ['resource "aws_iam_account_password_policy" "this" {', '  minimum_password_length      = 14', '  password_reuse_prevention    = 24', '  require_symbols              = true', '  require_numbers              = true', '  require_uppercase_characters = true', '  require_lowercase_characters = true', '}'],
});

/**
 * The workspace that configures an AWS account sets the IAM account password policy (`aws_iam_account_password_policy`). Judged once per workspace: it fires, at one `provider "aws"` block without `alias` (the first root module's, in path order), only when no module of the workspace (root modules, local child modules, and the resources local module calls create) defines it, and stays silent when a module we cannot read (registry, git, a folder outside the workspace) has a source that suggests it may. Off by default: account-level services are often managed in another repository; enable the rule in the project policy (`enabledRules`).
 */
export const rule: Rule = {
  meta: {
    id: 'aws-account-password-policy-defined',
    title: 'IAM account password policy is defined',
    failMessage: 'No IAM account password policy is defined',
    rationale:
      'Without an account password policy, IAM users may choose six-character passwords of any kind and reuse them indefinitely. Even where people sign in through federation, break-glass and legacy IAM users remain; an explicit, strong password policy is the baseline control for them and is checked by CIS and most audit frameworks.',
    remediation:
      'Add an `aws_iam_account_password_policy` with `minimum_password_length = 14`, `password_reuse_prevention = 24` and all four `require_*` settings true (aws-iam-password-policy-strong checks the values).',
    severity: 'medium',
    themes: ['identity-access'],
    resourceTypes: { terraform: ['provider.aws', 'aws_iam_account_password_policy'] },
    peers: { kics: ['Missing Password Policy For IAM Users'] },
    defaultEnabled: false,
  },
  check: { terraform: service.check },
  account: service.account,
};
