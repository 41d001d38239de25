import { asBool, asString, attr, blocks, hasDynamicBlocks } from '../../model/access';
import type { Resource } from '../../model/types';
import { addTerraformBlockAfter, isReferable, terraformRef } from '../fixkit';
import { managedOnly } from '../shared/azurenet';
import { result, type CheckContext, type Fix, type Rule } from '../types';

const SETTING = 'azurerm_monitor_diagnostic_setting';
type Tri = 'yes' | 'no' | 'unknown';

/** Does a diagnostic setting collect the vault's audit log (AuditEvent, or the audit / allLogs group)? */
function collectsAudit(setting: Resource): Tri {
  let unknown = hasDynamicBlocks(setting.body, 'enabled_log') || hasDynamicBlocks(setting.body, 'log');
  for (const type of ['enabled_log', 'log']) {
    for (const b of blocks(setting.body, type)) {
      if (type === 'log') {
        const enabled = attr(b.body, 'enabled');
        const on = enabled ? asBool(enabled.value) : true;
        if (on === false) continue;
        if (on === undefined) unknown = true;
      }
      const category = attr(b.body, 'category');
      const group = attr(b.body, 'category_group');
      const c = category ? asString(category.value) : undefined;
      const g = group ? asString(group.value) : undefined;
      if (c?.toLowerCase() === 'auditevent' || g?.toLowerCase() === 'audit' || g?.toLowerCase() === 'alllogs') return 'yes';
      if ((category && c === undefined) || (group && g === undefined)) unknown = true;
    }
  }
  return unknown ? 'unknown' : 'no';
}

/** A diagnostic setting in the module whose target we cannot trace to a resource. */
function untraceableSetting(ctx: CheckContext): boolean {
  return ctx.moduleResources.some((r) => {
    if (r.kind !== 'resource' || r.type !== SETTING) return false;
    const target = attr(r.body, 'target_resource_id');
    if (!target) return false;
    const refs = [...(target.value.refs ?? []), ...(attr(r.body, 'for_each')?.value.refs ?? [])];
    return target.value.kind !== 'string' && !refs.some((a) => !a.startsWith('var.') && !a.startsWith('local.'));
  });
}

/** Offset of the first non-whitespace character at or after `i`. */
function skipSpace(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i])) i++;
  return i;
}

/**
 * Whether `text` has `target_resource_id = <address>.id` (or `<address>[<key>].id`), any spacing.
 * Searched with string operations: the address holds a label the user wrote (any characters, any
 * length), which no regular expression should be built from.
 */
function targetsAddress(text: string, address: string): boolean {
  const key = 'target_resource_id';
  for (let at = text.indexOf(key); at >= 0; at = text.indexOf(key, at + key.length)) {
    let i = skipSpace(text, at + key.length);
    if (text[i] !== '=') continue;
    i = skipSpace(text, i + 1);
    if (!text.startsWith(address, i)) continue;
    i += address.length;
    if (text[i] === '[') {
      const close = text.indexOf(']', i);
      if (close < 0) continue;
      i = close + 1;
    }
    if (text.startsWith('.id', i) && !/\w/.test(text[i + 3] ?? '')) return true;
  }
  return false;
}

/**
 * A diagnostic setting written for this vault that the model dropped (`count = 0` or an empty
 * `for_each` with the inputs at hand): whether it exists is the caller's choice, not a finding.
 */
function droppedSettingTargets(ctx: CheckContext, vault: Resource): boolean {
  const files = new Set(ctx.moduleResources.map((r) => r.file));
  for (const f of files) if (targetsAddress(ctx.fileText(f), vault.address)) return true;
  return false;
}

/**
 * A Key Vault sends its audit log somewhere: some `azurerm_monitor_diagnostic_setting` that refers
 * to the vault collects `AuditEvent` (v3 `log` or v3/v4 `enabled_log`, by category or by the
 * `audit` / `allLogs` category group).
 */
export const rule: Rule = {
  meta: {
    id: 'azure-key-vault-diagnostic-logging-enabled',
    title: 'Key Vault audit events are sent to a log destination',
    failMessage: 'Key Vault has no diagnostic setting that collects its audit events',
    rationale:
      'Key Vault holds the secrets, keys and certificates that protect everything else. Without its AuditEvent log there is no record of who read which secret, who changed an access policy or who purged a key, so a stolen credential used against the vault goes unnoticed and cannot be investigated afterwards. Azure keeps no such history unless a diagnostic setting sends it to Log Analytics, a storage account or an event hub.',
    remediation:
      'Add an `azurerm_monitor_diagnostic_setting` with `target_resource_id = azurerm_key_vault.<name>.id`, a destination (for example `log_analytics_workspace_id`), and `enabled_log { category_group = "audit" }` (or `category = "AuditEvent"`).',
    severity: 'high',
    themes: ['logging'],
    resourceTypes: { terraform: ['azurerm_key_vault'] },
    peers: { kics: ['Vault Auditing Disabled'] },
  },
  check: {
    terraform(resource, ctx) {
      const skip = managedOnly(resource);
      if (skip) return skip;
      const settings = ctx.referencesToOfType(resource, SETTING);
      const verdicts = settings.map(collectsAudit);
      if (verdicts.includes('yes')) return result.pass(resource);
      if (verdicts.includes('unknown')) return result.skip(resource, 'a diagnostic setting of the vault has unknown log categories');
      if (settings.length) {
        return result.fail(resource, resource.headerRange, { message: 'Key Vault diagnostic setting does not collect AuditEvent (add enabled_log { category_group = "audit" })' });
      }
      if (ctx.referencesTo(resource).some((r) => r.kind === 'module')) return result.skip(resource, 'vault is passed to a module that may configure its diagnostics');
      if (untraceableSetting(ctx)) return result.skip(resource, 'a diagnostic setting in this module targets a resource we cannot trace');
      if (droppedSettingTargets(ctx, resource)) return result.skip(resource, 'a diagnostic setting for the vault exists but count/for_each leaves it out with these inputs');
      const name = `${resource.name}_audit`;
      const fixes: Fix[] =
        resource.repeated || !isReferable(resource) || ctx.resolve(`${SETTING}.${name}`)
          ? []
          : [
              {
                title: 'Send audit events to Log Analytics (uses placeholder var.log_analytics_workspace_id: declare it with your workspace id)',
                safety: 'suggestion',
                edits: [
                  addTerraformBlockAfter(ctx, resource, [
                    `resource "${SETTING}" "${name}" {`,
                    `  name                       = "${resource.name.replace(/_/g, '-')}-audit"`,
                    `  target_resource_id         = ${terraformRef(resource)}`,
                    '  log_analytics_workspace_id = var.log_analytics_workspace_id',
                    '',
                    '  enabled_log {',
                    '    category_group = "audit"',
                    '  }',
                    '}',
                  ]),
                ],
              },
            ];
      return result.fail(resource, resource.headerRange, { fixes });
    },
  },
};
