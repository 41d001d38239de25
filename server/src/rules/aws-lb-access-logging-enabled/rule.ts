import { asBool, asString, attr, blocks, hasDynamicBlocks } from '../../model/access';
import type { Resource } from '../../model/types';
import { addCloudFormationListItems, addCloudFormationProperty, insertIntoTerraformBody, withCfnParameter } from '../fixkit';
import { addToBlock, allRefs, cfnKeyValue, cfnLookup, editableInPlace, literalFix, replaceCfnValue } from '../shared/awsdata';
import { result, type CheckContext, type CheckResult, type Fix, type Rule } from '../types';

const FIX_TITLE = 'Write access logs to S3 (fill in var.lb_access_log_bucket; its policy must allow ELB log delivery)';

function lbType(resource: Resource): string | undefined {
  const a = attr(resource.body, resource.format === 'terraform' ? 'load_balancer_type' : 'Type');
  if (!a || a.value.kind === 'null') return 'application';
  return asString(a.value);
}

/**
 * Network Load Balancers write access logs for TLS listeners only. `true` when a listener of the
 * load balancer uses TLS, `false` when all its listeners are known and none does, `undefined` when
 * a listener's protocol cannot be read.
 */
function nlbHasTlsListener(resource: Resource, ctx: CheckContext): boolean | undefined {
  const tf = resource.format === 'terraform';
  const listenerType = tf ? 'aws_lb_listener' : 'AWS::ElasticLoadBalancingV2::Listener';
  let unknown = false;
  for (const l of ctx.moduleResources) {
    if (l.kind !== 'resource' || l.type !== listenerType) continue;
    const lbRef = attr(l.body, tf ? 'load_balancer_arn' : 'LoadBalancerArn')?.value;
    const refs = allRefs(lbRef);
    if (!refs.has(resource.address)) {
      if (refs.size === 0) unknown = true;
      continue;
    }
    const protocol = asString(attr(l.body, tf ? 'protocol' : 'Protocol')?.value);
    if (protocol === undefined) unknown = true;
    else if (protocol.toUpperCase() === 'TLS') return true;
  }
  return unknown ? undefined : false;
}

function terraform(resource: Resource, ctx: CheckContext): CheckResult {
  if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
  const classic = resource.type === 'aws_elb';
  if (!classic) {
    const type = lbType(resource);
    if (type === undefined) return result.skip(resource, 'load_balancer_type is not known statically');
    if (type === 'gateway') return result.skip(resource, 'Gateway Load Balancers have no access logs');
    if (type === 'network' && nlbHasTlsListener(resource, ctx) !== true) return result.skip(resource, 'Network Load Balancers log TLS listeners only, and none is known');
  }
  const block = blocks(resource.body, 'access_logs')[0];
  if (!block) {
    if (hasDynamicBlocks(resource.body, 'access_logs')) return result.skip(resource, 'access_logs comes from a dynamic block');
    return result.fail(resource, resource.headerRange, {
      fixes: [{ title: FIX_TITLE, safety: 'suggestion', edits: [insertIntoTerraformBody(ctx, resource.file, resource.body, resource.headerRange.start.offset, ['access_logs {', '  bucket  = var.lb_access_log_bucket', '  enabled = true', '}'])] }],
    });
  }
  const enabled = attr(block.body, 'enabled');
  if (!enabled || enabled.value.kind === 'null') {
    // aws_elb defaults enabled to true; aws_lb defaults it to false even with a bucket.
    if (classic) return result.pass(resource, block.headerRange);
    return result.fail(resource, block.headerRange, {
      message: 'access_logs does not set enabled = true (it defaults to false even when a bucket is given)',
      fixes: [{ title: 'Enable access logging', safety: 'safe', edits: [addToBlock(ctx, resource, block, ['enabled = true'])] }],
    });
  }
  const on = asBool(enabled.value);
  if (on === undefined) return result.skip(resource, 'access_logs.enabled is not known statically');
  if (on) return result.pass(resource, enabled.range);
  return result.fail(resource, enabled.range, {
    message: 'Access logging is switched off (access_logs.enabled = false)',
    fixes: literalFix(resource, enabled, 'true', 'Enable access logging', 'safe'),
  });
}

const CFN_PARAMETER = 'LbAccessLogBucket';
const CFN_FIX_TITLE = `Write access logs to S3 (fill in the ${CFN_PARAMETER} parameter; its policy must allow ELB log delivery)`;

/** CloudFormation fix edits that need the log bucket: built from a `Ref` to a new parameter. */
function cfnBucketFix(resource: Resource, ctx: CheckContext, build: Parameters<typeof withCfnParameter>[4]): Fix[] {
  const edits = withCfnParameter(ctx, resource, CFN_PARAMETER, { description: 'Name of the S3 bucket that receives the load balancer access logs' }, build);
  return edits ? [{ title: CFN_FIX_TITLE, safety: 'suggestion', edits }] : [];
}

/** `access_logs.s3.enabled` / `access_logs.s3.bucket` for an ALB or NLB without them. */
function cfnAttributesFix(resource: Resource, ctx: CheckContext): Fix[] {
  const attrs = attr(resource.body, 'LoadBalancerAttributes');
  if (attrs && attrs.value.kind !== 'list') return [];
  const list = attrs?.value.kind === 'list' ? attrs.value : undefined;
  const hasBucket = list !== undefined && cfnKeyValue(list, 'access_logs.s3.bucket').state === 'present';
  return cfnBucketFix(resource, ctx, (ref) => {
    const items = [{ Key: 'access_logs.s3.enabled', Value: 'true' }, ...(hasBucket ? [] : [{ Key: 'access_logs.s3.bucket', Value: ref }])];
    return list ? addCloudFormationListItems(ctx, resource, list, items) : addCloudFormationProperty(ctx, resource, 'LoadBalancerAttributes', items);
  });
}

function cloudformation(resource: Resource, ctx: CheckContext): CheckResult {
  if (resource.type === 'AWS::ElasticLoadBalancing::LoadBalancer') {
    const policy = cfnLookup(resource, ['AccessLoggingPolicy']);
    if (policy.state === 'unknown') return result.skip(resource, 'AccessLoggingPolicy is not known statically');
    if (policy.state === 'missing') {
      return result.fail(resource, resource.headerRange, {
        fixes: cfnBucketFix(resource, ctx, (ref) => addCloudFormationProperty(ctx, resource, 'AccessLoggingPolicy', { Enabled: true, S3BucketName: ref, EmitInterval: 60 })),
      });
    }
    const en = cfnLookup(resource, ['AccessLoggingPolicy', 'Enabled']);
    if (en.state === 'unknown') return result.skip(resource, 'AccessLoggingPolicy.Enabled is not known statically');
    const on = en.state === 'present' ? asBool(en.value) : false;
    if (on === undefined) return result.skip(resource, 'AccessLoggingPolicy.Enabled is not known statically');
    if (on) return result.pass(resource, en.state === 'present' ? en.range : policy.range);
    // The policy names its bucket (S3BucketName is required), so switching it on is all it takes.
    const fixes: Fix[] =
      en.state === 'present' && editableInPlace(resource, en.value, en.range) ? [{ title: 'Enable access logging', safety: 'safe', edits: [replaceCfnValue(resource, en.value, 'true')] }] : [];
    return result.fail(resource, en.state === 'present' ? en.range : policy.range, { message: 'AccessLoggingPolicy does not enable access logging', fixes });
  }
  const type = lbType(resource);
  if (type === undefined) return result.skip(resource, 'Type is not known statically');
  if (type === 'gateway') return result.skip(resource, 'Gateway Load Balancers have no access logs');
  if (type === 'network' && nlbHasTlsListener(resource, ctx) !== true) return result.skip(resource, 'Network Load Balancers log TLS listeners only, and none is known');
  const attrs = attr(resource.body, 'LoadBalancerAttributes');
  const kv = cfnKeyValue(attrs?.value, 'access_logs.s3.enabled');
  if (kv.state === 'unknown') return result.skip(resource, 'LoadBalancerAttributes are not known statically');
  if (kv.state === 'missing') {
    return result.fail(resource, attrs?.range ?? resource.headerRange, { message: 'LoadBalancerAttributes do not set access_logs.s3.enabled to true', fixes: cfnAttributesFix(resource, ctx) });
  }
  const on = asBool(kv.value);
  if (on === undefined) return result.skip(resource, 'access_logs.s3.enabled is not known statically');
  if (on) return result.pass(resource, kv.range);
  // Switching logging on is safe when the bucket is named; without one the deployment would fail.
  const hasBucket = cfnKeyValue(attrs?.value, 'access_logs.s3.bucket').state === 'present';
  const fixes: Fix[] =
    hasBucket && editableInPlace(resource, kv.value, kv.range) ? [{ title: 'Enable access logging', safety: 'safe', edits: [replaceCfnValue(resource, kv.value, '"true"')] }] : [];
  return result.fail(resource, kv.range, { message: 'access_logs.s3.enabled is false: no access log is written', fixes });
}

/**
 * Application, Network and Classic Load Balancers write access logs to S3. For `aws_lb` the
 * `access_logs.enabled` flag defaults to false even when a bucket is set; Gateway Load Balancers
 * have no access logs and are skipped, and so are Network Load Balancers without a known TLS
 * listener (NLB access logs cover TLS listeners only).
 */
export const rule: Rule = {
  meta: {
    id: 'aws-lb-access-logging-enabled',
    title: 'Load balancer writes access logs',
    failMessage: 'Load balancer has no access logging',
    rationale:
      'The load balancer sees every connection to the application before any application log exists: client address, TLS protocol and cipher, request line, target, status and latency. Those records are needed to trace an attack, reconstruct what an attacker requested, and prove availability. Elastic Load Balancing keeps nothing unless access logging to S3 is switched on.',
    remediation:
      'Add `access_logs { bucket = aws_s3_bucket.lb_logs.id, enabled = true }` to `aws_lb` / `aws_alb` (or `access_logs { bucket = ... }` to `aws_elb`); in CloudFormation add `{Key: access_logs.s3.enabled, Value: "true"}` and `access_logs.s3.bucket` to `LoadBalancerAttributes`, or `AccessLoggingPolicy` for Classic Load Balancers. The bucket policy must allow the regional ELB log delivery.',
    severity: 'medium',
    themes: ['logging'],
    resourceTypes: {
      terraform: ['aws_lb', 'aws_alb', 'aws_elb'],
      cloudformation: ['AWS::ElasticLoadBalancingV2::LoadBalancer', 'AWS::ElasticLoadBalancing::LoadBalancer'],
    },
    peers: {
      checkov: ['CKV_AWS_91', 'CKV_AWS_92'],
      kics: ['ELB Access Log Disabled', 'ELBv2 ALB Access Log Disabled'],
      guard: ['ELBV2_ACCESS_LOGGING_RULE', 'ELB_LOGGING_ENABLED'],
    },
  },
  check: {
    terraform,
    cloudformation,
  },
};
