/**
 * RDS facts for the awsdata pack: which database resources carry a setting themselves, and which
 * take it from elsewhere (Aurora instances from their cluster, replicas from their source).
 */
import { asString, attr } from '../../model/access';
import type { Resource } from '../../model/types';
import { isSet } from './awsdata';

/** Engine, lower-cased; `undefined` when not written or not known. */
export function engineOf(resource: Resource): string | undefined {
  return asString(attr(resource.body, resource.format === 'terraform' ? 'engine' : 'Engine')?.value)?.toLowerCase();
}

/** An RDS instance that is a member of an Aurora (or Multi-AZ DB) cluster: cluster settings apply. */
export function isClusterMember(resource: Resource): boolean {
  if (resource.type === 'aws_rds_cluster_instance') return true;
  if (resource.format === 'cloudformation') return resource.type === 'AWS::RDS::DBInstance' && isSet(resource.body, 'DBClusterIdentifier');
  return resource.type === 'aws_db_instance' && (engineOf(resource)?.startsWith('aurora') ?? false);
}

/** A read replica of another instance or cluster. */
export function isReplica(resource: Resource): boolean {
  const names = resource.format === 'terraform'
    ? ['replicate_source_db', 'replication_source_identifier']
    : ['SourceDBInstanceIdentifier', 'SourceDBClusterIdentifier', 'ReplicationSourceIdentifier'];
  return names.some((n) => isSet(resource.body, n));
}
