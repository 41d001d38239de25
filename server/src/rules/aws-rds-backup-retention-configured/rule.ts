import { asNumber, asString, attr, blocks } from '../../model/access';
import type { Resource } from '../../model/types';
import { addTerraformAttribute, replaceValue } from '../fixkit';
import { result, type CheckContext, type CheckResult, type Rule } from '../types';

/** Minimum retention in days: a week covers an incident noticed after a weekend or a holiday. */
const MIN_DAYS = 7;

function isSet(resource: Resource, name: string): boolean {
  const a = attr(resource.body, name);
  return a !== undefined && a.value.kind !== 'null';
}

/** Why the database's automated backups are not its own concern, or `undefined`. */
function notApplicable(resource: Resource): string | undefined {
  const names: Record<string, Array<[string, string]>> = {
    aws_db_instance: [['replicate_source_db', 'read replica']],
    aws_rds_cluster: [['replication_source_identifier', 'replica cluster']],
    'AWS::RDS::DBInstance': [
      ['SourceDBInstanceIdentifier', 'read replica'],
      ['SourceDBClusterIdentifier', 'read replica'],
      ['DBClusterIdentifier', 'Aurora instance: retention is set on the cluster'],
    ],
    'AWS::RDS::DBCluster': [['ReplicationSourceIdentifier', 'replica cluster']],
  };
  for (const [name, reason] of names[resource.type] ?? []) if (isSet(resource, name)) return reason;
  if (resource.type === 'aws_db_instance' && asString(attr(resource.body, 'engine')?.value)?.startsWith('aurora')) {
    return 'Aurora instance: retention is set on the cluster';
  }
  return undefined;
}

/** A restore inherits the retention of its source when none is given. */
function isRestore(resource: Resource): boolean {
  if (resource.format === 'terraform') return isSet(resource, 'snapshot_identifier') || blocks(resource.body, 'restore_to_point_in_time').length > 0;
  return ['DBSnapshotIdentifier', 'SnapshotIdentifier', 'SourceDBClusterIdentifier', 'SourceDBInstanceAutomatedBackupsArn', 'SourceDbiResourceId', 'RestoreType'].some((n) =>
    isSet(resource, n),
  );
}

function check(resource: Resource, ctx: CheckContext, property: string): CheckResult {
  if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
  const na = notApplicable(resource);
  if (na) return result.skip(resource, na);
  const tf = resource.format === 'terraform';
  const retention = attr(resource.body, property);
  if (!retention || retention.value.kind === 'null') {
    if (isRestore(resource)) return result.skip(resource, 'a restore inherits the retention of its source');
    return result.fail(resource, retention?.range ?? resource.headerRange, {
      message: `${property} is not set: the RDS API default retention is 1 day, below the ${MIN_DAYS}-day minimum`,
      fixes: tf && !retention
        ? [{ title: `Keep automated backups for ${MIN_DAYS} days`, safety: 'safe', edits: [addTerraformAttribute(ctx, resource, `${property} = ${MIN_DAYS}`)] }]
        : [],
    });
  }
  const days = asNumber(retention.value);
  if (days === undefined) return result.skip(resource, `${property} is unknown`);
  if (days >= MIN_DAYS) return result.pass(resource, retention.range);
  if (days === 0) {
    return result.fail(resource, retention.range, {
      message: `${property} is 0: automated backups and point-in-time recovery are disabled`,
      fixes: [
        {
          title: `Enable automated backups for ${MIN_DAYS} days (causes a brief outage when applied)`,
          safety: 'suggestion',
          edits: [replaceValue(resource.file, retention, String(MIN_DAYS))],
        },
      ],
    });
  }
  return result.fail(resource, retention.range, {
    message: `${property} is ${days} day${days === 1 ? '' : 's'}, below the ${MIN_DAYS}-day minimum`,
    fixes: [{ title: `Keep automated backups for ${MIN_DAYS} days`, safety: 'safe', edits: [replaceValue(resource.file, retention, String(MIN_DAYS))] }],
  });
}

/**
 * Automated backups kept for at least 7 days. Replicas and Aurora instances are skipped (their
 * retention is not theirs to set); a restore without a value inherits its source's retention.
 */
export const rule: Rule = {
  meta: {
    id: 'aws-rds-backup-retention-configured',
    title: 'RDS automated backups are kept for at least 7 days',
    failMessage: `RDS automated backups are disabled or kept for less than ${MIN_DAYS} days`,
    rationale:
      'Automated backups and the transaction logs kept with them are what allows an RDS database to be restored to any second within the retention window. With retention at 0 there are none, and with the API default of 1 day, corruption or a destructive change noticed after a weekend can no longer be undone. A window of at least a week lets you detect a problem and still recover the data as it was before it, which is the evidence of a working backup process that availability and integrity controls ask for.',
    remediation:
      'Set `backup_retention_period` to 7 or more (up to 35) on `aws_db_instance` / `aws_rds_cluster`, or `BackupRetentionPeriod` on `AWS::RDS::DBInstance` / `AWS::RDS::DBCluster`. For longer-term retention add AWS Backup plans or snapshot copies.',
    severity: 'medium',
    themes: ['backup'],
    resourceTypes: {
      terraform: ['aws_db_instance', 'aws_rds_cluster'],
      cloudformation: ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'],
    },
    peers: {
      checkov: ['CKV_AWS_133'],
      trivy: ['AVD-AWS-0077', 'aws-rds-specify-backup-retention'],
      kics: ['RDS With Backup Disabled', 'Low RDS Backup Retention Period', 'RDS Cluster With Backup Disabled'],
      guard: ['DB_INSTANCE_BACKUP_ENABLED'],
    },
  },
  check: {
    terraform: (resource, ctx) => check(resource, ctx, 'backup_retention_period'),
    cloudformation: (resource, ctx) => check(resource, ctx, 'BackupRetentionPeriod'),
  },
};
