import { asBool, asString, attr, blocks, hasDynamicBlocks } from '../../model/access';
import { insertIntoTerraformBody } from '../fixkit';
import { result, type Rule } from '../types';

/** Purposes whose subnets carry ordinary VM traffic (flow logs apply). */
const VM_PURPOSES = ['PRIVATE', 'PRIVATE_RFC_1918'];

/**
 * VPC subnets record flow logs: a `log_config` block (older configurations: `enable_flow_logs =
 * true`). Flow logs are off by default. Proxy-only, Private Service Connect, NAT and other
 * special-purpose subnets do not support flow logs and are skipped.
 */
export const rule: Rule = {
  meta: {
    id: 'gcp-subnet-flow-logs-enabled',
    title: 'VPC subnet records flow logs',
    failMessage: 'VPC subnet does not record flow logs',
    rationale:
      'VPC Flow Logs record which VMs and endpoints talked to which addresses and ports, and how much. Without them there is no network-level evidence to detect exfiltration, lateral movement or scanning, nor to reconstruct an incident after the fact, and firewall changes cannot be verified against real traffic. Sampling and aggregation keep their cost controllable.',
    remediation:
      'Add a `log_config` block to the `google_compute_subnetwork`, for example `log_config { aggregation_interval = "INTERVAL_5_SEC" flow_sampling = 0.5 metadata = "INCLUDE_ALL_METADATA" }`, and tune sampling and `filter_expr` to balance cost and coverage.',
    severity: 'medium',
    themes: ['logging', 'network-security-segmentation'],
    resourceTypes: { terraform: ['google_compute_subnetwork'] },
    peers: {
      checkov: ['CKV_GCP_26'],
      trivy: ['AVD-GCP-0029', 'AVD-GCP-0076'],
      kics: ['Google Compute Subnetwork Logging Disabled'],
    },
  },
  check: {
    terraform(resource, ctx) {
      if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
      const purposeAttr = attr(resource.body, 'purpose');
      if (purposeAttr && purposeAttr.value.kind !== 'null') {
        const purpose = asString(purposeAttr.value);
        if (purpose === undefined) return result.skip(resource, 'purpose is unknown');
        if (!VM_PURPOSES.includes(purpose)) return result.skip(resource, `flow logs do not apply to ${purpose} subnets`);
      }
      const log = blocks(resource.body, 'log_config')[0];
      if (log) return result.pass(resource, log.headerRange);
      if (hasDynamicBlocks(resource.body, 'log_config')) return result.skip(resource, 'log_config is set by a dynamic block');
      const legacy = attr(resource.body, 'enable_flow_logs');
      if (legacy && legacy.value.kind !== 'null') {
        const on = asBool(legacy.value);
        if (on === undefined) return result.skip(resource, 'enable_flow_logs is unknown');
        if (on) return result.pass(resource, legacy.range);
        return result.fail(resource, legacy.range, { message: 'VPC subnet sets enable_flow_logs = false' });
      }
      return result.fail(resource, resource.headerRange, {
        message: 'VPC subnet has no log_config: flow logs are off by default',
        fixes: [
          {
            title: 'Record flow logs (5 s aggregation, 50 % sampling, with metadata: adds logging cost)',
            safety: 'suggestion',
            edits: [
              insertIntoTerraformBody(ctx, resource.file, resource.body, resource.headerRange.start.offset, [
                'log_config {',
                '  aggregation_interval = "INTERVAL_5_SEC"',
                '  flow_sampling        = 0.5',
                '  metadata             = "INCLUDE_ALL_METADATA"',
                '}',
              ]),
            ],
          },
        ],
      });
    },
  },
};
