/**
 * Shared helpers of the Azure network / compute / app-platform rules (pack `azurenet`):
 * azurerm provider-version detection (v3 and v4 spell some arguments differently), a three-valued
 * "boolean argument with a provider default" check, and the NSG rule reader used by the three
 * "no public ingress" NSG rules.
 */
import { asBool, asList, asString, attr, blocks, entry, hasDynamicBlocks } from '../../model/access';
import type { Attribute, Body, NestedBlock, ObjectValue, Range, Resource, Value } from '../../model/types';
import { insertIntoTerraformBody, replaceValue } from '../fixkit';
import { result, type CheckContext, type CheckResult, type Fix, type FixSafety } from '../types';

// ---------------------------------------------------------------------------------------------
// Provider version

/**
 * Major version of the azurerm provider the module pins in `required_providers`, when the
 * constraint admits exactly one major version (`~> 3.90`, `>= 3.0, < 4.0`, `4.1.0`); otherwise
 * undefined. Fixes that must name a version-specific argument only offer themselves when known.
 */
export function azurermMajor(ctx: CheckContext): number | undefined {
  for (const r of ctx.moduleResources) {
    if (r.kind !== 'terraform') continue;
    for (const rp of blocks(r.body, 'required_providers')) {
      const spec = attr(rp.body, 'azurerm');
      if (!spec) continue;
      const version = asString(spec.value.kind === 'object' ? entry(spec.value, 'version')?.value : spec.value);
      if (version === undefined) return undefined;
      return majorOf(version);
    }
  }
  return undefined;
}

/** The single major version a Terraform version constraint admits, else undefined. */
export function majorOf(constraint: string): number | undefined {
  let lo = 0;
  let hi = Infinity;
  for (const raw of constraint.split(',')) {
    // Leading whitespace trimmed first: `^\s*(op)?\s*` splits a long blank run every way (quadratic).
    const m = /^(~>|>=|<=|!=|=|>|<)?\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(raw.trimStart());
    if (!m) return undefined;
    const op = m[1] ?? '=';
    const major = Number(m[2]);
    const rest = [m[3], m[4]].filter((x) => x !== undefined).map(Number);
    switch (op) {
      case '~>':
        lo = Math.max(lo, major);
        if (rest.length) hi = Math.min(hi, major);
        break;
      case '=':
        lo = Math.max(lo, major);
        hi = Math.min(hi, major);
        break;
      case '>=':
      case '>':
        lo = Math.max(lo, major);
        break;
      case '<':
        hi = Math.min(hi, rest.every((n) => n === 0) ? major - 1 : major);
        break;
      case '<=':
        hi = Math.min(hi, major);
        break;
      default:
        break;
    }
  }
  return lo === hi ? lo : undefined;
}

// ---------------------------------------------------------------------------------------------
// Small model helpers

/** Present with a non-null value (null means "not set" in Terraform). */
export function isSet(body: Body, name: string): boolean {
  const a = attr(body, name);
  return a !== undefined && a.value.kind !== 'null';
}

/** An attribute that is present and not null, else undefined. */
export function setAttr(body: Body, name: string): Attribute | undefined {
  const a = attr(body, name);
  return a && a.value.kind !== 'null' ? a : undefined;
}

/** The first nested block of a type, if any. */
export function firstBlock(body: Body, type: string): NestedBlock | undefined {
  return blocks(body, type)[0];
}

/** A managed resource (not a data source): rules about settings only look at those. */
export function managedOnly(resource: Resource): CheckResult | undefined {
  return resource.kind === 'resource' ? undefined : result.skip(resource, 'not a managed resource');
}

export interface BoolSetting {
  /** Argument name as written in Terraform. */
  name: string;
  /** The compliant value. */
  want: boolean;
  /** The provider default when the argument is left out. */
  defaultValue: boolean;
  fixTitle: string;
  safety: FixSafety;
  /** Message when the argument is missing and its default is non-compliant. */
  missingMessage?: string;
  /** Message when the argument is written with the non-compliant value. */
  wrongMessage?: string;
  /** Offer no fix (e.g. the fix needs other settings the user must choose). */
  noFix?: boolean;
}

/**
 * A boolean argument of `body` (the resource's own body or a nested block) checked against its
 * compliant value: missing uses the provider default, unknown is a skip.
 */
export function checkBool(resource: Resource, ctx: CheckContext, body: Body, headerRange: Range, s: BoolSetting): CheckResult {
  const a = attr(body, s.name);
  if (!a || a.value.kind === 'null') {
    if (s.defaultValue === s.want) return result.pass(resource);
    const fixes: Fix[] = s.noFix
      ? []
      : [{ title: s.fixTitle, safety: s.safety, edits: [insertIntoTerraformBody(ctx, resource.file, body, headerRange.start.offset, [`${s.name} = ${s.want}`])] }];
    return result.fail(resource, headerRange, { message: s.missingMessage, fixes });
  }
  const v = asBool(a.value);
  if (v === undefined) return result.skip(resource, `${s.name} is unknown`);
  if (v === s.want) return result.pass(resource, a.range);
  return result.fail(resource, a.range, {
    message: s.wrongMessage,
    fixes: s.noFix ? [] : [{ title: s.fixTitle, safety: s.safety, edits: [replaceValue(resource.file, a, String(s.want))] }],
  });
}

/** Insert a line into a nested block. */
export function insertInto(ctx: CheckContext, resource: Resource, block: NestedBlock, lines: string[]) {
  return insertIntoTerraformBody(ctx, resource.file, block.body, block.headerRange.start.offset, lines);
}

/** Insert lines into the resource body. */
export function insertIntoResource(ctx: CheckContext, resource: Resource, lines: string[]) {
  return insertIntoTerraformBody(ctx, resource.file, resource.body, resource.headerRange.start.offset, lines);
}

// ---------------------------------------------------------------------------------------------
// App Service / Function App resource families

/** Current (azurerm 3.x / 4.x) web and function app resources and their slots. */
export const APP_SERVICE_CURRENT = [
  'azurerm_linux_web_app',
  'azurerm_windows_web_app',
  'azurerm_linux_function_app',
  'azurerm_windows_function_app',
  'azurerm_linux_web_app_slot',
  'azurerm_windows_web_app_slot',
  'azurerm_linux_function_app_slot',
  'azurerm_windows_function_app_slot',
];

/** Deprecated in 3.x, removed in 4.0; still common in existing code. */
export const APP_SERVICE_LEGACY = ['azurerm_app_service', 'azurerm_function_app', 'azurerm_app_service_slot', 'azurerm_function_app_slot'];

export function isLegacyAppService(resource: Resource): boolean {
  return APP_SERVICE_LEGACY.includes(resource.type);
}

// ---------------------------------------------------------------------------------------------
// Network security group rules

export type NsgTarget = 'ssh' | 'rdp' | 'all-ports';
type Tri = 'yes' | 'no' | 'unknown';

/** One security rule, read from an inline `security_rule` block/object or a rule resource. */
interface SecurityRule {
  get(name: string): { value: Value; range: Range; attribute?: Attribute } | undefined;
  fallbackRange: Range;
}

/** Source values that mean "any address on the internet". */
export function isAnySource(prefix: string): boolean {
  const p = prefix.trim().toLowerCase();
  return p === '*' || p === 'internet' || p === 'any' || p === '0.0.0.0' || /^[0-9a-f:.]+\/0$/.test(p);
}

function ruleFromBody(body: Body, fallbackRange: Range): SecurityRule {
  return {
    get: (name) => {
      const a = attr(body, name);
      return a ? { value: a.value, range: a.range, attribute: a } : undefined;
    },
    fallbackRange,
  };
}

function ruleFromObject(obj: ObjectValue): SecurityRule {
  return {
    get: (name) => {
      const e = entry(obj, name);
      return e ? { value: e.value, range: e.range } : undefined;
    },
    fallbackRange: obj.range,
  };
}

function equalsTri(value: Value | undefined, expected: string): Tri {
  if (!value || value.kind === 'null') return 'unknown';
  const s = asString(value);
  if (s === undefined) return 'unknown';
  return s.toLowerCase() === expected.toLowerCase() ? 'yes' : 'no';
}

/** Which written values open the rule to any source: the open prefixes and where they are. */
function openSources(rule: SecurityRule): { state: Tri; open: string[]; range?: Range; attribute?: Attribute; value?: Value } {
  const single = rule.get('source_address_prefix');
  const multi = rule.get('source_address_prefixes');
  let unknown = false;
  for (const src of [single, multi]) {
    if (!src || src.value.kind === 'null') continue;
    const items = src.value.kind === 'list' ? src.value.items : [src.value];
    const open: string[] = [];
    for (const item of items) {
      if (item.kind === 'null') continue;
      const s = asString(item);
      if (s === undefined) unknown = true;
      else if (isAnySource(s)) open.push(s);
    }
    if (src.value.kind === 'unknown') unknown = true;
    if (open.length) return { state: 'yes', open, range: src.range, attribute: src.attribute, value: src.value };
  }
  return { state: unknown ? 'unknown' : 'no', open: [] };
}

interface PortRange {
  from: number;
  to: number;
}

/** Destination ports as ranges; undefined when any part is unknown. */
function destinationPorts(rule: SecurityRule): PortRange[] | undefined {
  const out: PortRange[] = [];
  for (const name of ['destination_port_range', 'destination_port_ranges']) {
    const v = rule.get(name)?.value;
    if (!v || v.kind === 'null') continue;
    const items = v.kind === 'list' ? v.items : [v];
    if (v.kind === 'unknown') return undefined;
    for (const item of items) {
      if (item.kind === 'null') continue;
      const s = asString(item);
      if (s === undefined) return undefined;
      const t = s.trim();
      if (t === '*') out.push({ from: 0, to: 65535 });
      else {
        const m = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(t);
        if (!m) return undefined;
        out.push({ from: Number(m[1]), to: Number(m[2] ?? m[1]) });
      }
    }
  }
  return out;
}

const TARGETS: Record<Exclude<NsgTarget, 'all-ports'>, { port: number; protocols: string[] }> = {
  ssh: { port: 22, protocols: ['tcp'] },
  // RDP also carries sessions over UDP 3389.
  rdp: { port: 3389, protocols: ['tcp', 'udp'] },
};

export interface NsgEvaluation {
  match: Tri | 'deferred';
  open: string[];
  range?: Range;
  attribute?: Attribute;
  value?: Value;
  scope: string;
}

/** Does this rule allow the target from anywhere? `deferred`: open on every port (the all-ports rule's finding). */
export function evaluateRule(rule: SecurityRule, target: NsgTarget): NsgEvaluation {
  const none: NsgEvaluation = { match: 'no', open: [], scope: '' };
  const direction = equalsTri(rule.get('direction')?.value, 'Inbound');
  const access = equalsTri(rule.get('access')?.value, 'Allow');
  if (direction === 'no' || access === 'no') return none;
  const src = openSources(rule);
  if (src.state === 'no') return none;
  const protocolValue = asString(rule.get('protocol')?.value);
  const ports = destinationPorts(rule);
  const undecided = direction === 'unknown' || access === 'unknown' || src.state === 'unknown' || protocolValue === undefined || ports === undefined;
  if (protocolValue !== undefined) {
    const p = protocolValue.toLowerCase();
    if (p !== '*' && p !== 'tcp' && p !== 'udp') return none; // ICMP, ESP, AH carry no ports
  }
  if (undecided) return { ...none, match: 'unknown' };
  const protocol = protocolValue!.toLowerCase();
  const all = ports!.some((r) => r.from <= 1 && r.to >= 65535);
  const base = { open: src.open, range: src.range, attribute: src.attribute, value: src.value };
  if (target === 'all-ports') {
    if (!all) return none;
    return { match: 'yes', ...base, scope: protocol === '*' ? 'every port and protocol' : `every ${protocol.toUpperCase()} port` };
  }
  const t = TARGETS[target];
  const protocols = protocol === '*' ? t.protocols : t.protocols.filter((p) => p === protocol);
  if (!protocols.length) return none;
  const hit = ports!.find((r) => r.from <= t.port && t.port <= r.to);
  if (!hit) return none;
  if (all) return { match: 'deferred', ...base, scope: '' };
  return { match: 'yes', ...base, scope: hit.from === hit.to ? `port ${t.port}` : `ports ${hit.from}-${hit.to}` };
}

/** The security rules of an NSG or rule resource, and whether some cannot be seen. */
export function securityRules(resource: Resource): { rules: SecurityRule[]; hidden: boolean } {
  if (resource.type === 'azurerm_network_security_rule') {
    return { rules: [ruleFromBody(resource.body, resource.headerRange)], hidden: false };
  }
  const rules = blocks(resource.body, 'security_rule').map((b) => ruleFromBody(b.body, b.headerRange));
  let hidden = hasDynamicBlocks(resource.body, 'security_rule');
  const asAttr = attr(resource.body, 'security_rule');
  if (asAttr && asAttr.value.kind !== 'null') {
    const items = asList(asAttr.value);
    if (!items) hidden = true;
    else
      for (const item of items) {
        if (item.kind === 'object') rules.push(ruleFromObject(item));
        else if (item.kind !== 'null') hidden = true;
      }
  }
  return { rules, hidden };
}

export const NSG_TYPES = { terraform: ['azurerm_network_security_group', 'azurerm_network_security_rule'] };

const PLACEHOLDERS: Record<string, string> = {
  source_address_prefix: 'admin_source_address_prefix',
  source_address_prefixes: 'admin_source_address_prefixes',
};

/** Edit that closes the open source of a rule, or undefined when it is not a literal written here. */
function closingFix(ctx: CheckContext, resource: Resource, ev: NsgEvaluation, title: string): Fix | undefined {
  const a = ev.attribute;
  if (!a || !ev.value) return undefined;
  const r = ev.value.range;
  if (r.start.offset < a.range.start.offset || r.end.offset > a.range.end.offset) return undefined;
  const written = ctx.fileText(resource.file).slice(r.start.offset, r.end.offset).trimStart();
  const placeholder = PLACEHOLDERS[a.name];
  if (!placeholder) return undefined;
  if (ev.value.kind === 'list') {
    if (!written.startsWith('[')) return undefined;
    const rest: string[] = [];
    for (const item of ev.value.items) {
      const s = asString(item);
      if (s === undefined) return undefined;
      if (!isAnySource(s)) rest.push(s);
    }
    if (rest.length) {
      return { title: `${title}: remove ${ev.open.map((o) => `"${o}"`).join(', ')} from the sources`, safety: 'suggestion', edits: [replaceValue(resource.file, a, `[${rest.map((s) => JSON.stringify(s)).join(', ')}]`)] };
    }
  } else if (!written.startsWith('"')) return undefined;
  return { title: `${title}: use var.${placeholder} (declare it with your admin ranges)`, safety: 'suggestion', edits: [replaceValue(resource.file, a, `var.${placeholder}`)] };
}

export interface NsgWording {
  service: string;
  fixTitle: string;
}

/** The check shared by the three NSG rules. */
export function nsgCheck(target: NsgTarget, wording: NsgWording) {
  return (resource: Resource, ctx: CheckContext): CheckResult | CheckResult[] => {
    const skip = managedOnly(resource);
    if (skip) return skip;
    const { rules, hidden } = securityRules(resource);
    const failures: CheckResult[] = [];
    let undecided = hidden;
    let deferred = false;
    for (const rule of rules) {
      const ev = evaluateRule(rule, target);
      if (ev.match === 'unknown') undecided = true;
      else if (ev.match === 'deferred') deferred = true;
      else if (ev.match === 'yes') {
        const from = ev.open.map((o) => `"${o}"`).join(', ');
        const message =
          target === 'all-ports' ? `Network security rule allows ${ev.scope} from ${from}` : `Network security rule allows ${wording.service} (${ev.scope}) from ${from}`;
        const fix = closingFix(ctx, resource, ev, wording.fixTitle);
        failures.push(result.fail(resource, ev.range ?? rule.fallbackRange, { message, fixes: fix ? [fix] : [] }));
      }
    }
    if (failures.length) return failures;
    if (deferred) return result.skip(resource, 'open on every port: reported by azure-nsg-no-public-all-ports');
    if (undecided) return result.skip(resource, 'some rules have unknown direction, access, protocol, sources or ports');
    return result.pass(resource);
  };
}

// ---------------------------------------------------------------------------------------------
// Account-level checks (judged once per workspace, see rules/accountLevel.ts)

/**
 * Words in the source of a module we cannot read that suggest a subscription baseline (Cloud
 * Adoption Framework / enterprise-scale landing zones, subscription vending), which may configure
 * any account-level setting.
 */
export const AZURE_SUBSCRIPTION_BASELINE_HINTS = [
  'baseline',
  'landing-zone',
  'landingzone',
  'caf',
  'enterprise-scale',
  'alz',
  'subscription',
  'subscriptions',
  'management-group',
  'management-groups',
  'governance',
  'compliance',
];

/** Account-level rules judge provider blocks once per workspace, not one by one. */
export function accountProviderSkip(resource: Resource): CheckResult | undefined {
  return resource.kind === 'provider' ? result.skip(resource, 'account-level: judged once for the whole workspace') : undefined;
}

/** Managed resources of a type in a module scope (its own resources, or one module call's). */
export function scopeResourcesOfType(ctx: CheckContext, type: string): Resource[] {
  return ctx.moduleResources.filter((r) => r.kind === 'resource' && r.type === type);
}

/**
 * The string values an argument takes across the instances of a resource: a known string gives
 * one value; `each.key` / `each.value` over a known `for_each` set, list or map of strings give one
 * value per instance. `null` when the argument is absent, undefined when unknowable.
 */
export function instanceStrings(ctx: CheckContext, resource: Resource, body: Body, name: string): string[] | null | undefined {
  const a = attr(body, name);
  if (!a || a.value.kind === 'null') return null;
  const known = asString(a.value);
  if (known !== undefined) return [known];
  const r = a.value.range;
  const text = ctx.fileText(resource.file).slice(r.start.offset, r.end.offset).trim();
  if (text !== 'each.key' && text !== 'each.value') return undefined;
  const forEach = attr(resource.body, 'for_each')?.value;
  if (!forEach) return undefined;
  if (forEach.kind === 'list') {
    const items = forEach.items.map((i) => asString(i));
    return items.every((i): i is string => i !== undefined) ? items : undefined;
  }
  if (forEach.kind === 'object') {
    if (text === 'each.key') return forEach.entries.map((e) => e.key);
    const values = forEach.entries.map((e) => asString(e.value));
    return values.every((v): v is string => v !== undefined) ? values : undefined;
  }
  return undefined;
}
