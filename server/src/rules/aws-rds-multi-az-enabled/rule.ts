import type { Resource } from '../../model/types';
import { checkCfnBool, checkTfBool, engineOf, isClusterMember, isReplica } from '../shared/awsdata';
import { result, type CheckContext, type CheckResult, type Rule } from '../types';

function check(resource: Resource, ctx: CheckContext): CheckResult {
  if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
  if (isClusterMember(resource)) return result.skip(resource, 'an Aurora instance gets its redundancy from the cluster');
  if (isReplica(resource)) return result.skip(resource, 'a read replica is itself a copy of its source');
  if (engineOf(resource) === 'sqlserver-ex') return result.skip(resource, 'SQL Server Express does not support Multi-AZ');
  const tf = resource.format === 'terraform';
  const name = tf ? 'multi_az' : 'MultiAZ';
  const spec = {
    name,
    want: true,
    default: false,
    missingMessage: `${name} is not set and defaults to false: the database runs in a single Availability Zone`,
    wrongMessage: 'The database runs in a single Availability Zone: a zone failure takes it down until a restore',
    fixTitle: 'Run a standby in a second Availability Zone (roughly doubles the instance cost)',
    fixSafety: 'suggestion' as const,
  };
  return tf ? checkTfBool(resource, ctx, spec) : checkCfnBool(resource, ctx, spec);
}

/**
 * RDS DB instances run Multi-AZ with a synchronous standby. Aurora instances, read replicas and
 * SQL Server Express are skipped.
 */
export const rule: Rule = {
  meta: {
    id: 'aws-rds-multi-az-enabled',
    title: 'RDS instance runs Multi-AZ',
    failMessage: 'RDS instance runs in a single Availability Zone',
    rationale:
      'A single-AZ database is down whenever its host, its storage volume or its Availability Zone is, and recovery means a point-in-time restore with data loss up to the last transaction log upload and an outage of tens of minutes. Multi-AZ keeps a synchronous standby in another zone and fails over automatically, usually within a minute or two, and also keeps the database available during most maintenance.',
    remediation:
      'Set `multi_az = true` on `aws_db_instance`, or `MultiAZ: true` on `AWS::RDS::DBInstance`. The change is applied online; expect higher cost and slightly higher write latency. Non-production databases where an outage is acceptable are reasonable suppressions.',
    severity: 'low',
    themes: ['dr-redundancy'],
    resourceTypes: { terraform: ['aws_db_instance'], cloudformation: ['AWS::RDS::DBInstance'] },
    peers: {
      checkov: ['CKV_AWS_157'],
      kics: ['RDS Multi-AZ Deployment Disabled'],
      guard: ['RDS_MULTI_AZ_SUPPORT'],
    },
  },
  check: {
    terraform: check,
    cloudformation: check,
  },
};
