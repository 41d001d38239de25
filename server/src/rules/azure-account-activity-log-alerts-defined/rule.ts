import { asBool, asString, attr, blocks } from '../../model/access';
import type { Resource } from '../../model/types';
import { accountScopeSkip, instanceStrings, moduleResourcesOfType } from '../shared/azurenet';
import { result, type CheckContext, type Rule } from '../types';

type Tri = 'yes' | 'no' | 'unknown';

/** The change classes that must raise an alert, by resource type (operations are `<type>/write|delete`). */
const AREAS: Array<{ label: string; types: string[] }> = [
  { label: 'policy assignment changes', types: ['microsoft.authorization/policyassignments'] },
  { label: 'network security group changes', types: ['microsoft.network/networksecuritygroups', 'microsoft.network/networksecuritygroups/securityrules'] },
  { label: 'security solution changes', types: ['microsoft.security/securitysolutions'] },
];

/** Does this alert fire on changes of the area? */
function covers(ctx: CheckContext, alert: Resource, area: (typeof AREAS)[number]): Tri {
  const enabled = attr(alert.body, 'enabled');
  const on = enabled ? asBool(enabled.value) : true;
  if (on === false) return 'no';
  let verdict: Tri = 'no';
  for (const criteria of blocks(alert.body, 'criteria')) {
    const category = asString(attr(criteria.body, 'category')?.value);
    if (category === undefined) {
      verdict = 'unknown';
      continue;
    }
    if (category.toLowerCase() !== 'administrative') continue;
    const ops = instanceStrings(ctx, alert, criteria.body, 'operation_name');
    const types = instanceStrings(ctx, alert, criteria.body, 'resource_type');
    if (ops === undefined || types === undefined) {
      verdict = 'unknown';
      continue;
    }
    // One instance of a repeated alert covers the area when its operation and type both match.
    const opMatches = (op: string) => area.types.some((t) => op.toLowerCase().startsWith(`${t}/`) && /\/(write|delete)$/i.test(op) && op.split('/').length === t.split('/').length + 1);
    const typeMatches = (type: string) => area.types.includes(type.toLowerCase());
    const hit = ops === null ? types === null || types.some(typeMatches) : ops.some(opMatches) && (types === null || types.some(typeMatches));
    if (hit) return on === undefined ? 'unknown' : 'yes';
  }
  return verdict;
}

/**
 * Account-level: the module that configures the azurerm provider defines enabled
 * `azurerm_monitor_activity_log_alert`s (category Administrative) for policy assignment, network
 * security group and security solution changes. Off by default; reported once at the default
 * provider block.
 */
export const rule: Rule = {
  meta: {
    id: 'azure-account-activity-log-alerts-defined',
    title: 'Activity log alerts watch security-relevant changes',
    failMessage: 'Activity log alerts for policy, NSG and security solution changes are missing',
    rationale:
      'Changing a network security group, removing a policy assignment or reconfiguring a security solution are exactly the steps an attacker or a careless change takes to open a path or switch off a control. The activity log records them, but nobody reads it in time. Alerts on these operations tell the security team within minutes, so an unexpected change can be questioned and reverted before it is exploited.',
    remediation:
      'Add `azurerm_monitor_activity_log_alert` resources scoped to the subscription with `criteria { category = "Administrative", operation_name = "..." }` for `Microsoft.Authorization/policyAssignments/write`, `Microsoft.Network/networkSecurityGroups/write` (and `/securityRules/write`, `/delete`) and `Microsoft.Security/securitySolutions/write`, each with an action group that notifies the security team.',
    severity: 'medium',
    themes: ['monitoring-alerting', 'change-configuration-management'],
    resourceTypes: { terraform: ['provider.azurerm'] },
    defaultEnabled: false,
  },
  check: {
    terraform(resource, ctx) {
      const skip = accountScopeSkip(resource);
      if (skip) return skip;
      const alerts = moduleResourcesOfType(ctx, 'azurerm_monitor_activity_log_alert');
      const missing: string[] = [];
      let unknown = false;
      for (const area of AREAS) {
        const verdicts = alerts.map((a) => covers(ctx, a, area));
        if (verdicts.includes('yes')) continue;
        if (verdicts.includes('unknown')) unknown = true;
        missing.push(area.label);
      }
      if (!missing.length) return result.pass(resource);
      if (unknown) return result.skip(resource, 'some activity log alert criteria are unknown');
      return result.fail(resource, resource.headerRange, { message: `No enabled activity log alert for ${missing.join(', ')}` });
    },
  },
};
