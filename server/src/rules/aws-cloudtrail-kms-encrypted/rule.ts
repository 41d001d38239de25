import { attr } from '../../model/access';
import { addCloudFormationProperty, addTerraformAttribute, placeholderVariable, replaceValue, withCfnParameter } from '../fixkit';
import type { Attribute } from '../../model/types';
import { result, type CheckContext, type Rule } from '../types';
import { keyReferenceState } from '../shared/keyReference';

/**
 * True when the attribute's value is written in place (`false`, `"x"`), not resolved through a
 * variable, local or module input: those are fixed where they are defined, not at the use site.
 */
function writtenInPlace(ctx: CheckContext, file: string, a: Attribute): boolean {
  const r = a.value.range;
  const text = ctx.fileText(file).slice(r.start.offset, r.end.offset).trim();
  return /^(true|false|null|"[^"$%]*")$/.test(text);
}

const PLACEHOLDER = placeholderVariable('cloudtrail_kms_key_arn');
const CFN_PARAMETER = 'CloudTrailKmsKeyArn';

/**
 * A CloudTrail trail encrypts its log files with a customer-managed KMS key (`kms_key_id`). Without
 * one, S3 server-side encryption with S3-managed keys still applies; the point is a key whose use
 * is controlled by key policy and logged.
 */
export const rule: Rule = {
  meta: {
    id: 'aws-cloudtrail-kms-encrypted',
    title: 'CloudTrail trail encrypts logs with a KMS key',
    failMessage: 'CloudTrail log files are not encrypted with a customer-managed KMS key',
    rationale:
      'CloudTrail logs describe everything that happens in the account and are a prime target for an intruder covering tracks or mapping the estate. By default they are protected only by S3-managed encryption, so anyone who can read the bucket can read the logs. Encrypting them with a customer-managed KMS key adds a second, separately administered permission (kms:Decrypt) and records every decryption, so access to audit evidence is itself controlled and auditable.',
    remediation:
      'Create a KMS key whose key policy allows `cloudtrail.amazonaws.com` to use it (GenerateDataKey*, DescribeKey) and your log readers to decrypt, then set `kms_key_id` to its ARN on the `aws_cloudtrail` (Terraform) or `KMSKeyId` on the `AWS::CloudTrail::Trail` (CloudFormation).',
    severity: 'medium',
    themes: ['encryption-at-rest', 'key-management', 'logging'],
    resourceTypes: { terraform: ['aws_cloudtrail'], cloudformation: ['AWS::CloudTrail::Trail'] },
    peers: {
      checkov: ['CKV_AWS_35'],
      trivy: ['AVD-AWS-0015', 'aws-cloudtrail-encryption-customer-key'],
      kics: ['CloudTrail Log Files Not Encrypted With KMS'],
      guard: ['CLOUD_TRAIL_ENCRYPTION_ENABLED'],
    },
  },
  check: {
    terraform(resource, ctx) {
      if (resource.kind !== 'resource') return result.skip(resource, 'data source');
      const key = attr(resource.body, 'kms_key_id');
      const title = `Encrypt with the KMS key in ${PLACEHOLDER} (declare it; the key policy must allow CloudTrail)`;
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
      const key = attr(resource.body, 'KMSKeyId');
      if (!key) {
        const edits = withCfnParameter(ctx, resource, CFN_PARAMETER, { description: 'ARN of the KMS key that encrypts the trail logs (its key policy must allow CloudTrail)' }, (ref) =>
          addCloudFormationProperty(ctx, resource, 'KMSKeyId', ref),
        );
        const title = `Encrypt with the KMS key in the ${CFN_PARAMETER} parameter (added; the key policy must allow CloudTrail)`;
        return result.fail(resource, resource.headerRange, { fixes: edits ? [{ title, safety: 'suggestion', edits }] : [] });
      }
      const state = keyReferenceState(key.value, ctx);
      if (state === 'unknown') return result.skip(resource, 'KMSKeyId is not known statically');
      return state === 'set' ? result.pass(resource, key.range) : result.fail(resource, key.range);
    },
  },
};
