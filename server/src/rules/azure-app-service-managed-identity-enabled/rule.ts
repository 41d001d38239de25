import { blocks, hasDynamicBlocks } from '../../model/access';
import { APP_SERVICE_CURRENT, APP_SERVICE_LEGACY, insertIntoResource, managedOnly } from '../shared/azurenet';
import { result, type Rule } from '../types';

/** Web and function apps have a managed identity (an `identity` block of any type). */
export const rule: Rule = {
  meta: {
    id: 'azure-app-service-managed-identity-enabled',
    title: 'App Service has a managed identity',
    failMessage: 'App Service has no managed identity',
    rationale:
      'An app without a managed identity has to reach databases, storage, Key Vault and other services with secrets: connection strings and keys kept in app settings, copied between environments and rarely rotated. A managed identity gives the app an Azure AD identity whose credentials Azure rotates itself, so access can be granted through RBAC, reviewed, and revoked without touching secrets.',
    remediation:
      'Add an `identity` block (`type = "SystemAssigned"`, or `"UserAssigned"` with `identity_ids`), grant that identity the roles the app needs, and replace stored keys and connection strings with identity-based access or Key Vault references.',
    severity: 'low',
    themes: ['identity-access'],
    resourceTypes: { terraform: [...APP_SERVICE_CURRENT, ...APP_SERVICE_LEGACY] },
    peers: {
      checkov: ['CKV_AZURE_16', 'CKV_AZURE_71'],
      trivy: ['AVD-AZU-0002', 'azure-appservice-account-identity-registered'],
      kics: ['App Service Managed Identity Disabled'],
    },
  },
  check: {
    terraform(resource, ctx) {
      const skip = managedOnly(resource);
      if (skip) return skip;
      const identity = blocks(resource.body, 'identity')[0];
      if (identity) return result.pass(resource, identity.headerRange);
      if (hasDynamicBlocks(resource.body, 'identity')) return result.skip(resource, 'identity comes from a dynamic block');
      return result.fail(resource, resource.headerRange, {
        fixes: [
          {
            title: 'Add a system-assigned managed identity (then grant it roles and drop stored secrets)',
            safety: 'suggestion',
            edits: [insertIntoResource(ctx, resource, ['identity {', '  type = "SystemAssigned"', '}'])],
          },
        ],
      });
    },
  },
};
