import { asBool, attr } from '../../model/access';
import type { Resource } from '../../model/types';
import { literalFix } from '../shared/awsdata';
import { result, type CheckResult, type Rule } from '../types';

const FIX_TITLE = 'Encrypt the cluster (Redshift migrates the data to encrypted storage; the cluster is read-only meanwhile)';

function check(resource: Resource, property: string): CheckResult {
  if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
  const a = attr(resource.body, property);
  // Since 10 January 2025 Redshift encrypts every new provisioned cluster, and provider v6 defaults
  // `encrypted` to true: only an explicit false describes an unencrypted cluster.
  if (!a || a.value.kind === 'null') return result.pass(resource);
  const on = asBool(a.value);
  if (on === undefined) return result.skip(resource, `${property} is not known statically`);
  if (on) return result.pass(resource, a.range);
  return result.fail(resource, a.range, {
    message: `${property} is false: the cluster's data blocks, system metadata and snapshots are stored unencrypted`,
    fixes: literalFix(resource, a, 'true', FIX_TITLE, 'suggestion'),
  });
}

/**
 * Redshift clusters encrypt data at rest. New clusters are encrypted by AWS whatever the template
 * says, so the rule reports only a cluster that is declared unencrypted: typically one created
 * before 2025 and still described with `encrypted = false`.
 */
export const rule: Rule = {
  meta: {
    id: 'aws-redshift-cluster-encrypted',
    title: 'Redshift cluster encrypts data at rest',
    failMessage: 'Redshift cluster is declared unencrypted',
    rationale:
      'A data warehouse concentrates the most sensitive data a company has: customer records, revenue, behaviour. Without encryption at rest its blocks, backups and snapshots are readable by anyone who obtains the storage or a copy of a snapshot, and access to the data does not depend on a key whose use is logged and can be revoked. AWS encrypts every newly created cluster since January 2025, so a cluster declared with encryption off is an older one that has been left behind.',
    remediation:
      'Set `encrypted = true` (optionally with `kms_key_id`) on `aws_redshift_cluster`, or `Encrypted: true` on `AWS::Redshift::Cluster`. Redshift encrypts an existing cluster in place by migrating it; plan for a read-only window.',
    severity: 'high',
    themes: ['encryption-at-rest'],
    resourceTypes: { terraform: ['aws_redshift_cluster'], cloudformation: ['AWS::Redshift::Cluster'] },
    peers: {
      checkov: ['CKV_AWS_64', 'CKV_AWS_142'],
      trivy: ['AVD-AWS-0084'],
      kics: ['Redshift Not Encrypted'],
    },
  },
  check: {
    terraform: (resource) => check(resource, 'encrypted'),
    cloudformation: (resource) => check(resource, 'Encrypted'),
  },
};
