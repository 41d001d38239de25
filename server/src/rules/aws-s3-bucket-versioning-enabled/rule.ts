import { asBool, asString, attr, blocks, entry, hasDynamicBlocks } from '../../model/access';
import type { Attribute, Resource } from '../../model/types';
import { addConfigResourceFix, addInlineBlockFix, bucketConfigs, usesInlineStyle } from '../shared/s3Links';
import { addCloudFormationProperty, insertIntoTerraformBody, replaceValue } from '../fixkit';
import { editableInPlace, replaceCfnValue } from '../shared/awsdata';
import { result, type CheckContext, type CheckResult, type Rule } from '../types';

const VERSIONING = 'aws_s3_bucket_versioning';

const FIX_TITLE = 'Enable versioning (it can later be suspended, not removed)';

/** Object Lock requires versioning, and S3 enables versioning on buckets created with it. */
function objectLockEnabled(resource: Resource): boolean {
  if (asBool(attr(resource.body, 'object_lock_enabled')?.value) === true) return true;
  return blocks(resource.body, 'object_lock_configuration').some((b) => asString(attr(b.body, 'object_lock_enabled')?.value) === 'Enabled');
}

/** Status of an `aws_s3_bucket_versioning`: the status attribute, or undefined when absent/dynamic. */
function statusOf(config: Resource): { value?: string; attribute?: Attribute; unknown: boolean } {
  const vc = blocks(config.body, 'versioning_configuration')[0];
  if (!vc) return { unknown: hasDynamicBlocks(config.body, 'versioning_configuration') };
  const status = attr(vc.body, 'status');
  if (!status) return { unknown: false };
  const value = asString(status.value);
  return { value, attribute: status, unknown: value === undefined };
}

function checkBucket(resource: Resource, ctx: CheckContext): CheckResult {
  if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
  if (objectLockEnabled(resource)) return result.pass(resource);
  const { linked, unresolved } = bucketConfigs(resource, ctx, VERSIONING);
  if (linked.length) {
    // A suspended status is reported on the aws_s3_bucket_versioning resource itself.
    return linked.some((c) => statusOf(c).value === 'Enabled') ? result.pass(resource) : result.skip(resource, `status reported on ${linked[0].address}`);
  }
  const inline = blocks(resource.body, 'versioning')[0];
  if (inline) {
    const enabled = attr(inline.body, 'enabled');
    if (!enabled) {
      return result.fail(resource, inline.headerRange, {
        message: 'The versioning block does not set enabled = true (it defaults to false)',
        fixes: [{ title: FIX_TITLE, safety: 'safe', edits: [insertIntoTerraformBody(ctx, resource.file, inline.body, inline.headerRange.start.offset, ['enabled = true'])] }],
      });
    }
    const on = asBool(enabled.value);
    if (on === undefined) return result.skip(resource, 'versioning.enabled is unknown');
    if (on) return result.pass(resource, enabled.range);
    return result.fail(resource, enabled.range, {
      message: 'Versioning is disabled: overwritten and deleted objects cannot be recovered',
      fixes: [{ title: FIX_TITLE, safety: 'safe', edits: [replaceValue(resource.file, enabled, 'true')] }],
    });
  }
  if (hasDynamicBlocks(resource.body, 'versioning')) return result.skip(resource, 'versioning comes from a dynamic block');
  if (unresolved.length) return result.skip(resource, `an ${VERSIONING} whose bucket cannot be determined may apply`);
  const fix = usesInlineStyle(resource)
    ? addInlineBlockFix(resource, ctx, ['versioning {', '  enabled = true', '}'], FIX_TITLE, 'safe')
    : addConfigResourceFix(resource, ctx, VERSIONING, ['versioning_configuration {', '  status = "Enabled"', '}'], FIX_TITLE, 'safe');
  return result.fail(resource, resource.headerRange, { fixes: fix ? [fix] : [] });
}

function checkVersioningResource(resource: Resource): CheckResult {
  if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
  const status = statusOf(resource);
  if (status.unknown || !status.attribute) return result.skip(resource, 'versioning status is unknown');
  if (status.value === 'Enabled') return result.pass(resource, status.attribute.range);
  return result.fail(resource, status.attribute.range, {
    message: `Versioning status is "${status.value}": new overwrites and deletes cannot be recovered`,
    fixes: [{ title: FIX_TITLE, safety: 'safe', edits: [replaceValue(resource.file, status.attribute, '"Enabled"')] }],
  });
}

/**
 * S3 versioning keeps every version of every object, so an overwrite or delete (by mistake, by a
 * compromised credential, by ransomware) can be undone. Buckets created with Object Lock are
 * versioned by S3 itself and pass.
 */
export const rule: Rule = {
  meta: {
    id: 'aws-s3-bucket-versioning-enabled',
    title: 'S3 bucket has versioning enabled',
    failMessage: 'S3 bucket is not versioned: overwritten and deleted objects cannot be recovered',
    rationale:
      'Without versioning, an object that is overwritten or deleted is gone: a faulty deployment, a mistaken cleanup script or an attacker with write access can destroy data with no way back. Versioning keeps prior versions and turns deletes into delete markers, which gives point-in-time recovery for the bucket and is the prerequisite for replication, Object Lock and MFA delete. It is the simplest backup control S3 offers; pair it with a lifecycle rule that expires noncurrent versions to bound the cost.',
    remediation:
      'Add an `aws_s3_bucket_versioning` whose `bucket` references the bucket with `versioning_configuration { status = "Enabled" }` (provider v4+), or `versioning { enabled = true }` in the bucket (provider v3). In CloudFormation set `VersioningConfiguration.Status: Enabled`. Add a lifecycle rule for noncurrent versions.',
    severity: 'medium',
    themes: ['backup', 'data-deletion-retention'],
    resourceTypes: { terraform: ['aws_s3_bucket', VERSIONING], cloudformation: ['AWS::S3::Bucket'] },
    peers: {
      checkov: ['CKV_AWS_21'],
      trivy: ['AVD-AWS-0090', 'aws-s3-enable-versioning'],
      kics: ['S3 Bucket Without Versioning'],
      guard: ['S3_BUCKET_VERSIONING_ENABLED'],
    },
  },
  check: {
    terraform(resource, ctx) {
      return resource.type === VERSIONING ? checkVersioningResource(resource) : checkBucket(resource, ctx);
    },
    cloudformation(resource, ctx) {
      if (asBool(attr(resource.body, 'ObjectLockEnabled')?.value) === true) return result.pass(resource);
      const vc = attr(resource.body, 'VersioningConfiguration');
      if (!vc) {
        const edit = addCloudFormationProperty(ctx, resource, 'VersioningConfiguration', { Status: 'Enabled' });
        return result.fail(resource, resource.headerRange, { fixes: edit ? [{ title: FIX_TITLE, safety: 'safe', edits: [edit] }] : [] });
      }
      if (vc.value.kind !== 'object') return result.skip(resource, 'VersioningConfiguration is unknown');
      const status = entry(vc.value, 'Status');
      if (!status) return result.skip(resource, 'VersioningConfiguration has no Status');
      const value = asString(status.value);
      if (value === undefined) return result.skip(resource, 'versioning status is unknown');
      if (value === 'Enabled') return result.pass(resource, status.range);
      const inPlace = editableInPlace(resource, status.value, status.range);
      return result.fail(resource, status.range, {
        message: `Versioning status is ${value}: new overwrites and deletes cannot be recovered`,
        fixes: inPlace ? [{ title: FIX_TITLE, safety: 'safe', edits: [replaceCfnValue(resource, status.value, JSON.stringify('Enabled'))] }] : [],
      });
    },
  },
};
