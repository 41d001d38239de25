import { asBool, attr, blocks, hasDynamicBlocks } from '../../model/access';
import { insertIntoTerraformBody, replaceValue } from '../fixkit';
import { result, type Rule } from '../types';

const FIX_TITLE = 'Enable automated backups';

/**
 * Cloud SQL instances take automated backups (`settings.backup_configuration.enabled`, default
 * false). Read replicas (`master_instance_name`) cannot have backups and are skipped.
 */
export const rule: Rule = {
  meta: {
    id: 'gcp-sql-instance-backups-enabled',
    title: 'Cloud SQL instance has automated backups enabled',
    failMessage: 'Cloud SQL instance has no automated backups',
    rationale:
      'Without automated backups a dropped table, a faulty migration, corruption or a destructive attacker leaves nothing to restore from, and point-in-time recovery is impossible because it builds on backups. Automated daily backups with a defined retention are the baseline evidence that a database can be recovered, and they cost little compared to the data they protect.',
    remediation:
      'Add `backup_configuration { enabled = true }` to `settings` of the `google_sql_database_instance`, choose a `start_time` and `backup_retention_settings`, and enable `point_in_time_recovery_enabled` (PostgreSQL, SQL Server) or `binary_log_enabled` (MySQL) for point-in-time recovery.',
    severity: 'medium',
    themes: ['backup', 'dr-redundancy'],
    resourceTypes: { terraform: ['google_sql_database_instance'] },
    peers: {
      checkov: ['CKV_GCP_14'],
      trivy: ['AVD-GCP-0024'],
    },
  },
  check: {
    terraform(resource, ctx) {
      if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
      const master = attr(resource.body, 'master_instance_name');
      if (master && master.value.kind !== 'null') return result.skip(resource, 'read replicas cannot have automated backups');
      const settings = blocks(resource.body, 'settings')[0];
      if (!settings) return result.skip(resource, hasDynamicBlocks(resource.body, 'settings') ? 'settings are set by a dynamic block' : 'no settings block');
      const backup = blocks(settings.body, 'backup_configuration')[0];
      if (!backup) {
        if (hasDynamicBlocks(settings.body, 'backup_configuration')) return result.skip(resource, 'backup_configuration is set by a dynamic block');
        return result.fail(resource, settings.headerRange, {
          message: 'Cloud SQL instance has no backup_configuration: automated backups are off by default',
          fixes: [{ title: FIX_TITLE, safety: 'safe', edits: [insertIntoTerraformBody(ctx, resource.file, settings.body, settings.headerRange.start.offset, ['backup_configuration {', '  enabled = true', '}'])] }],
        });
      }
      const enabled = attr(backup.body, 'enabled');
      if (!enabled || enabled.value.kind === 'null') {
        return result.fail(resource, backup.headerRange, {
          message: 'backup_configuration does not set enabled (defaults to false)',
          fixes: [{ title: FIX_TITLE, safety: 'safe', edits: [insertIntoTerraformBody(ctx, resource.file, backup.body, backup.headerRange.start.offset, ['enabled = true'])] }],
        });
      }
      const on = asBool(enabled.value);
      if (on === undefined) return result.skip(resource, 'backup_configuration.enabled is unknown');
      if (on) return result.pass(resource, enabled.range);
      return result.fail(resource, enabled.range, { fixes: [{ title: FIX_TITLE, safety: 'safe', edits: [replaceValue(resource.file, enabled, 'true')] }] });
    },
  },
};
