import { asBool, attr } from '../../model/access';
import type { Resource } from '../../model/types';
import { accountService, type Disabled } from '../shared/awsaccess';
import type { Rule } from '../types';

/**
 * A recorder records once a recorder status resource starts it; a status with `is_enabled = false`
 * stops it, and is reported at that attribute.
 */
function recorderStopped(r: Resource): 'no' | 'unknown' | Disabled {
  if (r.type !== 'aws_config_configuration_recorder_status') return 'no';
  const a = attr(r.body, 'is_enabled');
  if (!a) return 'unknown';
  const on = asBool(a.value);
  if (on === undefined) return 'unknown';
  return on ? 'no' : { range: a.range, message: `${r.address} stops the AWS Config recorder (is_enabled = false)` };
}

const service = accountService({
  types: ['aws_config_configuration_recorder'],
  disabled: recorderStopped,
  message: 'No AWS Config recorder (aws_config_configuration_recorder) is defined in the workspace',
  hints: ['config', 'aws-config', 'config-recorder', 'configrecorder'],
  fixTitle: 'Add an AWS Config recorder and start it (needs var.config_recorder_role_arn and a delivery channel)',
  fixBlock: ['resource "aws_config_configuration_recorder" "this" {', '  role_arn = var.config_recorder_role_arn', '}', '', 'resource "aws_config_configuration_recorder_status" "this" {', '  name       = aws_config_configuration_recorder.this.name', '  is_enabled = true', '}'],
});

/**
 * The workspace that configures an AWS account defines an AWS Config recorder (`aws_config_configuration_recorder`); a recorder status with `is_enabled = false` is reported at that attribute. Judged once per workspace: it fires, at one `provider "aws"` block without `alias` (the first root module's, in path order), only when no module of the workspace (root modules, local child modules, and the resources local module calls create) defines it, and stays silent when a module we cannot read (registry, git, a folder outside the workspace) has a source that suggests it may. Off by default: account-level services are often managed in another repository; enable the rule in the project policy (`enabledRules`).
 */
export const rule: Rule = {
  meta: {
    id: 'aws-account-config-recorder-enabled',
    title: 'AWS Config records configuration changes',
    failMessage: 'AWS Config is not recording',
    rationale:
      'AWS Config keeps a history of every resource configuration and evaluates it against rules. It answers the questions change management and incident response depend on: what changed, when, and what did it look like before. Without a recorder there is no configuration timeline to investigate an incident or to prove to an auditor that configurations are monitored.',
    remediation:
      'Add an `aws_config_configuration_recorder` (recording all supported resource types), an `aws_config_delivery_channel` to an S3 bucket, and an `aws_config_configuration_recorder_status` with `is_enabled = true`; or use an organization-wide Config setup from the delegated administrator.',
    severity: 'medium',
    themes: ['change-configuration-management', 'logging'],
    resourceTypes: { terraform: ['provider.aws', 'aws_config_configuration_recorder', 'aws_config_configuration_recorder_status'] },
    peers: { checkov: ['CKV2_AWS_48'], trivy: ['AVD-AWS-0019'] },
    defaultEnabled: false,
  },
  check: { terraform: service.check },
  account: service.account,
};
