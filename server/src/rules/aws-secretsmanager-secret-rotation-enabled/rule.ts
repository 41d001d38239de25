import { attr, blocks } from '../../model/access';
import type { Resource } from '../../model/types';
import { allRefs, isSet } from '../shared/awsdata';
import { result, type CheckContext, type CheckResult, type Rule } from '../types';

/**
 * Rotation resources of `type` that point at `secret` through `attribute`. A rotation whose target
 * is not a reference to a resource of this module (a variable, a literal name or ARN) may be this
 * secret's, so it makes the answer unknown.
 */
function rotations(secret: Resource, ctx: CheckContext, type: string, attribute: string, secretType: string): { linked: boolean; unresolved: boolean } {
  let unresolved = false;
  for (const r of ctx.moduleResources) {
    if (r.kind !== 'resource' || r.type !== type) continue;
    const a = attr(r.body, attribute);
    if (!a) continue;
    const refs = allRefs(a.value);
    if (refs.has(secret.address)) return { linked: true, unresolved: false };
    const pointsAtSecret = [...refs].some((ref) => ctx.resolve(ref)?.type === secretType);
    if (!pointsAtSecret) unresolved = true;
  }
  return { linked: false, unresolved };
}

function terraform(resource: Resource, ctx: CheckContext): CheckResult {
  if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
  // Provider v3/v4 accepted rotation inline on the secret.
  if (isSet(resource.body, 'rotation_lambda_arn') || blocks(resource.body, 'rotation_rules').length) return result.pass(resource);
  const { linked, unresolved } = rotations(resource, ctx, 'aws_secretsmanager_secret_rotation', 'secret_id', 'aws_secretsmanager_secret');
  if (linked) return result.pass(resource);
  if (unresolved) return result.skip(resource, 'an aws_secretsmanager_secret_rotation whose secret cannot be determined may apply');
  return result.fail(resource, resource.headerRange);
}

function cloudformation(resource: Resource, ctx: CheckContext): CheckResult {
  const { linked, unresolved } = rotations(resource, ctx, 'AWS::SecretsManager::RotationSchedule', 'SecretId', 'AWS::SecretsManager::Secret');
  if (linked) return result.pass(resource);
  if (unresolved) return result.skip(resource, 'a RotationSchedule whose secret cannot be determined may apply');
  return result.fail(resource, resource.headerRange);
}

/**
 * Every Secrets Manager secret has a rotation schedule: an `aws_secretsmanager_secret_rotation` /
 * `AWS::SecretsManager::RotationSchedule` that references it (or, on old providers, inline
 * rotation settings). Rotation resources whose target cannot be resolved silence the rule.
 */
export const rule: Rule = {
  meta: {
    id: 'aws-secretsmanager-secret-rotation-enabled',
    title: 'Secrets Manager secret rotates automatically',
    failMessage: 'Secrets Manager secret has no rotation schedule',
    rationale:
      'A credential that never changes stays valid for as long as it exists in a leaked log, a developer laptop, an old container image or the memory of a former employee. Automatic rotation bounds that window to the rotation period and proves, each time it runs, that every consumer reads the secret from Secrets Manager rather than from a copy. Auditors ask for rotation evidence for database and service credentials.',
    remediation:
      'Add an `aws_secretsmanager_secret_rotation` with `secret_id` referencing the secret and a `rotation_rules { automatically_after_days = 30 }` (with `rotation_lambda_arn`, or managed rotation for RDS/Redshift/DocumentDB credentials), or an `AWS::SecretsManager::RotationSchedule` whose `SecretId` references the secret. Secrets that cannot be rotated by AWS, such as third-party API keys, are candidates for a suppression with the manual rotation procedure as reason.',
    severity: 'medium',
    themes: ['key-management', 'identity-access'],
    resourceTypes: { terraform: ['aws_secretsmanager_secret'], cloudformation: ['AWS::SecretsManager::Secret'] },
    peers: {
      checkov: ['CKV2_AWS_57'],
      guard: ['SECRETSMANAGER_ROTATION_ENABLED_CHECK'],
    },
  },
  check: {
    terraform,
    cloudformation,
  },
};
