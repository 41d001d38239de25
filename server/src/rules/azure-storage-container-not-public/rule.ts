import { asString, attr } from '../../model/access';
import { replaceValue } from '../fixkit';
import { result, type Rule } from '../types';

/**
 * Storage containers are private. `container_access_type` defaults to `private`; `blob` lets
 * anyone read blobs by URL and `container` also lets anyone list them.
 */
export const rule: Rule = {
  meta: {
    id: 'azure-storage-container-not-public',
    title: 'Storage container does not allow anonymous access',
    failMessage: 'Storage container is readable by anyone on the internet',
    rationale:
      'A container with access type `blob` serves every blob to anyone who knows or guesses its URL, and `container` additionally lets anyone enumerate the container, without any credential or log of who they are. Whatever lands in such a container, including backups, exports or files uploaded by mistake, is published. Keeping containers private and granting access with Entra ID roles or short-lived SAS tokens keeps every read authenticated.',
    remediation:
      'Set `container_access_type = "private"` (or remove it: private is the default) on the `azurerm_storage_container`. Share individual blobs with user-delegation SAS tokens, or publish intended public content through Azure Front Door/CDN.',
    severity: 'critical',
    themes: ['public-exposure-data-leakage'],
    resourceTypes: { terraform: ['azurerm_storage_container'] },
    peers: {
      checkov: ['CKV_AZURE_34'],
      trivy: ['AVD-AZU-0007', 'azure-storage-no-public-access'],
      kics: ['Storage Container Is Publicly Accessible'],
    },
  },
  check: {
    terraform(resource) {
      if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
      const access = attr(resource.body, 'container_access_type');
      if (!access || access.value.kind === 'null') return result.pass(resource);
      const value = asString(access.value);
      if (value === undefined) return result.skip(resource, 'container_access_type is unknown');
      if (value !== 'blob' && value !== 'container') return result.pass(resource, access.range);
      return result.fail(resource, access.range, {
        message:
          value === 'container'
            ? 'container_access_type is "container": anyone can list and read every blob'
            : 'container_access_type is "blob": anyone can read every blob by its URL',
        fixes: [{ title: 'Make the container private (anonymous readers lose access)', safety: 'suggestion', edits: [replaceValue(resource.file, access, '"private"')] }],
      });
    },
  },
};
