import { asBool, attr } from '../../model/access';
import type { Attribute, Resource } from '../../model/types';
import { addCloudFormationProperty, addTerraformAttribute, replaceValue } from '../fixkit';
import { result, type CheckContext, type Rule } from '../types';

/**
 * True when the attribute's value is written in place (`false`, `"x"`), not resolved through a
 * variable, local or module input: those are fixed where they are defined, not at the use site.
 */
function writtenInPlace(ctx: CheckContext, file: string, a: Attribute): boolean {
  const r = a.value.range;
  const text = ctx.fileText(file).slice(r.start.offset, r.end.offset).trim();
  return /^(true|false|null|"[^"$%]*")$/.test(text);
}

/**
 * The scope's resources (data sources included) by type, in scope order: every trail looks for
 * another one, and scanning the whole scope for each made a template with many trails quadratic.
 */
const byTypeCache = new WeakMap<readonly Resource[], Map<string, Resource[]>>();

function scopeResourcesOfType(ctx: CheckContext, type: string): Resource[] {
  let index = byTypeCache.get(ctx.moduleResources);
  if (!index) {
    index = new Map();
    for (const r of ctx.moduleResources) {
      const list = index.get(r.type);
      if (list) list.push(r);
      else index.set(r.type, [r]);
    }
    byTypeCache.set(ctx.moduleResources, index);
  }
  return index.get(type) ?? [];
}

/** Another trail of the same module or template that is known to cover every region. */
function otherMultiRegionTrail(resource: Resource, ctx: CheckContext, property: string): Resource | undefined {
  return scopeResourcesOfType(ctx, resource.type).find((r) => r !== resource && asBool(attr(r.body, property)?.value) === true);
}

/**
 * A CloudTrail trail records every region (`is_multi_region_trail`, default false). A single-region
 * trail next to a multi-region trail in the same module or template is skipped: the account-wide
 * record exists, and extra regional trails (data events, a team's own copy) are legitimate.
 */
export const rule: Rule = {
  meta: {
    id: 'aws-cloudtrail-multi-region-enabled',
    title: 'CloudTrail trail records API activity in all regions',
    failMessage: 'CloudTrail trail records only its home region',
    rationale:
      'A single-region trail leaves every other region unobserved: an attacker who launches instances, creates access keys through a regional endpoint or disables services outside the home region leaves no audit record. A multi-region trail captures management events from all current and future regions in one place, which is the baseline evidence for an account-wide audit log.',
    remediation:
      'Set `is_multi_region_trail = true` on the `aws_cloudtrail` (Terraform) or `IsMultiRegionTrail: true` on the `AWS::CloudTrail::Trail` (CloudFormation). Keep `include_global_service_events` at its default (true).',
    severity: 'medium',
    themes: ['logging', 'monitoring-alerting'],
    resourceTypes: { terraform: ['aws_cloudtrail'], cloudformation: ['AWS::CloudTrail::Trail'] },
    peers: {
      checkov: ['CKV_AWS_67'],
      trivy: ['AVD-AWS-0014', 'aws-cloudtrail-enable-all-regions'],
      kics: ['CloudTrail Multi Region Disabled'],
      guard: ['MULTI_REGION_CLOUD_TRAIL_ENABLED'],
    },
  },
  check: {
    terraform(resource, ctx) {
      if (resource.kind !== 'resource') return result.skip(resource, 'data source');
      const multi = attr(resource.body, 'is_multi_region_trail');
      const enabled = multi ? asBool(multi.value) : false;
      if (enabled === undefined) return result.skip(resource, 'is_multi_region_trail is unknown');
      if (enabled) return result.pass(resource, multi?.range);
      const other = otherMultiRegionTrail(resource, ctx, 'is_multi_region_trail');
      if (other) return result.skip(resource, `${other.address} already covers every region`);
      const title = 'Record all regions';
      if (!multi) {
        return result.fail(resource, resource.headerRange, {
          fixes: [{ title, safety: 'safe', edits: [addTerraformAttribute(ctx, resource, 'is_multi_region_trail = true')] }],
        });
      }
      const fixes = writtenInPlace(ctx, resource.file, multi) ? [{ title, safety: 'safe' as const, edits: [replaceValue(resource.file, multi, 'true')] }] : [];
      return result.fail(resource, multi.range, { fixes });
    },
    cloudformation(resource, ctx) {
      const multi = attr(resource.body, 'IsMultiRegionTrail');
      const enabled = multi ? asBool(multi.value) : false;
      if (enabled === undefined) return result.skip(resource, 'IsMultiRegionTrail is unknown');
      if (enabled) return result.pass(resource, multi?.range);
      const other = otherMultiRegionTrail(resource, ctx, 'IsMultiRegionTrail');
      if (other) return result.skip(resource, `${other.address} already covers every region`);
      const title = 'Record all regions';
      if (!multi) {
        const edit = addCloudFormationProperty(ctx, resource, 'IsMultiRegionTrail', true);
        return result.fail(resource, resource.headerRange, { fixes: edit ? [{ title, safety: 'safe', edits: [edit] }] : [] });
      }
      const fixes = writtenInPlace(ctx, resource.file, multi) ? [{ title, safety: 'safe' as const, edits: [replaceValue(resource.file, multi, 'true')] }] : [];
      return result.fail(resource, multi.range, { fixes });
    },
  },
};
