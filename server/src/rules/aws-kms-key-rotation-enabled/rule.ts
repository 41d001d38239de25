import { asBool, asString, attr } from '../../model/access';
import { addCloudFormationProperty, addTerraformAttribute, replaceValue } from '../fixkit';
import { keyUsers, shortList } from '../shared/usage';
import type { Range, Resource } from '../../model/types';
import { result, type CheckContext, type CheckResult, type Fix, type Rule } from '../types';

const FAIL_MESSAGE = 'KMS key does not rotate its key material';

/**
 * The finding, naming what the key encrypts in this module. A key behind a data store protects
 * records that outlive any one key version, so its finding is raised to high.
 */
function fail(resource: Resource, ctx: CheckContext, range: Range, fixes: Fix[]): CheckResult {
  const { users, dataStore } = keyUsers(resource, ctx);
  return result.fail(resource, range, {
    message: users.length ? `${FAIL_MESSAGE}; it encrypts ${shortList(users)}` : undefined,
    severity: dataStore ? 'high' : undefined,
    fixes,
  });
}

/**
 * Customer-managed symmetric KMS keys must rotate their key material. Rotation is not supported
 * for asymmetric and HMAC keys, nor for keys with imported material (EXTERNAL origin), so those are
 * skipped rather than reported. The finding names the module's resources that encrypt with the
 * key and is raised to high when one of them is a data store.
 */
export const rule: Rule = {
  meta: {
    id: 'aws-kms-key-rotation-enabled',
    title: 'KMS customer-managed key rotates automatically',
    failMessage: FAIL_MESSAGE,
    rationale:
      'A key that never rotates protects an ever-growing amount of data with the same material, so a single compromise exposes everything ever encrypted under it. Automatic rotation creates new key material every year (or on the period you set) while keeping old material for decryption, which is the key-lifecycle evidence auditors look for under cryptographic key management.',
    remediation:
      'Set `enable_key_rotation = true` on the `aws_kms_key` (Terraform) or `EnableKeyRotation: true` on the `AWS::KMS::Key` (CloudFormation). Optionally set `rotation_period_in_days` (90–2560).',
    severity: 'medium',
    themes: ['key-management', 'encryption-at-rest'],
    resourceTypes: { terraform: ['aws_kms_key'], cloudformation: ['AWS::KMS::Key'] },
    peers: {
      checkov: ['CKV_AWS_7'],
      trivy: ['AVD-AWS-0065', 'aws-kms-auto-rotate-keys'],
      kics: ['CMK Rotation Disabled', 'KMS Key Rotation Disabled'],
      guard: ['CMK_BACKING_KEY_ROTATION_ENABLED'],
      cfnNag: ['F19'],
    },
  },
  check: {
    terraform(resource, ctx) {
      const spec = asString(attr(resource.body, 'customer_master_key_spec')?.value);
      const specAttr = attr(resource.body, 'customer_master_key_spec');
      if (specAttr && spec === undefined) return result.skip(resource, 'key spec unknown');
      if (spec && spec !== 'SYMMETRIC_DEFAULT') return result.skip(resource, 'rotation applies to symmetric keys only');
      const rotation = attr(resource.body, 'enable_key_rotation');
      if (!rotation) {
        return fail(resource, ctx, resource.headerRange, [
          { title: 'Enable automatic key rotation', safety: 'safe', edits: [addTerraformAttribute(ctx, resource, 'enable_key_rotation = true')] },
        ]);
      }
      const enabled = asBool(rotation.value);
      if (enabled === undefined) return result.skip(resource, 'enable_key_rotation is unknown');
      if (enabled) return result.pass(resource, rotation.range);
      return fail(resource, ctx, rotation.range, [
        { title: 'Enable automatic key rotation', safety: 'safe', edits: [replaceValue(resource.file, rotation, 'true')] },
      ]);
    },
    cloudformation(resource, ctx) {
      const specAttr = attr(resource.body, 'KeySpec');
      const spec = asString(specAttr?.value);
      if (specAttr && spec === undefined) return result.skip(resource, 'key spec unknown');
      if (spec && spec !== 'SYMMETRIC_DEFAULT') return result.skip(resource, 'rotation applies to symmetric keys only');
      const origin = asString(attr(resource.body, 'Origin')?.value);
      if (origin === 'EXTERNAL') return result.skip(resource, 'imported key material cannot rotate automatically');
      const rotation = attr(resource.body, 'EnableKeyRotation');
      if (!rotation) {
        const edit = addCloudFormationProperty(ctx, resource, 'EnableKeyRotation', true);
        return fail(resource, ctx, resource.headerRange, edit ? [{ title: 'Enable automatic key rotation', safety: 'safe', edits: [edit] }] : []);
      }
      const enabled = asBool(rotation.value);
      if (enabled === undefined) return result.skip(resource, 'EnableKeyRotation is unknown');
      if (enabled) return result.pass(resource, rotation.range);
      return fail(resource, ctx, rotation.range, [
        { title: 'Enable automatic key rotation', safety: 'safe', edits: [replaceValue(resource.file, rotation, 'true')] },
      ]);
    },
  },
};
