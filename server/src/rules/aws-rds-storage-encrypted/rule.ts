import { asBool, asString, attr, blocks } from '../../model/access';
import type { Resource } from '../../model/types';
import { addTerraformAttribute, replaceValue } from '../fixkit';
import { result, type CheckContext, type CheckResult, type Fix, type Rule } from '../types';

const FIX_TITLE = 'Encrypt storage (forces replacement of an existing database: migrate through an encrypted snapshot copy)';

/** Present with a non-null value (null means "not set" in Terraform). */
function isSet(resource: Resource, name: string): boolean {
  const a = attr(resource.body, name);
  return a !== undefined && a.value.kind !== 'null';
}

/**
 * Why the database takes its encryption from somewhere else, or `undefined`: a replica or a
 * restore inherits it from its source; an Aurora instance from its cluster; a secondary cluster of
 * a global database from the global cluster.
 */
function inheritedFrom(resource: Resource): string | undefined {
  const tf = resource.format === 'terraform';
  const sources: Array<[string, string]> = tf
    ? resource.type === 'aws_db_instance'
      ? [
          ['replicate_source_db', 'a read replica inherits the encryption of its source'],
          ['snapshot_identifier', 'a restore inherits the encryption of its snapshot'],
        ]
      : [
          ['replication_source_identifier', 'a replica cluster inherits the encryption of its source'],
          ['snapshot_identifier', 'a restore inherits the encryption of its snapshot'],
          ['global_cluster_identifier', 'a global database member follows the global cluster'],
        ]
    : resource.type === 'AWS::RDS::DBInstance'
      ? [
          ['DBClusterIdentifier', 'an Aurora instance is encrypted by its cluster'],
          ['SourceDBInstanceIdentifier', 'a read replica inherits the encryption of its source'],
          ['SourceDBClusterIdentifier', 'a read replica inherits the encryption of its source'],
          ['DBSnapshotIdentifier', 'a restore inherits the encryption of its snapshot'],
          ['SourceDBInstanceAutomatedBackupsArn', 'a point-in-time restore inherits the encryption of its source'],
          ['SourceDbiResourceId', 'a point-in-time restore inherits the encryption of its source'],
        ]
      : [
          ['SourceDBClusterIdentifier', 'a clone or point-in-time restore inherits the encryption of its source'],
          ['SnapshotIdentifier', 'a restore inherits the encryption of its snapshot'],
          ['ReplicationSourceIdentifier', 'a replica cluster inherits the encryption of its source'],
          ['GlobalClusterIdentifier', 'a global database member follows the global cluster'],
        ];
  for (const [name, reason] of sources) if (isSet(resource, name)) return reason;
  if (tf && blocks(resource.body, 'restore_to_point_in_time').length) return 'a point-in-time restore inherits the encryption of its source';
  const engine = asString(attr(resource.body, tf ? 'engine' : 'Engine')?.value);
  if ((resource.type === 'aws_db_instance' || resource.type === 'AWS::RDS::DBInstance') && engine?.startsWith('aurora')) {
    return 'an Aurora instance is encrypted by its cluster';
  }
  return undefined;
}

/** Aurora Serverless v1 clusters are always encrypted. */
function serverlessV1(resource: Resource): boolean | undefined {
  const mode = attr(resource.body, resource.format === 'terraform' ? 'engine_mode' : 'EngineMode');
  if (!mode) return false;
  const value = asString(mode.value);
  return value === undefined ? undefined : value === 'serverless';
}

function check(resource: Resource, ctx: CheckContext | undefined, property: string): CheckResult {
  if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
  const encrypted = attr(resource.body, property);
  const on = encrypted ? asBool(encrypted.value) : false;
  if (encrypted && on === true) return result.pass(resource, encrypted.range);
  const inherited = inheritedFrom(resource);
  if (inherited) return result.skip(resource, inherited);
  const serverless = serverlessV1(resource);
  if (serverless === true) return result.pass(resource);
  if (encrypted && on === undefined) return result.skip(resource, `${property} is unknown`);
  if (!encrypted && serverless === undefined) return result.skip(resource, 'engine mode is unknown');
  const fixFor = (edit: Fix['edits'][number]): Fix[] => [{ title: FIX_TITLE, safety: 'suggestion', edits: [edit] }];
  if (!encrypted) {
    return result.fail(resource, resource.headerRange, {
      message: `Database storage is not encrypted: ${property} is not set and defaults to false`,
      fixes: ctx && resource.format === 'terraform' ? fixFor(addTerraformAttribute(ctx, resource, `${property} = true`)) : [],
    });
  }
  return result.fail(resource, encrypted.range, {
    message: `${property} is false: the database, its automated backups and snapshots are stored unencrypted`,
    fixes: fixFor(replaceValue(resource.file, encrypted, 'true')),
  });
}

/**
 * RDS instances and Aurora/Multi-AZ clusters encrypt their storage. Encryption can only be chosen
 * at creation, so databases that take it from elsewhere (read replicas, restores, Aurora instances,
 * global secondaries) are skipped, and Aurora Serverless v1 (always encrypted) passes.
 */
export const rule: Rule = {
  meta: {
    id: 'aws-rds-storage-encrypted',
    title: 'RDS database storage is encrypted',
    failMessage: 'RDS database storage is not encrypted',
    rationale:
      'An unencrypted RDS database leaves its data files, automated backups, snapshots and read replicas readable to anyone who obtains the underlying storage or a copy of a snapshot, including a snapshot shared by mistake. Storage encryption with KMS protects all of them at no performance cost worth noting, and makes access to the data depend on access to the key, which can be audited and revoked. It can only be chosen when the database is created, so it has to be right in the code from the start.',
    remediation:
      'Set `storage_encrypted = true` (and optionally `kms_key_id` for a customer-managed key) on `aws_db_instance` / `aws_rds_cluster`, or `StorageEncrypted: true` on `AWS::RDS::DBInstance` / `AWS::RDS::DBCluster`. For an existing database, take a snapshot, copy it with encryption, and restore from the encrypted copy.',
    severity: 'high',
    themes: ['encryption-at-rest'],
    resourceTypes: {
      terraform: ['aws_db_instance', 'aws_rds_cluster'],
      cloudformation: ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'],
    },
    peers: {
      checkov: ['CKV_AWS_16', 'CKV_AWS_96'],
      trivy: ['AVD-AWS-0080', 'AVD-AWS-0079', 'aws-rds-encrypt-instance-storage-data', 'aws-rds-encrypt-cluster-storage-data'],
      kics: ['DB Instance Storage Not Encrypted', 'RDS Database Cluster not Encrypted', 'RDS Storage Not Encrypted'],
      guard: ['RDS_STORAGE_ENCRYPTED'],
    },
  },
  check: {
    terraform: (resource, ctx) => check(resource, ctx, 'storage_encrypted'),
    cloudformation: (resource) => check(resource, undefined, 'StorageEncrypted'),
  },
};
