import { asBool, asString, attr, blocks } from '../../model/access';
import { addTerraformAttribute, replaceValue } from '../fixkit';
import { durationSeconds } from '../shared/gcp';
import { result, type Rule } from '../types';

const MAX_SECONDS = 90 * 24 * 60 * 60; // 7776000s
const FIX_TITLE = 'Rotate every 90 days (rotation_period = "7776000s")';

/**
 * Symmetric Cloud KMS keys (`purpose = "ENCRYPT_DECRYPT"`, the default) rotate automatically at
 * least every 90 days. Without `rotation_period` a key never rotates. Keys that cannot rotate
 * automatically (other purposes, `import_only`, external key managers) are skipped.
 */
export const rule: Rule = {
  meta: {
    id: 'gcp-kms-key-rotation-enabled',
    title: 'Cloud KMS key rotates at least every 90 days',
    failMessage: 'Cloud KMS key does not rotate automatically within 90 days',
    rationale:
      'A key that never rotates encrypts an ever-growing amount of data with the same material, so one compromise of that material exposes all of it, and the key-lifecycle controls of ISO 27001 and SOC 2 ask for a defined cryptoperiod. Cloud KMS rotation creates a new primary version on a schedule while keeping older versions for decryption, so it limits exposure without breaking anything.',
    remediation:
      'Set `rotation_period = "7776000s"` (90 days) or shorter on the `google_kms_crypto_key`. Existing ciphertext stays decryptable with the older versions; re-encrypt data if you also need old versions retired.',
    severity: 'medium',
    themes: ['key-management', 'encryption-at-rest'],
    resourceTypes: { terraform: ['google_kms_crypto_key'] },
    peers: {
      checkov: ['CKV_GCP_43'],
      trivy: ['AVD-GCP-0065'],
    },
  },
  check: {
    terraform(resource, ctx) {
      if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
      const purposeAttr = attr(resource.body, 'purpose');
      const purpose = purposeAttr && purposeAttr.value.kind !== 'null' ? asString(purposeAttr.value) : 'ENCRYPT_DECRYPT';
      if (purpose === undefined) return result.skip(resource, 'purpose is unknown');
      if (purpose !== 'ENCRYPT_DECRYPT') return result.skip(resource, `automatic rotation is not supported for ${purpose} keys`);
      const importOnly = attr(resource.body, 'import_only');
      if (importOnly) {
        const io = asBool(importOnly.value);
        if (io === undefined) return result.skip(resource, 'import_only is unknown');
        if (io) return result.skip(resource, 'import-only keys are rotated by importing new versions');
      }
      const tmpl = blocks(resource.body, 'version_template')[0];
      const level = tmpl ? asString(attr(tmpl.body, 'protection_level')?.value) : undefined;
      if (level?.startsWith('EXTERNAL')) return result.skip(resource, 'keys held in an external key manager rotate there');
      const period = attr(resource.body, 'rotation_period');
      if (!period || period.value.kind === 'null') {
        return result.fail(resource, resource.headerRange, {
          message: 'Cloud KMS key has no rotation_period: it never rotates',
          fixes: [{ title: FIX_TITLE, safety: 'safe', edits: [addTerraformAttribute(ctx, resource, 'rotation_period = "7776000s"')] }],
        });
      }
      const seconds = durationSeconds(period.value);
      if (seconds === undefined) return result.skip(resource, 'rotation_period is unknown');
      if (seconds <= MAX_SECONDS) return result.pass(resource, period.range);
      return result.fail(resource, period.range, {
        message: `Cloud KMS key rotates every ${Math.round(seconds / 86400)} days (more than 90)`,
        fixes: [{ title: FIX_TITLE, safety: 'safe', edits: [replaceValue(resource.file, period, '"7776000s"')] }],
      });
    },
  },
};
