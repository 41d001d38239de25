import { attr } from '../../model/access';
import { checkCloudFormationPolicy, checkTerraformPolicyAttribute } from '../shared/awsaccess';
import { result, type Rule } from '../types';

const TF_ATTRIBUTE: Record<string, string> = { aws_s3_bucket_policy: 'policy', aws_s3_bucket: 'policy' };
const CFN_PROPERTY: Record<string, string> = { 'AWS::S3::BucketPolicy': 'PolicyDocument' };
const OPTIONS = { placeholder: 'allowed_principal_arns', what: 'Bucket policy' };

/**
 * An `Allow` statement in an S3 bucket policy (`aws_s3_bucket_policy`, the legacy inline `policy` of `aws_s3_bucket`, `AWS::S3::BucketPolicy`) with `Principal: "*"` or `{"AWS": "*"}` must carry a condition that limits the callers. Deny statements and conditioned grants (`aws:SourceVpce`, `aws:PrincipalOrgID`, `aws:SourceArn`, ...) pass.
 */
export const rule: Rule = {
  meta: {
    id: 'aws-s3-bucket-policy-no-public-principal',
    title: 'S3 bucket policy does not allow any principal',
    failMessage: 'S3 bucket policy allows access to any principal',
    rationale:
      'A bucket policy statement that allows the principal * grants its actions to everyone on the internet, signed in or not, unless a condition pins it to a VPC endpoint, an organization, an account or a source ARN. Public bucket policies are behind many of the largest cloud data leaks: even a read-only grant exposes every object it covers, and write grants let anyone plant or overwrite content. Content meant for the public is better served through CloudFront with origin access control.',
    remediation:
      'Name the principals that need access (account, role or service ARNs) instead of `"*"`, or add a condition that limits callers: `aws:SourceVpce` for VPC endpoint access, `aws:PrincipalOrgID` for your organization, `aws:SourceArn` for a CloudFront distribution or another service. Serve public content through CloudFront with origin access control and keep S3 Block Public Access on.',
    severity: 'critical',
    themes: ['public-exposure-data-leakage', 'identity-access'],
    resourceTypes: { terraform: Object.keys(TF_ATTRIBUTE), cloudformation: Object.keys(CFN_PROPERTY) },
    peers: { checkov: ['CKV_AWS_70'], kics: ['S3 Bucket Access to Any Principal', 'S3 Bucket Allows Get Action From All Principals'], guard: ['S3_BUCKET_POLICY_NO_WILDCARD_PRINCIPAL'] },
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
