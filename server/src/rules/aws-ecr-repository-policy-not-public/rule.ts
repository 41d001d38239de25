import { attr } from '../../model/access';
import { checkCloudFormationPolicy, checkTerraformPolicyAttribute } from '../shared/awsaccess';
import { result, type Rule } from '../types';

const TF_ATTRIBUTE: Record<string, string> = { aws_ecr_repository_policy: 'policy' };
const CFN_PROPERTY: Record<string, string> = { 'AWS::ECR::Repository': 'RepositoryPolicyText' };
const OPTIONS = { placeholder: 'allowed_principal_arns', what: 'Repository policy' };

/**
 * An `Allow` statement in an ECR repository policy (`aws_ecr_repository_policy`, `RepositoryPolicyText` of `AWS::ECR::Repository`) with `Principal: "*"` or `{"AWS": "*"}` must have a condition that limits the callers, typically `aws:PrincipalOrgID`.
 */
export const rule: Rule = {
  meta: {
    id: 'aws-ecr-repository-policy-not-public',
    title: 'ECR repository policy does not allow any principal',
    failMessage: 'ECR repository policy allows access to any principal',
    rationale:
      'A private ECR repository whose policy allows the principal * lets any AWS account pull its images, and with push actions also replace them. Container images routinely embed application code, configuration and sometimes credentials, and a replaced image runs with the permissions of every service that deploys it. Images meant for the public belong in ECR Public; private repositories should name the accounts that pull from them.',
    remediation:
      'Name the accounts or roles that pull images (`{"AWS": ["arn:aws:iam::111122223333:root"]}`) or keep `"*"` with an `aws:PrincipalOrgID` condition for your organization. Publish public images to ECR Public instead.',
    severity: 'high',
    themes: ['public-exposure-data-leakage', 'identity-access'],
    resourceTypes: { terraform: Object.keys(TF_ATTRIBUTE), cloudformation: Object.keys(CFN_PROPERTY) },
    peers: { checkov: ['CKV_AWS_32'], trivy: ['AVD-AWS-0032'], kics: ['ECR Repository Is Publicly Accessible'] },
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
