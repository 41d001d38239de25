import { accountService, boolOff } from '../shared/awsaccess';
import type { Rule } from '../types';

const service = accountService({
  types: ['aws_cloudtrail'],
  dataSources: ['aws_cloudtrail_service_account'],
  disabled: (r) => boolOff(r, 'enable_logging'),
  message: 'No CloudTrail trail (aws_cloudtrail) is defined in the workspace',
  hints: ['cloudtrail', 'cloud-trail', 'trail', 'trails', 'audit-log', 'audit-logging'],
  fixTitle: 'Add a multi-region, KMS-encrypted CloudTrail trail (declare var.cloudtrail_bucket_name, var.cloudtrail_kms_key_arn, var.cloudtrail_log_group_arn, var.cloudtrail_logs_role_arn)',
  fixBlock: ['resource "aws_cloudtrail" "this" {', '  name                       = "account-trail"', '  s3_bucket_name             = var.cloudtrail_bucket_name', '  is_multi_region_trail      = true', '  enable_log_file_validation = true', '  kms_key_id                 = var.cloudtrail_kms_key_arn', '  cloud_watch_logs_group_arn = "${var.cloudtrail_log_group_arn}:*"', '  cloud_watch_logs_role_arn  = var.cloudtrail_logs_role_arn', '}'],
});

/**
 * The workspace that configures an AWS account defines a CloudTrail trail (`aws_cloudtrail`); a trail with `enable_logging = false` is reported at that attribute. Member accounts covered by an organization trail should leave the rule off. Judged once per workspace: it fires, at one `provider "aws"` block without `alias` (the first root module's, in path order), only when no module of the workspace (root modules, local child modules, and the resources local module calls create) defines it, and stays silent when a module we cannot read (registry, git, a folder outside the workspace) has a source that suggests it may. Off by default: account-level services are often managed in another repository; enable the rule in the project policy (`enabledRules`).
 */
export const rule: Rule = {
  meta: {
    id: 'aws-account-cloudtrail-defined',
    title: 'A CloudTrail trail records account activity',
    failMessage: 'No CloudTrail trail is defined',
    rationale:
      'The 90-day CloudTrail event history is not a durable audit log: it cannot be retained, protected or analysed at scale. A trail delivers every management API call to S3 (and optionally CloudWatch Logs) for as long as you keep it, which is the primary evidence for investigating incidents, attributing changes to people and demonstrating logging controls to auditors.',
    remediation:
      'Add an `aws_cloudtrail` with `is_multi_region_trail = true` and `enable_log_file_validation = true`, delivering to a dedicated, access-restricted S3 bucket; in AWS Organizations, an organization trail from the management account covers all members.',
    severity: 'high',
    themes: ['logging', 'incident-response'],
    resourceTypes: { terraform: ['provider.aws', 'aws_cloudtrail'] },
    peers: { guard: ['CLOUD_TRAIL_ENABLED'] },
    defaultEnabled: false,
  },
  check: { terraform: service.check },
  account: service.account,
};
