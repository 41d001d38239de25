import { asBool, attr } from '../../model/access';
import { replaceValue } from '../fixkit';
import { firstBlock, managedOnly } from '../shared/azurenet';
import { result, type Rule } from '../types';

const FIX_TITLE = 'Enable Kubernetes RBAC (forces a new cluster: plan the migration)';

/**
 * Kubernetes RBAC stays on. azurerm 3.x/4.x: `role_based_access_control_enabled` (default true);
 * azurerm 2.x: `role_based_access_control { enabled = ... }`. Only an explicit false is a finding.
 */
export const rule: Rule = {
  meta: {
    id: 'azure-aks-rbac-enabled',
    title: 'AKS cluster has Kubernetes RBAC enabled',
    failMessage: 'AKS cluster has Kubernetes RBAC disabled: every authenticated user is cluster admin',
    rationale:
      'Without Kubernetes role-based access control every identity that can authenticate to the API server may do anything in the cluster: read every secret, run privileged pods, change any workload. RBAC is what lets teams, CI pipelines and workloads get only the permissions they need, and it is the prerequisite for Azure AD integration and for auditable access reviews.',
    remediation:
      'Remove `role_based_access_control_enabled = false` (the default is true) or set it to true; on azurerm 2.x set `enabled = true` in the `role_based_access_control` block. The change forces a new cluster.',
    severity: 'high',
    themes: ['identity-access'],
    resourceTypes: { terraform: ['azurerm_kubernetes_cluster'] },
    peers: {
      checkov: ['CKV_AZURE_5'],
      trivy: ['AVD-AZU-0042', 'azure-container-use-rbac-permissions'],
      kics: ['AKS RBAC Disabled'],
    },
  },
  check: {
    terraform(resource) {
      const skip = managedOnly(resource);
      if (skip) return skip;
      const legacy = firstBlock(resource.body, 'role_based_access_control');
      const a = attr(resource.body, 'role_based_access_control_enabled') ?? (legacy ? attr(legacy.body, 'enabled') : undefined);
      if (!a || a.value.kind === 'null') return result.pass(resource);
      const on = asBool(a.value);
      if (on === undefined) return result.skip(resource, `${a.name} is unknown`);
      if (on) return result.pass(resource, a.range);
      return result.fail(resource, a.range, { fixes: [{ title: FIX_TITLE, safety: 'suggestion', edits: [replaceValue(resource.file, a, 'true')] }] });
    },
  },
};
