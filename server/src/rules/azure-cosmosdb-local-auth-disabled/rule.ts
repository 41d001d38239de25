import { asString, attr, blocks, hasDynamicBlocks } from '../../model/access';
import { checkToggle, stringSetting } from '../shared/azuredata';
import { result, type Rule } from '../types';

/** APIs for which Cosmos DB cannot disable key-based authentication (NoSQL only supports it). */
const NON_SQL_CAPABILITIES = new Set(['EnableMongo', 'EnableCassandra', 'EnableTable', 'EnableGremlin']);

/**
 * Cosmos DB (NoSQL API) accounts accept Entra ID only: `local_authentication_disabled = true`
 * (default `false`). Accounts of other APIs, where the provider documents the setting as SQL-only,
 * are skipped.
 */
export const rule: Rule = {
  meta: {
    id: 'azure-cosmosdb-local-auth-disabled',
    title: 'Cosmos DB account disables key-based authentication',
    failMessage: 'Cosmos DB account accepts its primary and secondary keys',
    rationale:
      'Cosmos DB account keys give full read-write access to every database in the account, do not expire, and identify nobody: anyone holding a connection string, from a config file, a log line or a developer laptop, is indistinguishable from the application. Disabling local authentication makes Entra ID the only way in, with per-identity role assignments, conditional access and an audit trail.',
    remediation:
      'Grant applications Cosmos DB data-plane roles (`azurerm_cosmosdb_sql_role_assignment`) for their managed identities, then set `local_authentication_disabled = true` on the `azurerm_cosmosdb_account`.',
    severity: 'medium',
    themes: ['identity-access'],
    resourceTypes: { terraform: ['azurerm_cosmosdb_account'] },
    peers: { checkov: ['CKV_AZURE_140'] },
  },
  check: {
    terraform(resource, ctx) {
      if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
      const kind = stringSetting(resource, 'kind');
      if (kind === undefined) return result.skip(resource, 'kind is unknown');
      if (kind === 'MongoDB') return result.skip(resource, 'local authentication can only be disabled for the NoSQL API');
      if (hasDynamicBlocks(resource.body, 'capabilities')) return result.skip(resource, 'capabilities come from a dynamic block');
      for (const c of blocks(resource.body, 'capabilities')) {
        const name = asString(attr(c.body, 'name')?.value);
        if (name === undefined) return result.skip(resource, 'a capability name is unknown');
        if (NON_SQL_CAPABILITIES.has(name)) return result.skip(resource, 'local authentication can only be disabled for the NoSQL API');
      }
      // A positive spelling (`local_authentication_enabled`) may replace the negative one in later provider versions.
      if (attr(resource.body, 'local_authentication_enabled')) {
        return checkToggle(resource, ctx, {
          names: ['local_authentication_enabled'],
          want: false,
          providerDefault: true,
          wrongMessage: () => 'local_authentication_enabled is true: the account keys grant full data access',
          fix: { title: 'Disable key-based authentication (clients using keys or connection strings stop working)', safety: 'suggestion' },
        });
      }
      return checkToggle(resource, ctx, {
        names: ['local_authentication_disabled'],
        want: true,
        providerDefault: false,
        missingMessage: 'local_authentication_disabled is not set and defaults to false: the account keys grant full data access',
        wrongMessage: () => 'local_authentication_disabled is false: the account keys grant full data access',
        fix: { title: 'Disable key-based authentication (clients using keys or connection strings stop working)', safety: 'suggestion' },
      });
    },
  },
};
