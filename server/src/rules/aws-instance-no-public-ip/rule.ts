import { asBool, attr, blocks, field } from '../../model/access';
import type { Attribute, Resource, Value } from '../../model/types';
import { replaceValue } from '../fixkit';
import { editableInPlace, replaceCfnValue } from '../shared/awsdata';
import { result, type CheckResult, type Rule } from '../types';

const FIX_TITLE = 'Do not associate a public IP (replaces a running instance; reach it through a load balancer or Session Manager)';

function tfAttribute(resource: Resource, a: Attribute | undefined): CheckResult | 'pass' | 'unknown' {
  if (!a || a.value.kind === 'null') return 'pass';
  const on = asBool(a.value);
  if (on === undefined) return 'unknown';
  if (!on) return 'pass';
  return result.fail(resource, a.range, { fixes: [{ title: FIX_TITLE, safety: 'suggestion', edits: [replaceValue(resource.file, a, a.value.kind === 'string' ? '"false"' : 'false')] }] });
}

function cfnInterfaces(resource: Resource, list: Value | undefined): CheckResult[] | 'unknown' | 'pass' {
  if (!list || list.kind === 'null') return 'pass';
  if (list.kind !== 'list') return 'unknown';
  const out: CheckResult[] = [];
  let unknown = false;
  for (const ni of list.items) {
    const v = field(ni, 'AssociatePublicIpAddress');
    if (ni.kind === 'unknown') unknown = true;
    if (!v) continue;
    const on = asBool(v);
    if (on === undefined) unknown = true;
    else if (on) {
      // A literal written here is set to false in place; a parameter or mapping is fixed where it is defined.
      const fixes = editableInPlace(resource, v, ni.range)
        ? [{ title: FIX_TITLE, safety: 'suggestion' as const, edits: [replaceCfnValue(resource, v, v.kind === 'string' ? '"false"' : 'false')] }]
        : [];
      out.push(result.fail(resource, v.range, { fixes }));
    }
  }
  if (out.length) return out;
  return unknown ? 'unknown' : 'pass';
}

/**
 * Instances and launch templates do not ask for a public IPv4 address. Only an explicit `true` is
 * reported: when unset, the subnet's setting applies (see aws-subnet-no-public-ip-on-launch).
 */
export const rule: Rule = {
  meta: {
    id: 'aws-instance-no-public-ip',
    title: 'EC2 instance does not get a public IP address',
    failMessage: 'EC2 instance is given a public IP address',
    rationale:
      'An instance with a public address is reachable from the internet as soon as any security-group rule allows it, and becomes a target for scanning and brute force against everything it runs. Keeping instances private and exposing only what must be public through a load balancer, API gateway or CloudFront narrows the attack surface to components built for it, and lets administrators connect through Session Manager instead of open ports.',
    remediation:
      'Remove `associate_public_ip_address = true` (or set it to `false`) on `aws_instance` and in the `network_interfaces` of `aws_launch_template`; in CloudFormation set `AssociatePublicIpAddress: false` in `NetworkInterfaces`. Put the instance behind a load balancer and use Session Manager for administration.',
    severity: 'medium',
    themes: ['network-security-segmentation', 'public-exposure-data-leakage'],
    resourceTypes: {
      terraform: ['aws_instance', 'aws_launch_template'],
      cloudformation: ['AWS::EC2::Instance', 'AWS::EC2::LaunchTemplate'],
    },
    peers: {
      checkov: ['CKV_AWS_88'],
      trivy: ['AVD-AWS-0009'],
      kics: ['EC2 Instance Has Public IP'],
      guard: ['EC2_INSTANCE_NO_PUBLIC_IP'],
    },
  },
  check: {
    terraform(resource) {
      if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
      const attrs = resource.type === 'aws_instance'
        ? [attr(resource.body, 'associate_public_ip_address')]
        : blocks(resource.body, 'network_interfaces').map((b) => attr(b.body, 'associate_public_ip_address'));
      const out: CheckResult[] = [];
      let unknown = false;
      for (const a of attrs) {
        const r = tfAttribute(resource, a);
        if (r === 'unknown') unknown = true;
        else if (r !== 'pass') out.push(r);
      }
      if (out.length) return out;
      if (unknown || (resource.type === 'aws_launch_template' && resource.body.dynamicBlockTypes.includes('network_interfaces'))) {
        return result.skip(resource, 'associate_public_ip_address is not known');
      }
      return result.pass(resource);
    },
    cloudformation(resource) {
      const list = resource.type === 'AWS::EC2::Instance'
        ? attr(resource.body, 'NetworkInterfaces')?.value
        : field(attr(resource.body, 'LaunchTemplateData')?.value, 'NetworkInterfaces');
      if (resource.type === 'AWS::EC2::LaunchTemplate' && attr(resource.body, 'LaunchTemplateData')?.value.kind === 'unknown') {
        return result.skip(resource, 'LaunchTemplateData is not known');
      }
      const r = cfnInterfaces(resource, list);
      if (r === 'pass') return result.pass(resource);
      if (r === 'unknown') return result.skip(resource, 'NetworkInterfaces are not known');
      return r;
    },
  },
};
