import { asBool, attr } from '../../model/access';
import type { Resource } from '../../model/types';
import { checkTfBool, cfnKeyValue, editableInPlace, replaceCfnValue } from '../shared/awsdata';
import { result, type CheckContext, type CheckResult, type Rule } from '../types';

const FIX_TITLE = 'Turn on deletion protection (terraform destroy then fails until it is turned off again)';

function terraform(resource: Resource, ctx: CheckContext): CheckResult {
  if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
  return checkTfBool(resource, ctx, {
    name: 'enable_deletion_protection',
    want: true,
    default: false,
    missingMessage: 'enable_deletion_protection is not set and defaults to false: one API call or a mistaken apply deletes the load balancer',
    wrongMessage: 'Deletion protection is off: one API call or a mistaken apply deletes the load balancer',
    fixTitle: FIX_TITLE,
    fixSafety: 'suggestion',
  });
}

function cloudformation(resource: Resource): CheckResult {
  const attrs = attr(resource.body, 'LoadBalancerAttributes');
  const kv = cfnKeyValue(attrs?.value, 'deletion_protection.enabled');
  if (kv.state === 'unknown') return result.skip(resource, 'LoadBalancerAttributes are not known statically');
  if (kv.state === 'missing') return result.fail(resource, attrs?.range ?? resource.headerRange, { message: 'deletion_protection.enabled is not set and defaults to false' });
  const on = asBool(kv.value);
  if (on === undefined) return result.skip(resource, 'deletion_protection.enabled is not known statically');
  if (on) return result.pass(resource, kv.range);
  const fixes = editableInPlace(resource, kv.value, kv.range) ? [{ title: FIX_TITLE, safety: 'suggestion' as const, edits: [replaceCfnValue(resource, kv.value, '"true"')] }] : [];
  return result.fail(resource, kv.range, { message: 'deletion_protection.enabled is false', fixes });
}

/** Application, Network and Gateway Load Balancers have deletion protection on (off by default). */
export const rule: Rule = {
  meta: {
    id: 'aws-lb-deletion-protection-enabled',
    title: 'Load balancer has deletion protection enabled',
    failMessage: 'Load balancer can be deleted without a safeguard',
    rationale:
      'Deleting a load balancer takes the service offline at once and releases its DNS name and, for Network Load Balancers, its static addresses, which clients and allow-lists may depend on. A mistaken targeted destroy, a refactoring that renames the resource, or a compromised automation role can do it in one call. Deletion protection makes that an explicit two-step decision.',
    remediation:
      'Set `enable_deletion_protection = true` on `aws_lb` / `aws_alb`, or add `{Key: deletion_protection.enabled, Value: "true"}` to `LoadBalancerAttributes` of `AWS::ElasticLoadBalancingV2::LoadBalancer`. Turn it off deliberately, in a separate change, before a planned removal.',
    severity: 'low',
    themes: ['dr-redundancy', 'change-configuration-management'],
    resourceTypes: { terraform: ['aws_lb', 'aws_alb'], cloudformation: ['AWS::ElasticLoadBalancingV2::LoadBalancer'] },
    peers: {
      checkov: ['CKV_AWS_150'],
      kics: ['ALB Deletion Protection Disabled'],
      guard: ['ELB_DELETION_PROTECTION_ENABLED'],
    },
  },
  check: {
    terraform,
    cloudformation: (resource) => cloudformation(resource),
  },
};
