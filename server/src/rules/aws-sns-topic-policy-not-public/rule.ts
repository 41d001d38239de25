import { attr } from '../../model/access';
import { checkCloudFormationPolicy, checkTerraformPolicyAttribute } from '../shared/awsaccess';
import { result, type Rule } from '../types';

const TF_ATTRIBUTE: Record<string, string> = { aws_sns_topic_policy: 'policy', aws_sns_topic: 'policy' };
const CFN_PROPERTY: Record<string, string> = { 'AWS::SNS::TopicPolicy': 'PolicyDocument', 'AWS::SNS::TopicInlinePolicy': 'PolicyDocument' };
const OPTIONS = { placeholder: 'allowed_principal_arns', what: 'Topic policy' };

/**
 * An `Allow` statement in an SNS topic policy (`aws_sns_topic_policy`, the `policy` of `aws_sns_topic`, `AWS::SNS::TopicPolicy`, `AWS::SNS::TopicInlinePolicy`) with `Principal: "*"` or `{"AWS": "*"}` must have a condition that limits the callers (`AWS:SourceOwner`, `aws:SourceArn`, `aws:SourceAccount`, `aws:PrincipalOrgID`, ...).
 */
export const rule: Rule = {
  meta: {
    id: 'aws-sns-topic-policy-not-public',
    title: 'SNS topic policy does not allow any principal',
    failMessage: 'SNS topic policy allows access to any principal',
    rationale:
      'A topic policy that allows the principal * without a limiting condition lets anyone publish to the topic or subscribe to it, so outsiders can receive every notification (often carrying customer or operational data) or push forged messages to all subscribers. The default topic policy AWS creates uses * only together with an AWS:SourceOwner condition for exactly this reason.',
    remediation:
      'Keep the condition of the default topic policy (`AWS:SourceOwner` = your account id), allow publishing services by service principal with `aws:SourceArn`, or name the subscriber accounts and roles instead of `"*"`.',
    severity: 'high',
    themes: ['public-exposure-data-leakage', 'identity-access'],
    resourceTypes: { terraform: Object.keys(TF_ATTRIBUTE), cloudformation: Object.keys(CFN_PROPERTY) },
    peers: { checkov: ['CKV_AWS_169'], kics: ['SNS Topic is Publicly Accessible'], guard: ['SNS_TOPICPOLICY_NO_WILDCARD_PRINCIPAL'] },
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
