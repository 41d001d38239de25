import { asBool, asString, attr, blocks, hasDynamicBlocks } from '../../model/access';
import type { Resource } from '../../model/types';
import { accountProviderSkip, AZURE_SUBSCRIPTION_BASELINE_HINTS, instanceStrings, scopeResourcesOfType } from '../shared/azurenet';
import { result, type AccountEvidence, type CheckContext, type CheckResult, type Rule } from '../types';

const ALERT = 'azurerm_monitor_activity_log_alert';

type Tri = 'yes' | 'no' | 'unknown';

/** The change classes that must raise an alert, by resource type (operations are `<type>/write|delete`). */
const AREAS: Array<{ label: string; types: string[] }> = [
  { label: 'policy assignment changes', types: ['microsoft.authorization/policyassignments'] },
  { label: 'network security group changes', types: ['microsoft.network/networksecuritygroups', 'microsoft.network/networksecuritygroups/securityrules'] },
  { label: 'security solution changes', types: ['microsoft.security/securitysolutions'] },
];

/** Do the alert's criteria watch changes of the area (whether or not the alert is enabled)? */
function watches(ctx: CheckContext, alert: Resource, area: (typeof AREAS)[number]): Tri {
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
    if (hit) return 'yes';
  }
  if (hasDynamicBlocks(alert.body, 'criteria') && verdict === 'no') return 'unknown';
  return verdict;
}

/**
 * Evidence per area in a module scope: an alert that watches it is a definition (a disabled one is
 * reported at its `enabled` by the per-resource check).
 */
function assess(ctx: CheckContext): AccountEvidence[] {
  const alerts = scopeResourcesOfType(ctx, ALERT);
  return AREAS.map((area) => {
    const verdicts = alerts.map((a) => watches(ctx, a, area));
    return verdicts.includes('yes') ? 'defined' : verdicts.includes('unknown') ? 'unknown' : 'none';
  });
}

/** An alert on one of the areas that is switched off (`enabled = false`) is reported there. */
function checkAlert(resource: Resource, ctx: CheckContext): CheckResult {
  const areas = AREAS.filter((area) => watches(ctx, resource, area) === 'yes').map((area) => area.label);
  if (!areas.length) return result.skip(resource, 'does not watch one of the security-relevant changes');
  const enabled = attr(resource.body, 'enabled');
  const on = enabled ? asBool(enabled.value) : true;
  if (on === undefined) return result.skip(resource, 'whether the alert is enabled is not known');
  if (on || !enabled) return result.pass(resource);
  return result.fail(resource, enabled.range, { message: `The activity log alert for ${areas.join(', ')} is disabled (enabled = false)` });
}

/**
 * Account-level: the workspace that configures the azurerm provider defines enabled
 * `azurerm_monitor_activity_log_alert`s (category Administrative) for policy assignment, network
 * security group and security solution changes. An alert on one of them with `enabled = false` is
 * reported at that attribute; changes watched by no alert in the workspace are reported once, at
 * one `provider "azurerm"` block without alias (the first root module's), unless a module we
 * cannot read may define the alerts. Off by default.
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
    resourceTypes: { terraform: ['provider.azurerm', ALERT] },
    defaultEnabled: false,
  },
  check: {
    terraform: (resource, ctx) => accountProviderSkip(resource) ?? checkAlert(resource, ctx),
  },
  account: {
    provider: 'azurerm',
    requirements: AREAS.map((a) => a.label),
    assess,
    sourceHints: ['activity-log', 'activitylog', 'activity-log-alerts', 'alert', 'alerts', 'monitor', 'monitoring', ...AZURE_SUBSCRIPTION_BASELINE_HINTS],
    message: 'No activity log alert in the workspace watches',
  },
};
