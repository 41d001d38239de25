import { GCP_INSTANCE_TYPES, metadataKey, osLoginEnabled, setMetadataEntry } from '../shared/gcp';
import { result, type Rule } from '../types';

const KEY = 'block-project-ssh-keys';
const FIX_TITLE = 'Block project-wide SSH keys (users of project keys lose access to this VM)';

/**
 * Compute instances and templates ignore project-wide SSH keys (`block-project-ssh-keys = "TRUE"`,
 * default false). When OS Login is known to be on (instance or this module's project metadata),
 * metadata keys are not used at all and the instance passes.
 */
export const rule: Rule = {
  meta: {
    id: 'gcp-compute-instance-project-ssh-keys-blocked',
    title: 'Compute instance blocks project-wide SSH keys',
    failMessage: 'Compute instance accepts project-wide SSH keys',
    rationale:
      'SSH keys in project metadata unlock every VM in the project that does not block them. One leaked or forgotten key, for example of a former contractor, then opens all machines at once, and nobody reviewing a single VM sees it. Blocking project-wide keys limits metadata-based SSH access to keys set on the instance itself; OS Login avoids metadata keys altogether.',
    remediation:
      'Add `block-project-ssh-keys = "TRUE"` to the `metadata` of the `google_compute_instance` or instance template, or, better, enable OS Login (`enable-oslogin = "TRUE"`) so that SSH access follows IAM.',
    severity: 'low',
    themes: ['identity-access'],
    resourceTypes: { terraform: GCP_INSTANCE_TYPES },
    peers: {
      checkov: ['CKV_GCP_32'],
      trivy: ['AVD-GCP-0030'],
    },
  },
  check: {
    terraform(resource, ctx) {
      if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
      const setting = metadataKey(resource.body, KEY);
      if (setting.state === 'unknown') return result.skip(resource, 'metadata is not known statically');
      if (setting.state === 'present') {
        if (setting.value === undefined) return result.skip(resource, `${KEY} has a value we cannot interpret`);
        if (setting.value) return result.pass(resource, setting.range);
      }
      if (osLoginEnabled(resource, ctx) === true) return result.pass(resource);
      const edit = setMetadataEntry(ctx, resource, KEY, 'TRUE');
      const fixes = edit ? [{ title: FIX_TITLE, safety: 'suggestion' as const, edits: [edit] }] : [];
      if (setting.state === 'present') return result.fail(resource, setting.range, { message: 'Compute instance sets block-project-ssh-keys to false', fixes });
      return result.fail(resource, resource.headerRange, { message: 'Compute instance does not set block-project-ssh-keys (defaults to false: project-wide keys work)', fixes });
    },
  },
};
