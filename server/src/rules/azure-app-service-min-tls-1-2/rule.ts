import { asString, attr, blocks } from '../../model/access';
import { replaceValue } from '../fixkit';
import { APP_SERVICE_CURRENT, APP_SERVICE_LEGACY, managedOnly } from '../shared/azurenet';
import { result, type CheckResult, type Rule } from '../types';

/** Current resources spell it `minimum_tls_version`, the legacy ones `min_tls_version`; both have an SCM variant. */
const NAMES = ['minimum_tls_version', 'scm_minimum_tls_version', 'min_tls_version', 'scm_min_tls_version'];
const WEAK = new Set(['1.0', '1.1']);

/**
 * The app and its SCM (Kudu) endpoint do not accept TLS below 1.2. The provider default is 1.2,
 * so only an explicit 1.0 / 1.1 is a finding.
 */
export const rule: Rule = {
  meta: {
    id: 'azure-app-service-min-tls-1-2',
    title: 'App Service requires TLS 1.2 or later',
    failMessage: 'App Service accepts TLS 1.0 or 1.1',
    rationale:
      'TLS 1.0 and 1.1 rely on outdated constructions (CBC ciphers with known padding-oracle attacks, SHA-1 based handshakes) and have been deprecated by the IETF and by PCI DSS. An app that still accepts them lets a network attacker push clients down to the weakest protocol both sides support. Requiring TLS 1.2 or later keeps every connection on currently accepted cryptography.',
    remediation:
      'Set `minimum_tls_version` (and `scm_minimum_tls_version`) in `site_config` to `"1.2"` or `"1.3"` — or remove them, since the provider defaults to 1.2. Legacy `azurerm_app_service` / `azurerm_function_app` use `min_tls_version`.',
    severity: 'medium',
    themes: ['encryption-in-transit'],
    resourceTypes: { terraform: [...APP_SERVICE_CURRENT, ...APP_SERVICE_LEGACY] },
    peers: {
      checkov: ['CKV_AZURE_15', 'CKV_AZURE_145'],
      trivy: ['AVD-AZU-0006', 'azure-appservice-use-secure-tls-policy'],
      kics: ['App Service Not Using Latest TLS Encryption Version'],
    },
  },
  check: {
    terraform(resource) {
      const skip = managedOnly(resource);
      if (skip) return skip;
      const out: CheckResult[] = [];
      let unknown = false;
      for (const sc of blocks(resource.body, 'site_config')) {
        for (const name of NAMES) {
          const a = attr(sc.body, name);
          if (!a || a.value.kind === 'null') continue;
          const v = asString(a.value);
          if (v === undefined) unknown = true;
          else if (WEAK.has(v.trim())) {
            out.push(
              result.fail(resource, a.range, {
                message: `App Service ${name.startsWith('scm') ? 'SCM (deployment) endpoint ' : ''}accepts TLS ${v.trim()} (${name} = "${v.trim()}")`,
                fixes: [{ title: 'Require TLS 1.2 (clients limited to TLS 1.0/1.1 can no longer connect)', safety: 'suggestion', edits: [replaceValue(resource.file, a, '"1.2"')] }],
              }),
            );
          }
        }
      }
      if (out.length) return out;
      if (unknown) return result.skip(resource, 'minimum TLS version is unknown');
      return result.pass(resource);
    },
  },
};
