import { attr, blocks, hasDynamicBlocks } from '../../model/access';
import type { Body, NestedBlock, Resource } from '../../model/types';
import { insertIntoTerraformBody } from '../fixkit';
import { result, type CheckContext, type CheckResult, type Fix, type Rule } from '../types';

const FIX_TITLE = 'Encrypt with var.disk_kms_key_self_link (declare it; forces a new disk: migrate the data)';

function set(body: Body, name: string): boolean {
  const a = attr(body, name);
  return a !== undefined && a.value.kind !== 'null';
}

/** Does a `disk_encryption_key` block name a customer key (KMS, or a customer-supplied key)? */
function keyBlockState(body: Body): 'customer' | 'none' | 'unknown' {
  const keys = blocks(body, 'disk_encryption_key');
  if (!keys.length) return hasDynamicBlocks(body, 'disk_encryption_key') ? 'unknown' : 'none';
  const k = keys[0].body;
  return ['kms_key_self_link', 'raw_key', 'rsa_encrypted_key'].some((n) => set(k, n)) ? 'customer' : 'none';
}

function addKeyBlock(ctx: CheckContext, resource: Resource, body: Body, headerOffset: number): Fix {
  return {
    title: FIX_TITLE,
    safety: 'suggestion',
    edits: [insertIntoTerraformBody(ctx, resource.file, body, headerOffset, ['disk_encryption_key {', '  kms_key_self_link = var.disk_kms_key_self_link', '}'])],
  };
}

function checkTemplateDisk(resource: Resource, ctx: CheckContext, disk: NestedBlock): CheckResult | 'pass' | 'unknown' {
  if (set(disk.body, 'source')) return 'pass'; // an existing disk keeps its own encryption
  const state = keyBlockState(disk.body);
  if (state === 'customer') return 'pass';
  if (state === 'unknown') return 'unknown';
  return result.fail(resource, disk.headerRange, { fixes: [addKeyBlock(ctx, resource, disk.body, disk.headerRange.start.offset)] });
}

/**
 * Persistent disks are encrypted with a customer-managed (Cloud KMS) or customer-supplied key.
 * Google encrypts every disk at rest by default with Google-managed keys; this low-severity rule is
 * about key control (rotation, revocation, separation of duties), not about plaintext storage.
 * Disks attached from an existing `source` keep that disk's encryption and are not judged.
 */
export const rule: Rule = {
  meta: {
    id: 'gcp-compute-disk-encrypted-with-cmek',
    title: 'Persistent disk is encrypted with a customer-managed key',
    failMessage: 'Persistent disk uses Google-managed encryption keys only',
    rationale:
      'Compute Engine always encrypts persistent disks at rest, but with keys Google manages, so nobody in your organisation can rotate, disable or audit the use of them. A customer-managed Cloud KMS key puts that control with you: access to the data then depends on an IAM-controlled key whose use is logged and which can be revoked, which some frameworks and customer contracts require for sensitive data.',
    remediation:
      'Add `disk_encryption_key { kms_key_self_link = google_kms_crypto_key.disk.id }` to the `google_compute_disk` / `google_compute_region_disk` (or the `disk` of an instance template), or `kms_key_self_link` to the instance\'s `boot_disk`, and grant the Compute Engine service agent `roles/cloudkms.cryptoKeyEncrypterDecrypter` on the key. The key can only be chosen when a disk is created.',
    severity: 'low',
    themes: ['encryption-at-rest', 'key-management'],
    resourceTypes: {
      terraform: ['google_compute_disk', 'google_compute_region_disk', 'google_compute_instance', 'google_compute_instance_template', 'google_compute_region_instance_template'],
    },
    peers: {
      checkov: ['CKV_GCP_37', 'CKV_GCP_38'],
      trivy: ['AVD-GCP-0034'],
    },
  },
  check: {
    terraform(resource, ctx) {
      if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
      const body = resource.body;
      if (resource.type === 'google_compute_disk' || resource.type === 'google_compute_region_disk') {
        const state = keyBlockState(body);
        if (state === 'customer') return result.pass(resource);
        if (state === 'unknown') return result.skip(resource, 'disk_encryption_key is set by a dynamic block');
        return result.fail(resource, resource.headerRange, { fixes: [addKeyBlock(ctx, resource, body, resource.headerRange.start.offset)] });
      }
      if (resource.type === 'google_compute_instance') {
        const boots = blocks(body, 'boot_disk');
        if (!boots.length) return result.skip(resource, hasDynamicBlocks(body, 'boot_disk') ? 'boot_disk is set by a dynamic block' : 'no boot_disk');
        const boot = boots[0];
        if (set(boot.body, 'source')) return result.skip(resource, 'boot disk is an existing disk: its own resource is checked');
        if (['kms_key_self_link', 'disk_encryption_key_raw', 'disk_encryption_key_rsa'].some((n) => set(boot.body, n))) return result.pass(resource);
        return result.fail(resource, boot.headerRange, {
          message: 'Boot disk uses Google-managed encryption keys only',
          fixes: [{ title: FIX_TITLE.replace('disk_encryption_key', 'kms_key_self_link'), safety: 'suggestion', edits: [insertIntoTerraformBody(ctx, resource.file, boot.body, boot.headerRange.start.offset, ['kms_key_self_link = var.disk_kms_key_self_link'])] }],
        });
      }
      // Instance templates: every `disk` block.
      const disks = blocks(body, 'disk');
      const fails: CheckResult[] = [];
      let unknown = hasDynamicBlocks(body, 'disk');
      for (const d of disks) {
        const r = checkTemplateDisk(resource, ctx, d);
        if (r === 'unknown') unknown = true;
        else if (r !== 'pass') fails.push(r);
      }
      if (fails.length) return fails;
      if (unknown) return result.skip(resource, 'disk encryption is set by dynamic blocks');
      return result.pass(resource);
    },
  },
};
