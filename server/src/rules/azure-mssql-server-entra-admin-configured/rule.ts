import { blocks, hasDynamicBlocks } from '../../model/access';
import { insertIntoTerraformBody } from '../fixkit';
import { linkedResources } from '../shared/azuredata';
import { result, type Rule } from '../types';

const LEGACY_ADMIN = 'azurerm_sql_active_directory_administrator';

/**
 * Azure SQL logical servers have a Microsoft Entra administrator (`azuread_administrator` block),
 * so database access can use Entra identities. A legacy `azurerm_sql_active_directory_administrator`
 * pointing at the server also counts.
 */
export const rule: Rule = {
  meta: {
    id: 'azure-mssql-server-entra-admin-configured',
    title: 'Azure SQL server has a Microsoft Entra administrator',
    failMessage: 'Azure SQL server has no Microsoft Entra administrator: only SQL logins can be used',
    rationale:
      'Without an Entra administrator, Azure SQL only knows SQL logins: shared user names and passwords that live in connection strings, are not covered by MFA or conditional access, and do not disappear when a person leaves. Configuring an Entra administrator (ideally a group) enables Entra authentication for people and managed identities, central deprovisioning, and the option to turn SQL authentication off entirely.',
    remediation:
      'Add an `azuread_administrator { login_username = "...", object_id = "..." }` block to the `azurerm_mssql_server`, preferably naming an Entra group, and consider `azuread_authentication_only = true` once applications use Entra tokens.',
    severity: 'medium',
    themes: ['identity-access'],
    resourceTypes: { terraform: ['azurerm_mssql_server'] },
    peers: { checkov: ['CKV2_AZURE_7', 'CKV2_AZURE_27'], kics: ['AD Admin Not Configured For SQL Server'] },
  },
  check: {
    terraform(resource, ctx) {
      if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
      const admin = blocks(resource.body, 'azuread_administrator')[0];
      if (admin) return result.pass(resource, admin.headerRange);
      if (hasDynamicBlocks(resource.body, 'azuread_administrator')) return result.skip(resource, 'azuread_administrator comes from a dynamic block');
      const { linked, unresolved } = linkedResources(resource, ctx, LEGACY_ADMIN, ['server_name']);
      if (linked.length) return result.pass(resource);
      if (unresolved.length) return result.skip(resource, `an ${LEGACY_ADMIN} whose server cannot be determined may apply`);
      return result.fail(resource, resource.headerRange, {
        fixes: [
          {
            title: 'Add an Entra administrator from placeholder variables (var.sql_entra_admin_login, var.sql_entra_admin_object_id)',
            safety: 'suggestion',
            edits: [
              insertIntoTerraformBody(ctx, resource.file, resource.body, resource.headerRange.start.offset, [
                'azuread_administrator {',
                '  login_username = var.sql_entra_admin_login',
                '  object_id      = var.sql_entra_admin_object_id',
                '}',
              ]),
            ],
          },
        ],
      });
    },
  },
};
