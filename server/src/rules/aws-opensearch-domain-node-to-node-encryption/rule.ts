import { checkNestedBool } from '../shared/awsdata';
import type { Rule } from '../types';

const SPEC = {
  tfBlock: 'node_to_node_encryption',
  tfAttr: 'enabled',
  cfnPath: ['NodeToNodeEncryptionOptions', 'Enabled'],
  default: false,
  missingMessage: 'Node-to-node encryption is not configured and defaults to off: traffic between the data nodes is plaintext',
  wrongMessage: 'Node-to-node encryption is disabled: traffic between the data nodes is plaintext',
  fixTitle: 'Encrypt traffic between nodes (needs OpenSearch or Elasticsearch 6.0+; cannot be turned off again)',
  fixSafety: 'suggestion' as const,
};

/** OpenSearch / Elasticsearch domains encrypt the traffic between their nodes with TLS. */
export const rule: Rule = {
  meta: {
    id: 'aws-opensearch-domain-node-to-node-encryption',
    title: 'OpenSearch domain encrypts traffic between nodes',
    failMessage: 'OpenSearch domain sends traffic between nodes unencrypted',
    rationale:
      'Data nodes constantly exchange shards, replicas and query fragments. Without node-to-node encryption that exchange is plaintext inside the VPC, so documents can be read by anyone able to observe network traffic there, even though clients connect over HTTPS. Node-to-node TLS closes that gap and, like encryption at rest, is required for fine-grained access control.',
    remediation:
      'Add `node_to_node_encryption { enabled = true }` to `aws_opensearch_domain` / `aws_elasticsearch_domain`, or `NodeToNodeEncryptionOptions: { Enabled: true }` in CloudFormation.',
    severity: 'medium',
    themes: ['encryption-in-transit'],
    resourceTypes: {
      terraform: ['aws_opensearch_domain', 'aws_elasticsearch_domain'],
      cloudformation: ['AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain'],
    },
    peers: {
      checkov: ['CKV_AWS_6'],
      trivy: ['AVD-AWS-0043'],
      kics: ['Elasticsearch Domain Not Encrypted Node To Node'],
      guard: ['OPENSEARCH_NODE_TO_NODE_ENCRYPTION_CHECK'],
    },
  },
  check: {
    terraform: (resource, ctx) => checkNestedBool(resource, ctx, SPEC),
    cloudformation: (resource, ctx) => checkNestedBool(resource, ctx, SPEC),
  },
};
