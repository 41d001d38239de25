import { attr } from '../../model/access';
import { checkCloudFormationPolicy, checkTerraformPolicyAttribute } from '../shared/awsaccess';
import { result, type Rule } from '../types';

const TF_ATTRIBUTE: Record<string, string> = { aws_sqs_queue_policy: 'policy', aws_sqs_queue: 'policy' };
const CFN_PROPERTY: Record<string, string> = { 'AWS::SQS::QueuePolicy': 'PolicyDocument' };
const OPTIONS = { placeholder: 'allowed_principal_arns', what: 'Queue policy' };

/**
 * An `Allow` statement in an SQS queue policy (`aws_sqs_queue_policy`, the `policy` of `aws_sqs_queue`, `AWS::SQS::QueuePolicy`) with `Principal: "*"` or `{"AWS": "*"}` must have a condition that limits the callers (`aws:SourceArn`, `aws:SourceAccount`, `aws:PrincipalOrgID`, ...).
 */
export const rule: Rule = {
  meta: {
    id: 'aws-sqs-queue-policy-not-public',
    title: 'SQS queue policy does not allow any principal',
    failMessage: 'SQS queue policy allows access to any principal',
    rationale:
      'A queue policy that allows the principal * without a limiting condition lets anyone who knows the queue URL read, delete or inject messages, depending on the actions granted. Messages often carry customer data and drive downstream processing, so a public queue is both a data leak and a way to make the system act on forged input. Service integrations (SNS, S3 events, EventBridge) should be allowed by service principal and pinned with aws:SourceArn.',
    remediation:
      'Allow the sending service by its service principal (for example `sns.amazonaws.com`) with an `aws:SourceArn` condition naming the topic or bucket, or name the consuming account and role ARNs instead of `"*"`.',
    severity: 'high',
    themes: ['public-exposure-data-leakage', 'identity-access'],
    resourceTypes: { terraform: Object.keys(TF_ATTRIBUTE), cloudformation: Object.keys(CFN_PROPERTY) },
    peers: { checkov: ['CKV_AWS_168'], kics: ['SQS Policy With Public Access'], guard: ['SQS_QUEUEPOLICY_NO_WILDCARD_PRINCIPAL'] },
  },
  check: {
    terraform(resource, ctx) {
      const name = TF_ATTRIBUTE[resource.type];
      if (!attr(resource.body, name)) return result.skip(resource, `no ${name}`);
      return checkTerraformPolicyAttribute(resource, ctx, name, OPTIONS);
    },
    cloudformation: (resource) => checkCloudFormationPolicy(resource, CFN_PROPERTY[resource.type], OPTIONS),
  },
};
