import type { Resource } from '../../model/types';
import { checkCfnBool, checkTfBool, isClusterMember } from '../shared/awsdata';
import { result, type CheckContext, type CheckResult, type Rule } from '../types';

function check(resource: Resource, ctx: CheckContext): CheckResult {
  if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
  if (isClusterMember(resource)) return result.skip(resource, 'deletion protection of an Aurora instance is set on its cluster');
  const tf = resource.format === 'terraform';
  const name = tf ? 'deletion_protection' : 'DeletionProtection';
  const spec = {
    name,
    want: true,
    default: false,
    missingMessage: `${name} is not set and defaults to false: one API call or a mistaken apply deletes the database`,
    wrongMessage: 'Deletion protection is off: one API call or a mistaken apply deletes the database',
    fixTitle: 'Turn on deletion protection (terraform destroy then fails until it is turned off again)',
    fixSafety: 'suggestion' as const,
  };
  return tf ? checkTfBool(resource, ctx, spec) : checkCfnBool(resource, ctx, spec);
}

/** RDS instances and clusters have deletion protection on (off by default). */
export const rule: Rule = {
  meta: {
    id: 'aws-rds-deletion-protection-enabled',
    title: 'RDS database has deletion protection enabled',
    failMessage: 'RDS database can be deleted without a safeguard',
    rationale:
      'Deleting a database removes the instance and, unless they are explicitly retained, its automated backups with it. A refactoring that renames the resource, a mistaken targeted destroy, a replacement forced by an innocuous-looking change, or a compromised automation role can do that in one step. Deletion protection makes the API refuse to delete until someone deliberately turns it off.',
    remediation:
      'Set `deletion_protection = true` on `aws_db_instance` / `aws_rds_cluster`, or `DeletionProtection: true` on `AWS::RDS::DBInstance` / `AWS::RDS::DBCluster`. Also consider `delete_automated_backups = false` and a final snapshot.',
    severity: 'medium',
    themes: ['data-deletion-retention', 'backup'],
    resourceTypes: {
      terraform: ['aws_db_instance', 'aws_rds_cluster'],
      cloudformation: ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'],
    },
    peers: {
      checkov: ['CKV_AWS_293', 'CKV_AWS_139'],
      trivy: ['AVD-AWS-0177'],
      kics: ['RDS DB Instance With Deletion Protection Disabled'],
      guard: ['RDS_INSTANCE_DELETION_PROTECTION_ENABLED'],
    },
  },
  check: {
    terraform: check,
    cloudformation: check,
  },
};
