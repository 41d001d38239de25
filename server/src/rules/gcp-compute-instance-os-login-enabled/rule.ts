import { replaceValue } from '../fixkit';
import { GCP_INSTANCE_TYPES, metadataKey, projectMetadataSetting, projectMetadataSettings, setMetadataEntry } from '../shared/gcp';
import { result, type Rule } from '../types';

const KEY = 'enable-oslogin';
const FIX_TITLE = 'Enable OS Login (SSH access then follows IAM roles; metadata SSH keys stop working)';

/**
 * SSH access to VMs goes through OS Login (`enable-oslogin = "TRUE"`). An instance inherits the
 * project's metadata when it does not set the key, so:
 * - an instance or template that sets the key to false fails; true passes;
 * - an instance without the key passes when this module's project metadata turns OS Login on, and
 *   is skipped otherwise (the project setting, or an organization policy, lives elsewhere);
 * - `google_compute_project_metadata` (authoritative for the whole project) fails when it turns OS
 *   Login off or leaves it out; a `google_compute_project_metadata_item` fails when it sets false.
 */
export const rule: Rule = {
  meta: {
    id: 'gcp-compute-instance-os-login-enabled',
    title: 'Compute instance uses OS Login for SSH access',
    failMessage: 'OS Login is disabled: SSH access relies on metadata SSH keys',
    rationale:
      'Without OS Login, SSH access is granted by public keys pasted into instance or project metadata: keys that are not tied to a person\'s account, are never revoked when someone leaves, and are invisible to IAM reviews. OS Login maps SSH access to Google identities and IAM roles (`roles/compute.osLogin`, `osAdminLogin`), supports 2-step verification, and records who logged in as whom.',
    remediation:
      'Set `enable-oslogin = "TRUE"` in `google_compute_project_metadata` (or a `google_compute_project_metadata_item`) for the whole project, and do not override it with `"FALSE"` on instances or templates. Grant `roles/compute.osLogin` or `roles/compute.osAdminLogin` to the people who need access; the `compute.requireOsLogin` organization policy enforces it.',
    severity: 'medium',
    themes: ['identity-access'],
    resourceTypes: { terraform: [...GCP_INSTANCE_TYPES, 'google_compute_project_metadata', 'google_compute_project_metadata_item'] },
    peers: {
      checkov: ['CKV_GCP_33', 'CKV_GCP_34'],
      trivy: ['AVD-GCP-0036', 'AVD-GCP-0042'],
    },
  },
  check: {
    terraform(resource, ctx) {
      if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
      if (resource.type === 'google_compute_project_metadata' || resource.type === 'google_compute_project_metadata_item') {
        const setting = projectMetadataSetting(resource, KEY);
        if (!setting) return result.skip(resource, `metadata item is not ${KEY}`);
        if (setting.state === 'unknown') return result.skip(resource, 'metadata is not known statically');
        if (setting.state === 'missing') {
          if (resource.type === 'google_compute_project_metadata_item') return result.skip(resource, 'metadata item has no value');
          const edit = setMetadataEntry(ctx, resource, KEY, 'TRUE');
          return result.fail(resource, resource.headerRange, {
            message: 'Project metadata does not enable OS Login: VMs that do not set enable-oslogin accept metadata SSH keys',
            fixes: edit ? [{ title: FIX_TITLE, safety: 'suggestion', edits: [edit] }] : [],
          });
        }
        if (setting.value === undefined) return result.skip(resource, `${KEY} has a value we cannot interpret`);
        if (setting.value) return result.pass(resource, setting.range);
        const edit = setting.attribute?.name === 'value' ? replaceValue(resource.file, setting.attribute, '"TRUE"') : setMetadataEntry(ctx, resource, KEY, 'TRUE');
        return result.fail(resource, setting.range, {
          message: 'Project metadata disables OS Login for every VM that does not override it',
          fixes: edit ? [{ title: FIX_TITLE, safety: 'suggestion', edits: [edit] }] : [],
        });
      }
      const own = metadataKey(resource.body, KEY);
      if (own.state === 'unknown') return result.skip(resource, 'metadata is not known statically');
      if (own.state === 'present') {
        if (own.value === undefined) return result.skip(resource, `${KEY} has a value we cannot interpret`);
        if (own.value) return result.pass(resource, own.range);
        const edit = setMetadataEntry(ctx, resource, KEY, 'TRUE');
        return result.fail(resource, own.range, {
          message: 'Compute instance overrides the project and disables OS Login',
          fixes: edit ? [{ title: FIX_TITLE, safety: 'suggestion', edits: [edit] }] : [],
        });
      }
      // Not set on the instance: the project's metadata decides.
      const project = projectMetadataSettings(ctx, KEY);
      if (project.some((p) => p.setting.state === 'present' && p.setting.value === true)) return result.pass(resource);
      return result.skip(resource, 'inherits the project metadata setting, which is not decided in this module (reported on the project metadata when it is)');
    },
  },
};
