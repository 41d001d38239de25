import { asString, attr } from '../../model/access';
import { replaceValue } from '../fixkit';
import { stringSetting } from '../shared/azuredata';
import { result, type Rule } from '../types';

const GEO: Record<string, string> = { LRS: 'GRS', ZRS: 'GZRS' };

/**
 * Standard storage accounts replicate to a paired region (GRS, RA-GRS, GZRS, RA-GZRS). Premium
 * accounts support only LRS and ZRS and are skipped.
 */
export const rule: Rule = {
  meta: {
    id: 'azure-storage-account-geo-redundant',
    title: 'Storage account replicates to a second region',
    failMessage: 'Storage account keeps its data in a single region',
    rationale:
      'Locally and zone-redundant storage keep every copy of the data inside one Azure region, so a regional outage or disaster makes the data unavailable, possibly for good. Geo-redundant replication keeps an asynchronous copy in the paired region that can be failed over to, which is the simplest way to meet recovery objectives for storage and what business-continuity controls look for.',
    remediation:
      'Set `account_replication_type` to `GRS` or `RAGRS` (or `GZRS`/`RAGZRS` to keep zone redundancy in the primary region) on the `azurerm_storage_account`.',
    severity: 'low',
    themes: ['dr-redundancy'],
    resourceTypes: { terraform: ['azurerm_storage_account'] },
    peers: { checkov: ['CKV_AZURE_206'] },
  },
  check: {
    terraform(resource) {
      if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
      const tier = stringSetting(resource, 'account_tier');
      if (tier === undefined) return result.skip(resource, 'account_tier is unknown');
      if (tier === 'Premium') return result.skip(resource, 'premium accounts support only LRS and ZRS');
      const repl = attr(resource.body, 'account_replication_type');
      if (!repl) return result.skip(resource, 'account_replication_type is missing (it is required)');
      const value = asString(repl.value);
      if (value === undefined) return result.skip(resource, 'account_replication_type is unknown');
      const target = GEO[value.toUpperCase()];
      if (!target) return result.pass(resource, repl.range);
      return result.fail(resource, repl.range, {
        message: `account_replication_type is ${value}: all copies stay in one region`,
        fixes: [{ title: `Replicate to the paired region (${target}; higher storage cost)`, safety: 'suggestion', edits: [replaceValue(resource.file, repl, `"${target}"`)] }],
      });
    },
  },
};
