import { checkToggle, stringSetting } from '../shared/azuredata';
import { result, type Rule } from '../types';

const SINGLE = 'azurerm_postgresql_server';
const FLEX = 'azurerm_postgresql_flexible_server';

/**
 * Azure Database for PostgreSQL keeps its backups geo-redundant (`geo_redundant_backup_enabled`,
 * default `false`, fixed at creation). Replicas and Basic-tier single servers, which cannot have
 * geo-redundant backups, are skipped.
 */
export const rule: Rule = {
  meta: {
    id: 'azure-postgresql-geo-redundant-backup-enabled',
    title: 'PostgreSQL server keeps geo-redundant backups',
    failMessage: 'PostgreSQL server backups are kept in one region only',
    rationale:
      'With locally redundant backups, a regional outage or disaster takes the server and every backup of it down together, and the data can only be restored once the region is back, if at all. Geo-redundant backup storage copies backups to the paired region, so the server can be restored there (geo-restore) and recovery objectives hold even in a regional event.',
    remediation:
      'Set `geo_redundant_backup_enabled = true` on the `azurerm_postgresql_flexible_server` (or single server) when creating it; the setting cannot be changed later, so an existing server has to be recreated or restored into a new one.',
    severity: 'low',
    themes: ['backup', 'dr-redundancy'],
    resourceTypes: { terraform: [SINGLE, FLEX] },
    peers: {
      checkov: ['CKV_AZURE_102', 'CKV_AZURE_136'],
      kics: ['Geo Redundancy Is Disabled'],
    },
  },
  check: {
    terraform(resource, ctx) {
      if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
      const mode = stringSetting(resource, 'create_mode');
      if (mode === undefined) return result.skip(resource, 'create_mode is unknown');
      if (mode !== null && mode.toLowerCase() === 'replica') return result.skip(resource, 'a replica has no backups of its own');
      if (resource.type === SINGLE) {
        const sku = stringSetting(resource, 'sku_name');
        if (sku === undefined) return result.skip(resource, 'sku_name is unknown');
        if (sku !== null && sku.startsWith('B_')) return result.skip(resource, 'Basic tier does not support geo-redundant backups');
      }
      return checkToggle(resource, ctx, {
        names: ['geo_redundant_backup_enabled'],
        want: true,
        providerDefault: false,
        missingMessage: 'geo_redundant_backup_enabled is not set and defaults to false: backups stay in one region',
        wrongMessage: () => 'geo_redundant_backup_enabled is false: backups stay in one region',
        fix: { title: 'Keep backups geo-redundant (forces a new server: migrate the data)', safety: 'suggestion' },
      });
    },
  },
};
