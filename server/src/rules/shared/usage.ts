/**
 * "Who uses this?" facts read from the reference index, so a finding can say what is at stake:
 * the instances and load balancers behind a security group, the data stores a KMS key encrypts.
 * Only managed resources of the same module or template count; a user elsewhere is not visible.
 */
import { attr } from '../../model/access';
import type { Body, Resource, Value } from '../../model/types';
import type { CheckContext } from '../types';
import { refsIn } from './s3Links';

/** At most `max` names, then "+N": findings stay one line long. */
export function shortList(names: readonly string[], max = 3): string {
  const shown = names.slice(0, max).join(', ');
  return names.length > max ? `${shown} +${names.length - max}` : shown;
}

// ---------------------------------------------------------------------------------------------
// Security groups

/**
 * Terraform resource types that attach security groups to something that runs or stores data.
 * `aws_security_group` itself is not one: its `security_groups` inside `ingress` are sources.
 */
const TF_SG_USER_TYPES = /^aws_(instance|launch_template|launch_configuration|lb|alb|elb|db_instance|rds_cluster|eks_cluster|elasticache_.+|lambda_function|network_interface|ecs_service|redshift_cluster|efs_mount_target|opensearch_domain|elasticsearch_domain|mq_broker|msk_cluster|docdb_cluster|neptune_cluster|vpc_endpoint|dms_replication_instance|memorydb_cluster)$/;

/** Argument names that attach groups, wherever they are nested (`vpc_config`, `network_interfaces`). */
const TF_SG_KEYS = new Set(['vpc_security_group_ids', 'security_groups', 'security_group_ids']);

/** CloudFormation property names that attach groups (`VpcConfig`, `NetworkInterfaces[].GroupSet`, ...). */
const CFN_SG_KEYS = new Set(['SecurityGroupIds', 'SecurityGroups', 'VpcSecurityGroupIds', 'VPCSecurityGroups', 'GroupSet', 'Groups']);

/** Addresses referenced under any of `keys` in a value (nested objects and lists included). */
function refsUnderKeys(value: Value, keys: Set<string>, into: Set<string>): void {
  if (value.kind === 'list') for (const item of value.items) refsUnderKeys(item, keys, into);
  else if (value.kind === 'object') {
    for (const e of value.entries) {
      if (keys.has(e.key)) refsIn(e.value, into);
      else refsUnderKeys(e.value, keys, into);
    }
  }
}

function bodyRefsUnderKeys(body: Body, keys: Set<string>, into: Set<string> = new Set()): Set<string> {
  for (const a of body.attributes) {
    if (keys.has(a.name)) refsIn(a.value, into);
    else refsUnderKeys(a.value, keys, into);
  }
  for (const b of body.blocks) bodyRefsUnderKeys(b.body, keys, into);
  return into;
}

function attachesGroup(user: Resource, group: Resource): boolean {
  if (user.kind !== 'resource' || user === group) return false;
  if (user.format === 'terraform') {
    return TF_SG_USER_TYPES.test(user.type) && bodyRefsUnderKeys(user.body, TF_SG_KEYS).has(group.address);
  }
  if (user.type.startsWith('AWS::EC2::SecurityGroup')) return false;
  return bodyRefsUnderKeys(user.body, CFN_SG_KEYS).has(group.address);
}

/**
 * The security group a permission belongs to: the group itself, or the group a separate rule
 * resource (`aws_security_group_rule`, `aws_vpc_security_group_ingress_rule`,
 * `AWS::EC2::SecurityGroupIngress`) references.
 */
function owningGroup(resource: Resource, ctx: CheckContext): Resource | undefined {
  const groupType = resource.format === 'terraform' ? 'aws_security_group' : 'AWS::EC2::SecurityGroup';
  if (resource.type === groupType) return resource;
  const a = attr(resource.body, resource.format === 'terraform' ? 'security_group_id' : 'GroupId');
  for (const ref of refsIn(a?.value)) {
    const r = ctx.resolve(ref);
    if (r && r.type === groupType) return r;
  }
  return undefined;
}

/**
 * The users found per group, per analysis (a context is made for each analysis of a module or
 * template): each of the four exposure rules names them in every finding on the group.
 */
const groupUsersByContext = new WeakMap<CheckContext, Map<Resource, string[]>>();

/** Addresses of the module's resources that attach the group `resource` is (or belongs to). */
export function securityGroupUsers(resource: Resource, ctx: CheckContext): string[] {
  const group = owningGroup(resource, ctx);
  if (!group) return [];
  let known = groupUsersByContext.get(ctx);
  if (!known) groupUsersByContext.set(ctx, (known = new Map()));
  let users = known.get(group);
  if (!users) {
    users = [...new Set(ctx.referencesTo(group).filter((u) => attachesGroup(u, group)).map((u) => u.address))];
    known.set(group, users);
  }
  // A copy: callers may sort or extend it.
  return users.slice();
}

/** " (attached to aws_instance.bastion, aws_lb.web)", or "" when nothing in the module attaches it. */
export function attachedSuffix(resource: Resource, ctx: CheckContext): string {
  const users = securityGroupUsers(resource, ctx);
  return users.length ? ` (attached to ${shortList(users)})` : '';
}

// ---------------------------------------------------------------------------------------------
// KMS keys

/** Resources that reference a key without encrypting anything with it (aliases, grants, policies). */
const KMS_PLUMBING = /^(aws_kms_.+|aws_iam_.+|AWS::KMS::.+|AWS::IAM::.+)$/;

/** Types whose data sits encrypted under the key: a lapse in key hygiene there is worth more. */
const DATA_STORES = /^(aws_db_instance|aws_rds_cluster|aws_s3_bucket.*|aws_ebs_volume|aws_efs_file_system|aws_dynamodb_table|aws_redshift_cluster|aws_secretsmanager_secret|AWS::RDS::DBInstance|AWS::RDS::DBCluster|AWS::S3::Bucket|AWS::EC2::Volume|AWS::EFS::FileSystem|AWS::DynamoDB::Table|AWS::DynamoDB::GlobalTable|AWS::Redshift::Cluster|AWS::SecretsManager::Secret)$/;

/** Managed resources of the module that reference the key to encrypt with it, and whether one is a data store. */
export function keyUsers(key: Resource, ctx: CheckContext): { users: string[]; dataStore: boolean } {
  const users = ctx.referencesTo(key).filter((u) => u.kind === 'resource' && u !== key && !KMS_PLUMBING.test(u.type));
  return { users: [...new Set(users.map((u) => u.address))], dataStore: users.some((u) => DATA_STORES.test(u.type)) };
}
