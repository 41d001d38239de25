import type { Resource } from '../../model/types';
import { checkCfnBool, checkTfBool } from '../shared/awsdata';
import { result, type CheckContext, type CheckResult, type Rule } from '../types';

function check(resource: Resource, ctx: CheckContext): CheckResult {
  if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
  const tf = resource.format === 'terraform';
  const name = tf ? 'auto_minor_version_upgrade' : 'AutoMinorVersionUpgrade';
  const spec = {
    name,
    want: true,
    default: true,
    missingMessage: '',
    wrongMessage: 'Automatic minor version upgrades are off: engine security patches are only applied by hand',
    fixTitle: 'Apply minor engine upgrades automatically in the maintenance window (brief restart)',
    fixSafety: 'suggestion' as const,
  };
  return tf ? checkTfBool(resource, ctx, spec) : checkCfnBool(resource, ctx, spec);
}

/**
 * RDS instances (and Multi-AZ DB clusters) receive minor engine versions automatically. On by
 * default, so only an explicit false is reported.
 */
export const rule: Rule = {
  meta: {
    id: 'aws-rds-auto-minor-version-upgrade-enabled',
    title: 'RDS database applies minor engine upgrades',
    failMessage: 'RDS database does not apply minor engine upgrades automatically',
    rationale:
      'Minor engine versions are where MySQL, PostgreSQL, MariaDB, Oracle and SQL Server security fixes arrive. With automatic minor upgrades off, each one waits for someone to notice and schedule it, and in practice databases drift versions behind with known vulnerabilities. Automatic upgrades apply them in the maintenance window the team has already chosen.',
    remediation:
      'Remove `auto_minor_version_upgrade = false` or set it to true on `aws_db_instance` / `aws_rds_cluster_instance` / `aws_rds_cluster`, or `AutoMinorVersionUpgrade: true` on `AWS::RDS::DBInstance` / `AWS::RDS::DBCluster`, and choose a `maintenance_window` that suits the workload.',
    severity: 'low',
    themes: ['vulnerability-patch-management'],
    resourceTypes: {
      terraform: ['aws_db_instance', 'aws_rds_cluster_instance', 'aws_rds_cluster'],
      cloudformation: ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'],
    },
    peers: {
      checkov: ['CKV_AWS_226'],
      kics: ['Automatic Minor Upgrades Disabled'],
      guard: ['RDS_AUTOMATIC_MINOR_VERSION_UPGRADE_ENABLED'],
    },
  },
  check: {
    terraform: check,
    cloudformation: check,
  },
};
