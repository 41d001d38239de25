import { asBool, attr } from '../../model/access';
import { replaceValue } from '../fixkit';
import { result, type Rule } from '../types';

/** GKE clusters authorise with Kubernetes RBAC only (`enable_legacy_abac`, default false). */
export const rule: Rule = {
  meta: {
    id: 'gcp-gke-legacy-abac-disabled',
    title: 'GKE cluster has legacy ABAC authorization disabled',
    failMessage: 'GKE cluster has legacy ABAC authorization enabled',
    rationale:
      'Legacy Attribute-Based Access Control grants broad, static permissions that RBAC cannot take away: with it on, service accounts and users may be able to do far more than their RBAC roles say, and permissions cannot be reviewed through Kubernetes roles and bindings. RBAC has been the supported model for years; ABAC only remains for very old clusters.',
    remediation:
      'Remove `enable_legacy_abac = true` from the `google_container_cluster` (or set it to `false`) after granting what workloads need through Kubernetes `Role`/`ClusterRole` bindings.',
    severity: 'high',
    themes: ['identity-access'],
    resourceTypes: { terraform: ['google_container_cluster'] },
    peers: {
      checkov: ['CKV_GCP_7'],
      trivy: ['AVD-GCP-0062'],
    },
  },
  check: {
    terraform(resource) {
      if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
      const abac = attr(resource.body, 'enable_legacy_abac');
      if (!abac || abac.value.kind === 'null') return result.pass(resource);
      const on = asBool(abac.value);
      if (on === undefined) return result.skip(resource, 'enable_legacy_abac is unknown');
      if (!on) return result.pass(resource, abac.range);
      return result.fail(resource, abac.range, {
        fixes: [{ title: 'Disable legacy ABAC (workloads keep only what RBAC grants them)', safety: 'suggestion', edits: [replaceValue(resource.file, abac, 'false')] }],
      });
    },
  },
};
