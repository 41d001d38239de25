import { attr } from '../../model/access';
import type { Resource } from '../../model/types';
import { insertIntoTerraformBody } from '../fixkit';
import { result, type CheckContext, type CheckResult, type Fix, type Rule } from '../types';

/** What the fix sets, with the placeholder variable each line asks the user to fill in. */
const FIX_LINES = [
  { name: 'cloud_watch_logs_group_arn', line: 'cloud_watch_logs_group_arn = "${var.cloudtrail_log_group_arn}:*"', placeholder: 'var.cloudtrail_log_group_arn' },
  { name: 'cloud_watch_logs_role_arn', line: 'cloud_watch_logs_role_arn  = var.cloudtrail_cloudwatch_role_arn', placeholder: 'var.cloudtrail_cloudwatch_role_arn' },
];

/**
 * The fix for a Terraform trail without a log group. A role the trail already names is kept: a
 * second `cloud_watch_logs_role_arn` would make the file invalid.
 */
function terraformFix(resource: Resource, ctx: CheckContext): Fix {
  const missing = FIX_LINES.filter((l) => !attr(resource.body, l.name));
  return {
    title: `Deliver the trail to CloudWatch Logs (fill in ${missing.map((l) => l.placeholder).join(' and ')})`,
    safety: 'suggestion',
    edits: [insertIntoTerraformBody(ctx, resource.file, resource.body, resource.headerRange.start.offset, missing.map((l) => l.line))],
  };
}

function check(resource: Resource, ctx: CheckContext, property: string): CheckResult {
  if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
  const a = attr(resource.body, property);
  if (a && a.value.kind !== 'null' && !(a.value.kind === 'string' && a.value.value === '')) return result.pass(resource, a.range);
  const fixes = resource.format === 'terraform' && !a ? [terraformFix(resource, ctx)] : [];
  return result.fail(resource, a?.range ?? resource.headerRange, { fixes });
}

/**
 * CloudTrail trails deliver events to a CloudWatch Logs log group as well as to S3, so that metric
 * filters and alarms can act on them within minutes.
 */
export const rule: Rule = {
  meta: {
    id: 'aws-cloudtrail-cloudwatch-logs-enabled',
    title: 'CloudTrail trail delivers events to CloudWatch Logs',
    failMessage: 'CloudTrail trail is not integrated with CloudWatch Logs',
    rationale:
      'A trail that only writes to S3 produces a record that someone has to go and read. Sending the same events to CloudWatch Logs makes them searchable at once and lets metric filters and alarms react to root logins, IAM and security-group changes, disabled logging or failed console sign-ins within minutes, which is what the CIS AWS benchmark monitoring controls and incident-detection requirements build on.',
    remediation:
      'Set `cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.trail.arn}:*"` and `cloud_watch_logs_role_arn` (a role CloudTrail can assume with logs:CreateLogStream and logs:PutLogEvents on that group) on `aws_cloudtrail`, or `CloudWatchLogsLogGroupArn` / `CloudWatchLogsRoleArn` on `AWS::CloudTrail::Trail`.',
    severity: 'medium',
    themes: ['logging', 'monitoring-alerting'],
    resourceTypes: { terraform: ['aws_cloudtrail'], cloudformation: ['AWS::CloudTrail::Trail'] },
    peers: {
      checkov: ['CKV2_AWS_10'],
      trivy: ['AVD-AWS-0162'],
      kics: ['CloudTrail Not Integrated With CloudWatch'],
      guard: ['CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED'],
    },
  },
  check: {
    terraform: (resource, ctx) => check(resource, ctx, 'cloud_watch_logs_group_arn'),
    cloudformation: (resource, ctx) => check(resource, ctx, 'CloudWatchLogsLogGroupArn'),
  },
};
