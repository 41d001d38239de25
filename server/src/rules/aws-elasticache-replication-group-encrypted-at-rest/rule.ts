import { asString, attr } from '../../model/access';
import type { Resource } from '../../model/types';
import { checkCfnBool, checkTfBool, isSet } from '../shared/awsdata';
import { result, type CheckContext, type CheckResult, type Rule } from '../types';

const FIX_TITLE = 'Encrypt at rest (forces replacement of an existing replication group: migrate through a backup)';

/** Engine of the replication group: `redis` when not written. `undefined` when unknown. */
function engineOf(resource: Resource, name: string): string | undefined {
  const a = attr(resource.body, name);
  if (!a || a.value.kind === 'null') return 'redis';
  return asString(a.value)?.toLowerCase();
}

function check(resource: Resource, ctx: CheckContext): CheckResult {
  if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
  const tf = resource.format === 'terraform';
  if (isSet(resource.body, tf ? 'global_replication_group_id' : 'GlobalReplicationGroupId')) {
    return result.skip(resource, 'a member of a global datastore takes its encryption from the global replication group');
  }
  const engine = engineOf(resource, tf ? 'engine' : 'Engine');
  // The provider defaults at-rest encryption to true for Valkey and false for Redis OSS.
  const def = engine === undefined ? undefined : engine === 'valkey' ? (tf ? true : undefined) : false;
  const spec = {
    want: true,
    default: def,
    missingMessage: `${tf ? 'at_rest_encryption_enabled' : 'AtRestEncryptionEnabled'} is not set and defaults to false: data on disk, backups and snapshots are unencrypted`,
    wrongMessage: 'Encryption at rest is disabled: data on disk, backups and snapshots are unencrypted',
    fixTitle: FIX_TITLE,
    fixSafety: 'suggestion' as const,
  };
  return tf ? checkTfBool(resource, ctx, { name: 'at_rest_encryption_enabled', ...spec }) : checkCfnBool(resource, ctx, { name: 'AtRestEncryptionEnabled', ...spec });
}

/**
 * ElastiCache (Redis OSS / Valkey) replication groups encrypt data at rest. Unset means false for
 * Redis OSS; Terraform defaults it to true for Valkey; global datastore members are skipped.
 */
export const rule: Rule = {
  meta: {
    id: 'aws-elasticache-replication-group-encrypted-at-rest',
    title: 'ElastiCache replication group is encrypted at rest',
    failMessage: 'ElastiCache replication group does not encrypt data at rest',
    rationale:
      'Caches hold copies of the data the application reads most: sessions, tokens, user profiles, query results. Replication groups write that data to disk during synchronisation, swaps and backups, and export it in snapshots that can be copied or shared. Encryption at rest keeps those disks and snapshots unreadable without the key, which is what auditors expect for any store of customer data, cache or not.',
    remediation:
      'Set `at_rest_encryption_enabled = true` (optionally `kms_key_id`) on `aws_elasticache_replication_group`, or `AtRestEncryptionEnabled: true` on `AWS::ElastiCache::ReplicationGroup`. The setting is fixed at creation: create an encrypted group, restore a backup into it and switch clients over.',
    severity: 'high',
    themes: ['encryption-at-rest'],
    resourceTypes: { terraform: ['aws_elasticache_replication_group'], cloudformation: ['AWS::ElastiCache::ReplicationGroup'] },
    peers: {
      checkov: ['CKV_AWS_29', 'CKV_AWS_191'],
      trivy: ['AVD-AWS-0045'],
      kics: ['ElastiCache Replication Group Not Encrypted At Rest', 'ElastiCache With Disabled at Rest Encryption'],
      guard: ['ELASTICACHE_REPLICATION_GROUP_ENCRYPTION_AT_REST'],
    },
  },
  check: {
    terraform: check,
    cloudformation: check,
  },
};
