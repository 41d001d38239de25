import { asString, attr } from '../../model/access';
import type { Resource } from '../../model/types';
import { checkCfnBool, checkTfBool, isSet, literalFix } from '../shared/awsdata';
import { result, type CheckContext, type CheckResult, type Rule } from '../types';

const FIX_TITLE = 'Require TLS (clients must connect with TLS; engine versions before 7.0.5 replace the group)';

function check(resource: Resource, ctx: CheckContext): CheckResult | CheckResult[] {
  if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
  const tf = resource.format === 'terraform';
  if (isSet(resource.body, tf ? 'global_replication_group_id' : 'GlobalReplicationGroupId')) {
    return result.skip(resource, 'a member of a global datastore takes its encryption from the global replication group');
  }
  const engineAttr = attr(resource.body, tf ? 'engine' : 'Engine');
  const engine = engineAttr && engineAttr.value.kind !== 'null' ? asString(engineAttr.value)?.toLowerCase() : 'redis';
  const name = tf ? 'transit_encryption_enabled' : 'TransitEncryptionEnabled';
  const base = (tf ? checkTfBool : checkCfnBool)(resource, ctx, {
    name,
    want: true,
    default: engine === 'redis' ? false : undefined,
    missingMessage: `${name} is not set and defaults to false: clients and replicas talk to the cache in plaintext`,
    wrongMessage: 'Encryption in transit is disabled: clients and replicas talk to the cache in plaintext',
    fixTitle: FIX_TITLE,
    fixSafety: 'suggestion',
  });
  if (base.status !== 'pass') return base;
  // `preferred` is the migration mode: TLS is offered, plaintext connections are still accepted.
  const mode = attr(resource.body, tf ? 'transit_encryption_mode' : 'TransitEncryptionMode');
  const value = asString(mode?.value);
  if (mode && value === 'preferred') {
    return result.fail(resource, mode.range, {
      message: 'Transit encryption mode is "preferred": plaintext connections are still accepted',
      fixes: literalFix(resource, mode, '"required"', 'Require TLS for every connection (clients must all use TLS first)', 'suggestion'),
    });
  }
  return base;
}

/**
 * ElastiCache replication groups require TLS between clients and nodes and between nodes. Unset
 * means false for Redis OSS; `transit_encryption_mode = "preferred"` still accepts plaintext.
 */
export const rule: Rule = {
  meta: {
    id: 'aws-elasticache-replication-group-encrypted-in-transit',
    title: 'ElastiCache replication group encrypts traffic in transit',
    failMessage: 'ElastiCache replication group accepts plaintext connections',
    rationale:
      'Without in-transit encryption every command and reply, including session tokens, cached personal data and the AUTH password itself, crosses the network in cleartext, readable by anything that can capture traffic in the VPC: a compromised instance, a mirrored port, a misrouted peering. TLS also lets clients verify they talk to the real cache. AUTH tokens and Redis ACL users are only worth having when the channel that carries them is encrypted.',
    remediation:
      'Set `transit_encryption_enabled = true` (and `transit_encryption_mode = "required"` once clients use TLS) on `aws_elasticache_replication_group`, or `TransitEncryptionEnabled: true` on `AWS::ElastiCache::ReplicationGroup`, and switch client libraries to TLS. Engine 7.0.5 and later can change this in place through the `preferred` mode.',
    severity: 'high',
    themes: ['encryption-in-transit'],
    resourceTypes: { terraform: ['aws_elasticache_replication_group'], cloudformation: ['AWS::ElastiCache::ReplicationGroup'] },
    peers: {
      checkov: ['CKV_AWS_30', 'CKV_AWS_31'],
      trivy: ['AVD-AWS-0051'],
      kics: ['ElastiCache Replication Group Not Encrypted At Transit', 'ElastiCache With Disabled Transit Encryption'],
      guard: ['ELASTICACHE_REPLICATION_GROUP_ENCRYPTION_IN_TRANSIT'],
    },
  },
  check: {
    terraform: check,
    cloudformation: check,
  },
};
