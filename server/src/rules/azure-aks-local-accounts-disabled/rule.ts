import { blocks } from '../../model/access';
import { checkBool, managedOnly } from '../shared/azurenet';
import type { Rule } from '../types';

/**
 * Local (static certificate) accounts of an AKS cluster are disabled: `local_account_disabled`
 * defaults to false, so a missing argument is a finding. Disabling them requires Azure AD
 * integration, so the quick fix is only offered when the cluster already has it.
 */
export const rule: Rule = {
  meta: {
    id: 'azure-aks-local-accounts-disabled',
    title: 'AKS cluster has local accounts disabled',
    failMessage: 'AKS cluster keeps its local admin account (local_account_disabled is not true)',
    rationale:
      'Every AKS cluster comes with a local cluster-admin credential that can be downloaded with `az aks get-credentials --admin`. It is a long-lived certificate that bypasses Azure AD, conditional access and MFA, cannot be tied to a person in audit logs and stays valid after the person who downloaded it leaves. Disabling local accounts makes Azure AD the only way in, so access is individual, revocable and reviewable.',
    remediation:
      'Integrate the cluster with Azure AD (`azure_active_directory_role_based_access_control` block, ideally with `azure_rbac_enabled = true`) and set `local_account_disabled = true`.',
    severity: 'medium',
    themes: ['identity-access'],
    resourceTypes: { terraform: ['azurerm_kubernetes_cluster'] },
    peers: { checkov: ['CKV_AZURE_141'] },
  },
  check: {
    terraform(resource, ctx) {
      const skip = managedOnly(resource);
      if (skip) return skip;
      const aad = blocks(resource.body, 'azure_active_directory_role_based_access_control').length > 0;
      return checkBool(resource, ctx, resource.body, resource.headerRange, {
        name: 'local_account_disabled',
        want: true,
        defaultValue: false,
        fixTitle: 'Disable local accounts (admin kubeconfigs stop working; users sign in through Azure AD)',
        safety: 'suggestion',
        missingMessage: 'AKS cluster keeps its local admin account: local_account_disabled is not set and defaults to false',
        noFix: !aad,
      });
    },
  },
};
