import { asBool, attr } from '../../model/access';
import type { Resource } from '../../model/types';
import { accountServiceCheck } from '../shared/awsaccess';
import type { CheckContext, Rule } from '../types';

/** A recorder only records once a recorder status resource starts it; `is_enabled = false` stops it. */
function recorderStopped(recorder: Resource, ctx: CheckContext): 'no' | 'unknown' | string {
  let unknown = false;
  for (const status of ctx.moduleResources) {
    if (status.kind !== 'resource' || status.type !== 'aws_config_configuration_recorder_status') continue;
    const a = attr(status.body, 'is_enabled');
    const on = a ? asBool(a.value) : undefined;
    if (on === undefined) unknown = true;
    else if (!on) return `${status.address} stops the AWS Config recorder (is_enabled = false)`;
  }
  return unknown ? 'unknown' : 'no';
}

/**
 * The module that configures an AWS account defines an AWS Config recorder, and does not stop it (`aws_config_configuration_recorder_status` with `is_enabled = false`). Off by default: account-level services are often managed in a separate security or landing-zone module; enable the rule in the project policy (`enabledRules`) for the module that owns the account baseline. Reported once per module at the `provider "aws"` block without `alias`, and silent when the module calls other modules (they may define it).
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
    resourceTypes: { terraform: ['provider.aws'] },
    peers: { checkov: ['CKV2_AWS_48'], trivy: ['AVD-AWS-0019'] },
    defaultEnabled: false,
  },
  check: {
    terraform: accountServiceCheck({
      types: ['aws_config_configuration_recorder'],
      dataSources: [],
      disabled: recorderStopped,
      missing: 'no aws_config_configuration_recorder',
      fixTitle: 'Add an AWS Config recorder and start it (needs var.config_recorder_role_arn and a delivery channel)',
      fixBlock: ['resource "aws_config_configuration_recorder" "this" {', '  role_arn = var.config_recorder_role_arn', '}', '', 'resource "aws_config_configuration_recorder_status" "this" {', '  name       = aws_config_configuration_recorder.this.name', '  is_enabled = true', '}'],
    }),
  },
};
