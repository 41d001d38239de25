import { asBool, asString, attr } from '../../model/access';
import type { Resource } from '../../model/types';
import { replaceValue } from '../fixkit';
import { result, type CheckResult, type Rule } from '../types';

/**
 * SQS encrypts new queues with SQS-owned keys (SSE-SQS) unless told otherwise, so only a queue
 * that turns SSE-SQS off without naming a KMS key is unencrypted. An absent setting is not a
 * finding: the AWS default applies.
 */
function check(resource: Resource, names: { sse: string; kms: string }): CheckResult {
  if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
  const kms = attr(resource.body, names.kms);
  if (kms && kms.value.kind !== 'null') {
    const key = asString(kms.value);
    // A reference to a managed key (`aws_kms_key.q.arn`, `!GetAtt Key.Arn`) is a key, even if its ARN is not known yet.
    if (key === undefined && kms.value.kind === 'unknown' && kms.value.refs?.length) return result.pass(resource, kms.range);
    if (key === undefined) return result.skip(resource, `${names.kms} is unknown`);
    if (key.trim() !== '') return result.pass(resource, kms.range);
  }
  const sse = attr(resource.body, names.sse);
  if (!sse || sse.value.kind === 'null') return result.pass(resource);
  const on = asBool(sse.value);
  if (on === undefined) return result.skip(resource, `${names.sse} is unknown`);
  if (on) return result.pass(resource, sse.range);
  return result.fail(resource, sse.range, {
    message: `${names.sse} is false and no ${names.kms} is set: messages are stored unencrypted at rest`,
    fixes: [{ title: 'Encrypt messages with SQS-managed keys (SSE-SQS)', safety: 'safe', edits: [replaceValue(resource.file, sse, 'true')] }],
  });
}

export const rule: Rule = {
  meta: {
    id: 'aws-sqs-queue-encrypted',
    title: 'SQS queue encrypts messages at rest',
    failMessage: 'SQS queue has server-side encryption switched off: messages are stored unencrypted at rest',
    rationale:
      'Messages often carry the same personal or business data as the systems that exchange them, and may wait in a queue for up to 14 days. SQS encrypts new queues with SQS-owned keys by default, so a queue is only unencrypted when its configuration turns that off without naming a KMS key instead; doing so removes protection that costs nothing and that auditors expect on every data store. Use a customer-managed KMS key where you need to control and log access to the key.',
    remediation:
      'Remove `sqs_managed_sse_enabled = false` (or set it to `true`), or set `kms_master_key_id` to a KMS key (customer-managed, or `alias/aws/sqs`). In CloudFormation remove `SqsManagedSseEnabled: false` or set `KmsMasterKeyId`.',
    severity: 'medium',
    themes: ['encryption-at-rest'],
    resourceTypes: { terraform: ['aws_sqs_queue'], cloudformation: ['AWS::SQS::Queue'] },
    peers: {
      checkov: ['CKV_AWS_27'],
      trivy: ['AVD-AWS-0096', 'aws-sqs-enable-queue-encryption'],
      kics: ['SQS With SSE Disabled'],
      guard: ['SQS_QUEUE_KMS_MASTER_KEY_ID_RULE'],
    },
  },
  check: {
    terraform: (resource) => check(resource, { sse: 'sqs_managed_sse_enabled', kms: 'kms_master_key_id' }),
    cloudformation: (resource) => check(resource, { sse: 'SqsManagedSseEnabled', kms: 'KmsMasterKeyId' }),
  },
};
