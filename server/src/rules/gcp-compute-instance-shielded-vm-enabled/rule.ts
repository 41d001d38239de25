import { asBool, attr, blocks, hasDynamicBlocks } from '../../model/access';
import { insertIntoTerraformBody, replaceValue } from '../fixkit';
import { GCP_INSTANCE_TYPES } from '../shared/gcp';
import { result, type CheckResult, type Rule } from '../types';

const FIX_NOTE = '(needs a Shielded VM image; an existing VM must be stopped: set allow_stopping_for_update)';

/**
 * Compute instances and templates run as Shielded VMs with Secure Boot, vTPM and integrity
 * monitoring. Provider defaults: `enable_secure_boot = false`, `enable_vtpm = true`,
 * `enable_integrity_monitoring = true`; so a missing `shielded_instance_config` means Secure Boot
 * is off.
 */
export const rule: Rule = {
  meta: {
    id: 'gcp-compute-instance-shielded-vm-enabled',
    title: 'Compute instance uses Shielded VM with Secure Boot',
    failMessage: 'Compute instance does not use Shielded VM Secure Boot',
    rationale:
      'Shielded VM protects the boot chain: Secure Boot refuses unsigned bootloaders and kernel modules, the virtual TPM measures what booted, and integrity monitoring compares those measurements with a known-good baseline and reports drift. Together they make bootkits and rootkits much harder to install unnoticed. Secure Boot is the one part Google leaves off by default.',
    remediation:
      'Add `shielded_instance_config { enable_secure_boot = true }` to the `google_compute_instance` or instance template (vTPM and integrity monitoring are on by default; do not set them to false). Use a Shielded VM-compatible image; on an existing VM set `allow_stopping_for_update = true`, because the change needs a stop.',
    severity: 'low',
    themes: ['vulnerability-patch-management', 'change-configuration-management'],
    resourceTypes: { terraform: GCP_INSTANCE_TYPES },
    peers: {
      checkov: ['CKV_GCP_39'],
      trivy: ['AVD-GCP-0067'],
    },
  },
  check: {
    terraform(resource, ctx) {
      if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
      const configs = blocks(resource.body, 'shielded_instance_config');
      if (!configs.length) {
        if (hasDynamicBlocks(resource.body, 'shielded_instance_config')) return result.skip(resource, 'shielded_instance_config is set by a dynamic block');
        return result.fail(resource, resource.headerRange, {
          message: 'Compute instance has no shielded_instance_config: Secure Boot is off by default',
          fixes: [
            {
              title: `Enable Secure Boot ${FIX_NOTE}`,
              safety: 'suggestion',
              edits: [insertIntoTerraformBody(ctx, resource.file, resource.body, resource.headerRange.start.offset, ['shielded_instance_config {', '  enable_secure_boot = true', '}'])],
            },
          ],
        });
      }
      const cfg = configs[0];
      const fails: CheckResult[] = [];
      let unknown = false;
      const secureBoot = attr(cfg.body, 'enable_secure_boot');
      const sb = secureBoot ? asBool(secureBoot.value) : false;
      if (sb === undefined) unknown = true;
      else if (!sb) {
        fails.push(
          result.fail(resource, secureBoot ? secureBoot.range : cfg.headerRange, {
            message: secureBoot ? 'Shielded VM Secure Boot is disabled' : 'shielded_instance_config does not enable Secure Boot (defaults to false)',
            fixes: [
              {
                title: `Enable Secure Boot ${FIX_NOTE}`,
                safety: 'suggestion',
                edits: [secureBoot ? replaceValue(resource.file, secureBoot, 'true') : insertIntoTerraformBody(ctx, resource.file, cfg.body, cfg.headerRange.start.offset, ['enable_secure_boot = true'])],
              },
            ],
          }),
        );
      }
      for (const [name, label] of [
        ['enable_vtpm', 'the virtual TPM'],
        ['enable_integrity_monitoring', 'integrity monitoring'],
      ] as const) {
        const a = attr(cfg.body, name);
        if (!a) continue; // defaults to true
        const on = asBool(a.value);
        if (on === undefined) unknown = true;
        else if (!on) {
          fails.push(
            result.fail(resource, a.range, {
              message: `Shielded VM ${label} is disabled (${name} = false)`,
              fixes: [{ title: `Enable ${label} ${FIX_NOTE}`, safety: 'suggestion', edits: [replaceValue(resource.file, a, 'true')] }],
            }),
          );
        }
      }
      if (fails.length) return fails;
      if (unknown) return result.skip(resource, 'Shielded VM settings are not known statically');
      return result.pass(resource, cfg.headerRange);
    },
  },
};
