import { checkToggle } from '../shared/azuredata';
import { type Rule } from '../types';

/**
 * Storage accounts accept only HTTPS (secure transfer required). The provider default is `true`, so
 * only an explicit `false` is reported, whichever provider spelling is used.
 */
export const rule: Rule = {
  meta: {
    id: 'azure-storage-account-https-only',
    title: 'Storage account accepts HTTPS requests only',
    failMessage: 'Storage account accepts unencrypted HTTP requests',
    rationale:
      'With secure transfer turned off, the blob, file, queue and table endpoints answer plain HTTP, so data, shared access signatures and account keys in request headers can be read or altered by anyone on the network path. Requiring HTTPS makes the service reject unencrypted requests outright, which is the simplest way to show that data in transit to storage is always encrypted.',
    remediation:
      'Remove `https_traffic_only_enabled = false` (azurerm v4) or `enable_https_traffic_only = false` (azurerm v3), or set it to `true`. Move any client still using `http://` endpoints to `https://` first.',
    severity: 'high',
    themes: ['encryption-in-transit'],
    resourceTypes: { terraform: ['azurerm_storage_account'] },
    peers: {
      checkov: ['CKV_AZURE_3'],
      trivy: ['AVD-AZU-0008', 'azure-storage-enforce-https'],
      kics: ['Storage Account Not Forcing HTTPS'],
    },
  },
  check: {
    terraform: (resource, ctx) =>
      checkToggle(resource, ctx, {
        names: ['https_traffic_only_enabled', 'enable_https_traffic_only'],
        want: true,
        providerDefault: true,
        wrongMessage: (name) => `${name} is false: the storage endpoints accept unencrypted HTTP`,
        fix: { title: 'Require HTTPS (clients still using http:// endpoints will be refused)', safety: 'suggestion' },
      }),
  },
};
