import { accountServiceCheck } from '../shared/awsaccess';
import type { Rule } from '../types';

/**
 * The module that configures an AWS account sets the IAM account password policy (`aws_iam_account_password_policy`). Off by default: account-level services are often managed in a separate security or landing-zone module; enable the rule in the project policy (`enabledRules`) for the module that owns the account baseline. Reported once per module at the `provider "aws"` block without `alias`, and silent when the module calls other modules (they may define it).
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
    resourceTypes: { terraform: ['provider.aws'] },
    peers: { kics: ['Missing Password Policy For IAM Users'] },
    defaultEnabled: false,
  },
  check: {
    terraform: accountServiceCheck({
      types: ['aws_iam_account_password_policy'],
      dataSources: [],
      missing: 'no aws_iam_account_password_policy',
      fixTitle: 'Add a strong IAM account password policy (applies at the next password change of each user)',
      fixBlock: ['resource "aws_iam_account_password_policy" "this" {', '  minimum_password_length      = 14', '  password_reuse_prevention    = 24', '  require_symbols              = true', '  require_numbers              = true', '  require_uppercase_characters = true', '  require_lowercase_characters = true', '}'],
    }),
  },
};
