import { asNumber, asString, attr } from '../../model/access';
import type { Resource } from '../../model/types';
import { replaceValue } from '../fixkit';
import { result, type CheckResult, type Rule } from '../types';

/** Shortest retention accepted, in days: a quarter, so an incident found late still has its logs. */
const MIN_DAYS = 90;

function check(resource: Resource, names: { retention: string; logClass: string }): CheckResult {
  if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
  if (asString(attr(resource.body, names.logClass)?.value)?.toUpperCase() === 'DELIVERY') {
    return result.skip(resource, 'Delivery-class log groups keep events for one day by design: they only forward logs');
  }
  const retention = attr(resource.body, names.retention);
  // Absent (or 0 in Terraform): events never expire, which keeps the evidence.
  if (!retention || retention.value.kind === 'null') return result.pass(resource);
  const days = asNumber(retention.value);
  if (days === undefined) return result.skip(resource, `${names.retention} is unknown`);
  if (days === 0 || days >= MIN_DAYS) return result.pass(resource, retention.range);
  return result.fail(resource, retention.range, {
    message: `${names.retention} is ${days}: log events are deleted after ${days} day${days === 1 ? '' : 's'}, before the ${MIN_DAYS}-day minimum`,
    fixes: [
      { title: `Keep log events for ${MIN_DAYS} days (increases storage cost)`, safety: 'suggestion', edits: [replaceValue(resource.file, retention, String(MIN_DAYS))] },
    ],
  });
}

/**
 * Short log retention destroys the evidence an investigation needs. A log group with no retention
 * keeps its events forever and passes: that is a cost question, not a compliance gap.
 */
export const rule: Rule = {
  meta: {
    id: 'aws-cloudwatch-log-group-retention-set',
    title: 'CloudWatch log group keeps logs for at least 90 days',
    failMessage: `CloudWatch log group deletes log events after less than ${MIN_DAYS} days`,
    rationale:
      'Logs are evidence: breaches and misuse are often discovered weeks after they started, and an investigation needs the logs from the beginning of the incident. A log group that expires events after a few days or weeks deletes that evidence before anyone knows it is needed, and leaves auditors without a record of the period they sample. Keeping at least 90 days of logs searchable (longer where regulation or policy asks, or by exporting to cheaper storage) preserves the trail; a log group without retention keeps events indefinitely and is not reported.',
    remediation:
      'Set `retention_in_days` on the `aws_cloudwatch_log_group` (or `RetentionInDays` on the `AWS::Logs::LogGroup`) to 90 or more, for example 365 for security and audit logs, or remove it to keep events indefinitely. To keep long retention cheap, export or subscribe the log group to S3 with a lifecycle policy.',
    severity: 'low',
    themes: ['logging', 'data-deletion-retention'],
    resourceTypes: { terraform: ['aws_cloudwatch_log_group'], cloudformation: ['AWS::Logs::LogGroup'] },
    peers: {
      checkov: ['CKV_AWS_338'],
      guard: ['CW_LOGGROUP_RETENTION_PERIOD_CHECK'],
    },
  },
  check: {
    terraform: (resource) => check(resource, { retention: 'retention_in_days', logClass: 'log_group_class' }),
    cloudformation: (resource) => check(resource, { retention: 'RetentionInDays', logClass: 'LogGroupClass' }),
  },
};
