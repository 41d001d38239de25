import { checkNestedBool } from '../shared/awsdata';
import type { Rule } from '../types';

const SPEC = {
  tfBlock: 'server_side_encryption',
  tfAttr: 'enabled',
  cfnPath: ['SSESpecification', 'SSEEnabled'],
  default: false,
  missingMessage: 'Server-side encryption is not configured and defaults to off: cached items, logs and configuration are stored unencrypted',
  wrongMessage: 'Server-side encryption is disabled: cached items, logs and configuration are stored unencrypted',
  fixTitle: 'Encrypt the cluster at rest (forces replacement of an existing DAX cluster)',
  fixSafety: 'suggestion' as const,
};

/** DynamoDB Accelerator (DAX) clusters encrypt their cache at rest. Off unless configured. */
export const rule: Rule = {
  meta: {
    id: 'aws-dax-cluster-encrypted',
    title: 'DAX cluster encrypts data at rest',
    failMessage: 'DAX cluster does not encrypt data at rest',
    rationale:
      'A DAX cluster keeps copies of DynamoDB items in its node storage. The table itself is always encrypted, but an unencrypted accelerator in front of it holds the same items, plus logs and configuration, on storage that is not, undoing the protection of the table for exactly the data read most often. Server-side encryption of the cluster applies the same at-rest protection to the cache.',
    remediation:
      'Add `server_side_encryption { enabled = true }` to `aws_dax_cluster`, or `SSESpecification: { SSEEnabled: true }` to `AWS::DAX::Cluster`. Encryption can only be chosen at creation: create a new cluster and point clients at it.',
    severity: 'high',
    themes: ['encryption-at-rest'],
    resourceTypes: { terraform: ['aws_dax_cluster'], cloudformation: ['AWS::DAX::Cluster'] },
    peers: {
      checkov: ['CKV_AWS_47'],
      trivy: ['AVD-AWS-0023'],
      kics: ['DAX Cluster Not Encrypted'],
      guard: ['DAX_ENCRYPTION_ENABLED'],
    },
  },
  check: {
    terraform: (resource, ctx) => checkNestedBool(resource, ctx, SPEC),
    cloudformation: (resource, ctx) => checkNestedBool(resource, ctx, SPEC),
  },
};
