import { asString, attr } from '../../model/access';
import type { Resource } from '../../model/types';
import { addCloudFormationProperty, addTerraformAttribute, withCfnParameter } from '../fixkit';
import { result, type CheckContext, type CheckResult, type Fix, type Rule } from '../types';

const AWS_MANAGED = /^(alias\/aws\/secretsmanager|arn:aws[a-z-]*:kms:[^:]*:[^:]*:alias\/aws\/secretsmanager)$/;
const FIX_TITLE = 'Encrypt with a customer-managed KMS key (fill in var.secrets_kms_key_arn; consumers need kms:Decrypt on it)';

const CFN_PARAMETER = 'SecretsKmsKeyArn';

/** The CloudFormation fix: `KmsKeyId` from a new parameter (a written-but-empty value is set in place). */
function cfnFixes(resource: Resource, ctx: CheckContext, property: string): Fix[] {
  const edits = withCfnParameter(ctx, resource, CFN_PARAMETER, { description: 'ARN of the customer-managed KMS key that encrypts the secret' }, (ref) =>
    addCloudFormationProperty(ctx, resource, property, ref),
  );
  const title = `Encrypt with a customer-managed KMS key (fill in the ${CFN_PARAMETER} parameter; consumers need kms:Decrypt on it)`;
  return edits ? [{ title, safety: 'suggestion', edits }] : [];
}

function check(resource: Resource, ctx: CheckContext, property: string): CheckResult {
  if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
  const a = attr(resource.body, property);
  if (!a || a.value.kind === 'null' || (a.value.kind === 'string' && a.value.value === '')) {
    const fixes =
      resource.format === 'terraform'
        ? [{ title: FIX_TITLE, safety: 'suggestion' as const, edits: [addTerraformAttribute(ctx, resource, `${property} = var.secrets_kms_key_arn`)] }]
        : cfnFixes(resource, ctx, property);
    return result.fail(resource, a?.range ?? resource.headerRange, {
      message: `${property} is not set: the secret is encrypted with the AWS managed key aws/secretsmanager`,
      fixes,
    });
  }
  const key = asString(a.value);
  if (key === undefined) {
    // A reference to a key or alias managed in this module is customer-managed; anything else is unknown.
    const managedHere = (a.value.refs ?? []).some((r) => /^(aws_kms_key|aws_kms_alias|aws_kms_replica_key)\./.test(r) || ['AWS::KMS::Key', 'AWS::KMS::Alias'].includes(ctx.resolve(r)?.type ?? ''));
    return managedHere ? result.pass(resource, a.range) : result.skip(resource, `${property} is not known statically`);
  }
  if (AWS_MANAGED.test(key.trim())) return result.fail(resource, a.range, { message: `${property} names the AWS managed key aws/secretsmanager` });
  return result.pass(resource, a.range);
}

/**
 * Secrets Manager secrets are encrypted with a customer-managed KMS key rather than the AWS managed
 * `aws/secretsmanager` key used when `kms_key_id` / `KmsKeyId` is not set.
 */
export const rule: Rule = {
  meta: {
    id: 'aws-secretsmanager-secret-uses-cmk',
    title: 'Secrets Manager secret uses a customer-managed KMS key',
    failMessage: 'Secrets Manager secret is encrypted with the AWS managed key',
    rationale:
      'Every secret is encrypted, but with the AWS managed key anyone in the account allowed to call GetSecretValue can decrypt it: the key policy cannot be narrowed, the key cannot be disabled in an incident, and secrets cannot be shared with other accounts. A customer-managed key adds a second, independently controlled permission (kms:Decrypt under a key policy you write), separates duties between secret readers and key administrators, and gives a kill switch.',
    remediation:
      'Set `kms_key_id` on `aws_secretsmanager_secret` (or `KmsKeyId` on `AWS::SecretsManager::Secret`) to a customer-managed KMS key, and grant `kms:Decrypt` on it to the roles that read the secret. Secrets Manager re-encrypts the current version with the new key.',
    severity: 'low',
    themes: ['key-management'],
    resourceTypes: { terraform: ['aws_secretsmanager_secret'], cloudformation: ['AWS::SecretsManager::Secret'] },
    peers: {
      checkov: ['CKV_AWS_149'],
      trivy: ['AVD-AWS-0098'],
      kics: ['Secretsmanager Secret Without KMS', 'Secrets Manager Should Specify KmsKeyId'],
      guard: ['SECRETSMANAGER_USING_CMK'],
    },
  },
  check: {
    terraform: (resource, ctx) => check(resource, ctx, 'kms_key_id'),
    cloudformation: (resource, ctx) => check(resource, ctx, 'KmsKeyId'),
  },
};
