import { asString, attr } from '../../model/access';
import type { Resource } from '../../model/types';
import { addCloudFormationProperty, addTerraformAttribute, replaceValue } from '../fixkit';
import { result, type CheckContext, type CheckResult, type Fix, type Rule } from '../types';

const FIX_TITLE = 'Encrypt with the AWS-managed key alias/aws/sns (AWS services that publish to the topic need a customer-managed key instead)';

function check(resource: Resource, ctx: CheckContext, property: string): CheckResult {
  if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
  const tf = resource.format === 'terraform';
  const kms = attr(resource.body, property);
  const fix = (edit: Fix['edits'][number] | undefined): Fix[] => (edit ? [{ title: FIX_TITLE, safety: 'suggestion', edits: [edit] }] : []);
  if (!kms) {
    return result.fail(resource, resource.headerRange, {
      fixes: fix(tf ? addTerraformAttribute(ctx, resource, `${property} = "alias/aws/sns"`) : addCloudFormationProperty(ctx, resource, property, 'alias/aws/sns')),
    });
  }
  if (kms.value.kind !== 'null') {
    const key = asString(kms.value);
    // A reference to a managed key (`aws_kms_key.t.id`, `!GetAtt Key.Arn`) is a key, even if its ID is not known yet.
    if (key === undefined && kms.value.kind === 'unknown' && kms.value.refs?.length) return result.pass(resource, kms.range);
    if (key === undefined) return result.skip(resource, `${property} is unknown`);
    if (key.trim() !== '') return result.pass(resource, kms.range);
  }
  const quoted = tf || resource.file.toLowerCase().endsWith('.json');
  return result.fail(resource, kms.range, {
    message: `${property} is empty: messages are stored unencrypted at rest`,
    fixes: fix(replaceValue(resource.file, kms, quoted ? '"alias/aws/sns"' : 'alias/aws/sns')),
  });
}

/**
 * SNS topics encrypt stored messages only when given a KMS key: unlike SQS, SNS has no
 * encryption by default.
 */
export const rule: Rule = {
  meta: {
    id: 'aws-sns-topic-encrypted',
    title: 'SNS topic encrypts messages at rest',
    failMessage: 'SNS topic has no KMS key: messages are stored unencrypted at rest',
    rationale:
      'SNS stores each published message until it has been delivered to every subscription, and retries for hours or days when an endpoint is down, so message content (often notifications carrying customer or operational data) sits on AWS storage. Unlike SQS, SNS does not encrypt topics by default: only a topic with a KMS key has server-side encryption. Using a customer-managed key additionally lets you control and log who may publish encrypted messages.',
    remediation:
      'Set `kms_master_key_id` on the `aws_sns_topic` (or `KmsMasterKeyId` on the `AWS::SNS::Topic`) to a customer-managed KMS key, or to `alias/aws/sns`. If AWS services such as CloudWatch alarms, EventBridge or S3 event notifications publish to the topic, use a customer-managed key whose policy allows those service principals `kms:GenerateDataKey*` and `kms:Decrypt`.',
    severity: 'medium',
    themes: ['encryption-at-rest'],
    resourceTypes: { terraform: ['aws_sns_topic'], cloudformation: ['AWS::SNS::Topic'] },
    peers: {
      checkov: ['CKV_AWS_26'],
      trivy: ['AVD-AWS-0095', 'aws-sns-enable-topic-encryption'],
      kics: ['SNS Topic Not Encrypted', 'SNS Topic Without KmsMasterKeyId'],
      guard: ['SNS_ENCRYPTED_KMS'],
    },
  },
  check: {
    terraform: (resource, ctx) => check(resource, ctx, 'kms_master_key_id'),
    cloudformation: (resource, ctx) => check(resource, ctx, 'KmsMasterKeyId'),
  },
};
