import { asStringList, attr, blocks, hasDynamicBlocks } from '../../model/access';
import type { Resource } from '../../model/types';
import { addCloudFormationProperty, CfnRef, insertIntoTerraformBody, withCfnParameter } from '../fixkit';
import { cfnLookup, cfnLookupIn } from '../shared/awsdata';
import { result, type CheckContext, type CheckResult, type Fix, type Rule } from '../types';

const FIX_TITLE = 'Envelope-encrypt secrets with a KMS key (fill in var.eks_secrets_kms_key_arn; cannot be removed once set)';

function terraform(resource: Resource, ctx: CheckContext): CheckResult {
  if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
  let unknown = hasDynamicBlocks(resource.body, 'encryption_config');
  for (const b of blocks(resource.body, 'encryption_config')) {
    const resources = attr(b.body, 'resources');
    const list = asStringList(resources?.value);
    if (list === undefined) {
      unknown = true;
      continue;
    }
    if (list.includes('secrets')) return result.pass(resource, b.headerRange);
  }
  if (unknown) return result.skip(resource, 'encryption_config is not known statically');
  return result.fail(resource, resource.headerRange, {
    fixes: [
      {
        title: FIX_TITLE,
        safety: 'suggestion',
        edits: [insertIntoTerraformBody(ctx, resource.file, resource.body, resource.headerRange.start.offset, ['encryption_config {', '  resources = ["secrets"]', '  provider {', '    key_arn = var.eks_secrets_kms_key_arn', '  }', '}'])],
      },
    ],
  });
}

const CFN_PARAMETER = 'EksSecretsKmsKeyArn';

function cfnFixes(resource: Resource, ctx: CheckContext): Fix[] {
  const edits = withCfnParameter(ctx, resource, CFN_PARAMETER, { description: 'ARN of the KMS key that envelope-encrypts Kubernetes secrets' }, (ref: CfnRef) =>
    addCloudFormationProperty(ctx, resource, 'EncryptionConfig', [{ Resources: ['secrets'], Provider: { KeyArn: ref } }]),
  );
  const title = `Envelope-encrypt secrets with a KMS key (fill in the ${CFN_PARAMETER} parameter; cannot be removed once set)`;
  return edits ? [{ title, safety: 'suggestion', edits }] : [];
}

function cloudformation(resource: Resource, ctx: CheckContext): CheckResult {
  const cfg = cfnLookup(resource, ['EncryptionConfig']);
  if (cfg.state === 'unknown') return result.skip(resource, 'EncryptionConfig is not known statically');
  if (cfg.state === 'missing') return result.fail(resource, resource.headerRange, { fixes: cfnFixes(resource, ctx) });
  const items = cfg.value.kind === 'list' ? cfg.value.items : [cfg.value];
  let unknown = false;
  for (const item of items) {
    const res = cfnLookupIn(item, ['Resources'], item.range);
    if (res.state !== 'present') {
      if (res.state === 'unknown') unknown = true;
      continue;
    }
    const list = asStringList(res.value);
    if (list === undefined) unknown = true;
    else if (list.includes('secrets')) return result.pass(resource, cfg.range);
  }
  if (unknown) return result.skip(resource, 'EncryptionConfig is not known statically');
  return result.fail(resource, cfg.range, { message: 'EncryptionConfig does not cover the "secrets" resource' });
}

/**
 * EKS clusters envelope-encrypt Kubernetes secrets with a KMS key the customer controls
 * (`encryption_config` with resources = ["secrets"]).
 */
export const rule: Rule = {
  meta: {
    id: 'aws-eks-cluster-secrets-encrypted',
    title: 'EKS cluster encrypts Kubernetes secrets with KMS',
    failMessage: 'EKS cluster does not envelope-encrypt Kubernetes secrets with a customer KMS key',
    rationale:
      'Kubernetes secrets hold database passwords, API tokens and TLS keys for every workload in the cluster. With envelope encryption under a customer-managed KMS key, reading them from etcd or a backup additionally requires permission to use that key, which is logged in CloudTrail and can be revoked, and the key policy makes explicit who may decrypt. Recent EKS versions also encrypt with an AWS-owned key by default, but that key gives the account no control or audit trail.',
    remediation:
      'Add `encryption_config { resources = ["secrets"], provider { key_arn = aws_kms_key.eks.arn } }` to `aws_eks_cluster`, or `EncryptionConfig: [{ Resources: [secrets], Provider: { KeyArn: ... } }]` to `AWS::EKS::Cluster`. Existing clusters can enable it in place; it cannot be disabled afterwards, and existing secrets must be rewritten to be re-encrypted.',
    severity: 'medium',
    themes: ['encryption-at-rest', 'key-management'],
    resourceTypes: { terraform: ['aws_eks_cluster'], cloudformation: ['AWS::EKS::Cluster'] },
    peers: {
      checkov: ['CKV_AWS_58'],
      trivy: ['AVD-AWS-0039'],
      kics: ['EKS Cluster Encryption Disabled'],
      guard: ['EKS_CLUSTER_ENCRYPTION_RULE'],
    },
  },
  check: {
    terraform,
    cloudformation: (resource, ctx) => cloudformation(resource, ctx),
  },
};
