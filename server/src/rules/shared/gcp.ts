/**
 * Shared helpers of the Google Cloud (`google` provider) rules: instance metadata keys, public IAM
 * principals, firewall exposure and small edit helpers for map attributes.
 */
import { asBool, asList, asNumber, asString, attr, blocks, entry, hasDynamicBlocks } from '../../model/access';
import type { Attribute, Body, NestedBlock, ObjectEntry, Range, Resource, TextEdit, Value } from '../../model/types';
import { indentUnit, insertIntoTerraformBody, lineIndent, pointRange, positionAt } from '../fixkit';
import { result, type CheckContext, type CheckResult, type Fix } from '../types';
import { isWholeInternet } from './securityGroup';

/** Compute instance and instance-template types that share `metadata`, `network_interface`, ... */
export const GCP_INSTANCE_TYPES = ['google_compute_instance', 'google_compute_instance_template', 'google_compute_region_instance_template'];

/** Project-wide metadata resources (inherited by every instance that does not set the key itself). */
export const GCP_PROJECT_METADATA_TYPES = ['google_compute_project_metadata', 'google_compute_project_metadata_item'];

/** Three-valued result of reading a setting. */
export type Setting<T> =
  | { state: 'missing' }
  | { state: 'unknown'; range: Range }
  | { state: 'present'; value: T; range: Range; entry?: ObjectEntry; attribute?: Attribute };

/**
 * GCE metadata booleans: the guest environment accepts TRUE/true/1/yes and FALSE/false/0/no
 * (case-insensitive); anything else is left undecided.
 */
export function metadataBool(value: Value): boolean | undefined {
  const b = asBool(value);
  if (b !== undefined) return b;
  const s = asString(value)?.trim().toLowerCase();
  if (s === undefined) return undefined;
  if (['1', 'y', 'yes', 't', 'true', 'on'].includes(s)) return true;
  if (['0', 'n', 'no', 'f', 'false', 'off'].includes(s)) return false;
  return undefined;
}

/**
 * A key of an instance's `metadata` map. `unknown` when the map itself is unknown (a variable,
 * `merge()`), since the key could be in it.
 */
export function metadataKey(body: Body, key: string): Setting<boolean | undefined> {
  const meta = attr(body, 'metadata');
  if (!meta || meta.value.kind === 'null') return { state: 'missing' };
  if (meta.value.kind !== 'object') return { state: 'unknown', range: meta.range };
  const e = entry(meta.value, key);
  if (!e) return { state: 'missing' };
  if (e.value.kind === 'unknown') return { state: 'unknown', range: e.range };
  if (e.value.kind === 'null') return { state: 'missing' };
  return { state: 'present', value: metadataBool(e.value), range: e.range, entry: e, attribute: meta };
}

/** A project-wide metadata setting found in this module, with the resource that sets it. */
export interface ProjectMetadataSetting {
  resource: Resource;
  setting: Setting<boolean | undefined>;
}

/**
 * The value a project metadata resource gives `key`: `google_compute_project_metadata` (the whole
 * map, authoritative) or a `google_compute_project_metadata_item` for that key. Returns `undefined`
 * for resources that are not about the key (an item for another key).
 */
export function projectMetadataSetting(resource: Resource, key: string): Setting<boolean | undefined> | undefined {
  if (resource.type === 'google_compute_project_metadata') return metadataKey(resource.body, key);
  if (resource.type !== 'google_compute_project_metadata_item') return undefined;
  const k = attr(resource.body, 'key');
  const keyName = asString(k?.value);
  if (keyName === undefined) return k ? { state: 'unknown', range: k.range } : undefined;
  if (keyName !== key) return undefined;
  const v = attr(resource.body, 'value');
  if (!v) return { state: 'missing' };
  if (v.value.kind === 'unknown') return { state: 'unknown', range: v.range };
  return { state: 'present', value: metadataBool(v.value), range: v.range, attribute: v };
}

/** Every project metadata resource of the module that speaks about `key`. */
export function projectMetadataSettings(ctx: CheckContext, key: string): ProjectMetadataSetting[] {
  const out: ProjectMetadataSetting[] = [];
  for (const r of ctx.moduleResources) {
    if (r.kind !== 'resource' || !GCP_PROJECT_METADATA_TYPES.includes(r.type)) continue;
    const setting = projectMetadataSetting(r, key);
    if (setting) out.push({ resource: r, setting });
  }
  return out;
}

/** `true`/`false` when the module's project metadata decides `key`, `undefined` when it does not or is unknown. */
export function projectMetadataValue(ctx: CheckContext, key: string): boolean | undefined {
  let value: boolean | undefined;
  for (const s of projectMetadataSettings(ctx, key)) {
    if (s.setting.state === 'unknown') return undefined;
    if (s.setting.state === 'present') {
      if (s.setting.value === undefined) return undefined;
      value = s.setting.value;
    }
  }
  return value;
}

/** Is OS Login known to be on for this instance (its own key, else the module's project metadata)? */
export function osLoginEnabled(resource: Resource, ctx: CheckContext): boolean | undefined {
  const own = metadataKey(resource.body, 'enable-oslogin');
  if (own.state === 'unknown') return undefined;
  if (own.state === 'present') return own.value;
  return projectMetadataValue(ctx, 'enable-oslogin');
}

/**
 * Edit that sets `key = "value"` in a resource's `metadata` map: rewrites an existing entry,
 * inserts an entry into a literal map, or adds a `metadata` attribute. `undefined` when the map is
 * not a literal written in this resource.
 */
export function setMetadataEntry(ctx: CheckContext, resource: Resource, key: string, value: string): TextEdit | undefined {
  const meta = attr(resource.body, 'metadata');
  const quoted = JSON.stringify(value);
  if (!meta) return insertIntoTerraformBody(ctx, resource.file, resource.body, resource.headerRange.start.offset, ['metadata = {', `  ${key} = ${quoted}`, '}']);
  if (meta.value.kind !== 'object') return undefined;
  const existing = entry(meta.value, key);
  const text = ctx.fileText(resource.file);
  if (existing) {
    const r = existing.value.range;
    if (r.start.offset < meta.range.start.offset || r.end.offset > meta.range.end.offset) return undefined;
    return { file: resource.file, range: r, newText: quoted };
  }
  return insertObjectEntry(text, resource.file, meta, `${key} = ${quoted}`);
}

/** Insert `line` as the last entry of a literal object attribute, keeping the file's layout. */
export function insertObjectEntry(text: string, file: string, attribute: Attribute, line: string): TextEdit | undefined {
  const r = attribute.value.range;
  if (r.start.offset < attribute.range.start.offset || r.end.offset > attribute.range.end.offset) return undefined;
  const open = r.start.offset;
  const close = r.end.offset - 1;
  if (text[open] !== '{' || text[close] !== '}') return undefined;
  const inner = text.slice(open + 1, close);
  if (!inner.includes('\n')) {
    // One-line map: `{}` or `{ a = "b" }`.
    const content = inner.trim();
    const sep = content === '' ? '' : content.endsWith(',') ? ' ' : ', ';
    return { file, range: { start: positionAt(text, open), end: positionAt(text, close + 1) }, newText: `{ ${content}${sep}${line} }` };
  }
  const obj = attribute.value.kind === 'object' ? attribute.value : undefined;
  const last = obj?.entries[obj.entries.length - 1];
  const indent = last ? lineIndent(text, last.range.start.offset) : lineIndent(text, attribute.range.start.offset) + indentUnit(text);
  let lineStart = close;
  while (lineStart > 0 && (text[lineStart - 1] === ' ' || text[lineStart - 1] === '\t')) lineStart--;
  if (lineStart > 0 && text[lineStart - 1] === '\n') return { file, range: pointRange(text, lineStart), newText: `${indent}${line}\n` };
  return { file, range: pointRange(text, close), newText: `\n${indent}${line}\n${lineIndent(text, attribute.range.start.offset)}` };
}

/** Edit that deletes a nested block together with its line(s). */
export function removeBlock(text: string, file: string, block: NestedBlock): TextEdit {
  let start = block.range.start.offset;
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  let end = block.range.end.offset;
  if (start > 0 && text[start - 1] === '\n') {
    while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
    if (text[end] === '\r') end++;
    if (text[end] === '\n') end++;
    // A blank line left just before the closing brace of the parent block goes too.
    const prevLineBlank = /\n[ \t]*\r?\n$/.test(text.slice(Math.max(0, start - 64), start));
    if (prevLineBlank && /^[ \t]*\}/.test(text.slice(end, end + 64))) {
      start--;
      if (text[start - 1] === '\r') start--;
      while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
    }
  } else start = block.range.start.offset;
  return { file, range: { start: positionAt(text, start), end: positionAt(text, end) }, newText: '' };
}

// ---------------------------------------------------------------------------------------------
// IAM principals

/** `allUsers` (anyone) and `allAuthenticatedUsers` (any Google account): public principals. */
export function isPublicPrincipal(member: string): boolean {
  const m = member.trim();
  return m === 'allUsers' || m === 'allAuthenticatedUsers';
}

/** One member of an IAM grant, where a finding points. */
export interface MemberItem {
  member: string;
  range: Range;
}

/**
 * Members of a `*_iam_member` (`member`) or `*_iam_binding` (`members`) resource. `unknown` is set
 * when some member cannot be read.
 */
export function iamMembers(resource: Resource): { members: MemberItem[]; unknown: boolean } {
  const members: MemberItem[] = [];
  let unknown = false;
  const single = attr(resource.body, 'member');
  if (single) {
    const s = asString(single.value);
    if (s === undefined) unknown = true;
    else members.push({ member: s, range: single.range });
  }
  const many = attr(resource.body, 'members');
  if (many) {
    const items = asList(many.value);
    if (!items) unknown = true;
    else
      for (const item of items) {
        const s = asString(item);
        if (s === undefined) unknown = true;
        else members.push({ member: s, range: item.range.start.offset >= many.range.start.offset && item.range.end.offset <= many.range.end.offset ? item.range : many.range });
      }
  }
  return { members, unknown };
}

/** A binding of an IAM policy document: its role and members. */
export interface PolicyBinding {
  role: string | undefined;
  members: MemberItem[];
}

/**
 * Bindings of the `policy_data` of a `*_iam_policy` resource: `jsonencode({ bindings = [...] })`
 * written inline, or a `data.google_iam_policy` it references. `undefined` when unknowable.
 */
export function policyBindings(resource: Resource, ctx: CheckContext): PolicyBinding[] | undefined {
  const policy = attr(resource.body, 'policy_data');
  if (!policy) return undefined;
  const v = policy.value;
  if (v.kind === 'object' || v.kind === 'string') {
    let doc: unknown;
    if (v.kind === 'string') {
      try {
        doc = JSON.parse(v.value);
      } catch {
        return undefined;
      }
    } else {
      const bindingsEntry = entry(v, 'bindings');
      const items = asList(bindingsEntry?.value);
      if (!items) return undefined;
      const out: PolicyBinding[] = [];
      for (const b of items) {
        if (b.kind !== 'object') return undefined;
        const members = asList(entry(b, 'members')?.value);
        if (!members) return undefined;
        const list: MemberItem[] = [];
        for (const m of members) {
          const s = asString(m);
          if (s === undefined) return undefined;
          list.push({ member: s, range: policy.range });
        }
        out.push({ role: asString(entry(b, 'role')?.value), members: list });
      }
      return out;
    }
    const bindings = (doc as { bindings?: Array<{ role?: string; members?: string[] }> }).bindings;
    if (!Array.isArray(bindings)) return [];
    return bindings.map((b) => ({ role: b.role, members: (b.members ?? []).map((m) => ({ member: String(m), range: policy.range })) }));
  }
  const ref = (v.refs ?? []).find((r) => r.startsWith('data.google_iam_policy.'));
  if (!ref) return undefined;
  const data = ctx.resolve(ref);
  if (!data) return undefined;
  if (hasDynamicBlocks(data.body, 'binding')) return undefined;
  const out: PolicyBinding[] = [];
  for (const b of blocks(data.body, 'binding')) {
    const members = attr(b.body, 'members');
    const items = asList(members?.value);
    if (!members || !items) return undefined;
    const list: MemberItem[] = [];
    for (const item of items) {
      const s = asString(item);
      if (s === undefined) return undefined;
      list.push({ member: s, range: item.range.start.offset >= members.range.start.offset && item.range.end.offset <= members.range.end.offset ? item.range : members.range });
    }
    out.push({ role: asString(attr(b.body, 'role')?.value), members: list });
  }
  return out;
}

/** Report every public member of an IAM member/binding/policy resource. */
export function publicIamResults(resource: Resource, ctx: CheckContext, what: string): CheckResult | CheckResult[] {
  if (resource.type.endsWith('_iam_policy')) {
    const bindings = policyBindings(resource, ctx);
    if (!bindings) return result.skip(resource, 'policy document is not known statically');
    const fails: CheckResult[] = [];
    for (const b of bindings)
      for (const m of b.members)
        if (isPublicPrincipal(m.member)) fails.push(result.fail(resource, m.range, { message: `${what} policy grants ${b.role ?? 'a role'} to ${m.member}` }));
    return fails.length ? fails : result.pass(resource);
  }
  const { members, unknown } = iamMembers(resource);
  const role = asString(attr(resource.body, 'role')?.value) ?? 'a role';
  const fails = members
    .filter((m) => isPublicPrincipal(m.member))
    .map((m) => result.fail(resource, m.range, { message: `${what} grants ${role} to ${m.member}` }));
  if (fails.length) return fails;
  if (unknown) return result.skip(resource, 'members are not known statically');
  return result.pass(resource);
}

// ---------------------------------------------------------------------------------------------
// Firewall exposure

export type FirewallTarget = 'ssh' | 'rdp' | 'all-ports';

interface PortRange {
  from: number;
  to: number;
}

/** Ports of one `allow` block: `all` (no `ports`, or protocol all), a list, or unknown. */
function allowPorts(block: NestedBlock): { protocol: string | undefined; ports: PortRange[] | 'all' | undefined; range: Range } {
  const protocol = asString(attr(block.body, 'protocol')?.value)?.trim().toLowerCase();
  const portsAttr = attr(block.body, 'ports');
  if (protocol === 'all') return { protocol, ports: 'all', range: block.headerRange };
  if (!portsAttr || portsAttr.value.kind === 'null') return { protocol, ports: 'all', range: block.headerRange };
  const items = asList(portsAttr.value);
  if (!items) return { protocol, ports: undefined, range: portsAttr.range };
  if (items.length === 0) return { protocol, ports: 'all', range: block.headerRange };
  const ports: PortRange[] = [];
  for (const item of items) {
    const s = asString(item)?.trim();
    if (s === undefined) return { protocol, ports: undefined, range: portsAttr.range };
    const m = /^(\d+)(?:-(\d+))?$/.exec(s);
    if (!m) return { protocol, ports: undefined, range: portsAttr.range };
    ports.push({ from: Number(m[1]), to: Number(m[2] ?? m[1]) });
  }
  return { protocol, ports, range: portsAttr.range };
}

function protocolKind(p: string | undefined): 'all' | 'tcp' | 'udp' | 'other' | undefined {
  if (p === undefined) return undefined;
  if (p === 'all') return 'all';
  if (p === 'tcp' || p === '6') return 'tcp';
  if (p === 'udp' || p === '17') return 'udp';
  return 'other';
}

const TARGETS: Record<Exclude<FirewallTarget, 'all-ports'>, { port: number; protocols: string[]; service: string }> = {
  ssh: { port: 22, protocols: ['tcp'], service: 'SSH (tcp/22)' },
  rdp: { port: 3389, protocols: ['tcp', 'udp'], service: 'RDP (3389)' },
};

/** The internet-wide sources of an ingress firewall, or why we cannot tell. */
function openSources(resource: Resource): { state: 'open'; cidrs: string[]; range: Range; attribute?: Attribute } | { state: 'closed' } | { state: 'unknown' } {
  const ranges = attr(resource.body, 'source_ranges');
  if (!ranges || ranges.value.kind === 'null') {
    // No source at all: the Compute API applies the rule to 0.0.0.0/0.
    const tags = attr(resource.body, 'source_tags');
    const sas = attr(resource.body, 'source_service_accounts');
    const set = (a: Attribute | undefined) => a !== undefined && a.value.kind !== 'null' && !(a.value.kind === 'list' && a.value.items.length === 0);
    if (set(tags) || set(sas)) {
      if ((tags && tags.value.kind === 'unknown') || (sas && sas.value.kind === 'unknown')) return { state: 'unknown' };
      return { state: 'closed' };
    }
    if ((tags && tags.value.kind === 'unknown') || (sas && sas.value.kind === 'unknown')) return { state: 'unknown' };
    return { state: 'open', cidrs: ['0.0.0.0/0 (default when no source is set)'], range: resource.headerRange };
  }
  const items = asList(ranges.value);
  if (!items) return { state: 'unknown' };
  const open: string[] = [];
  let unknown = false;
  for (const item of items) {
    const s = asString(item);
    if (s === undefined) unknown = true;
    else if (isWholeInternet(s)) open.push(s.trim());
  }
  if (open.length) return { state: 'open', cidrs: open, range: ranges.range, attribute: ranges };
  return unknown ? { state: 'unknown' } : { state: 'closed' };
}

/** Edit that drops the whole-internet entries of a literal `source_ranges` list, or swaps the list for a placeholder. */
function closingFix(ctx: CheckContext, resource: Resource, attribute: Attribute | undefined, target: FirewallTarget): Fix | undefined {
  if (!attribute || attribute.value.kind !== 'list') return undefined;
  const r = attribute.value.range;
  if (r.start.offset < attribute.range.start.offset || r.end.offset > attribute.range.end.offset) return undefined;
  const text = ctx.fileText(resource.file);
  if (!text.slice(r.start.offset, r.end.offset).trimStart().startsWith('[')) return undefined;
  const rest: string[] = [];
  for (const item of attribute.value.items) {
    const s = asString(item);
    if (s === undefined) return undefined;
    if (!isWholeInternet(s)) rest.push(s);
  }
  if (rest.length) {
    return { title: 'Remove the whole-internet range from source_ranges', safety: 'suggestion', edits: [{ file: resource.file, range: r, newText: `[${rest.map((s) => JSON.stringify(s)).join(', ')}]` }] };
  }
  if (target === 'all-ports') {
    return { title: 'Restrict source_ranges to var.allowed_source_ranges (declare it with your ranges)', safety: 'suggestion', edits: [{ file: resource.file, range: r, newText: 'var.allowed_source_ranges' }] };
  }
  // Google's documented source range of Identity-Aware Proxy TCP forwarding.
  return { title: 'Allow only Identity-Aware Proxy TCP forwarding (35.235.240.0/20) instead of the internet', safety: 'suggestion', edits: [{ file: resource.file, range: r, newText: '["35.235.240.0/20"]' }] };
}

/**
 * One of the three "no public ingress" firewall checks. A rule open on every port (protocol
 * `all`, or tcp/udp without `ports`, or a 0/1-65535 range) is reported once, by the all-ports
 * rule; the SSH and RDP rules skip it.
 */
export function firewallCheck(resource: Resource, ctx: CheckContext, target: FirewallTarget): CheckResult | CheckResult[] {
  if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
  const disabled = attr(resource.body, 'disabled');
  if (disabled) {
    const d = asBool(disabled.value);
    if (d === undefined) return result.skip(resource, 'disabled is unknown');
    if (d) return result.skip(resource, 'firewall rule is disabled');
  }
  const direction = attr(resource.body, 'direction');
  if (direction) {
    const d = asString(direction.value);
    if (d === undefined) return result.skip(resource, 'direction is unknown');
    if (d.toUpperCase() === 'EGRESS') return result.skip(resource, 'egress rule');
  }
  const allows = blocks(resource.body, 'allow');
  const hidden = hasDynamicBlocks(resource.body, 'allow');
  if (!allows.length && !hidden) return result.pass(resource);
  const sources = openSources(resource);
  if (sources.state === 'closed') return result.pass(resource);
  if (sources.state === 'unknown') return result.skip(resource, 'source ranges are not known statically');

  let undecided = hidden;
  let deferred = false;
  const scopes: string[] = [];
  for (const block of allows) {
    const { protocol, ports } = allowPorts(block);
    const kind = protocolKind(protocol);
    if (kind === undefined || ports === undefined) {
      undecided = true;
      continue;
    }
    if (kind === 'other') continue;
    const everyPort = kind === 'all' || ports === 'all' || ports.some((p) => p.from <= 1 && p.to >= 65535);
    if (target === 'all-ports') {
      if (everyPort) scopes.push(kind === 'all' ? 'all protocols and ports' : `every ${kind} port`);
      continue;
    }
    const t = TARGETS[target];
    if (everyPort) {
      if (kind === 'all' || t.protocols.includes(kind)) deferred = true;
      continue;
    }
    if (!t.protocols.includes(kind)) continue;
    const hit = (ports as PortRange[]).find((p) => p.from <= t.port && t.port <= p.to);
    if (hit) scopes.push(hit.from === hit.to ? `${kind}/${hit.from}` : `${kind} ports ${hit.from}-${hit.to}`);
  }
  const from = sources.cidrs.join(' and ');
  if (scopes.length) {
    const fix = closingFix(ctx, resource, sources.attribute, target);
    const message =
      target === 'all-ports'
        ? `Firewall rule allows ${scopes[0]} from ${from}`
        : `Firewall rule opens ${TARGETS[target].service} to ${from}${scopes[0] === `tcp/${TARGETS[target].port}` ? '' : ` via ${scopes[0]}`}`;
    return result.fail(resource, sources.range, { message, fixes: fix ? [fix] : [] });
  }
  if (deferred) return result.skip(resource, 'open on every port: reported by gcp-compute-firewall-no-public-all-ports');
  if (undecided) return result.skip(resource, 'some allowed protocols or ports are not known statically');
  return result.pass(resource);
}

/** Numeric helper: seconds of a duration string such as "7776000s". */
export function durationSeconds(value: Value | undefined): number | undefined {
  const s = asString(value)?.trim();
  if (s === undefined) return undefined;
  const m = /^(\d+(?:\.\d+)?)s$/.exec(s);
  if (m) return Number(m[1]);
  return asNumber(value);
}
