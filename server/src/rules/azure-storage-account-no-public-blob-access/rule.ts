import { asBool, attr } from '../../model/access';
import { replaceValue } from '../fixkit';
import { checkToggle, stringSetting } from '../shared/azuredata';
import { result, type Rule } from '../types';

const FIX_TITLE = 'Disallow anonymous access to containers and blobs (existing public containers become private)';

/**
 * Storage accounts do not let containers opt in to anonymous (public) read access. In azurerm v3
 * and v4 the switch is `allow_nested_items_to_be_public`, default `true`; azurerm v2 called it
 * `allow_blob_public_access`, default `false`.
 */
export const rule: Rule = {
  meta: {
    id: 'azure-storage-account-no-public-blob-access',
    title: 'Storage account disallows anonymous blob access',
    failMessage: 'Storage account lets containers be made publicly readable',
    rationale:
      'When the account allows it, any container can be switched to anonymous read access by a single setting or API call, and its blobs can then be listed or downloaded by anyone on the internet without credentials. Most data exposures on Azure storage start this way. Turning the account-level switch off makes public access impossible for every container in the account, so one mistake on a container can no longer leak data.',
    remediation:
      'Set `allow_nested_items_to_be_public = false` on the `azurerm_storage_account` (azurerm v3/v4; `allow_blob_public_access = false` in v2). Serve public content through a dedicated account, Azure Front Door or SAS tokens instead.',
    severity: 'medium',
    themes: ['public-exposure-data-leakage'],
    resourceTypes: { terraform: ['azurerm_storage_account'] },
    peers: { checkov: ['CKV_AZURE_190'] },
  },
  check: {
    terraform(resource, ctx) {
      if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
      const kind = stringSetting(resource, 'account_kind');
      if (kind === undefined) return result.skip(resource, 'account_kind is unknown');
      if (kind === 'FileStorage') return result.skip(resource, 'file-only accounts hold no blobs');
      const legacy = attr(resource.body, 'allow_blob_public_access');
      if (legacy && legacy.value.kind !== 'null' && !attr(resource.body, 'allow_nested_items_to_be_public')) {
        // azurerm v2: default false.
        const on = asBool(legacy.value);
        if (on === undefined) return result.skip(resource, 'allow_blob_public_access is unknown');
        if (!on) return result.pass(resource, legacy.range);
        return result.fail(resource, legacy.range, {
          message: 'allow_blob_public_access is true: containers can be made publicly readable',
          fixes: [{ title: FIX_TITLE, safety: 'suggestion', edits: [replaceValue(resource.file, legacy, 'false')] }],
        });
      }
      return checkToggle(resource, ctx, {
        names: ['allow_nested_items_to_be_public'],
        want: false,
        providerDefault: true,
        missingMessage: 'allow_nested_items_to_be_public is not set and defaults to true: containers can be made publicly readable',
        wrongMessage: () => 'allow_nested_items_to_be_public is true: containers can be made publicly readable',
        fix: { title: FIX_TITLE, safety: 'suggestion' },
      });
    },
  },
};
