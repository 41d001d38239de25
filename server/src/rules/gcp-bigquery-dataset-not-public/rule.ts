import { asString, attr, blocks } from '../../model/access';
import { isPublicPrincipal, publicIamResults } from '../shared/gcp';
import { result, type CheckResult, type Rule } from '../types';

/**
 * No BigQuery dataset access entry or IAM grant names `allUsers` or `allAuthenticatedUsers`:
 * `access` blocks of `google_bigquery_dataset` (`special_group`, `iam_member`),
 * `google_bigquery_dataset_access`, and `google_bigquery_dataset_iam_member` / `_binding` / `_policy`.
 */
export const rule: Rule = {
  meta: {
    id: 'gcp-bigquery-dataset-not-public',
    title: 'BigQuery dataset is not publicly accessible',
    failMessage: 'BigQuery dataset grants access to allUsers or allAuthenticatedUsers',
    rationale:
      'Datasets usually hold exactly the data an organisation cares most about: customer records, events, financial figures. `allAuthenticatedUsers` means anyone with a Google account, not anyone in your organisation, and `allUsers` means anyone at all; either grant publishes every table in the dataset. Access should be granted to named groups and service accounts, and truly public data published through a dedicated, reviewed dataset.',
    remediation:
      'Remove `special_group = "allAuthenticatedUsers"` and `iam_member = "allUsers"` access entries from the `google_bigquery_dataset` (or `google_bigquery_dataset_access`), and `allUsers` / `allAuthenticatedUsers` members from `google_bigquery_dataset_iam_*` resources. Grant the dataset to groups (`group_by_email`) or service accounts instead.',
    severity: 'critical',
    themes: ['public-exposure-data-leakage', 'identity-access'],
    resourceTypes: {
      terraform: ['google_bigquery_dataset', 'google_bigquery_dataset_access', 'google_bigquery_dataset_iam_member', 'google_bigquery_dataset_iam_binding', 'google_bigquery_dataset_iam_policy'],
    },
    peers: {
      checkov: ['CKV_GCP_15'],
      trivy: ['AVD-GCP-0046', 'google-bigquery-no-public-access'],
    },
  },
  check: {
    terraform(resource, ctx) {
      if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
      if (resource.type.includes('_iam_')) return publicIamResults(resource, ctx, 'BigQuery dataset IAM');
      const entries = resource.type === 'google_bigquery_dataset' ? blocks(resource.body, 'access').map((b) => b.body) : [resource.body];
      const fails: CheckResult[] = [];
      let unknown = resource.type === 'google_bigquery_dataset' && resource.body.dynamicBlockTypes.includes('access');
      for (const body of entries) {
        for (const name of ['special_group', 'iam_member']) {
          const a = attr(body, name);
          if (!a || a.value.kind === 'null') continue;
          const s = asString(a.value);
          if (s === undefined) unknown = true;
          else if (isPublicPrincipal(s)) {
            const role = asString(attr(body, 'role')?.value) ?? 'access';
            fails.push(result.fail(resource, a.range, { message: `BigQuery dataset grants ${role} to ${s}` }));
          }
        }
      }
      if (fails.length) return fails;
      if (unknown) return result.skip(resource, 'access entries are not known statically');
      return result.pass(resource);
    },
  },
};
