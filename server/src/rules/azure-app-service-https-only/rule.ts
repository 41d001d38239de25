import { APP_SERVICE_CURRENT, APP_SERVICE_LEGACY, checkBool, managedOnly } from '../shared/azurenet';
import type { Rule } from '../types';

/** Web and function apps (current, slots and the legacy resources) redirect HTTP to HTTPS. */
export const rule: Rule = {
  meta: {
    id: 'azure-app-service-https-only',
    title: 'App Service accepts HTTPS only',
    failMessage: 'App Service accepts plain HTTP (https_only is not true)',
    rationale:
      'An app that still answers on plain HTTP lets session cookies, tokens and form data cross the network unencrypted whenever a link, a bookmark or a misconfigured client uses http://, and it allows anyone on the path to tamper with responses. With HTTPS-only, App Service redirects every HTTP request to HTTPS before it reaches the application.',
    remediation:
      'Set `https_only = true` on the web or function app (and on each deployment slot).',
    severity: 'high',
    themes: ['encryption-in-transit'],
    resourceTypes: { terraform: [...APP_SERVICE_CURRENT, ...APP_SERVICE_LEGACY] },
    peers: {
      checkov: ['CKV_AZURE_14', 'CKV_AZURE_70'],
      trivy: ['AVD-AZU-0004', 'azure-appservice-enforce-https'],
      kics: ['Web App Accepting Traffic Other Than HTTPS'],
    },
  },
  check: {
    terraform(resource, ctx) {
      return (
        managedOnly(resource) ??
        checkBool(resource, ctx, resource.body, resource.headerRange, {
          name: 'https_only',
          want: true,
          defaultValue: false,
          fixTitle: 'Accept HTTPS only (HTTP requests are redirected to HTTPS)',
          safety: 'suggestion',
          missingMessage: 'App Service accepts plain HTTP: https_only is not set and defaults to false',
          wrongMessage: 'App Service accepts plain HTTP (https_only = false)',
        })
      );
    },
  },
};
