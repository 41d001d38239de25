import { asBool, asNumber, attr } from '../../model/access';
import { insertIntoTerraformBody, replaceValue } from '../fixkit';
import { result, type CheckResult, type Rule } from '../types';

interface Setting {
  name: string;
  /** Provider default when the attribute is not written, for the message. */
  defaultText: string;
  kind: 'min' | 'true';
  min?: number;
  line: string;
}

const SETTINGS: Setting[] = [
  { name: 'minimum_password_length', defaultText: 'defaults to 6', kind: 'min', min: 14, line: 'minimum_password_length = 14' },
  { name: 'password_reuse_prevention', defaultText: 'not set: old passwords can be reused', kind: 'min', min: 24, line: 'password_reuse_prevention = 24' },
  { name: 'require_symbols', defaultText: 'defaults to false', kind: 'true', line: 'require_symbols = true' },
  { name: 'require_numbers', defaultText: 'defaults to false', kind: 'true', line: 'require_numbers = true' },
  { name: 'require_uppercase_characters', defaultText: 'defaults to false', kind: 'true', line: 'require_uppercase_characters = true' },
  { name: 'require_lowercase_characters', defaultText: 'defaults to false', kind: 'true', line: 'require_lowercase_characters = true' },
];

const FIX_TITLE = 'Strengthen the password policy (applies at each user\'s next password change)';

/**
 * The account password policy demands long, varied, non-reused passwords for IAM users: length of
 * at least 14, reuse prevention of 24, and all four character classes. Each weak attribute is one
 * finding; attributes left at their (weak) provider defaults are reported together at the header.
 */
export const rule: Rule = {
  meta: {
    id: 'aws-iam-password-policy-strong',
    title: 'IAM account password policy is strong',
    failMessage: 'IAM account password policy is weak',
    rationale:
      'IAM users who sign in to the console with a password are only as safe as that password. Without a policy, AWS accepts six characters of any kind and lets people cycle back to an old password. Requiring at least 14 characters from all character classes and blocking reuse of the last 24 passwords raises the cost of guessing and credential-stuffing attacks and is the baseline that CIS and most audit frameworks check.',
    remediation:
      'On `aws_iam_account_password_policy` set `minimum_password_length = 14` (or more), `password_reuse_prevention = 24`, and `require_symbols`, `require_numbers`, `require_uppercase_characters`, `require_lowercase_characters` to `true`.',
    severity: 'medium',
    themes: ['identity-access'],
    resourceTypes: { terraform: ['aws_iam_account_password_policy'] },
    peers: {
      checkov: ['CKV_AWS_9', 'CKV_AWS_10', 'CKV_AWS_11', 'CKV_AWS_12', 'CKV_AWS_13', 'CKV_AWS_14', 'CKV_AWS_15'],
      trivy: ['AVD-AWS-0056', 'AVD-AWS-0058', 'AVD-AWS-0059', 'AVD-AWS-0060', 'AVD-AWS-0061', 'AVD-AWS-0063'],
      kics: ['IAM Password Without Minimum Length', 'Password Without Reuse Prevention'],
    },
  },
  check: {
    terraform(resource, ctx) {
      if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
      const failures: CheckResult[] = [];
      const missing: Setting[] = [];
      let unknown = false;
      for (const s of SETTINGS) {
        const a = attr(resource.body, s.name);
        if (!a || a.value.kind === 'null') {
          missing.push(s);
          continue;
        }
        if (s.kind === 'min') {
          const n = asNumber(a.value);
          if (n === undefined) unknown = true;
          else if (n < s.min!) {
            failures.push(
              result.fail(resource, a.range, {
                message: `${s.name} is ${n}; at least ${s.min} is required`,
                fixes: [{ title: FIX_TITLE, safety: 'suggestion', edits: [replaceValue(resource.file, a, String(s.min))] }],
              }),
            );
          }
        } else {
          const b = asBool(a.value);
          if (b === undefined) unknown = true;
          else if (!b) {
            failures.push(
              result.fail(resource, a.range, {
                message: `${s.name} is false`,
                fixes: [{ title: FIX_TITLE, safety: 'suggestion', edits: [replaceValue(resource.file, a, 'true')] }],
              }),
            );
          }
        }
      }
      if (missing.length) {
        failures.unshift(
          result.fail(resource, resource.headerRange, {
            message: `Password policy leaves ${missing.map((s) => `${s.name} (${s.defaultText})`).join(', ')}`,
            fixes: [
              {
                title: FIX_TITLE,
                safety: 'suggestion',
                edits: [insertIntoTerraformBody(ctx, resource.file, resource.body, resource.headerRange.start.offset, missing.map((s) => s.line))],
              },
            ],
          }),
        );
      }
      if (failures.length) return failures;
      if (unknown) return result.skip(resource, 'some settings are not known');
      return result.pass(resource);
    },
  },
};
