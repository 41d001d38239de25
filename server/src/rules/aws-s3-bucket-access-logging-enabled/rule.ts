import { asList, asString, asStringList, attr, blocks, field, hasDynamicBlocks } from '../../model/access';
import type { Body, Resource, Value } from '../../model/types';
import {
  addConfigResourceFix,
  addInlineBlockFix,
  bucketConfigs,
  granteeUri,
  LOG_DELIVERY_URI,
  policyAdmitsLogDelivery,
  resourcesLinkedTo,
  resourcesNaming,
  refsIn,
  resourcesOfType,
  usesInlineStyle,
} from '../shared/s3Links';
import { addCloudFormationProperty, CfnRef, isReferable, placeholderVariable, terraformRef, withCfnParameter } from '../fixkit';
import { result, type CheckContext, type CheckResult, type Fix, type Rule } from '../types';

const LOGGING = 'aws_s3_bucket_logging';

const FIX_TITLE = 'Send server access logs to a log bucket (set var.access_log_bucket)';

/**
 * Why a Terraform bucket is itself a log destination, or `undefined`. Log buckets are exempt:
 * logging a log bucket into another bucket only moves the question one bucket further.
 */
function logTargetReason(bucket: Resource, ctx: CheckContext): string | undefined {
  const acls = [attr(bucket.body, 'acl')?.value];
  for (const a of bucketConfigs(bucket, ctx, 'aws_s3_bucket_acl').linked) acls.push(attr(a.body, 'acl')?.value);
  if (acls.some((v) => asString(v) === 'log-delivery-write')) return 'ACL log-delivery-write: this is a log bucket';
  const grants = blocks(bucket.body, 'grant');
  if (grants.some((g) => granteeUri(attr(g.body, 'uri')?.value)?.toLowerCase() === LOG_DELIVERY_URI.toLowerCase())) {
    return 'ACL grant to the S3 LogDelivery group: this is a log bucket';
  }
  const logging = resourcesNaming(bucket, ctx, LOGGING, 'target_bucket', (l) => attr(l.body, 'target_bucket')?.value).linked;
  if (logging.length > 0) return `target of ${logging[0].address}`;
  // The provider allows one inline `logging` block per bucket.
  const inline = resourcesNaming(bucket, ctx, 'aws_s3_bucket', 'logging.target_bucket', (b) => {
    const lb = blocks(b.body, 'logging')[0];
    return lb ? attr(lb.body, 'target_bucket')?.value : undefined;
  }).linked;
  if (inline.length > 0) return `access-log target of ${inline[0].address}`;
  const policies = [attr(bucket.body, 'policy')?.value];
  for (const p of bucketConfigs(bucket, ctx, 'aws_s3_bucket_policy').linked) policies.push(attr(p.body, 'policy')?.value);
  if (policies.some((p) => policyAdmitsLogDelivery(p))) return 'policy admits logging.s3.amazonaws.com: this is a log bucket';
  return undefined;
}

/** An S3 object ARN selector value that covers every bucket: `arn:aws:s3`, `arn:aws:s3:::`, ... */
function coversAllBuckets(arn: string): boolean {
  return /^arn:[a-z-]+:s3(:::)?$/.test(arn.trim());
}

/**
 * Whether a list of S3 ARN selectors (data resource `values`, advanced selector `starts_with`)
 * covers `bucket`: all buckets, or a value that references the bucket or starts with its ARN.
 */
function arnsCover(values: Value | undefined, bucket: Resource, name: string | undefined): boolean {
  const items = asList(values) ?? (values ? [values] : []);
  for (const item of items) {
    if (refsIn(item).has(bucket.address)) return true;
    const arn = asString(item);
    if (arn === undefined) continue;
    if (coversAllBuckets(arn)) return true;
    if (name !== undefined && /^arn:[a-z-]+:s3:::/.test(arn) && arn.replace(/^arn:[a-z-]+:s3:::/, '').split('/')[0] === name) return true;
  }
  return false;
}

/** Terraform `event_selector` blocks of a trail that log read and write S3 object events for the bucket. */
function tfEventSelectorsCover(body: Body, bucket: Resource, name: string | undefined): boolean {
  return blocks(body, 'event_selector').some((sel) => {
    const rw = asString(attr(sel.body, 'read_write_type')?.value);
    if (attr(sel.body, 'read_write_type') && rw !== 'All') return false;
    return blocks(sel.body, 'data_resource').some(
      (d) => asString(attr(d.body, 'type')?.value) === 'AWS::S3::Object' && arnsCover(attr(d.body, 'values')?.value, bucket, name),
    );
  });
}

/** Terraform `advanced_event_selector` blocks that log all S3 object data events for the bucket. */
function tfAdvancedSelectorsCover(body: Body, bucket: Resource, name: string | undefined): boolean {
  return blocks(body, 'advanced_event_selector').some((sel) => {
    if (hasDynamicBlocks(sel.body, 'field_selector')) return false;
    const fields = blocks(sel.body, 'field_selector').map((f) => ({ field: asString(attr(f.body, 'field')?.value), body: f.body }));
    const equals = (field: string) => {
      const f = fields.find((x) => x.field === field);
      return f ? asStringList(attr(f.body, 'equals')?.value) : undefined;
    };
    if (!equals('eventCategory')?.includes('Data')) return false;
    if (!equals('resources.type')?.includes('AWS::S3::Object')) return false;
    return fields.every((f) => {
      // A selector narrowed to reads, writes or some API calls records only part of the requests.
      if (f.field === 'readOnly' || f.field === 'eventName' || f.field === undefined) return false;
      if (f.field !== 'resources.ARN') return true;
      if (attr(f.body, 'not_starts_with') || attr(f.body, 'not_equals')) return false;
      return arnsCover(attr(f.body, 'starts_with')?.value ?? attr(f.body, 'equals')?.value, bucket, name);
    });
  });
}

/** The CloudTrail trail in scope that records the bucket's object-level requests, if any. */
function cloudTrailDataEvents(bucket: Resource, ctx: CheckContext): string | undefined {
  const name = asString(attr(bucket.body, 'bucket')?.value);
  for (const trail of resourcesOfType(ctx, 'aws_cloudtrail')) {
    if (tfEventSelectorsCover(trail.body, bucket, name) || tfAdvancedSelectorsCover(trail.body, bucket, name)) {
      return `${trail.address} records its object-level requests as CloudTrail S3 data events`;
    }
  }
  return undefined;
}

const logBucketCache = new WeakMap<readonly Resource[], Resource[]>();

/** The scope's log buckets (computed once per scope: it looks at every bucket). */
function moduleLogBuckets(ctx: CheckContext): Resource[] {
  let found = logBucketCache.get(ctx.moduleResources);
  if (!found) {
    found = resourcesOfType(ctx, 'aws_s3_bucket').filter((b) => !b.repeated && logTargetReason(b, ctx) !== undefined);
    logBucketCache.set(ctx.moduleResources, found);
  }
  return found;
}

function checkTerraform(resource: Resource, ctx: CheckContext): CheckResult {
  if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
  const inline = blocks(resource.body, 'logging')[0];
  if (inline) return result.pass(resource, inline.headerRange);
  if (hasDynamicBlocks(resource.body, 'logging')) return result.skip(resource, 'logging comes from a dynamic block');
  const { linked, unresolved } = bucketConfigs(resource, ctx, LOGGING);
  if (linked.length) return result.pass(resource);
  const target = logTargetReason(resource, ctx) ?? cloudTrailDataEvents(resource, ctx);
  if (target) return result.skip(resource, target);
  if (unresolved.length) return result.skip(resource, `an ${LOGGING} whose bucket cannot be determined may apply`);
  // Send the logs to the module's log bucket when there is exactly one, else to a variable to set.
  const logBuckets = moduleLogBuckets(ctx);
  // A bucket whose name is no identifier (a label still being typed, `"logs@ {`) cannot be
  // referred to: the variable then, rather than a reference that does not parse.
  const known = logBuckets.length === 1 && logBuckets[0] !== resource && isReferable(logBuckets[0]) ? logBuckets[0] : undefined;
  const logBucket = known ? terraformRef(known) : placeholderVariable('access_log_bucket');
  const title = known ? `Send server access logs to ${known.address}` : FIX_TITLE;
  const prefix = `target_prefix = "${resource.name}/"`;
  const fix = usesInlineStyle(resource)
    ? addInlineBlockFix(resource, ctx, ['logging {', `  target_bucket = ${logBucket}`, `  ${prefix}`, '}'], title, 'suggestion')
    : addConfigResourceFix(resource, ctx, LOGGING, [`target_bucket = ${logBucket}`, prefix], title, 'suggestion');
  return result.fail(resource, resource.headerRange, { fixes: fix ? [fix] : [] });
}

/** Per bucket list: every bucket's fix asks for them, and filtering all buckets each time was quadratic. */
const logDeliveryCache = new WeakMap<readonly Resource[], Resource[]>();

/** The template's buckets with the log-delivery ACL (`AccessControl: LogDeliveryWrite`). */
function logDeliveryBuckets(ctx: CheckContext): Resource[] {
  const buckets = resourcesOfType(ctx, 'AWS::S3::Bucket');
  let list = logDeliveryCache.get(buckets);
  if (!list) {
    list = buckets.filter((b) => asString(attr(b.body, 'AccessControl')?.value) === 'LogDeliveryWrite');
    logDeliveryCache.set(buckets, list);
  }
  return list;
}

/**
 * The CloudFormation fix: a `LoggingConfiguration` to the template's one log bucket (AccessControl
 * LogDeliveryWrite), else to a new `AccessLogBucket` parameter.
 */
function cfnLoggingFix(resource: Resource, ctx: CheckContext): Fix[] {
  const logBuckets = logDeliveryBuckets(ctx).filter((b) => b !== resource);
  const logging = (bucket: CfnRef) => addCloudFormationProperty(ctx, resource, 'LoggingConfiguration', { DestinationBucketName: bucket, LogFilePrefix: `${resource.name}/` });
  if (logBuckets.length === 1) {
    const edit = logging(new CfnRef(logBuckets[0].name));
    return edit ? [{ title: `Send server access logs to ${logBuckets[0].name}`, safety: 'suggestion', edits: [edit] }] : [];
  }
  const edits = withCfnParameter(ctx, resource, 'AccessLogBucket', { description: 'Name of the bucket that receives S3 server access logs' }, logging);
  return edits ? [{ title: 'Send server access logs to a log bucket (set the AccessLogBucket parameter)', safety: 'suggestion', edits }] : [];
}

/** Why a CloudFormation bucket is a log destination, or `undefined`. */
function cfnLogTargetReason(bucket: Resource, ctx: CheckContext): string | undefined {
  if (asString(attr(bucket.body, 'AccessControl')?.value) === 'LogDeliveryWrite') return 'AccessControl LogDeliveryWrite: this is a log bucket';
  const sources = resourcesLinkedTo(bucket, ctx, 'AWS::S3::Bucket', 'LoggingConfiguration.DestinationBucketName', (b) =>
    field(attr(b.body, 'LoggingConfiguration')?.value, 'DestinationBucketName'),
  );
  if (sources.length > 0) return `access-log target of ${sources[0].address}`;
  for (const p of resourcesLinkedTo(bucket, ctx, 'AWS::S3::BucketPolicy', 'Bucket', (r) => attr(r.body, 'Bucket')?.value)) {
    if (policyAdmitsLogDelivery(attr(p.body, 'PolicyDocument')?.value)) return `${p.address} admits logging.s3.amazonaws.com: this is a log bucket`;
  }
  return undefined;
}

/**
 * Server access logging records every request made to a bucket. Buckets that receive access logs
 * are exempt (log-delivery ACL, named as another bucket's log target, or a policy for the logging
 * service): requiring logs of the log bucket would only recurse.
 */
export const rule: Rule = {
  meta: {
    id: 'aws-s3-bucket-access-logging-enabled',
    title: 'S3 bucket has server access logging enabled',
    failMessage: 'S3 bucket does not log requests: who read, wrote or deleted objects cannot be reconstructed',
    rationale:
      'Server access logs record each request made to a bucket: requester, operation, object key, source IP, time and result. Without them, an investigation cannot tell who read or deleted which objects, or whether data left through the bucket at all; CloudTrail records bucket-level API calls by default but object reads and writes only when data events are paid for and configured. Access logs are the inexpensive per-bucket evidence that monitoring and incident response rely on.',
    remediation:
      'Add an `aws_s3_bucket_logging` whose `bucket` references the bucket and whose `target_bucket` is a dedicated log bucket (provider v4+), or a `logging { target_bucket = ... }` block in the bucket (provider v3). In CloudFormation set `LoggingConfiguration.DestinationBucketName`. The log bucket must allow the `logging.s3.amazonaws.com` service principal to write.',
    severity: 'medium',
    themes: ['logging'],
    resourceTypes: { terraform: ['aws_s3_bucket'], cloudformation: ['AWS::S3::Bucket'] },
    peers: {
      checkov: ['CKV_AWS_18'],
      trivy: ['AVD-AWS-0089', 'aws-s3-enable-bucket-logging'],
      kics: ['S3 Bucket Logging Disabled'],
      guard: ['S3_BUCKET_LOGGING_ENABLED'],
      cfnNag: ['W35'],
    },
  },
  check: {
    terraform: checkTerraform,
    cloudformation(resource, ctx) {
      const logging = attr(resource.body, 'LoggingConfiguration');
      if (logging) {
        return logging.value.kind === 'unknown' ? result.skip(resource, 'LoggingConfiguration is unknown') : result.pass(resource, logging.range);
      }
      const target = cfnLogTargetReason(resource, ctx);
      if (target) return result.skip(resource, target);
      return result.fail(resource, resource.headerRange, { fixes: cfnLoggingFix(resource, ctx) });
    },
  },
};
