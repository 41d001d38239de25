import { asBool, asString, attr, blocks, hasDynamicBlocks } from '../../model/access';
import type { Resource } from '../../model/types';
import { addTerraformBlockAfter, isReferable } from '../fixkit';
import { cfnLookup, companions, literalFix } from '../shared/awsdata';
import { result, type CheckContext, type CheckResult, type Rule } from '../types';

const LOGGING = 'aws_redshift_logging';
const FIX_TITLE = 'Send audit logs to CloudWatch Logs with an aws_redshift_logging resource';

function freeName(ctx: CheckContext, name: string): string {
  const taken = new Set(ctx.moduleResources.filter((r) => r.type === LOGGING).map((r) => r.name));
  if (!taken.has(name)) return name;
  for (let i = 2; ; i++) if (!taken.has(`${name}_${i}`)) return `${name}_${i}`;
}

function terraform(resource: Resource, ctx: CheckContext): CheckResult {
  if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
  const { linked, unresolved } = companions(ctx, resource, LOGGING, 'cluster_identifier', 'cluster_identifier');
  if (linked.length) return result.pass(resource);
  const inline = blocks(resource.body, 'logging')[0];
  if (inline) {
    // Provider v5 inline block (removed in v6): `enable` is required.
    const enable = attr(inline.body, 'enable');
    const on = asBool(enable?.value);
    if (enable && on === undefined) return result.skip(resource, 'logging.enable is not known statically');
    if (on) return result.pass(resource, enable?.range);
    if (enable) {
      return result.fail(resource, enable.range, {
        message: 'Audit logging is switched off (logging.enable = false)',
        fixes: attr(inline.body, 'bucket_name') || asString(attr(inline.body, 'log_destination_type')?.value) === 'cloudwatch'
          ? literalFix(resource, enable, 'true', 'Enable audit logging', 'safe')
          : [],
      });
    }
  }
  if (hasDynamicBlocks(resource.body, 'logging')) return result.skip(resource, 'logging comes from a dynamic block');
  if (unresolved) return result.skip(resource, `an ${LOGGING} whose cluster cannot be determined may apply`);
  const canFix = !resource.repeated && isReferable(resource);
  const lines = [
    `resource "${LOGGING}" "${freeName(ctx, resource.name)}" {`,
    `  cluster_identifier   = ${resource.address}.id`,
    '  log_destination_type = "cloudwatch"',
    '  log_exports          = ["connectionlog", "userlog", "useractivitylog"]',
    '}',
  ];
  return result.fail(resource, resource.headerRange, {
    fixes: canFix ? [{ title: FIX_TITLE, safety: 'suggestion', edits: [addTerraformBlockAfter(ctx, resource, lines)] }] : [],
  });
}

function cloudformation(resource: Resource): CheckResult {
  const props = cfnLookup(resource, ['LoggingProperties']);
  if (props.state === 'unknown') return result.skip(resource, 'LoggingProperties is not known statically');
  if (props.state === 'present' && props.value.kind === 'object') {
    const bucket = cfnLookup(resource, ['LoggingProperties', 'BucketName']);
    const dest = cfnLookup(resource, ['LoggingProperties', 'LogDestinationType']);
    if (bucket.state !== 'missing' || dest.state !== 'missing') return result.pass(resource, props.range);
    return result.fail(resource, props.range, { message: 'LoggingProperties names neither a BucketName nor a LogDestinationType: no audit log is delivered' });
  }
  return result.fail(resource, resource.headerRange);
}

/**
 * Redshift audit logging (connection, user and user-activity logs) is delivered to S3 or
 * CloudWatch Logs: the provider-v5 inline `logging` block, a separate `aws_redshift_logging`
 * resource (provider v5.7x+ and v6), or CloudFormation `LoggingProperties`.
 */
export const rule: Rule = {
  meta: {
    id: 'aws-redshift-cluster-audit-logging-enabled',
    title: 'Redshift cluster delivers audit logs',
    failMessage: 'Redshift cluster has no audit logging',
    rationale:
      'Redshift keeps its own system tables of connections and queries for a few days only, inside the cluster an attacker would be using. Audit logging exports connection attempts, user changes and executed queries to S3 or CloudWatch Logs, where they outlive the cluster, can be protected from the database administrators, and can feed detection. Without them it is impossible to say after the fact who read which customer data.',
    remediation:
      'Add an `aws_redshift_logging` resource for the cluster (`log_destination_type = "cloudwatch"` or an S3 `bucket_name`, with `log_exports`), or on provider v5 a `logging { enable = true, bucket_name = ... }` block; in CloudFormation set `LoggingProperties`. For user-activity logs also set the `enable_user_activity_logging` parameter in the cluster parameter group.',
    severity: 'medium',
    themes: ['logging'],
    resourceTypes: { terraform: ['aws_redshift_cluster'], cloudformation: ['AWS::Redshift::Cluster'] },
    peers: {
      checkov: ['CKV_AWS_71'],
      kics: ['Redshift Cluster Logging Disabled'],
    },
  },
  check: {
    terraform,
    cloudformation: (resource) => cloudformation(resource),
  },
};
