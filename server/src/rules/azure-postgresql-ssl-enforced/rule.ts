import { checkFlexibleSslConfiguration, checkSingleServerSsl } from '../shared/azuredata';
import { type Rule } from '../types';

const SINGLE = 'azurerm_postgresql_server';
const FLEX_CONFIG = 'azurerm_postgresql_flexible_server_configuration';

/**
 * Azure Database for PostgreSQL requires TLS 1.2: on a single server through
 * `ssl_enforcement_enabled` and `ssl_minimal_tls_version_enforced`; on a flexible server through the
 * `require_secure_transport` and `ssl_min_protocol_version` server parameters, whose defaults
 * (`on`, `TLSv1.2`) are compliant, so only configuration resources that weaken them are reported.
 */
export const rule: Rule = {
  meta: {
    id: 'azure-postgresql-ssl-enforced',
    title: 'PostgreSQL server requires TLS 1.2 connections',
    failMessage: 'PostgreSQL server accepts unencrypted or weakly encrypted connections',
    rationale:
      'A PostgreSQL server that accepts connections without TLS lets passwords and query results cross the network in clear text, readable and alterable by anyone on the path; one that accepts TLS 1.0/1.1 lets old clients or a downgraded connection use weak cryptography. Enforcing TLS 1.2 on the server side means no client can connect insecurely by accident.',
    remediation:
      'Single server: set `ssl_enforcement_enabled = true` and `ssl_minimal_tls_version_enforced = "TLS1_2"`. Flexible server: leave `require_secure_transport` on and `ssl_min_protocol_version` at `TLSv1.2` (remove any `azurerm_postgresql_flexible_server_configuration` that changes them).',
    severity: 'high',
    themes: ['encryption-in-transit'],
    resourceTypes: { terraform: [SINGLE, FLEX_CONFIG] },
    peers: {
      checkov: ['CKV_AZURE_29', 'CKV_AZURE_147'],
      trivy: ['AVD-AZU-0020', 'azure-database-enable-ssl-enforcement', 'AVD-AZU-0026', 'azure-database-secure-tls-policy'],
      kics: ['SSL Enforce Disabled'],
    },
  },
  check: {
    terraform: (resource) => (resource.type === FLEX_CONFIG ? checkFlexibleSslConfiguration(resource, 'postgresql') : checkSingleServerSsl(resource)),
  },
};
