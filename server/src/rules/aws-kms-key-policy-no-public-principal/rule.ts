import { attr } from '../../model/access';
import { checkCloudFormationPolicy, checkTerraformPolicyAttribute } from '../shared/awsaccess';
import { result, type Rule } from '../types';

const TF_ATTRIBUTE: Record<string, string> = { aws_kms_key: 'policy', aws_kms_key_policy: 'policy' };
const CFN_PROPERTY: Record<string, string> = { 'AWS::KMS::Key': 'KeyPolicy' };
const OPTIONS = { placeholder: 'allowed_principal_arns', what: 'Key policy' };

/**
 * An `Allow` statement in a KMS key policy (`policy` of `aws_kms_key` / `aws_kms_key_policy`, `KeyPolicy` of `AWS::KMS::Key`) with `Principal: "*"` or `{"AWS": "*"}` must have a condition that limits the callers, such as `kms:CallerAccount` with `kms:ViaService` (the pattern AWS managed keys use) or `aws:PrincipalOrgID`.
 */
export const rule: Rule = {
  meta: {
    id: 'aws-kms-key-policy-no-public-principal',
    title: 'KMS key policy does not allow any principal',
    failMessage: 'KMS key policy allows use of the key by any principal',
    rationale:
      'The key policy is the primary access control of a KMS key: IAM policies only count where the key policy lets them. A statement allowing the principal * without a condition such as kms:CallerAccount or kms:ViaService lets identities in any AWS account use (and, depending on the actions, manage) the key, so whoever obtains ciphertext or a snapshot encrypted with it can decrypt it. Encryption is only as strong as the policy guarding the key.',
    remediation:
      'Grant the key to named principals (`{"AWS": "arn:aws:iam::111122223333:root"}` plus specific roles), or keep `"*"` only together with `kms:CallerAccount` and `kms:ViaService` conditions.',
    severity: 'high',
    themes: ['public-exposure-data-leakage', 'identity-access'],
    resourceTypes: { terraform: Object.keys(TF_ATTRIBUTE), cloudformation: Object.keys(CFN_PROPERTY) },
    peers: { checkov: ['CKV_AWS_33'], kics: ['KMS Key With Vulnerable Policy', 'KMS Allows Wildcard Principal'], guard: ['KMS_NO_WILDCARD_PRINCIPAL'] },
  },
  check: {
    terraform(resource, ctx) {
      const name = TF_ATTRIBUTE[resource.type];
      if (!attr(resource.body, name)) return result.skip(resource, `no ${name}`);
      return checkTerraformPolicyAttribute(resource, ctx, name, OPTIONS);
    },
    cloudformation: (resource) => checkCloudFormationPolicy(resource, CFN_PROPERTY[resource.type], OPTIONS),
  },
};
