import { attr, blocks, hasDynamicBlocks } from '../../model/access';
import { deleteLines } from '../shared/awsaccess';
import { result, type CheckResult, type Rule } from '../types';

/**
 * The VPC's default security group has no rules. Terraform takes control of it with
 * `aws_default_security_group` and removes AWS's default rules, so any rule written there is a
 * deliberate opening of the group every unassigned ENI falls into.
 */
export const rule: Rule = {
  meta: {
    id: 'aws-default-security-group-restricts-all',
    title: 'Default security group allows no traffic',
    failMessage: 'Default security group has ingress or egress rules',
    rationale:
      'Every network interface launched without an explicit security group lands in the VPC\'s default group. Rules on that group therefore apply to resources nobody consciously placed there, and they are easy to overlook in reviews. Keeping the default group empty forces every workload to use a purpose-built group whose rules are visible and reviewed, and is a CIS AWS Foundations benchmark requirement.',
    remediation:
      'Remove every `ingress` and `egress` block from `aws_default_security_group` (an empty resource strips all rules), and give workloads their own `aws_security_group`.',
    severity: 'medium',
    themes: ['network-security-segmentation'],
    resourceTypes: { terraform: ['aws_default_security_group'] },
    peers: {
      checkov: ['CKV2_AWS_12'],
      trivy: ['AVD-AWS-0173'],
      kics: ['VPC Default Security Group Accepts All Traffic', 'Default Security Groups With Unrestricted Traffic'],
    },
  },
  check: {
    terraform(resource, ctx) {
      if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
      const failures: CheckResult[] = [];
      for (const type of ['ingress', 'egress']) {
        for (const b of blocks(resource.body, type)) {
          failures.push(
            result.fail(resource, b.headerRange, {
              message: `Default security group has an ${type} rule`,
              fixes: [{ title: `Remove the ${type} rule from the default security group (traffic that relies on it stops)`, safety: 'suggestion', edits: [deleteLines(ctx, resource.file, b.range, true)] }],
            }),
          );
        }
        const a = attr(resource.body, type);
        if (a && a.value.kind === 'list' && a.value.items.length) {
          failures.push(result.fail(resource, a.range, { message: `Default security group has ${type} rules` }));
        }
      }
      if (failures.length) return failures;
      const hidden = ['ingress', 'egress'].some((t) => hasDynamicBlocks(resource.body, t) || (attr(resource.body, t) && attr(resource.body, t)!.value.kind === 'unknown'));
      if (hidden) return result.skip(resource, 'rules come from dynamic blocks or unknown values');
      return result.pass(resource);
    },
  },
};
