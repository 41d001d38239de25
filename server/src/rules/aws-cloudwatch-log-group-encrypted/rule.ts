import { attr } from '../../model/access';
import { keyReferenceState } from '../shared/keyReference';
import { addCloudFormationProperty, addTerraformAttribute, placeholderVariable, replaceValue, withCfnParameter } from '../fixkit';
import type { Attribute } from '../../model/types';
import { result, type CheckContext, type Rule } from '../types';

/**
 * True when the attribute's value is written in place (`false`, `"x"`), not resolved through a
 * variable, local or module input: those are fixed where they are defined, not at the use site.
 */
function writtenInPlace(ctx: CheckContext, file: string, a: Attribute): boolean {
  const r = a.value.range;
  const text = ctx.fileText(file).slice(r.start.offset, r.end.offset).trim();
  return /^(true|false|null|"[^"$%]*")$/.test(text);
}

const PLACEHOLDER = placeholderVariable('log_group_kms_key_arn');
const CFN_PARAMETER = 'LogGroupKmsKeyArn';

/**
 * A CloudWatch Logs log group is encrypted with a customer-managed KMS key (`kms_key_id`). Log data
 * is always encrypted at rest by CloudWatch Logs; this rule is about holding the key, hence low.
 */
export const rule: Rule = {
  meta: {
    id: 'aws-cloudwatch-log-group-encrypted',
    title: 'CloudWatch log group uses a customer-managed KMS key',
    failMessage: 'CloudWatch log group is not encrypted with a customer-managed KMS key',
    rationale:
      'CloudWatch Logs always encrypts log data at rest with keys it manages, so the gap is control, not confidentiality against the disk: anyone with logs:GetLogEvents can read the data and there is no separate key permission or key-usage trail. Logs often carry personal data, tokens and request payloads; a customer-managed key lets you restrict and audit who can decrypt them, and revoke access to the whole group by disabling the key.',
    remediation:
      'Create a KMS key whose key policy allows `logs.<region>.amazonaws.com` to use it (with an `kms:EncryptionContext:aws:logs:arn` condition for the log group), then set `kms_key_id` on the `aws_cloudwatch_log_group` (Terraform) or `KmsKeyId` on the `AWS::Logs::LogGroup` (CloudFormation).',
    severity: 'low',
    themes: ['encryption-at-rest', 'key-management', 'logging'],
    resourceTypes: { terraform: ['aws_cloudwatch_log_group'], cloudformation: ['AWS::Logs::LogGroup'] },
    peers: {
      checkov: ['CKV_AWS_158'],
      trivy: ['AVD-AWS-0017', 'aws-cloudwatch-log-group-customer-key'],
      kics: ['CloudWatch Log Group Without KMS'],
      guard: ['CLOUDWATCH_LOG_GROUP_ENCRYPTED'],
      cfnNag: ['W84'],
    },
  },
  check: {
    terraform(resource, ctx) {
      if (resource.kind !== 'resource') return result.skip(resource, 'data source');
      const key = attr(resource.body, 'kms_key_id');
      const title = `Encrypt with the KMS key in ${PLACEHOLDER} (declare it; the key policy must allow CloudWatch Logs)`;
      if (!key) {
        return result.fail(resource, resource.headerRange, {
          fixes: [{ title, safety: 'suggestion', edits: [addTerraformAttribute(ctx, resource, `kms_key_id = ${PLACEHOLDER}`)] }],
        });
      }
      const state = keyReferenceState(key.value, ctx);
      if (state === 'unknown') return result.skip(resource, 'kms_key_id is not known statically');
      if (state === 'set') return result.pass(resource, key.range);
      const fixes = writtenInPlace(ctx, resource.file, key) ? [{ title, safety: 'suggestion' as const, edits: [replaceValue(resource.file, key, PLACEHOLDER)] }] : [];
      return result.fail(resource, key.range, { fixes });
    },
    cloudformation(resource, ctx) {
      const key = attr(resource.body, 'KmsKeyId');
      if (!key) {
        const edits = withCfnParameter(ctx, resource, CFN_PARAMETER, { description: 'ARN of the KMS key that encrypts the log group (its key policy must allow CloudWatch Logs)' }, (ref) =>
          addCloudFormationProperty(ctx, resource, 'KmsKeyId', ref),
        );
        const title = `Encrypt with the KMS key in the ${CFN_PARAMETER} parameter (added; the key policy must allow CloudWatch Logs)`;
        return result.fail(resource, resource.headerRange, { fixes: edits ? [{ title, safety: 'suggestion', edits }] : [] });
      }
      const state = keyReferenceState(key.value, ctx);
      if (state === 'unknown') return result.skip(resource, 'KmsKeyId is not known statically');
      return state === 'set' ? result.pass(resource, key.range) : result.fail(resource, key.range);
    },
  },
};
