import { asList, asString, attr, blocks, hasDynamicBlocks } from '../../model/access';
import { insertIntoTerraformBody, replaceValue } from '../fixkit';
import { GCP_INSTANCE_TYPES } from '../shared/gcp';
import { result, type Rule } from '../types';

const FULL_SCOPES = ['cloud-platform', 'https://www.googleapis.com/auth/cloud-platform'];
const DEFAULT_SA = /^\d+-compute@developer\.gserviceaccount\.com$/;
const FIX_TITLE = 'Run as var.instance_service_account_email (declare it: a dedicated, least-privilege service account)';

/**
 * A Compute instance or template does not run as the Compute Engine default service account with
 * the `cloud-platform` scope. A `service_account` block without `email` uses the default service
 * account; no `service_account` block at all attaches no service account and passes.
 */
export const rule: Rule = {
  meta: {
    id: 'gcp-compute-instance-no-default-service-account-full-scope',
    title: 'Compute instance avoids default service account full scope',
    failMessage: 'Compute instance runs as the default service account with full cloud-platform scope',
    rationale:
      'The Compute Engine default service account is granted the project Editor role in many projects, and the `cloud-platform` scope stops access scopes from limiting it. Any process on the VM, including an attacker who exploits a web app on it, can then fetch a token from the metadata server and modify almost everything in the project. A dedicated service account holding only the roles the workload needs keeps a VM compromise contained.',
    remediation:
      'Create a `google_service_account` for the workload, grant it only the roles it needs, and set `service_account { email = google_service_account.app.email, scopes = ["cloud-platform"] }` (with a dedicated account, IAM rather than scopes limits access). If you must keep the default account, narrow `scopes` to the APIs the VM uses.',
    severity: 'high',
    themes: ['identity-access'],
    resourceTypes: { terraform: GCP_INSTANCE_TYPES },
    peers: {
      checkov: ['CKV_GCP_31', 'CKV_GCP_30'],
      trivy: ['AVD-GCP-0044'],
    },
  },
  check: {
    terraform(resource, ctx) {
      if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
      const sas = blocks(resource.body, 'service_account');
      if (!sas.length) {
        if (hasDynamicBlocks(resource.body, 'service_account')) return result.skip(resource, 'service_account is set by a dynamic block');
        return result.pass(resource);
      }
      const sa = sas[0];
      const email = attr(sa.body, 'email');
      let isDefault: boolean;
      if (!email || email.value.kind === 'null') isDefault = true;
      else {
        const e = asString(email.value);
        if (e === undefined) return result.skip(resource, 'service account email is not known statically');
        isDefault = DEFAULT_SA.test(e.trim()) || e.trim() === 'default';
      }
      if (!isDefault) return result.pass(resource, email?.range);
      const scopes = attr(sa.body, 'scopes');
      if (!scopes) return result.pass(resource);
      const items = asList(scopes.value);
      if (!items) return result.skip(resource, 'scopes are not known statically');
      let unknown = false;
      let full = false;
      for (const item of items) {
        const s = asString(item);
        if (s === undefined) unknown = true;
        else if (FULL_SCOPES.includes(s.trim())) full = true;
      }
      if (!full) return unknown ? result.skip(resource, 'scopes are not known statically') : result.pass(resource, scopes.range);
      const edit = email && email.value.kind !== 'null' ? replaceValue(resource.file, email, 'var.instance_service_account_email') : insertIntoTerraformBody(ctx, resource.file, sa.body, sa.headerRange.start.offset, ['email = var.instance_service_account_email']);
      return result.fail(resource, scopes.range, {
        fixes: [{ title: FIX_TITLE, safety: 'suggestion', edits: [edit] }],
      });
    },
  },
};
