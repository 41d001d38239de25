import { checkToggle } from '../shared/azuredata';
import { type Rule } from '../types';

/**
 * Azure Cache for Redis keeps the plain-text port 6379 closed. azurerm v3 spells the switch
 * `enable_non_ssl_port`, v4 `non_ssl_port_enabled`; both default to `false`.
 */
export const rule: Rule = {
  meta: {
    id: 'azure-redis-cache-non-ssl-port-disabled',
    title: 'Redis cache has the non-TLS port disabled',
    failMessage: 'Redis cache accepts unencrypted connections on port 6379',
    rationale:
      'With the non-TLS port open, clients can talk to the cache in clear text: the access key sent with AUTH and every cached value (often session tokens or personal data) cross the network readable and alterable by anyone on the path. Keeping only the TLS port (6380) open guarantees that every connection to the cache is encrypted.',
    remediation:
      'Remove `non_ssl_port_enabled = true` (azurerm v4) or `enable_non_ssl_port = true` (azurerm v3) from the `azurerm_redis_cache`, and point clients at port 6380 with TLS.',
    severity: 'high',
    themes: ['encryption-in-transit'],
    resourceTypes: { terraform: ['azurerm_redis_cache'] },
    peers: { checkov: ['CKV_AZURE_91'], kics: ['Redis Cache Allows Non SSL Connections'] },
  },
  check: {
    terraform: (resource, ctx) =>
      checkToggle(resource, ctx, {
        names: ['non_ssl_port_enabled', 'enable_non_ssl_port'],
        want: false,
        providerDefault: false,
        wrongMessage: (name) => `${name} is true: the cache accepts unencrypted connections on port 6379`,
        fix: { title: 'Close the non-TLS port (clients must use TLS on port 6380)', safety: 'suggestion' },
      }),
  },
};
