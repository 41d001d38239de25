import { APP_SERVICE_CURRENT, checkBool, managedOnly } from '../shared/azurenet';
import type { Rule } from '../types';

/**
 * Web and function apps (current resources and slots) disable public network access, so they are
 * reached through private endpoints only. The provider default is true (public). The legacy
 * resources have no such argument and are not looked at.
 */
export const rule: Rule = {
  meta: {
    id: 'azure-app-service-public-network-access-disabled',
    title: 'App Service disables public network access',
    failMessage: 'App Service is reachable from the public internet (public_network_access_enabled is not false)',
    rationale:
      'Internal applications, back-end APIs and function apps that only serve other Azure services do not need an internet-facing endpoint. Leaving public access on exposes their login pages, APIs and any unauthenticated route to the whole internet. Disabling it and reaching the app through a private endpoint (or a front door / application gateway in front of it) leaves only the entry points you designed.',
    remediation:
      'Set `public_network_access_enabled = false` and give the app a private endpoint (`azurerm_private_endpoint` with subresource `sites`); public-facing apps should be fronted by Front Door or Application Gateway with a WAF and then closed to direct traffic.',
    severity: 'low',
    themes: ['public-exposure-data-leakage', 'network-security-segmentation'],
    resourceTypes: { terraform: APP_SERVICE_CURRENT },
    peers: { checkov: ['CKV_AZURE_222', 'CKV_AZURE_221'] },
  },
  check: {
    terraform(resource, ctx) {
      return (
        managedOnly(resource) ??
        checkBool(resource, ctx, resource.body, resource.headerRange, {
          name: 'public_network_access_enabled',
          want: false,
          defaultValue: true,
          fixTitle: 'Disable public network access (the app is then reachable only through private endpoints)',
          safety: 'suggestion',
          missingMessage: 'App Service is reachable from the internet: public_network_access_enabled is not set and defaults to true',
        })
      );
    },
  },
};
