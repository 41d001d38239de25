import { asBool, attr } from '../../model/access';
import { replaceValue } from '../fixkit';
import { editableInPlace } from '../shared/awsdata';
import { result, type Rule } from '../types';

const FIX_TITLE = 'Stop assigning public IPs on launch (new instances in this subnet get private addresses only)';

/**
 * Subnets do not hand out public IPv4 addresses automatically. The provider default is false;
 * only an explicit `true` is reported. Public subnets for load balancers and NAT gateways do not
 * need the setting (those get Elastic IPs or are managed by AWS).
 */
export const rule: Rule = {
  meta: {
    id: 'aws-subnet-no-public-ip-on-launch',
    title: 'Subnet does not auto-assign public IP addresses',
    failMessage: 'Subnet assigns a public IP address to every instance launched in it',
    rationale:
      'With auto-assignment on, every instance, container task or network interface launched into the subnet gets a public address, whether or not anyone meant it to be reachable; one permissive security group then exposes it directly. Public reachability should be a deliberate per-resource choice (an Elastic IP, a load balancer) rather than a subnet default. Load balancers and NAT gateways do not depend on this setting.',
    remediation:
      'Set `map_public_ip_on_launch = false` (the default) on `aws_subnet`, or `MapPublicIpOnLaunch: false` on `AWS::EC2::Subnet`, and give the few resources that must be public an Elastic IP or put them behind a load balancer.',
    severity: 'low',
    themes: ['network-security-segmentation', 'public-exposure-data-leakage'],
    resourceTypes: { terraform: ['aws_subnet', 'aws_default_subnet'], cloudformation: ['AWS::EC2::Subnet'] },
    peers: {
      checkov: ['CKV_AWS_130'],
      trivy: ['AVD-AWS-0164'],
      kics: ['VPC Subnet Assigns Public IP'],
      guard: ['SUBNET_AUTO_ASSIGN_PUBLIC_IP_DISABLED'],
    },
  },
  check: {
    terraform(resource) {
      if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
      const a = attr(resource.body, 'map_public_ip_on_launch');
      if (!a || a.value.kind === 'null') {
        // aws_default_subnet keeps AWS's default-VPC behaviour (true) unless set.
        if (resource.type === 'aws_default_subnet') return result.skip(resource, 'default subnet: AWS decides unless set');
        return result.pass(resource);
      }
      const on = asBool(a.value);
      if (on === undefined) return result.skip(resource, 'map_public_ip_on_launch is not known');
      if (!on) return result.pass(resource, a.range);
      return result.fail(resource, a.range, {
        fixes: [{ title: FIX_TITLE, safety: 'suggestion', edits: [replaceValue(resource.file, a, 'false')] }],
      });
    },
    cloudformation(resource) {
      const a = attr(resource.body, 'MapPublicIpOnLaunch');
      if (!a) return result.pass(resource);
      const on = asBool(a.value);
      if (on === undefined) return result.skip(resource, 'MapPublicIpOnLaunch is not known');
      if (!on) return result.pass(resource, a.range);
      // Only a literal is rewritten: a parameter or mapping is fixed where it is defined.
      const fixes = editableInPlace(resource, a.value, a.range) ? [{ title: FIX_TITLE, safety: 'suggestion' as const, edits: [replaceValue(resource.file, a, 'false')] }] : [];
      return result.fail(resource, a.range, { fixes });
    },
  },
};
