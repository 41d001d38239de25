import { accountServiceCheck, boolOff } from '../shared/awsaccess';
import type { Rule } from '../types';

/**
 * The module that configures an AWS account defines a CloudTrail trail that is logging (`enable_logging` not false). Member accounts covered by an organization trail should leave the rule off. Off by default: account-level services are often managed in a separate security or landing-zone module; enable the rule in the project policy (`enabledRules`) for the module that owns the account baseline. Reported once per module at the `provider "aws"` block without `alias`, and silent when the module calls other modules (they may define it).
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
    resourceTypes: { terraform: ['provider.aws'] },
    peers: { guard: ['CLOUD_TRAIL_ENABLED'] },
    defaultEnabled: false,
  },
  check: {
    terraform: accountServiceCheck({
      types: ['aws_cloudtrail'],
      dataSources: ['aws_cloudtrail_service_account'],
      disabled: (r) => boolOff(r, 'enable_logging', 'enable_logging'),
      missing: 'no aws_cloudtrail trail',
      fixTitle: 'Add a multi-region, KMS-encrypted CloudTrail trail (declare var.cloudtrail_bucket_name, var.cloudtrail_kms_key_arn, var.cloudtrail_log_group_arn, var.cloudtrail_logs_role_arn)',
      fixBlock: ['resource "aws_cloudtrail" "this" {', '  name                       = "account-trail"', '  s3_bucket_name             = var.cloudtrail_bucket_name', '  is_multi_region_trail      = true', '  enable_log_file_validation = true', '  kms_key_id                 = var.cloudtrail_kms_key_arn', '  cloud_watch_logs_group_arn = "${var.cloudtrail_log_group_arn}:*"', '  cloud_watch_logs_role_arn  = var.cloudtrail_logs_role_arn', '}'],
    }),
  },
};
