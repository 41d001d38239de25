/**
 * Helpers for the AWS data-services pack (awsdata): reading nested CloudFormation properties,
 * three-valued boolean settings with provider defaults, the AWS provider version a Terraform
 * module pins, and small edits for values nested inside CloudFormation maps.
 */
import { asBool, asString, attr, blocks, hasDynamicBlocks } from '../../model/access';
import type { Attribute, Body, NestedBlock, Range, Resource, TextEdit, Value } from '../../model/types';
import { addCloudFormationProperty, addTerraformAttribute, insertIntoTerraformBody, replaceValue } from '../fixkit';
import { result, type CheckContext, type CheckResult, type Fix, type FixSafety } from '../types';

/** A nested CloudFormation property: present (with the range of its `key: value` entry), missing, or unknown. */
export type CfnLookup = { state: 'present'; value: Value; range: Range } | { state: 'missing' } | { state: 'unknown'; range: Range };

/**
 * Follow a path of keys from a resource's Properties (`['DistributionConfig', 'Logging']`). An
 * intermediate value that is not a known map (an `!If`, a `!Ref` to a parameter) makes the answer
 * unknown; an absent key makes it missing.
 */
export function cfnLookup(resource: Resource, path: string[]): CfnLookup {
  const top = attr(resource.body, path[0]);
  if (!top) return { state: 'missing' };
  let value: Value = top.value;
  let range: Range = top.range;
  for (const key of path.slice(1)) {
    if (value.kind !== 'object') return value.kind === 'null' ? { state: 'missing' } : { state: 'unknown', range };
    const e = value.entries.find((x) => x.key === key);
    if (!e) return { state: 'missing' };
    value = e.value;
    range = e.range;
  }
  if (value.kind === 'unknown') return { state: 'unknown', range };
  return { state: 'present', value, range };
}

/** Same walk starting from any value (a list item of `CacheBehaviors`, say). */
export function cfnLookupIn(start: Value, path: string[], startRange: Range): CfnLookup {
  let value: Value = start;
  let range: Range = startRange;
  for (const key of path) {
    if (value.kind !== 'object') return value.kind === 'null' ? { state: 'missing' } : { state: 'unknown', range };
    const e = value.entries.find((x) => x.key === key);
    if (!e) return { state: 'missing' };
    value = e.value;
    range = e.range;
  }
  if (value.kind === 'unknown') return { state: 'unknown', range };
  return { state: 'present', value, range };
}

/** An edit that replaces a nested CloudFormation value (keeps the key and the template's syntax). */
export function replaceCfnValue(resource: Resource, value: Value, newText: string): TextEdit {
  return { file: value.file ?? resource.file, range: value.range, newText };
}

/**
 * A Terraform or CloudFormation value is written where the user can edit it in this file (not a
 * variable default in another file or a module input), so a fix may replace it in place.
 */
export function editableInPlace(resource: Resource, value: Value, containerRange: Range): boolean {
  return (
    isLiteral(value) &&
    (value.file === undefined || value.file === resource.file) &&
    value.range.start.offset >= containerRange.start.offset &&
    value.range.end.offset <= containerRange.end.offset
  );
}

/**
 * True when the value is written as a literal where it stands (`false`, `"MUTABLE"`, `allow-all`),
 * not reached through a variable, local, parameter or module input. Fixes only rewrite literals:
 * replacing `var.x` by a constant would silently cut the setting loose from its input.
 */
export function isLiteral(value: Value): boolean {
  const len = value.range.end.offset - value.range.start.offset;
  const text = value.kind === 'string' ? value.value : value.kind === 'bool' || value.kind === 'number' ? String(value.value) : undefined;
  return text !== undefined && (len === text.length || len === text.length + 2);
}

/** A one-edit fix replacing a literal attribute value; none when the value is not a literal in this file. */
export function literalFix(resource: Resource, attribute: Attribute, newText: string, title: string, safety: FixSafety): Fix[] {
  if (!editableInPlace(resource, attribute.value, attribute.range)) return [];
  return [{ title, safety, edits: [replaceValue(resource.file, attribute, newText)] }];
}

/**
 * The elements of a CloudFormation `[{Key, Value}]` attribute list (`LoadBalancerAttributes`):
 * the Value of `key`, `missing`, or `unknown` when the list or one of its keys cannot be read.
 */
export function cfnKeyValue(list: Value | undefined, key: string): CfnLookup {
  if (!list) return { state: 'missing' };
  if (list.kind !== 'list') return { state: 'unknown', range: list.range };
  let unknown: Range | undefined;
  for (const item of list.items) {
    if (item.kind !== 'object') {
      unknown = item.range;
      continue;
    }
    const k = item.entries.find((e) => e.key === 'Key');
    const v = item.entries.find((e) => e.key === 'Value');
    const name = asString(k?.value);
    if (name === undefined) {
      unknown = item.range;
      continue;
    }
    if (name !== key) continue;
    if (!v) return { state: 'missing' };
    if (v.value.kind === 'unknown') return { state: 'unknown', range: v.range };
    return { state: 'present', value: v.value, range: v.range };
  }
  return unknown ? { state: 'unknown', range: unknown } : { state: 'missing' };
}

/** First nested block of a type, whether a dynamic block may supply it, and the block itself. */
export function singleBlock(body: Body, type: string): { block?: NestedBlock; dynamic: boolean } {
  return { block: blocks(body, type)[0], dynamic: hasDynamicBlocks(body, type) };
}

/**
 * The highest AWS provider major version the module's `required_providers` constraint allows, or
 * `undefined` when there is no constraint or it allows any future major (`>= 5.0`). Used where a
 * provider default changed between majors (Redshift `publicly_accessible` in v6).
 */
export function awsProviderMaxMajor(ctx: CheckContext): number | undefined {
  let best: number | undefined;
  for (const r of ctx.moduleResources) {
    if (r.kind !== 'terraform') continue;
    for (const rp of blocks(r.body, 'required_providers')) {
      const aws = attr(rp.body, 'aws');
      if (!aws) continue;
      let constraint: string | undefined;
      if (aws.value.kind === 'object') constraint = asString(aws.value.entries.find((e) => e.key === 'version')?.value);
      else constraint = asString(aws.value);
      if (constraint === undefined) continue;
      const max = maxMajor(constraint);
      if (max === undefined) return undefined;
      best = best === undefined ? max : Math.min(best, max);
    }
  }
  return best;
}

/** Highest major version a Terraform version constraint string admits (undefined = unbounded). */
export function maxMajor(constraint: string): number | undefined {
  let bound: number | undefined;
  for (const part of constraint.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^(~>|>=|<=|!=|=|>|<)?\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(part);
    if (!m) continue;
    const op = m[1] ?? '=';
    const major = Number(m[2]);
    const hasMinor = m[3] !== undefined;
    let max: number | undefined;
    if (op === '=' || op === '<=') max = major;
    else if (op === '<') max = hasMinor && Number(m[3]) > 0 ? major : Number(m[4] ?? 0) > 0 ? major : major - 1;
    else if (op === '~>') max = hasMinor ? major : undefined;
    if (max !== undefined) bound = bound === undefined ? max : Math.min(bound, max);
  }
  return bound;
}

/** How a boolean setting reads: its attribute (if written), its known value, and whether it is unknown. */
export interface BoolRead {
  attribute?: Attribute;
  value?: boolean;
  unknown: boolean;
}

export function readBool(body: Body, name: string): BoolRead {
  const a = attr(body, name);
  if (!a || a.value.kind === 'null') return { unknown: false };
  const v = asBool(a.value);
  return { attribute: a, value: v, unknown: v === undefined };
}

export interface TfBoolSpec {
  /** Attribute name in the resource body. */
  name: string;
  /** The compliant value. */
  want: boolean;
  /** Provider default when the attribute is not written; `undefined` = not known, stay silent. */
  default: boolean | undefined;
  missingMessage: string;
  wrongMessage: string;
  fixTitle: string;
  fixSafety: FixSafety;
  /** Offer no fix (e.g. when the value only the user knows is needed). */
  noFix?: boolean;
}

/** The common shape: one top-level boolean attribute of a Terraform resource. */
export function checkTfBool(resource: Resource, ctx: CheckContext, spec: TfBoolSpec): CheckResult {
  const read = readBool(resource.body, spec.name);
  if (read.unknown) return result.skip(resource, `${spec.name} is not known statically`);
  if (read.attribute) {
    if (read.value === spec.want) return result.pass(resource, read.attribute.range);
    const fixes: Fix[] = spec.noFix ? [] : literalFix(resource, read.attribute, String(spec.want), spec.fixTitle, spec.fixSafety);
    return result.fail(resource, read.attribute.range, { message: spec.wrongMessage, fixes });
  }
  if (spec.default === undefined) return result.skip(resource, `the default of ${spec.name} is not known`);
  if (spec.default === spec.want) return result.pass(resource);
  const fixes: Fix[] = spec.noFix ? [] : [{ title: spec.fixTitle, safety: spec.fixSafety, edits: [addTerraformAttribute(ctx, resource, `${spec.name} = ${spec.want}`)] }];
  return result.fail(resource, resource.headerRange, { message: spec.missingMessage, fixes });
}

export interface CfnBoolSpec {
  name: string;
  want: boolean;
  default: boolean | undefined;
  missingMessage: string;
  wrongMessage: string;
  fixTitle: string;
  fixSafety: FixSafety;
  noFix?: boolean;
}

/** One top-level boolean property of a CloudFormation resource. */
export function checkCfnBool(resource: Resource, ctx: CheckContext, spec: CfnBoolSpec): CheckResult {
  const a = attr(resource.body, spec.name);
  if (a && a.value.kind !== 'null') {
    const v = asBool(a.value);
    if (v === undefined) return result.skip(resource, `${spec.name} is not known statically`);
    if (v === spec.want) return result.pass(resource, a.range);
    const fixes: Fix[] =
      spec.noFix || !editableInPlace(resource, a.value, a.range) ? [] : [{ title: spec.fixTitle, safety: spec.fixSafety, edits: [replaceValue(resource.file, a, String(spec.want))] }];
    return result.fail(resource, a.range, { message: spec.wrongMessage, fixes });
  }
  if (spec.default === undefined) return result.skip(resource, `the default of ${spec.name} is not known`);
  if (spec.default === spec.want) return result.pass(resource);
  const edit = spec.noFix ? undefined : addCloudFormationProperty(ctx, resource, spec.name, spec.want);
  return result.fail(resource, resource.headerRange, { message: spec.missingMessage, fixes: edit ? [{ title: spec.fixTitle, safety: spec.fixSafety, edits: [edit] }] : [] });
}

/** Insert lines at the end of a nested Terraform block. */
export function addToBlock(ctx: CheckContext, resource: Resource, block: NestedBlock, lines: string[]): TextEdit {
  return insertIntoTerraformBody(ctx, resource.file, block.body, block.headerRange.start.offset, lines);
}

/** Every resource address a value (or anything nested in it) refers to. */
export function allRefs(value: Value | undefined, into: Set<string> = new Set()): Set<string> {
  if (!value) return into;
  for (const r of value.refs ?? []) into.add(r);
  if (value.kind === 'list') for (const item of value.items) allRefs(item, into);
  else if (value.kind === 'object') for (const e of value.entries) allRefs(e.value, into);
  return into;
}

/**
 * Companion resources of `type` that point at `target` through `attribute` (e.g. an
 * `aws_redshift_logging` whose `cluster_identifier` references the cluster), and whether some
 * companion's target cannot be determined (then "no companion" is not a finding). A literal target
 * is compared with the target's own `nameAttribute` when that is known.
 */
export function companions(
  ctx: CheckContext,
  target: Resource,
  type: string,
  attribute: string,
  nameAttribute?: string,
): { linked: Resource[]; unresolved: boolean } {
  const linked: Resource[] = [];
  let unresolved = false;
  const ownName = nameAttribute ? asString(attr(target.body, nameAttribute)?.value) : undefined;
  for (const r of ctx.moduleResources) {
    if (r.kind !== 'resource' || r.type !== type) continue;
    const a = attr(r.body, attribute);
    if (!a) continue;
    const refs = allRefs(a.value);
    if (refs.has(target.address)) {
      linked.push(r);
      continue;
    }
    if ([...refs].some((ref) => ctx.resolve(ref)?.type === target.type)) continue; // another resource of the same type
    const literal = asString(a.value);
    if (literal !== undefined && ownName !== undefined) {
      if (literal === ownName) linked.push(r);
      continue;
    }
    unresolved = true;
  }
  return { linked, unresolved };
}

/** Engine of an RDS resource (Terraform `engine`, CloudFormation `Engine`), when known. */
export function rdsEngine(resource: Resource): { value?: string; written: boolean } {
  const a = attr(resource.body, resource.format === 'terraform' ? 'engine' : 'Engine');
  if (!a || a.value.kind === 'null') return { written: false };
  return { value: asString(a.value)?.toLowerCase(), written: true };
}

/** True when a Terraform/CloudFormation attribute is present with a non-null value. */
export function isSet(body: Body, name: string): boolean {
  const a = attr(body, name);
  return a !== undefined && a.value.kind !== 'null';
}

export interface NestedBoolSpec {
  /** Terraform nested block type and its boolean attribute (`encrypt_at_rest`, `enabled`). */
  tfBlock: string;
  tfAttr: string;
  /** CloudFormation path to the boolean (`['EncryptionAtRestOptions', 'Enabled']`). */
  cfnPath: string[];
  /** Default when the attribute (or the whole block) is not written. */
  default: boolean;
  missingMessage: string;
  wrongMessage: string;
  fixTitle: string;
  fixSafety: FixSafety;
}

/**
 * A boolean that lives in a nested block (Terraform) or nested map (CloudFormation) and must be
 * true, such as `node_to_node_encryption { enabled = true }` / `NodeToNodeEncryptionOptions.Enabled`.
 */
export function checkNestedBool(resource: Resource, ctx: CheckContext, spec: NestedBoolSpec): CheckResult {
  if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
  const fix = (edits: TextEdit[] | undefined): Fix[] => (edits ? [{ title: spec.fixTitle, safety: spec.fixSafety, edits }] : []);
  if (resource.format === 'terraform') {
    const { block, dynamic } = singleBlock(resource.body, spec.tfBlock);
    if (!block) {
      if (dynamic) return result.skip(resource, `${spec.tfBlock} comes from a dynamic block`);
      if (spec.default) return result.pass(resource);
      return result.fail(resource, resource.headerRange, {
        message: spec.missingMessage,
        fixes: fix([insertIntoTerraformBody(ctx, resource.file, resource.body, resource.headerRange.start.offset, [`${spec.tfBlock} {`, `  ${spec.tfAttr} = true`, '}'])]),
      });
    }
    const read = readBool(block.body, spec.tfAttr);
    if (read.unknown) return result.skip(resource, `${spec.tfBlock}.${spec.tfAttr} is not known statically`);
    if (!read.attribute) {
      if (spec.default) return result.pass(resource, block.headerRange);
      return result.fail(resource, block.headerRange, { message: spec.missingMessage, fixes: fix([addToBlock(ctx, resource, block, [`${spec.tfAttr} = true`])]) });
    }
    if (read.value) return result.pass(resource, read.attribute.range);
    return result.fail(resource, read.attribute.range, { message: spec.wrongMessage, fixes: literalFix(resource, read.attribute, 'true', spec.fixTitle, spec.fixSafety) });
  }
  const parent = cfnLookup(resource, spec.cfnPath.slice(0, -1));
  if (parent.state === 'unknown') return result.skip(resource, `${spec.cfnPath[0]} is not known statically`);
  if (parent.state === 'missing') {
    if (spec.default) return result.pass(resource);
    const top = spec.cfnPath.length === 2 && !attr(resource.body, spec.cfnPath[0]) ? addCloudFormationProperty(ctx, resource, spec.cfnPath[0], { [spec.cfnPath[1]]: true }) : undefined;
    return result.fail(resource, resource.headerRange, { message: spec.missingMessage, fixes: fix(top ? [top] : undefined) });
  }
  const leaf = cfnLookup(resource, spec.cfnPath);
  if (leaf.state === 'unknown') return result.skip(resource, `${spec.cfnPath.join('.')} is not known statically`);
  if (leaf.state === 'missing') {
    if (spec.default) return result.pass(resource, parent.range);
    return result.fail(resource, parent.range, { message: spec.missingMessage });
  }
  const v = asBool(leaf.value);
  if (v === undefined) return result.skip(resource, `${spec.cfnPath.join('.')} is not known statically`);
  if (v) return result.pass(resource, leaf.range);
  const editable = editableInPlace(resource, leaf.value, leaf.range);
  return result.fail(resource, leaf.range, { message: spec.wrongMessage, fixes: fix(editable ? [replaceCfnValue(resource, leaf.value, 'true')] : undefined) });
}

/* RDS: which database resources carry a setting themselves, and which take it from elsewhere. */

/** Engine, lower-cased; `undefined` when not written or not known. */
export function engineOf(resource: Resource): string | undefined {
  return asString(attr(resource.body, resource.format === 'terraform' ? 'engine' : 'Engine')?.value)?.toLowerCase();
}

/** An RDS instance that is a member of an Aurora (or Multi-AZ DB) cluster: cluster settings apply. */
export function isClusterMember(resource: Resource): boolean {
  if (resource.type === 'aws_rds_cluster_instance') return true;
  if (resource.format === 'cloudformation') return resource.type === 'AWS::RDS::DBInstance' && isSet(resource.body, 'DBClusterIdentifier');
  return resource.type === 'aws_db_instance' && (engineOf(resource)?.startsWith('aurora') ?? false);
}

/** A read replica of another instance or cluster. */
export function isReplica(resource: Resource): boolean {
  const names = resource.format === 'terraform'
    ? ['replicate_source_db', 'replication_source_identifier']
    : ['SourceDBInstanceIdentifier', 'SourceDBClusterIdentifier', 'ReplicationSourceIdentifier'];
  return names.some((n) => isSet(resource.body, n));
}
