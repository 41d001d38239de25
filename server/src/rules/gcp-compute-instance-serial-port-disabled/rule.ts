import { replaceValue } from '../fixkit';
import { GCP_INSTANCE_TYPES, GCP_PROJECT_METADATA_TYPES, metadataKey, projectMetadataSetting, setMetadataEntry } from '../shared/gcp';
import { result, type Rule } from '../types';

const KEY = 'serial-port-enable';

/**
 * The interactive serial console stays off: no instance, template or project metadata sets
 * `serial-port-enable` to true. The key defaults to false, so a missing key passes.
 */
export const rule: Rule = {
  meta: {
    id: 'gcp-compute-instance-serial-port-disabled',
    title: 'Compute instance keeps the serial console disabled',
    failMessage: 'Interactive serial console access is enabled',
    rationale:
      'The interactive serial console accepts connections from any IP address and is not governed by VPC firewall rules, so it bypasses network controls entirely; anyone with the right IAM permission and a guest login can reach the VM from anywhere. It is a break-glass tool for a broken boot, to be enabled briefly when needed, not a standing access path.',
    remediation:
      'Remove `serial-port-enable` from the `metadata` of the instance, instance template or project metadata, or set it to `"FALSE"`. Enable it temporarily (and audit it) only while debugging a VM that does not boot; the `compute.disableSerialPortAccess` organization policy enforces this.',
    severity: 'medium',
    themes: ['identity-access', 'network-security-segmentation'],
    resourceTypes: { terraform: [...GCP_INSTANCE_TYPES, ...GCP_PROJECT_METADATA_TYPES] },
    peers: {
      checkov: ['CKV_GCP_35'],
      trivy: ['AVD-GCP-0032'],
    },
  },
  check: {
    terraform(resource, ctx) {
      if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
      const project = GCP_PROJECT_METADATA_TYPES.includes(resource.type);
      const setting = project ? projectMetadataSetting(resource, KEY) : metadataKey(resource.body, KEY);
      if (!setting) return result.skip(resource, `metadata item is not ${KEY}`);
      if (setting.state === 'missing') return result.pass(resource);
      if (setting.state === 'unknown') return result.skip(resource, 'metadata is not known statically');
      if (setting.value === undefined) return result.skip(resource, `${KEY} has a value we cannot interpret`);
      if (!setting.value) return result.pass(resource, setting.range);
      const edit = project
        ? setting.attribute && setting.attribute.name === 'value'
          ? replaceValue(resource.file, setting.attribute, '"FALSE"')
          : setMetadataEntry(ctx, resource, KEY, 'FALSE')
        : setMetadataEntry(ctx, resource, KEY, 'FALSE');
      return result.fail(resource, setting.range, {
        message: project ? 'Project metadata enables the interactive serial console for every VM that does not override it' : undefined,
        fixes: edit ? [{ title: 'Disable the interactive serial console', safety: 'suggestion', edits: [edit] }] : [],
      });
    },
  },
};
