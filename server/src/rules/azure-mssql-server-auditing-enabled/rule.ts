import { asBool, asNumber, attr, blocks } from '../../model/access';
import type { Body, Resource } from '../../model/types';
import { addTerraformBlockAfter, isReferable, replaceValue, terraformRef } from '../fixkit';
import { linkedResources, passedToModule } from '../shared/azuredata';
import { result, type CheckContext, type CheckResult, type Rule } from '../types';

const SERVER = 'azurerm_mssql_server';
const POLICY = 'azurerm_mssql_server_extended_auditing_policy';
const MIN_DAYS = 90;

/** Evaluate an auditing policy body (the separate resource, or the legacy inline block). */
function checkPolicyBody(resource: Resource, body: Body): CheckResult {
  const enabled = attr(body, 'enabled');
  if (enabled && enabled.value.kind !== 'null') {
    const on = asBool(enabled.value);
    if (on === undefined) return result.skip(resource, 'enabled is unknown');
    if (!on) {
      return result.fail(resource, enabled.range, {
        message: 'The auditing policy is disabled: database activity is not recorded',
        fixes: [{ title: 'Enable server auditing (adds audit storage or Log Analytics cost)', safety: 'suggestion', edits: [replaceValue(resource.file, enabled, 'true')] }],
      });
    }
  }
  const retention = attr(body, 'retention_in_days');
  if (!retention || retention.value.kind === 'null') return result.pass(resource); // 0 = keep forever
  const days = asNumber(retention.value);
  if (days === undefined) return result.skip(resource, 'retention_in_days is unknown');
  if (days === 0 || days >= MIN_DAYS) return result.pass(resource, retention.range);
  return result.fail(resource, retention.range, {
    message: `Audit logs are kept for ${days} days only (at least ${MIN_DAYS} expected)`,
    fixes: [{ title: `Keep audit logs for ${MIN_DAYS} days`, safety: 'safe', edits: [replaceValue(resource.file, retention, String(MIN_DAYS))] }],
  });
}

function checkServer(resource: Resource, ctx: CheckContext): CheckResult {
  const inline = blocks(resource.body, 'extended_auditing_policy')[0];
  if (inline) return checkPolicyBody(resource, inline.body);
  const { linked, unresolved } = linkedResources(resource, ctx, POLICY, ['server_id']);
  if (linked.length) return result.skip(resource, `auditing is checked on ${linked[0].address}`);
  if (unresolved.length) return result.skip(resource, `an ${POLICY} whose server cannot be determined may apply`);
  if (passedToModule(resource, ctx)) return result.skip(resource, 'the server is passed to a module that may configure auditing');
  if (!isReferable(resource)) return result.fail(resource, resource.headerRange);
  const fix = addTerraformBlockAfter(ctx, resource, [
    `resource "${POLICY}" "${resource.name}" {`,
    `  server_id         = ${terraformRef(resource)}`,
    '  storage_endpoint  = var.audit_storage_endpoint',
    `  retention_in_days = ${MIN_DAYS}`,
    '}',
  ]);
  return result.fail(resource, resource.headerRange, {
    fixes: [{ title: `Add server auditing to a placeholder storage endpoint (var.audit_storage_endpoint), kept ${MIN_DAYS} days`, safety: 'suggestion', edits: [fix] }],
  });
}

/**
 * Azure SQL logical servers audit database activity: an `azurerm_mssql_server_extended_auditing_policy`
 * points at the server (or, in azurerm v2, an inline `extended_auditing_policy` block), is enabled, and
 * keeps logs at least 90 days (0 = forever). Server auditing is off unless configured.
 */
export const rule: Rule = {
  meta: {
    id: 'azure-mssql-server-auditing-enabled',
    title: 'Azure SQL server auditing is on and kept 90+ days',
    failMessage: 'Azure SQL server has no auditing: database activity is not recorded',
    rationale:
      'Server auditing records logins, failed logins, permission changes and queries against every database on the server. Without it there is no trail to detect misuse, investigate an incident or show who accessed personal data, and Microsoft Defender for SQL has less to work with. Keeping the records for at least 90 days covers typical detection delays and audit periods.',
    remediation:
      'Add an `azurerm_mssql_server_extended_auditing_policy` with `server_id = azurerm_mssql_server.<name>.id`, a destination (`storage_endpoint`, and/or `log_monitoring_enabled = true` with a diagnostic setting on the master database), and `retention_in_days` of 90 or more (0 keeps logs forever).',
    severity: 'high',
    themes: ['logging'],
    resourceTypes: { terraform: [SERVER, POLICY] },
    peers: {
      checkov: ['CKV_AZURE_23', 'CKV_AZURE_24', 'CKV_AZURE_156'],
      trivy: ['AVD-AZU-0027', 'AVD-AZU-0025', 'azure-database-enable-audit', 'azure-database-retention-period-set'],
      kics: ['SQL Server Auditing Disabled', 'Small MSSQL Server Audit Retention'],
    },
  },
  check: {
    terraform(resource, ctx) {
      if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
      return resource.type === POLICY ? checkPolicyBody(resource, resource.body) : checkServer(resource, ctx);
    },
  },
};
