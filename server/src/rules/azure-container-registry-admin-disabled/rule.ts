import { checkBool, managedOnly } from '../shared/azurenet';
import type { Rule } from '../types';

/** The ACR admin user stays off: `admin_enabled` defaults to false; true is a finding. */
export const rule: Rule = {
  meta: {
    id: 'azure-container-registry-admin-disabled',
    title: 'Container registry admin user is disabled',
    failMessage: 'Container registry has the admin user enabled',
    rationale:
      'The registry admin user is a single shared username with two static passwords that grant full push and pull rights. It is typically pasted into pipelines and cluster secrets, cannot be tied to a person or workload, and anyone holding it can overwrite images that production pulls. Azure AD identities (managed identities, service principals, repository-scoped tokens) give each consumer its own revocable, least-privilege access.',
    remediation:
      'Set `admin_enabled = false` (the default) and grant pulls with `AcrPull` role assignments to managed identities (for AKS, `kubelet_identity`), and pushes with `AcrPush` to the CI identity.',
    severity: 'high',
    themes: ['identity-access'],
    resourceTypes: { terraform: ['azurerm_container_registry'] },
    peers: { checkov: ['CKV_AZURE_137'] },
  },
  check: {
    terraform(resource, ctx) {
      return (
        managedOnly(resource) ??
        checkBool(resource, ctx, resource.body, resource.headerRange, {
          name: 'admin_enabled',
          want: false,
          defaultValue: false,
          fixTitle: 'Disable the admin user (anything still signing in with it breaks: move it to Azure AD identities first)',
          safety: 'suggestion',
          wrongMessage: 'Container registry has the admin user enabled (admin_enabled = true)',
        })
      );
    },
  },
};
