import { attr, blocks, hasDynamicBlocks } from '../../model/access';
import { insertIntoTerraformBody } from '../fixkit';
import { isAutopilot } from '../shared/gcpGke';
import { result, type Rule } from '../types';

/**
 * GKE clusters enable Workload Identity Federation for GKE
 * (`workload_identity_config { workload_pool = "<project>.svc.id.goog" }`); Autopilot always has it.
 * Standard clusters do not by default.
 */
export const rule: Rule = {
  meta: {
    id: 'gcp-gke-workload-identity-enabled',
    title: 'GKE cluster uses Workload Identity',
    failMessage: 'GKE cluster does not enable Workload Identity',
    rationale:
      'Without Workload Identity, every pod on a node can read the node\'s service account token from the metadata server, so all workloads share the node\'s Google Cloud permissions and a single compromised pod can act as the node. Workload Identity gives each Kubernetes service account its own IAM identity and hides the node credentials, enabling least privilege per workload without exported keys.',
    remediation:
      'Add `workload_identity_config { workload_pool = "${var.project_id}.svc.id.goog" }` to the `google_container_cluster`, set `workload_metadata_config { mode = "GKE_METADATA" }` in node pools, and bind Kubernetes service accounts to Google service accounts (or grant IAM to the KSA principal directly).',
    severity: 'medium',
    themes: ['identity-access'],
    resourceTypes: { terraform: ['google_container_cluster'] },
    peers: {
      checkov: ['CKV_GCP_69'],
    },
  },
  check: {
    terraform(resource, ctx) {
      if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
      const autopilot = isAutopilot(resource);
      if (autopilot === undefined) return result.skip(resource, 'enable_autopilot is unknown');
      if (autopilot) return result.pass(resource);
      const wic = blocks(resource.body, 'workload_identity_config')[0];
      if (wic) {
        const pool = attr(wic.body, 'workload_pool');
        if (pool && pool.value.kind !== 'null') return result.pass(resource, pool.range);
        return result.fail(resource, wic.headerRange, { message: 'workload_identity_config has no workload_pool' });
      }
      if (hasDynamicBlocks(resource.body, 'workload_identity_config')) return result.skip(resource, 'workload_identity_config is set by a dynamic block');
      const project = attr(resource.body, 'project');
      const projectExpr = project ? ctx.fileText(resource.file).slice(project.value.range.start.offset, project.value.range.end.offset) : 'var.project_id';
      const simpleRef = /^[A-Za-z_][\w.-]*$/.test(projectExpr);
      return result.fail(resource, resource.headerRange, {
        fixes: simpleRef
          ? [
              {
                title: `Enable Workload Identity with the pool of ${projectExpr}${project ? '' : ' (declare var.project_id)'} (pods stop using the node service account once node pools use GKE_METADATA)`,
                safety: 'suggestion',
                edits: [insertIntoTerraformBody(ctx, resource.file, resource.body, resource.headerRange.start.offset, ['workload_identity_config {', `  workload_pool = "\${${projectExpr}}.svc.id.goog"`, '}'])],
              },
            ]
          : [],
      });
    },
  },
};
