import { asBool, attr } from '../../model/access';
import type { Resource } from '../../model/types';
import { replaceValue } from '../fixkit';
import { result, type CheckResult, type Rule } from '../types';

const FIX_TITLE = 'Make the database private (clients outside the VPC lose access)';

function check(resource: Resource, property: string): CheckResult {
  if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
  const pub = attr(resource.body, property);
  // Terraform defaults to false; CloudFormation's default depends on the subnet group, so only an
  // explicit true is a finding in either format.
  if (!pub) return result.pass(resource);
  const on = asBool(pub.value);
  if (on === undefined) return result.skip(resource, `${property} is unknown`);
  if (!on) return result.pass(resource, pub.range);
  return result.fail(resource, pub.range, {
    message: `${property} is true: the database gets a public endpoint, reachable from the internet wherever its security groups allow`,
    fixes: [{ title: FIX_TITLE, safety: 'suggestion', edits: [replaceValue(resource.file, pub, 'false')] }],
  });
}

/**
 * A database instance marked publicly accessible resolves to a public IP address from anywhere,
 * leaving its security groups as the only barrier between the internet and the database port.
 */
export const rule: Rule = {
  meta: {
    id: 'aws-rds-not-publicly-accessible',
    title: 'RDS database instance is not publicly accessible',
    failMessage: 'RDS database instance is publicly accessible from the internet',
    rationale:
      'A publicly accessible RDS instance gets an endpoint that resolves to a public IP address, so the only thing between the internet and the database port is its security groups; one over-broad rule, now or later, exposes the database to credential stuffing, exploitation of engine vulnerabilities and data theft. Databases belong in private subnets, reached by applications inside the VPC and by administrators through a bastion, Session Manager or a VPN.',
    remediation:
      'Set `publicly_accessible = false` (or remove it: false is the Terraform default) on `aws_db_instance` / `aws_rds_cluster_instance`, or `PubliclyAccessible: false` on `AWS::RDS::DBInstance`, and place the database in private subnets. Reach it from outside through a bastion, AWS Systems Manager port forwarding or a VPN.',
    severity: 'critical',
    themes: ['public-exposure-data-leakage', 'network-security-segmentation'],
    resourceTypes: { terraform: ['aws_db_instance', 'aws_rds_cluster_instance'], cloudformation: ['AWS::RDS::DBInstance'] },
    peers: {
      checkov: ['CKV_AWS_17'],
      trivy: ['AVD-AWS-0180', 'aws-rds-no-public-db-access'],
      kics: ['RDS DB Instance Publicly Accessible'],
      guard: ['RDS_INSTANCE_PUBLIC_ACCESS_CHECK'],
    },
  },
  check: {
    terraform: (resource) => check(resource, 'publicly_accessible'),
    cloudformation: (resource) => check(resource, 'PubliclyAccessible'),
  },
};
