import { asString, attr } from '../../model/access';
import { deleteLines, looksLikeAccessKeyId, looksLikeSecretAccessKey } from '../shared/awsaccess';
import { result, type CheckResult, type Rule } from '../types';

/**
 * `provider "aws"` does not carry an access key, secret key or session token in the code. Only
 * values shaped like real AWS credentials are reported: local-endpoint setups (LocalStack, moto)
 * use dummy strings such as `"test"` on purpose. The message names the attribute, never the value.
 */
export const rule: Rule = {
  meta: {
    id: 'aws-provider-no-hardcoded-credentials',
    title: 'AWS provider has no hard-coded credentials',
    failMessage: 'AWS provider block contains a hard-coded credential',
    rationale:
      'Credentials written into Terraform code end up in version control, in every clone, in CI logs and in code review tools, and they are rarely rotated once they leak; automated scanners harvest keys from public and leaked repositories within minutes. The provider can take credentials from the environment, a shared profile, an assumed role or workload identity (OIDC in CI), none of which puts a secret in the code.',
    remediation:
      'Remove `access_key`, `secret_key` and `token` from the `provider "aws"` block; use environment variables, `profile`, `assume_role` or OIDC federation in CI instead. Deactivate and rotate a key that has been committed: removing it from the code does not remove it from history.',
    severity: 'critical',
    themes: ['secure-development', 'identity-access'],
    resourceTypes: { terraform: ['provider.aws'] },
    peers: {
      checkov: ['CKV_AWS_41'],
      kics: ['Hardcoded AWS Access Key'],
    },
  },
  check: {
    terraform(resource, ctx) {
      if (resource.kind !== 'provider') return result.skip(resource, 'not a provider block');
      const failures: CheckResult[] = [];
      let checked = false;
      for (const [name, looksReal] of [
        ['access_key', looksLikeAccessKeyId],
        ['secret_key', looksLikeSecretAccessKey],
        ['token', (s: string) => s.trim().length >= 100],
      ] as const) {
        const a = attr(resource.body, name);
        if (!a) continue;
        checked = true;
        const v = asString(a.value);
        if (v === undefined || !looksReal(v)) continue;
        failures.push(
          result.fail(resource, a.range, {
            message: `AWS provider has a hard-coded ${name}`,
            fixes: [{ title: `Remove ${name} from the provider (take credentials from the environment, a profile or a role; rotate the leaked key)`, safety: 'suggestion', edits: [deleteLines(ctx, resource.file, a.range)] }],
          }),
        );
      }
      if (failures.length) return failures;
      return checked ? result.skip(resource, 'credentials are not known or not shaped like AWS keys') : result.pass(resource);
    },
  },
};
