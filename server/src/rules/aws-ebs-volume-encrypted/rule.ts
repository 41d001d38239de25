import { asBool, asList, asString, attr, blocks, entry, hasDynamicBlocks } from '../../model/access';
import type { Body, NestedBlock, ObjectEntry, Resource, Value } from '../../model/types';
import { insertIntoTerraformBody, replaceValue } from '../fixkit';
import { result, type AccountEvidence, type CheckContext, type CheckResult, type Fix, type Rule } from '../types';

const FALSE_MESSAGE = 'encrypted is false: the volume and every snapshot taken from it are stored unencrypted';
const UNSET_MESSAGE = 'EBS volume is not encrypted: encrypted is not set and defaults to false';
const ROOT_FALSE_MESSAGE =
  'encrypted is false: the root volume is stored unencrypted unless the AMI snapshot is encrypted or the account encrypts new volumes by default';
const DEVICE_MESSAGE =
  'Block device does not request encryption: it is stored unencrypted unless it comes from an encrypted snapshot or the account encrypts new volumes by default';

/** Whether an `aws_ebs_encryption_by_default` is enabled (its default), may be, or is off. */
function encryptsByDefault(r: Resource): AccountEvidence {
  const enabled = attr(r.body, 'enabled');
  if (!enabled) return 'defined';
  const on = asBool(enabled.value);
  return on === undefined ? 'unknown' : on ? 'defined' : 'none';
}

/** Whether a module scope turns EBS encryption by default on (or may). */
function defaultEncryption(ctx: CheckContext): { evidence: AccountEvidence; address?: string } {
  let out: { evidence: AccountEvidence; address?: string } = { evidence: 'none' };
  for (const r of ctx.moduleResources) {
    if (r.kind !== 'resource' || r.type !== 'aws_ebs_encryption_by_default') continue;
    const evidence = encryptsByDefault(r);
    if (evidence === 'defined') return { evidence, address: r.address };
    if (evidence === 'unknown') out = { evidence, address: r.address };
  }
  return out;
}

/**
 * Why every new volume in scope is encrypted anyway, or `undefined`: an
 * `aws_ebs_encryption_by_default` in the module that is enabled or may be. (One in any other module
 * of the workspace silences the rule too: see `silencedByAccountSetting`.)
 */
function accountDefault(ctx: CheckContext): string | undefined {
  const { evidence, address } = defaultEncryption(ctx);
  return evidence === 'none' ? undefined : `${address} encrypts new volumes by default`;
}

/**
 * Device names AMIs use for their root volume. A mapping for the root device without `encrypted`
 * changes its size or type, not its encryption, which follows the AMI's snapshot: unknown here.
 */
const ROOT_DEVICE_NAMES = ['/dev/xvda', '/dev/sda1', '/dev/sda', '/dev/nvme0n1', 'xvda', 'sda1'];

/** Does a block device mapping name (possibly) the AMI's root device? Unknown names may. */
function mayBeRootDevice(name: Value | undefined): boolean {
  const s = asString(name);
  return s === undefined || ROOT_DEVICE_NAMES.includes(s.trim());
}

function fixTitle(resource: Resource): string {
  return resource.type === 'aws_launch_template' || resource.type === 'AWS::EC2::LaunchTemplate'
    ? 'Encrypt volumes launched from this template'
    : 'Encrypt the volume (forces replacement of an existing volume or instance)';
}

/** One volume definition: encrypted, not decidable from the code, or a finding. */
type Verdict = 'encrypted' | 'unknown' | CheckResult;

/** Fold verdicts: findings if any, else skip when anything was undecidable, else pass. */
function conclude(resource: Resource, verdicts: Verdict[], unsure: string | undefined): CheckResult | CheckResult[] {
  const findings = verdicts.filter((v): v is CheckResult => typeof v !== 'string');
  if (findings.length) return findings;
  if (unsure) return result.skip(resource, unsure);
  if (verdicts.length === 0) return result.skip(resource, 'no block device is configured: volumes follow the AMI');
  if (verdicts.includes('unknown')) return result.skip(resource, 'encryption follows a snapshot or an unknown value');
  return result.pass(resource);
}

/**
 * Check one Terraform volume definition: a resource body (`aws_ebs_volume`) or a nested block
 * (`root_block_device`, `ebs_block_device`, launch template `ebs`).
 */
function checkTfVolume(
  resource: Resource,
  ctx: CheckContext,
  body: Body,
  header: { range: NestedBlock['headerRange']; offset: number },
  opts: { unsetMessage: string; falseMessage?: string; stringBool?: boolean; fromAmi?: boolean },
): Verdict {
  const enc = attr(body, 'encrypted');
  const on = enc ? asBool(enc.value) : false;
  if (on === true) return 'encrypted';
  // A volume restored from a snapshot is as encrypted as the snapshot, which we cannot see.
  const snapshot = attr(body, 'snapshot_id');
  if (snapshot && snapshot.value.kind !== 'null') return 'unknown';
  // So is a volume of the AMI (its root device) that does not ask for encryption.
  if (!enc && opts.fromAmi) return 'unknown';
  if (enc && on === undefined) return 'unknown';
  const truthy = opts.stringBool ? '"true"' : 'true';
  const fix = (edit: Fix['edits'][number]): Fix[] => [{ title: fixTitle(resource), safety: 'suggestion', edits: [edit] }];
  if (!enc) {
    return result.fail(resource, header.range, {
      message: opts.unsetMessage,
      fixes: fix(insertIntoTerraformBody(ctx, resource.file, body, header.offset, [`encrypted = ${truthy}`])),
    });
  }
  return result.fail(resource, enc.range, { message: opts.falseMessage ?? FALSE_MESSAGE, fixes: fix(replaceValue(resource.file, enc, truthy)) });
}

function checkTerraform(resource: Resource, ctx: CheckContext): CheckResult | CheckResult[] {
  if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
  if (resource.type === 'aws_ebs_volume' && asBool(attr(resource.body, 'encrypted')?.value) === true) return result.pass(resource);
  const byDefault = accountDefault(ctx);
  if (byDefault) return result.skip(resource, byDefault);
  const verdicts: Verdict[] = [];
  let dynamic = false;
  const at = (b: NestedBlock) => ({ range: b.headerRange, offset: b.headerRange.start.offset });
  if (resource.type === 'aws_ebs_volume') {
    verdicts.push(checkTfVolume(resource, ctx, resource.body, { range: resource.headerRange, offset: resource.headerRange.start.offset }, { unsetMessage: UNSET_MESSAGE }));
  } else if (resource.type === 'aws_launch_template') {
    for (const mapping of blocks(resource.body, 'block_device_mappings')) {
      const fromAmi = mayBeRootDevice(attr(mapping.body, 'device_name')?.value);
      for (const ebs of blocks(mapping.body, 'ebs')) verdicts.push(checkTfVolume(resource, ctx, ebs.body, at(ebs), { unsetMessage: DEVICE_MESSAGE, stringBool: true, fromAmi }));
      dynamic ||= hasDynamicBlocks(mapping.body, 'ebs');
    }
    dynamic ||= hasDynamicBlocks(resource.body, 'block_device_mappings');
  } else {
    // aws_instance, aws_launch_configuration. The root volume is whatever the AMI snapshot is
    // unless `encrypted = true` asks for more: without that, unknown, so not reported.
    for (const root of blocks(resource.body, 'root_block_device')) verdicts.push(checkTfVolume(resource, ctx, root.body, at(root), { unsetMessage: DEVICE_MESSAGE, falseMessage: ROOT_FALSE_MESSAGE, fromAmi: true }));
    for (const ebs of blocks(resource.body, 'ebs_block_device')) verdicts.push(checkTfVolume(resource, ctx, ebs.body, at(ebs), { unsetMessage: DEVICE_MESSAGE }));
    dynamic = hasDynamicBlocks(resource.body, 'root_block_device') || hasDynamicBlocks(resource.body, 'ebs_block_device');
  }
  return conclude(resource, verdicts, dynamic ? 'block devices come from dynamic blocks' : undefined);
}

/** Check one CloudFormation `Ebs` mapping (or a Volume's properties given as entries). */
function checkCfnEbs(resource: Resource, ebsEntry: ObjectEntry, fromAmi: boolean): Verdict {
  const ebs = ebsEntry.value;
  if (ebs.kind !== 'object') return 'unknown';
  const enc = entry(ebs, 'Encrypted');
  const on = enc ? asBool(enc.value) : false;
  if (on === true) return 'encrypted';
  const snapshot = entry(ebs, 'SnapshotId');
  if (snapshot && snapshot.value.kind !== 'null') return 'unknown';
  if (enc && on === undefined) return 'unknown';
  if (!enc && fromAmi) return 'unknown';
  if (!enc) return result.fail(resource, ebsEntry.range, { message: DEVICE_MESSAGE });
  return result.fail(resource, enc.range, { message: 'Encrypted is false: the volume and every snapshot taken from it are stored unencrypted' });
}

function checkCfnMappings(resource: Resource, mappings: Value | undefined): CheckResult | CheckResult[] {
  if (mappings === undefined) return conclude(resource, [], undefined);
  const items = asList(mappings);
  if (!items) return result.skip(resource, 'BlockDeviceMappings is unknown');
  const verdicts: Verdict[] = [];
  for (const item of items) {
    if (item.kind !== 'object') {
      verdicts.push('unknown');
      continue;
    }
    const ebs = entry(item, 'Ebs');
    if (ebs) verdicts.push(checkCfnEbs(resource, ebs, mayBeRootDevice(entry(item, 'DeviceName')?.value)));
  }
  return conclude(resource, verdicts, undefined);
}

/**
 * EBS volumes are encrypted: standalone volumes, instance and launch-configuration block devices,
 * launch-template block device mappings. Volumes restored from a snapshot follow the snapshot and
 * are skipped; an account-level `aws_ebs_encryption_by_default` anywhere in the Terraform workspace
 * makes every new volume encrypted, so nothing is reported then.
 */
export const rule: Rule = {
  meta: {
    id: 'aws-ebs-volume-encrypted',
    title: 'EBS volumes are encrypted',
    failMessage: UNSET_MESSAGE,
    rationale:
      'An unencrypted EBS volume stores its data, and every snapshot and AMI made from it, in clear form: a snapshot shared or made public by mistake, copied to another account, or retained after the instance is gone exposes everything on the disk. EBS encryption with KMS covers the volume, its snapshots and the data moving between the volume and the instance, with no measurable performance cost, and puts access behind a key whose use is logged and can be revoked.',
    remediation:
      'Set `encrypted = true` on `aws_ebs_volume` and on every `root_block_device` / `ebs_block_device` of `aws_instance` and `aws_launch_configuration`, and `encrypted = "true"` in the `ebs` block of `aws_launch_template` block device mappings (optionally with `kms_key_id`). In CloudFormation set `Encrypted: true` on `AWS::EC2::Volume` and in each `Ebs` mapping. Better still, enable `aws_ebs_encryption_by_default` for the account and region.',
    severity: 'high',
    themes: ['encryption-at-rest'],
    resourceTypes: {
      terraform: ['aws_ebs_volume', 'aws_instance', 'aws_launch_template', 'aws_launch_configuration'],
      cloudformation: ['AWS::EC2::Volume', 'AWS::EC2::Instance', 'AWS::EC2::LaunchTemplate'],
    },
    peers: {
      checkov: ['CKV_AWS_3', 'CKV_AWS_8'],
      trivy: ['AVD-AWS-0026', 'AVD-AWS-0131', 'AVD-AWS-0008', 'aws-ec2-enable-volume-encryption', 'aws-ec2-enable-at-rest-encryption'],
      kics: ['EBS Volume Encryption Disabled', 'Launch Configuration Is Not Encrypted'],
      guard: ['ENCRYPTED_VOLUMES'],
    },
  },
  // EBS encryption by default is a per-account-and-region setting, usually in a baseline module:
  // wherever the workspace turns it on, AWS encrypts every new volume whatever the volume says.
  // A module that turns it off itself (`enabled = false`) keeps its findings: that module's account
  // does not encrypt by default, whatever another module declares.
  silencedByAccountSetting: {
    assess: (ctx) => defaultEncryption(ctx).evidence,
    disables: (ctx) => ctx.moduleResources.some((r) => r.kind === 'resource' && r.type === 'aws_ebs_encryption_by_default' && encryptsByDefault(r) === 'none'),
  },
  check: {
    terraform: checkTerraform,
    cloudformation(resource) {
      if (resource.type === 'AWS::EC2::Volume') {
        const enc = attr(resource.body, 'Encrypted');
        const on = enc ? asBool(enc.value) : false;
        if (on === true) return result.pass(resource, enc?.range);
        const snapshot = attr(resource.body, 'SnapshotId');
        if (snapshot && snapshot.value.kind !== 'null') return result.skip(resource, 'a volume from a snapshot is as encrypted as the snapshot');
        if (enc && on === undefined) return result.skip(resource, 'Encrypted is unknown');
        if (!enc) return result.fail(resource, resource.headerRange, { message: 'EBS volume is not encrypted: Encrypted is not set and defaults to false' });
        return result.fail(resource, enc.range, {
          message: 'Encrypted is false: the volume and every snapshot taken from it are stored unencrypted',
          fixes: [{ title: fixTitle(resource), safety: 'suggestion', edits: [replaceValue(resource.file, enc, 'true')] }],
        });
      }
      if (resource.type === 'AWS::EC2::LaunchTemplate') {
        const data = attr(resource.body, 'LaunchTemplateData');
        if (!data) return conclude(resource, [], undefined);
        if (data.value.kind !== 'object') return result.skip(resource, 'LaunchTemplateData is unknown');
        return checkCfnMappings(resource, entry(data.value, 'BlockDeviceMappings')?.value);
      }
      return checkCfnMappings(resource, attr(resource.body, 'BlockDeviceMappings')?.value);
    },
  },
};
