import { asList, attr } from '../../model/access';
import type { Resource } from '../../model/types';
import { result, type CheckResult, type Rule } from '../types';

/** A known, non-empty list (or single value) of users; 'unknown' when it cannot be known. */
function names(resource: Resource, property: string): 'none' | 'some' | 'unknown' {
  const a = attr(resource.body, property);
  if (!a || a.value.kind === 'null') return 'none';
  const items = asList(a.value);
  if (!items) return a.value.kind === 'unknown' ? 'unknown' : 'some';
  if (items.some((i) => i.kind !== 'null')) return 'some';
  return 'none';
}

function checkProperty(resource: Resource, property: string, message: string): CheckResult {
  const state = names(resource, property);
  if (state === 'unknown') return result.skip(resource, `${property} is not known`);
  if (state === 'none') return result.pass(resource);
  return result.fail(resource, attr(resource.body, property)!.range, { message });
}

/**
 * Permissions reach people through groups and roles, not through policies attached to one user.
 * Every way of attaching to a user is reported: inline user policies, user policy attachments, the
 * exclusive `aws_iam_policy_attachment` with `users`, and CloudFormation `Policies` /
 * `ManagedPolicyArns` on a user or `Users` on a policy.
 */
export const rule: Rule = {
  meta: {
    id: 'aws-iam-user-no-direct-policies',
    title: 'IAM permissions are granted via groups or roles',
    failMessage: 'IAM policy is attached directly to a user',
    rationale:
      'Policies attached to individual users scatter permissions across people instead of job functions. They are easy to forget when someone changes team or leaves, make access reviews slow (every user has to be read one by one) and invite one-off exceptions. Granting through groups, or better through roles assumed with federation, keeps access tied to a role that can be reviewed, approved and revoked in one place, which is what access-management controls ask for.',
    remediation:
      'Attach the policy to an `aws_iam_group` (`aws_iam_group_policy_attachment`) and add the user with `aws_iam_user_group_membership`, or move people to roles assumed through IAM Identity Center. In CloudFormation, put the policy on an `AWS::IAM::Group` and list the user in its `Groups`.',
    severity: 'medium',
    themes: ['identity-access'],
    resourceTypes: {
      terraform: ['aws_iam_user_policy', 'aws_iam_user_policy_attachment', 'aws_iam_policy_attachment'],
      cloudformation: ['AWS::IAM::User', 'AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy'],
    },
    peers: {
      checkov: ['CKV_AWS_40'],
      trivy: ['AVD-AWS-0143'],
      kics: ['IAM Policies Attached To User'],
      guard: ['IAM_NO_POLICY_ON_USER', 'IAM_USER_NO_POLICIES_CHECK'],
    },
  },
  check: {
    terraform(resource) {
      if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
      switch (resource.type) {
        case 'aws_iam_user_policy':
          return result.fail(resource, resource.headerRange, { message: 'Inline policy is attached directly to an IAM user' });
        case 'aws_iam_user_policy_attachment':
          return result.fail(resource, resource.headerRange, { message: 'Managed policy is attached directly to an IAM user' });
        default:
          return checkProperty(resource, 'users', 'aws_iam_policy_attachment attaches the policy directly to users');
      }
    },
    cloudformation(resource) {
      if (resource.type === 'AWS::IAM::User') {
        const out = [
          checkProperty(resource, 'Policies', 'IAM user has inline policies'),
          checkProperty(resource, 'ManagedPolicyArns', 'IAM user has managed policies attached directly'),
        ];
        const fails = out.filter((r) => r.status === 'fail');
        if (fails.length) return fails;
        return out.find((r) => r.status === 'skip') ?? result.pass(resource);
      }
      return checkProperty(resource, 'Users', 'Policy is attached directly to IAM users');
    },
  },
};
