import { asString, attr } from '../../model/access';
import { replaceValue } from '../fixkit';
import { result, type Rule } from '../types';

const WEAK = new Set(['1.0', '1.1', 'Disabled']);

/**
 * Azure SQL logical servers refuse TLS older than 1.2. `minimum_tls_version` defaults to `1.2`
 * in azurerm v3 and v4; `1.0`, `1.1` and `Disabled` (no minimum, v3 only) are reported.
 */
export const rule: Rule = {
  meta: {
    id: 'azure-mssql-server-min-tls-1-2',
    title: 'Azure SQL server requires TLS 1.2 or later',
    failMessage: 'Azure SQL server accepts TLS versions older than 1.2',
    rationale:
      'Connections to Azure SQL carry credentials and query results. TLS 1.0 and 1.1 have known weaknesses and are no longer accepted by current baselines; a server that still allows them (or enforces no minimum at all) lets old drivers or a downgraded connection protect that traffic with weak cryptography. Requiring TLS 1.2 keeps every client connection on a sound protocol version.',
    remediation:
      'Set `minimum_tls_version = "1.2"` on the `azurerm_mssql_server` (or remove the attribute: `1.2` is the default). Upgrade client drivers that cannot negotiate TLS 1.2 first.',
    severity: 'medium',
    themes: ['encryption-in-transit'],
    resourceTypes: { terraform: ['azurerm_mssql_server'] },
    peers: {
      checkov: ['CKV_AZURE_52'],
      trivy: ['AVD-AZU-0026', 'azure-database-secure-tls-policy'],
    },
  },
  check: {
    terraform(resource) {
      if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
      const tls = attr(resource.body, 'minimum_tls_version');
      if (!tls || tls.value.kind === 'null') return result.pass(resource);
      const version = asString(tls.value);
      if (version === undefined) return result.skip(resource, 'minimum_tls_version is unknown');
      if (!WEAK.has(version)) return result.pass(resource, tls.range);
      return result.fail(resource, tls.range, {
        message: version === 'Disabled' ? 'minimum_tls_version is "Disabled": any TLS version is accepted' : `minimum_tls_version is ${version}: clients may connect with a deprecated TLS version`,
        fixes: [{ title: 'Require TLS 1.2 (drivers limited to older TLS versions will be refused)', safety: 'suggestion', edits: [replaceValue(resource.file, tls, '"1.2"')] }],
      });
    },
  },
};
