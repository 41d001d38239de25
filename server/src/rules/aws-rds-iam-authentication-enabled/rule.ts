import type { Resource } from '../../model/types';
import { checkCfnBool, checkTfBool, engineOf, isClusterMember } from '../shared/awsdata';
import { result, type CheckContext, type CheckResult, type Rule } from '../types';

/** Engines that support IAM database authentication. */
const SUPPORTED = /^(mysql|mariadb|postgres|aurora|aurora-mysql|aurora-postgresql)$/;

function check(resource: Resource, ctx: CheckContext): CheckResult {
  if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
  if (isClusterMember(resource)) return result.skip(resource, 'IAM authentication of an Aurora instance is set on its cluster');
  const engine = engineOf(resource);
  if (engine === undefined) return result.skip(resource, 'engine is not known statically');
  if (!SUPPORTED.test(engine)) return result.skip(resource, `${engine} does not support IAM database authentication`);
  const tf = resource.format === 'terraform';
  const name = tf ? 'iam_database_authentication_enabled' : 'EnableIAMDatabaseAuthentication';
  const spec = {
    name,
    want: true,
    default: false,
    missingMessage: `${name} is not set and defaults to false: database users can only log in with long-lived passwords`,
    wrongMessage: 'IAM database authentication is disabled: database users can only log in with long-lived passwords',
    fixTitle: 'Allow IAM database authentication (password logins keep working)',
    fixSafety: 'safe' as const,
  };
  return tf ? checkTfBool(resource, ctx, spec) : checkCfnBool(resource, ctx, spec);
}

/**
 * RDS instances and Aurora clusters running MySQL, MariaDB or PostgreSQL accept IAM database
 * authentication. Aurora instances take the setting from their cluster and are skipped.
 */
export const rule: Rule = {
  meta: {
    id: 'aws-rds-iam-authentication-enabled',
    title: 'RDS database allows IAM database authentication',
    failMessage: 'RDS database does not allow IAM database authentication',
    rationale:
      'Database passwords are long-lived shared secrets that end up in configuration files, CI variables and the heads of former staff, and they are rarely rotated. IAM database authentication lets applications and people log in with short-lived tokens issued for an IAM identity, so access is granted and revoked centrally, tied to a named principal, and recorded in CloudTrail. Enabling it does not disable password logins; it makes the better option available.',
    remediation:
      'Set `iam_database_authentication_enabled = true` on `aws_db_instance` / `aws_rds_cluster`, or `EnableIAMDatabaseAuthentication: true` on `AWS::RDS::DBInstance` / `AWS::RDS::DBCluster`, then create database users mapped to IAM (`rds_iam` role / `AWSAuthenticationPlugin`) and grant `rds-db:connect`.',
    severity: 'medium',
    themes: ['identity-access'],
    resourceTypes: {
      terraform: ['aws_db_instance', 'aws_rds_cluster'],
      cloudformation: ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'],
    },
    peers: {
      checkov: ['CKV_AWS_161', 'CKV_AWS_162'],
      trivy: ['AVD-AWS-0176'],
      kics: ['IAM Database Auth Not Enabled'],
    },
  },
  check: {
    terraform: check,
    cloudformation: check,
  },
};
