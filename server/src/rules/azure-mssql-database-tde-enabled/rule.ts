import { checkToggle } from '../shared/azuredata';
import { type Rule } from '../types';

/**
 * Azure SQL databases keep Transparent Data Encryption on. `transparent_data_encryption_enabled`
 * defaults to `true` (and can only be turned off for data-warehouse SKUs), so only an explicit
 * `false` is reported.
 */
export const rule: Rule = {
  meta: {
    id: 'azure-mssql-database-tde-enabled',
    title: 'Azure SQL database has Transparent Data Encryption on',
    failMessage: 'Azure SQL database is stored unencrypted (TDE off)',
    rationale:
      'Transparent Data Encryption encrypts the database files, transaction log and backups at rest, so copies of them (backups, exported storage, a decommissioned disk) cannot be read without the key. Turning it off leaves those artifacts in clear text, and evidence that personal or confidential data is encrypted at rest is one of the first things auditors ask for.',
    remediation:
      'Remove `transparent_data_encryption_enabled = false` from the `azurerm_mssql_database` or set it to `true`; use `azurerm_mssql_server_transparent_data_encryption` with a Key Vault key for customer-managed keys.',
    severity: 'high',
    themes: ['encryption-at-rest'],
    resourceTypes: { terraform: ['azurerm_mssql_database'] },
    peers: { checkov: ['CKV2_AZURE_25'] },
  },
  check: {
    terraform: (resource, ctx) =>
      checkToggle(resource, ctx, {
        names: ['transparent_data_encryption_enabled'],
        want: true,
        providerDefault: true,
        wrongMessage: () => 'transparent_data_encryption_enabled is false: data files, log and backups are not encrypted',
        fix: { title: 'Turn Transparent Data Encryption on (encrypts in the background, transparent to clients)', safety: 'safe' },
      }),
  },
};
