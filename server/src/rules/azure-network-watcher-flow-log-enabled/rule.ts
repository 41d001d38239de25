import { asBool, asNumber, attr } from '../../model/access';
import { replaceValue } from '../fixkit';
import { firstBlock, managedOnly } from '../shared/azurenet';
import { result, type CheckResult, type Rule } from '../types';

const MIN_DAYS = 90;

/**
 * A Network Watcher flow log is switched on and keeps its records at least 90 days. A retention
 * policy that is disabled, or `days = 0`, keeps records indefinitely and passes.
 */
export const rule: Rule = {
  meta: {
    id: 'azure-network-watcher-flow-log-enabled',
    title: 'Network Watcher flow log is on and kept 90+ days',
    failMessage: 'Network Watcher flow log is disabled or keeps records for less than 90 days',
    rationale:
      'Flow logs are the record of which addresses talked to which ports through a network security group or virtual network. Investigations of an intrusion routinely start weeks after the fact, so logs that are switched off or deleted after a few days leave responders unable to tell where an attacker came from or what else was reached. Keeping them at least 90 days is the common baseline for network audit trails.',
    remediation:
      'Set `enabled = true` on the `azurerm_network_watcher_flow_log`, and in its `retention_policy` block set `days` to 90 or more (or 0 to keep records indefinitely).',
    severity: 'medium',
    themes: ['logging', 'data-deletion-retention'],
    resourceTypes: { terraform: ['azurerm_network_watcher_flow_log'] },
    peers: {
      checkov: ['CKV_AZURE_12'],
      trivy: ['AVD-AZU-0049', 'azure-network-retention-policy-set'],
      kics: ['Network Watcher Flow Disabled', 'Small Flow Logs Retention Period'],
    },
  },
  check: {
    terraform(resource) {
      const skip = managedOnly(resource);
      if (skip) return skip;
      const out: CheckResult[] = [];
      const enabled = attr(resource.body, 'enabled');
      const on = enabled ? asBool(enabled.value) : undefined;
      if (enabled && on === false) {
        out.push(
          result.fail(resource, enabled.range, {
            message: 'Flow log is disabled (enabled = false): no network flows are recorded',
            fixes: [{ title: 'Turn the flow log on (adds storage cost)', safety: 'suggestion', edits: [replaceValue(resource.file, enabled, 'true')] }],
          }),
        );
      }
      const retention = firstBlock(resource.body, 'retention_policy');
      if (retention) {
        const rEnabled = asBool(attr(retention.body, 'enabled')?.value);
        const days = attr(retention.body, 'days');
        const n = days ? asNumber(days.value) : undefined;
        if (rEnabled === true && days && n !== undefined && n > 0 && n < MIN_DAYS) {
          out.push(
            result.fail(resource, days.range, {
              message: `Flow log records are deleted after ${n} days (less than ${MIN_DAYS})`,
              fixes: [{ title: `Keep flow log records ${MIN_DAYS} days`, safety: 'suggestion', edits: [replaceValue(resource.file, days, String(MIN_DAYS))] }],
            }),
          );
        } else if (rEnabled === undefined || (rEnabled && n === undefined)) {
          if (!out.length) return result.skip(resource, 'retention policy is unknown');
        }
      } else if (!out.length) {
        return result.skip(resource, 'no retention_policy block (required by the provider)');
      }
      if (out.length) return out;
      if (on === undefined) return result.skip(resource, 'enabled is unknown');
      return result.pass(resource, enabled?.range);
    },
  },
};
