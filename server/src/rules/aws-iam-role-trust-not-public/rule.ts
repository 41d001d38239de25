import { checkCloudFormationPolicy, checkTerraformPolicyAttribute } from '../shared/awsaccess';
import type { Rule } from '../types';

const OPTIONS = {
  actions: ['sts:AssumeRole', 'sts:AssumeRoleWithWebIdentity', 'sts:AssumeRoleWithSAML', 'sts:TagSession', 'sts:SetSourceIdentity'],
  placeholder: 'trusted_principal_arns',
  what: 'Role trust policy',
};

/**
 * A role whose trust policy lets `*` (or `{"AWS": "*"}`) assume it, without a condition naming who
 * (external id, organization, account, source ARN...), can be assumed from any AWS account.
 */
export const rule: Rule = {
  meta: {
    id: 'aws-iam-role-trust-not-public',
    title: 'IAM role can only be assumed by named principals',
    failMessage: 'IAM role trust policy lets any AWS principal assume the role',
    rationale:
      'The trust policy decides who may become the role. With a wildcard principal and no restricting condition, any identity in any AWS account can call sts:AssumeRole and receive the role\'s permissions: the role becomes a public door into the account. Trust must name the accounts, roles or services that need the role, and cross-account trust should also require an external id or the organization id.',
    remediation:
      'Replace `"*"` in the trust policy `Principal` with the ARNs of the accounts or roles that need access (`{"AWS": "arn:aws:iam::111122223333:role/deployer"}`), or add a condition such as `aws:PrincipalOrgID` or `sts:ExternalId`. For a `data "aws_iam_policy_document"`, the quick fix swaps the identifiers for `var.trusted_principal_arns`.',
    severity: 'critical',
    themes: ['identity-access', 'public-exposure-data-leakage'],
    resourceTypes: { terraform: ['aws_iam_role'], cloudformation: ['AWS::IAM::Role'] },
    peers: {
      checkov: ['CKV_AWS_60'],
      kics: ['IAM Role Allows All Principals To Assume'],
      guard: ['IAM_ROLE_NO_FULL_ACCESS_ON_TRUST_POLICY'],
    },
  },
  check: {
    terraform: (resource, ctx) => checkTerraformPolicyAttribute(resource, ctx, 'assume_role_policy', OPTIONS),
    cloudformation: (resource) => checkCloudFormationPolicy(resource, 'AssumeRolePolicyDocument', OPTIONS),
  },
};
