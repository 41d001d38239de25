import { checkFlexibleSslConfiguration, checkSingleServerSsl } from '../shared/azuredata';
import { type Rule } from '../types';

const SINGLE = 'azurerm_mysql_server';
const FLEX_CONFIG = 'azurerm_mysql_flexible_server_configuration';

/**
 * Azure Database for MySQL requires TLS 1.2: on a single server (azurerm v3; removed in v4) through
 * `ssl_enforcement_enabled` and `ssl_minimal_tls_version_enforced`; on a flexible server through the
 * `require_secure_transport` and `tls_version` server parameters, whose defaults are compliant, so
 * only configuration resources that weaken them are reported.
 */
export const rule: Rule = {
  meta: {
    id: 'azure-mysql-ssl-enforced',
    title: 'MySQL server requires TLS 1.2 connections',
    failMessage: 'MySQL server accepts unencrypted or weakly encrypted connections',
    rationale:
      'A MySQL server that accepts connections without TLS lets credentials and query results cross the network in clear text, and one that accepts TLS 1.0/1.1 lets old clients or a downgraded connection use weak cryptography. Enforcing TLS 1.2 on the server means no application can connect insecurely because of a missing driver option.',
    remediation:
      'Single server: set `ssl_enforcement_enabled = true` and `ssl_minimal_tls_version_enforced = "TLS1_2"`. Flexible server: keep `require_secure_transport = ON` and `tls_version` limited to `TLSv1.2` (and `TLSv1.3`), removing any `azurerm_mysql_flexible_server_configuration` that weakens them.',
    severity: 'high',
    themes: ['encryption-in-transit'],
    resourceTypes: { terraform: [SINGLE, FLEX_CONFIG] },
    peers: {
      checkov: ['CKV_AZURE_28', 'CKV_AZURE_54'],
      trivy: ['AVD-AZU-0020', 'azure-database-enable-ssl-enforcement', 'AVD-AZU-0026', 'azure-database-secure-tls-policy'],
      kics: ['MySQL SSL Connection Disabled'],
    },
  },
  check: {
    terraform: (resource) => (resource.type === FLEX_CONFIG ? checkFlexibleSslConfiguration(resource, 'mysql') : checkSingleServerSsl(resource)),
  },
};
