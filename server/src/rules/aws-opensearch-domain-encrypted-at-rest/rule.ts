import { checkNestedBool } from '../shared/awsdata';
import type { Rule } from '../types';

const SPEC = {
  tfBlock: 'encrypt_at_rest',
  tfAttr: 'enabled',
  cfnPath: ['EncryptionAtRestOptions', 'Enabled'],
  default: false,
  missingMessage: 'Encryption at rest is not configured and defaults to off: indices, logs and automated snapshots are stored unencrypted',
  wrongMessage: 'Encryption at rest is disabled: indices, logs and automated snapshots are stored unencrypted',
  fixTitle: 'Encrypt the domain at rest (needs OpenSearch or Elasticsearch 5.1+; existing domains go through a blue/green update)',
  fixSafety: 'suggestion' as const,
};

/**
 * OpenSearch / Elasticsearch domains encrypt indices, swap, logs and automated snapshots at rest.
 * Without an `encrypt_at_rest` block the provider leaves encryption off.
 */
export const rule: Rule = {
  meta: {
    id: 'aws-opensearch-domain-encrypted-at-rest',
    title: 'OpenSearch domain is encrypted at rest',
    failMessage: 'OpenSearch domain does not encrypt data at rest',
    rationale:
      'Search clusters are often filled with copies of the most sensitive records of other systems, indexed for fast lookup: customer profiles, support tickets, application logs with personal data. Encryption at rest covers the indices, swap files, logs and automated snapshots of the domain with a KMS key, so that storage media and snapshots are useless without access to the key. It is also a prerequisite for fine-grained access control.',
    remediation:
      'Add `encrypt_at_rest { enabled = true }` (optionally `kms_key_id`) to `aws_opensearch_domain` / `aws_elasticsearch_domain`, or `EncryptionAtRestOptions: { Enabled: true }` to `AWS::OpenSearchService::Domain` / `AWS::Elasticsearch::Domain`. Once enabled it cannot be switched off again.',
    severity: 'high',
    themes: ['encryption-at-rest'],
    resourceTypes: {
      terraform: ['aws_opensearch_domain', 'aws_elasticsearch_domain'],
      cloudformation: ['AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain'],
    },
    peers: {
      checkov: ['CKV_AWS_5'],
      trivy: ['AVD-AWS-0048'],
      kics: ['ElasticSearch Not Encrypted At Rest'],
      guard: ['OPENSEARCH_ENCRYPTED_AT_REST', 'ELASTICSEARCH_ENCRYPTED_AT_REST'],
    },
  },
  check: {
    terraform: (resource, ctx) => checkNestedBool(resource, ctx, SPEC),
    cloudformation: (resource, ctx) => checkNestedBool(resource, ctx, SPEC),
  },
};
