import { checkToggle } from '../shared/azuredata';
import { type Rule } from '../types';

/**
 * Azure SQL logical servers have public network access off, so they are reachable only through
 * private endpoints. `public_network_access_enabled` defaults to `true`.
 */
export const rule: Rule = {
  meta: {
    id: 'azure-mssql-server-public-network-access-disabled',
    title: 'Azure SQL server has public network access disabled',
    failMessage: 'Azure SQL server has a public endpoint',
    rationale:
      'With public network access on, the server\'s endpoint is on the internet and only its firewall rules stand between it and any attacker, and those rules are easy to widen by mistake or to open for "all Azure services". Turning public access off leaves private endpoints as the only path to the databases, so exposure no longer depends on a list of IP ranges staying right.',
    remediation:
      'Set `public_network_access_enabled = false` on the `azurerm_mssql_server` and connect through an `azurerm_private_endpoint` (subresource `sqlServer`) with a private DNS zone `privatelink.database.windows.net`.',
    severity: 'medium',
    themes: ['network-security-segmentation', 'public-exposure-data-leakage'],
    resourceTypes: { terraform: ['azurerm_mssql_server'] },
    peers: {
      checkov: ['CKV_AZURE_113'],
      trivy: ['AVD-AZU-0022', 'azure-database-no-public-access'],
      kics: ['MSSQL Server Public Network Access Enabled'],
    },
  },
  check: {
    terraform: (resource, ctx) =>
      checkToggle(resource, ctx, {
        names: ['public_network_access_enabled'],
        want: false,
        providerDefault: true,
        missingMessage: 'public_network_access_enabled is not set and defaults to true: the server has a public endpoint',
        wrongMessage: () => 'public_network_access_enabled is true: the server has a public endpoint',
        fix: { title: 'Disable public network access (clients must connect through a private endpoint)', safety: 'suggestion' },
      }),
  },
};
