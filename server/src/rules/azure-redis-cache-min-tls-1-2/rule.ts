import { asString, attr } from '../../model/access';
import { addTerraformAttribute, replaceValue } from '../fixkit';
import { result, type Rule } from '../types';

const FIX_TITLE = 'Require TLS 1.2 (clients limited to TLS 1.0/1.1 will be refused)';

/**
 * Azure Cache for Redis requires TLS 1.2. The provider's `minimum_tls_version` defaults to `1.0`
 * (azurerm v3 and v4 documentation), so a missing attribute is reported too.
 */
export const rule: Rule = {
  meta: {
    id: 'azure-redis-cache-min-tls-1-2',
    title: 'Redis cache requires TLS 1.2 or later',
    failMessage: 'Redis cache accepts TLS versions older than 1.2',
    rationale:
      'TLS 1.0 and 1.1 have known weaknesses and are being retired across Azure. A cache that still negotiates them lets old client libraries, or an attacker who downgrades a connection, protect the access key and cached data with weak cryptography. Requiring TLS 1.2 keeps every connection on a sound protocol version.',
    remediation: 'Set `minimum_tls_version = "1.2"` on the `azurerm_redis_cache`, after checking that every client library supports TLS 1.2.',
    severity: 'medium',
    themes: ['encryption-in-transit'],
    resourceTypes: { terraform: ['azurerm_redis_cache'] },
    peers: { checkov: ['CKV_AZURE_148'] },
  },
  check: {
    terraform(resource, ctx) {
      if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
      const tls = attr(resource.body, 'minimum_tls_version');
      if (!tls) {
        return result.fail(resource, resource.headerRange, {
          message: 'minimum_tls_version is not set and defaults to 1.0: clients may connect with a deprecated TLS version',
          fixes: [{ title: FIX_TITLE, safety: 'suggestion', edits: [addTerraformAttribute(ctx, resource, 'minimum_tls_version = "1.2"')] }],
        });
      }
      const version = tls.value.kind === 'null' ? '1.0' : asString(tls.value);
      if (version === undefined) return result.skip(resource, 'minimum_tls_version is unknown');
      if (version !== '1.0' && version !== '1.1') return result.pass(resource, tls.range);
      return result.fail(resource, tls.range, {
        message: `minimum_tls_version is ${version}: clients may connect with a deprecated TLS version`,
        fixes: [{ title: FIX_TITLE, safety: 'suggestion', edits: [replaceValue(resource.file, tls, '"1.2"')] }],
      });
    },
  },
};
