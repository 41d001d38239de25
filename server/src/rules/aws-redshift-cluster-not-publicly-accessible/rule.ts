import { asBool, attr } from '../../model/access';
import type { Resource } from '../../model/types';
import { addTerraformAttribute } from '../fixkit';
import { awsProviderMaxMajor, literalFix } from '../shared/awsdata';
import { result, type CheckContext, type CheckResult, type Rule } from '../types';

const FIX_TITLE = 'Make the cluster private (clients outside the VPC lose the public endpoint)';

function check(resource: Resource, ctx: CheckContext, property: string): CheckResult {
  if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
  const a = attr(resource.body, property);
  if (a && a.value.kind !== 'null') {
    const on = asBool(a.value);
    if (on === undefined) return result.skip(resource, `${property} is not known statically`);
    if (!on) return result.pass(resource, a.range);
    return result.fail(resource, a.range, {
      message: `${property} is true: the cluster gets a public IP address and a publicly resolvable endpoint`,
      fixes: literalFix(resource, a, 'false', FIX_TITLE, 'suggestion'),
    });
  }
  if (resource.format === 'cloudformation') return result.pass(resource); // AWS default: private
  // AWS provider v5 and earlier send publicly_accessible = true when it is not written; v6 sends false.
  const major = awsProviderMaxMajor(ctx);
  if (major === undefined) return result.skip(resource, 'the default depends on the AWS provider version (true before v6), which is not pinned');
  if (major >= 6) return result.pass(resource);
  return result.fail(resource, resource.headerRange, {
    message: `publicly_accessible is not set and defaults to true with AWS provider v${major}`,
    fixes: [{ title: FIX_TITLE, safety: 'suggestion', edits: [addTerraformAttribute(ctx, resource, 'publicly_accessible = false')] }],
  });
}

/**
 * Redshift clusters are not reachable from the internet. The Terraform default changed in AWS
 * provider v6 (true before, false since), so an unset attribute is reported only when the module
 * pins a provider older than v6.
 */
export const rule: Rule = {
  meta: {
    id: 'aws-redshift-cluster-not-publicly-accessible',
    title: 'Redshift cluster is not publicly accessible',
    failMessage: 'Redshift cluster is publicly accessible',
    rationale:
      'A publicly accessible cluster has an internet-routable endpoint, so the only things between the warehouse and every scanner on the internet are a security group rule and a password. A single permissive ingress rule, a leaked or weak database credential, or an unpatched engine flaw then exposes the whole warehouse. Analysts and BI tools can reach a private cluster through a VPN, a bastion, PrivateLink or Redshift-managed VPC endpoints.',
    remediation:
      'Set `publicly_accessible = false` on `aws_redshift_cluster` (write it explicitly when the module uses AWS provider v5 or older, whose default is true), or `PubliclyAccessible: false` on `AWS::Redshift::Cluster`, and give clients private connectivity.',
    severity: 'high',
    themes: ['public-exposure-data-leakage', 'network-security-segmentation'],
    resourceTypes: { terraform: ['aws_redshift_cluster'], cloudformation: ['AWS::Redshift::Cluster'] },
    peers: {
      checkov: ['CKV_AWS_87'],
      kics: ['Redshift Publicly Accessible'],
      guard: ['REDSHIFT_CLUSTER_PUBLIC_ACCESS_CHECK'],
    },
  },
  check: {
    terraform: (resource, ctx) => check(resource, ctx, 'publicly_accessible'),
    cloudformation: (resource, ctx) => check(resource, ctx, 'PubliclyAccessible'),
  },
};
