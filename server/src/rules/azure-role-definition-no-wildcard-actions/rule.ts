import { asString, attr, blocks, hasDynamicBlocks } from '../../model/access';
import type { Value } from '../../model/types';
import { containsWildcard } from '../shared/iamPolicy';
import { managedOnly } from '../shared/azurenet';
import { result, type CheckResult, type Rule } from '../types';

type Level = 'broad' | 'narrow' | 'unknown';

/** How wide a scope is: the tenant root, a management group or a subscription is broad. */
function scopeLevel(value: Value): Level {
  const s = asString(value);
  if (s !== undefined) {
    // Trailing slashes stripped with a loop: `/\/+$/` is quadratic on a long run of slashes.
    let t = s.trim();
    let end = t.length;
    while (end > 0 && t.charCodeAt(end - 1) === 47) end--;
    t = t.slice(0, end);
    if (t === '' || /^\/providers\/Microsoft\.Management\/managementGroups\/[^/]+$/i.test(t) || /^\/subscriptions\/[^/]+$/i.test(t)) return 'broad';
    return /\/resourceGroups\//i.test(t) ? 'narrow' : 'unknown';
  }
  const refs = value.refs ?? [];
  if (refs.some((r) => /^(data\.)?azurerm_(subscription|management_group)\./.test(r))) return 'broad';
  if (refs.length && refs.every((r) => /^(data\.)?azurerm_resource_group\./.test(r))) return 'narrow';
  return 'unknown';
}

/**
 * A custom role definition does not grant `*` actions at subscription, management-group or root
 * scope (its `scope` or any of its `assignable_scopes`). Resource-group-scoped wildcards pass.
 */
export const rule: Rule = {
  meta: {
    id: 'azure-role-definition-no-wildcard-actions',
    title: 'Custom role does not grant all actions at broad scope',
    failMessage: 'Custom role definition grants every action ("*") at subscription or management-group scope',
    rationale:
      'A custom role whose actions include "*" is an Owner-equivalent role under another name: whoever receives it can change any resource and, unless Microsoft.Authorization is excluded, grant access to others. Assignable at a subscription or management group, it silently creates administrators that reviews of Owner assignments miss. Custom roles should list the operations the job needs.',
    remediation:
      'Replace `"*"` in `permissions.actions` with the specific operations (for example `Microsoft.Compute/virtualMachines/restart/action`), or use a built-in role; limit `assignable_scopes` to the resource groups that need the role.',
    severity: 'high',
    themes: ['identity-access'],
    resourceTypes: { terraform: ['azurerm_role_definition'] },
    peers: {
      checkov: ['CKV_AZURE_39'],
      trivy: ['AVD-AZU-0030', 'azure-authorization-limit-role-actions'],
    },
  },
  check: {
    terraform(resource) {
      const skip = managedOnly(resource);
      if (skip) return skip;
      const scopes: Value[] = [];
      const scope = attr(resource.body, 'scope');
      if (scope) scopes.push(scope.value);
      const assignable = attr(resource.body, 'assignable_scopes');
      if (assignable) {
        if (assignable.value.kind === 'list') scopes.push(...assignable.value.items);
        else if (assignable.value.kind !== 'null') scopes.push(assignable.value);
      }
      const levels = scopes.map(scopeLevel);
      const broad: Level = levels.includes('broad') ? 'broad' : levels.includes('unknown') || !levels.length ? 'unknown' : 'narrow';
      const out: CheckResult[] = [];
      let unknown = hasDynamicBlocks(resource.body, 'permissions');
      for (const p of blocks(resource.body, 'permissions')) {
        const actions = attr(p.body, 'actions');
        const w = containsWildcard(actions?.value);
        if (w === 'unknown') unknown = true;
        if (w !== 'yes' || !actions) continue;
        if (broad === 'unknown') unknown = true;
        if (broad !== 'broad') continue;
        const exclusions = attr(p.body, 'not_actions');
        const note = exclusions && exclusions.value.kind === 'list' && exclusions.value.items.length ? ' (not_actions removes some, but every other action is granted)' : '';
        out.push(result.fail(resource, actions.range, { message: `Custom role grants every action ("*") at subscription or management-group scope${note}` }));
      }
      if (out.length) return out;
      if (unknown) return result.skip(resource, 'actions or scopes are unknown');
      return result.pass(resource);
    },
  },
};
