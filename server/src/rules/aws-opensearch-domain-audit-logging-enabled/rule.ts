import { asBool, asString, attr, blocks, hasDynamicBlocks } from '../../model/access';
import type { ObjectValue, Resource } from '../../model/types';
import { addCloudFormationEntry, addCloudFormationProperty, insertIntoTerraformBody, withCfnParameter } from '../fixkit';
import { cfnLookup, editableInPlace, replaceCfnValue, literalFix } from '../shared/awsdata';
import { result, type CheckContext, type CheckResult, type Fix, type Rule } from '../types';

const FIX_TITLE = 'Publish audit logs to CloudWatch Logs (fill in var.opensearch_audit_log_group_arn; needs fine-grained access control)';

function terraform(resource: Resource, ctx: CheckContext): CheckResult {
  if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
  let unknown = hasDynamicBlocks(resource.body, 'log_publishing_options');
  for (const b of blocks(resource.body, 'log_publishing_options')) {
    const typeAttr = attr(b.body, 'log_type');
    const type = asString(typeAttr?.value);
    if (type === undefined) {
      unknown = true;
      continue;
    }
    if (type !== 'AUDIT_LOGS') continue;
    const enabled = attr(b.body, 'enabled');
    if (!enabled) return result.pass(resource, b.headerRange); // enabled defaults to true
    const on = asBool(enabled.value);
    if (on === undefined) return result.skip(resource, 'log_publishing_options.enabled is not known statically');
    if (on) return result.pass(resource, enabled.range);
    return result.fail(resource, enabled.range, {
      message: 'Audit log publishing is configured but switched off',
      fixes: literalFix(resource, enabled, 'true', 'Switch audit log publishing on', 'safe'),
    });
  }
  if (unknown) return result.skip(resource, 'log publishing options are not known statically');
  return result.fail(resource, resource.headerRange, {
    fixes: [
      {
        title: FIX_TITLE,
        safety: 'suggestion',
        edits: [insertIntoTerraformBody(ctx, resource.file, resource.body, resource.headerRange.start.offset, ['log_publishing_options {', '  log_type                 = "AUDIT_LOGS"', '  cloudwatch_log_group_arn = var.opensearch_audit_log_group_arn', '}'])],
      },
    ],
  });
}

const CFN_PARAMETER = 'OpenSearchAuditLogGroupArn';

/** The CloudFormation fix: an AUDIT_LOGS publishing option to a log group from a new parameter. */
function cfnFix(resource: Resource, ctx: CheckContext, options: ObjectValue | undefined): Fix[] {
  const edits = withCfnParameter(ctx, resource, CFN_PARAMETER, { description: 'ARN of the CloudWatch Logs log group that receives the OpenSearch audit logs' }, (ref) => {
    const audit = { CloudWatchLogsLogGroupArn: ref, Enabled: true };
    return options ? addCloudFormationEntry(ctx, resource, options, 'AUDIT_LOGS', audit) : addCloudFormationProperty(ctx, resource, 'LogPublishingOptions', { AUDIT_LOGS: audit });
  });
  const title = `Publish audit logs to CloudWatch Logs (fill in the ${CFN_PARAMETER} parameter; needs fine-grained access control)`;
  return edits ? [{ title, safety: 'suggestion', edits }] : [];
}

function cloudformation(resource: Resource, ctx: CheckContext): CheckResult {
  const opts = cfnLookup(resource, ['LogPublishingOptions']);
  if (opts.state === 'unknown') return result.skip(resource, 'LogPublishingOptions is not known statically');
  if (opts.state === 'missing') return result.fail(resource, resource.headerRange, { fixes: cfnFix(resource, ctx, undefined) });
  const audit = cfnLookup(resource, ['LogPublishingOptions', 'AUDIT_LOGS']);
  if (audit.state === 'unknown') return result.skip(resource, 'AUDIT_LOGS is not known statically');
  if (audit.state === 'missing') {
    const options = opts.value.kind === 'object' ? opts.value : undefined;
    return result.fail(resource, opts.range, { message: 'LogPublishingOptions has no AUDIT_LOGS entry', fixes: options ? cfnFix(resource, ctx, options) : [] });
  }
  const enabled = cfnLookup(resource, ['LogPublishingOptions', 'AUDIT_LOGS', 'Enabled']);
  if (enabled.state === 'unknown') return result.skip(resource, 'AUDIT_LOGS.Enabled is not known statically');
  if (enabled.state === 'missing') return result.pass(resource, audit.range);
  const on = asBool(enabled.value);
  if (on === undefined) return result.skip(resource, 'AUDIT_LOGS.Enabled is not known statically');
  if (on) return result.pass(resource, enabled.range);
  const fixes = editableInPlace(resource, enabled.value, enabled.range) ? [{ title: 'Switch audit log publishing on', safety: 'safe' as const, edits: [replaceCfnValue(resource, enabled.value, 'true')] }] : [];
  return result.fail(resource, enabled.range, { message: 'Audit log publishing is configured but switched off', fixes });
}

/**
 * OpenSearch / Elasticsearch domains publish audit logs (AUDIT_LOGS) to CloudWatch Logs. Audit
 * logs need fine-grained access control; the rule does not check that prerequisite separately.
 */
export const rule: Rule = {
  meta: {
    id: 'aws-opensearch-domain-audit-logging-enabled',
    title: 'OpenSearch domain publishes audit logs',
    failMessage: 'OpenSearch domain does not publish audit logs',
    rationale:
      'Search and application logs say how the cluster performs; only audit logs say who authenticated, who was refused, and which indices and documents each user read or changed. Without them there is no record of access to the data in the domain, which is exactly what an investigation of a leak or an access review needs. Published to CloudWatch Logs they are retained and protected outside the cluster.',
    remediation:
      'Enable fine-grained access control and add `log_publishing_options { log_type = "AUDIT_LOGS", cloudwatch_log_group_arn = ... }` (Terraform) or `LogPublishingOptions: { AUDIT_LOGS: { CloudWatchLogsLogGroupArn: ..., Enabled: true } }` (CloudFormation); the log group needs a resource policy that lets OpenSearch write to it. Then enable audit logging in OpenSearch Dashboards security settings.',
    severity: 'medium',
    themes: ['logging'],
    resourceTypes: {
      terraform: ['aws_opensearch_domain', 'aws_elasticsearch_domain'],
      cloudformation: ['AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain'],
    },
    peers: {
      checkov: ['CKV_AWS_317'],
      trivy: ['AVD-AWS-0042'],
      kics: ['Elasticsearch Log Disabled'],
      guard: ['OPENSEARCH_AUDIT_LOGGING_ENABLED'],
    },
  },
  check: {
    terraform,
    cloudformation: (resource, ctx) => cloudformation(resource, ctx),
  },
};
