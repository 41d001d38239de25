import { asString, attr } from '../../model/access';
import { replaceValue } from '../fixkit';
import { result, type Rule } from '../types';

const WEAK = new Set(['TLS1_0', 'TLS1_1']);

/**
 * Storage accounts refuse TLS 1.0 and 1.1. `min_tls_version` defaults to `TLS1_2` since azurerm
 * v3.0, so only an explicit older version is reported.
 */
export const rule: Rule = {
  meta: {
    id: 'azure-storage-account-min-tls-1-2',
    title: 'Storage account requires TLS 1.2 or later',
    failMessage: 'Storage account accepts TLS versions older than 1.2',
    rationale:
      'TLS 1.0 and 1.1 rely on outdated constructions with published attacks, and are no longer accepted by current security baselines or by Azure itself for most services. A storage account that still negotiates them lets a client, or an attacker downgrading a connection, protect data with weak cryptography. Requiring TLS 1.2 keeps every connection to the account on a version that is still considered sound.',
    remediation:
      'Set `min_tls_version = "TLS1_2"` on the `azurerm_storage_account` (or remove the attribute: it defaults to `TLS1_2`). Update any client that cannot speak TLS 1.2 first.',
    severity: 'medium',
    themes: ['encryption-in-transit'],
    resourceTypes: { terraform: ['azurerm_storage_account'] },
    peers: {
      checkov: ['CKV_AZURE_44'],
      trivy: ['AVD-AZU-0011', 'azure-storage-use-secure-tls-policy'],
      kics: ['Storage Account Not Using Latest TLS Encryption Version'],
    },
  },
  check: {
    terraform(resource) {
      if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
      const tls = attr(resource.body, 'min_tls_version');
      if (!tls || tls.value.kind === 'null') return result.pass(resource);
      const version = asString(tls.value);
      if (version === undefined) return result.skip(resource, 'min_tls_version is unknown');
      if (!WEAK.has(version)) return result.pass(resource, tls.range);
      return result.fail(resource, tls.range, {
        message: `min_tls_version is ${version}: clients may connect with a deprecated TLS version`,
        fixes: [{ title: 'Require TLS 1.2 (clients limited to TLS 1.0/1.1 will be refused)', safety: 'suggestion', edits: [replaceValue(resource.file, tls, '"TLS1_2"')] }],
      });
    },
  },
};
