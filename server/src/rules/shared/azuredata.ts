/**
 * Shared logic of the Azure data-service rules (storage, Key Vault, SQL, PostgreSQL/MySQL, Redis,
 * Cosmos DB). Two recurring shapes:
 *
 * - A boolean setting with a provider default, often spelled differently in azurerm v3 and v4
 *   (`enable_https_traffic_only` / `https_traffic_only_enabled`). `checkToggle` keeps "missing"
 *   (the provider default applies) apart from "unknown" (written but not knowable), and never reports
 *   a missing attribute whose default is compliant.
 * - A separate configuration resource that points at the resource it configures
 *   (`azurerm_storage_account_network_rules.storage_account_id`). `linkedResources` finds them
 *   conservatively: a configuration whose target cannot be determined might apply to any resource,
 *   so callers treat it as "unknown" rather than report a resource that may well be configured.
 */
import { asBool, asString, attr, blocks, hasDynamicBlocks } from '../../model/access';
import type { Attribute, Range, Resource, Value } from '../../model/types';
import { addTerraformAttribute, replaceValue } from '../fixkit';
import { result, type CheckContext, type CheckResult, type Fix, type FixSafety } from '../types';

/** The first of several spellings of an attribute that is written, with a non-null value. */
export function firstAttr(resource: Resource, names: readonly string[]): Attribute | undefined {
  for (const n of names) {
    const a = attr(resource.body, n);
    if (a && a.value.kind !== 'null') return a;
  }
  return undefined;
}

/** Every written spelling of an attribute (null values included: they mean "provider default"). */
export function allAttrs(resource: Resource, names: readonly string[]): Attribute[] {
  const out: Attribute[] = [];
  for (const n of names) {
    const a = attr(resource.body, n);
    if (a) out.push(a);
  }
  return out;
}

/** Known string value of an attribute, `null` when missing or null, `undefined` when unknown. */
export function stringSetting(resource: Resource, name: string): string | null | undefined {
  const a = attr(resource.body, name);
  if (!a || a.value.kind === 'null') return null;
  return asString(a.value);
}

export interface ToggleSpec {
  /** Spellings of the attribute; the first one is the current provider's. */
  names: readonly string[];
  /** The compliant value. */
  want: boolean;
  /** What the provider uses when the attribute is not written (or is null). */
  providerDefault: boolean;
  /** Finding message when the attribute is missing and the default is non-compliant. */
  missingMessage?: string;
  /** Finding message when the attribute is written with the non-compliant value. */
  wrongMessage?: (name: string) => string;
  fix?: {
    title: string;
    safety: FixSafety;
    /** Spelling to insert when missing (default: the first name). */
    insertName?: string;
  };
}

/** Check a boolean setting that may be spelled several ways and has a provider default. */
export function checkToggle(resource: Resource, ctx: CheckContext, spec: ToggleSpec): CheckResult {
  if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
  const written = allAttrs(resource, spec.names);
  const fixFor = (edit: Fix['edits'][number]): Fix[] => (spec.fix ? [{ title: spec.fix.title, safety: spec.fix.safety, edits: [edit] }] : []);
  if (written.length === 0) {
    if (spec.providerDefault === spec.want) return result.pass(resource);
    const line = `${spec.fix?.insertName ?? spec.names[0]} = ${spec.want}`;
    return result.fail(resource, resource.headerRange, { message: spec.missingMessage, fixes: fixFor(addTerraformAttribute(ctx, resource, line)) });
  }
  let passRange: Range | undefined;
  for (const a of written) {
    const value = a.value.kind === 'null' ? spec.providerDefault : asBool(a.value);
    if (value === undefined) return result.skip(resource, `${a.name} is unknown`);
    if (value !== spec.want) {
      return result.fail(resource, a.range, {
        message: spec.wrongMessage?.(a.name),
        fixes: fixFor(replaceValue(resource.file, a, String(spec.want))),
      });
    }
    passRange ??= a.range;
  }
  return result.pass(resource, passRange);
}

/** Per-scope index of managed resources by type; scopes are immutable while rules run. */
const byTypeCache = new WeakMap<readonly Resource[], Map<string, Resource[]>>();

/** Managed resources of a type in the check's scope (data sources and module calls excluded). */
export function resourcesOfType(ctx: CheckContext, type: string): Resource[] {
  let index = byTypeCache.get(ctx.moduleResources);
  if (!index) {
    index = new Map();
    for (const r of ctx.moduleResources) {
      if (r.kind !== 'resource') continue;
      const list = index.get(r.type) ?? [];
      list.push(r);
      index.set(r.type, list);
    }
    byTypeCache.set(ctx.moduleResources, index);
  }
  return index.get(type) ?? [];
}

/** Every resource address a value (or anything nested in it) refers to. */
export function refsOf(value: Value | undefined, into: Set<string> = new Set()): Set<string> {
  if (!value) return into;
  for (const r of value.refs ?? []) into.add(r);
  if (value.kind === 'list') for (const item of value.items) refsOf(item, into);
  else if (value.kind === 'object') for (const e of value.entries) refsOf(e.value, into);
  return into;
}

export type Target = 'this' | 'other' | 'unknown';

/**
 * Whether a configuration resource designates `target` through one of `attrNames`: by reference
 * (`azurerm_mssql_server.main.id`), by a literal name equal to the target's literal `name`, or not
 * at all. A value that is unknown and refers to nothing (a variable, a module output) is `unknown`.
 */
export function targetOf(config: Resource, target: Resource, attrNames: readonly string[]): Target {
  const targetName = stringSetting(target, 'name');
  let sawUnknown = false;
  let sawAny = false;
  for (const n of attrNames) {
    const a = attr(config.body, n);
    if (!a || a.value.kind === 'null') continue;
    sawAny = true;
    const refs = refsOf(a.value);
    if (refs.has(target.address)) return 'this';
    if (refs.size > 0) continue;
    const s = asString(a.value);
    if (s === undefined) {
      sawUnknown = true;
      continue;
    }
    if (typeof targetName === 'string' && (s === targetName || s.endsWith(`/${targetName}`))) return 'this';
    if (targetName === undefined) sawUnknown = true;
  }
  return sawUnknown || !sawAny ? 'unknown' : 'other';
}

/** Configuration resources of `type` that apply to `target`, and those whose target is unknown. */
export function linkedResources(target: Resource, ctx: CheckContext, type: string, attrNames: readonly string[]): { linked: Resource[]; unresolved: Resource[] } {
  const linked: Resource[] = [];
  const unresolved: Resource[] = [];
  for (const r of resourcesOfType(ctx, type)) {
    const t = targetOf(r, target, attrNames);
    if (t === 'this') linked.push(r);
    else if (t === 'unknown') unresolved.push(r);
  }
  return { linked, unresolved };
}

/** The resource a configuration's reference attribute points at (`server_id = azurerm_mssql_server.x.id`). */
export function referencedResource(config: Resource, ctx: CheckContext, attrNames: readonly string[], types: readonly string[]): Resource | undefined {
  for (const n of attrNames) {
    const a = attr(config.body, n);
    if (!a) continue;
    for (const ref of refsOf(a.value)) {
      const r = ctx.resolve(ref);
      if (r && types.includes(r.type)) return r;
    }
  }
  return undefined;
}

/** True when a module call in the same scope receives a reference to `resource`. */
export function passedToModule(resource: Resource, ctx: CheckContext): boolean {
  return ctx.referencesTo(resource).some((r) => r.kind === 'module');
}

/** Parse a dotted IPv4 address to an unsigned 32-bit number, or `undefined`. */
export function ipv4ToNumber(ip: string): number | undefined {
  const m = /^\s*(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\s*$/.exec(ip);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return ((parts[0] * 256 + parts[1]) * 256 + parts[2]) * 256 + parts[3];
}

/** Server-type sets for the database firewall rules. */
export const DB_FIREWALL_RULE_TYPES = [
  'azurerm_mssql_firewall_rule',
  'azurerm_sql_firewall_rule',
  'azurerm_postgresql_firewall_rule',
  'azurerm_postgresql_flexible_server_firewall_rule',
  'azurerm_mysql_firewall_rule',
  'azurerm_mysql_flexible_server_firewall_rule',
  'azurerm_mariadb_firewall_rule',
] as const;

const DB_SERVER_TYPES = [
  'azurerm_mssql_server',
  'azurerm_sql_server',
  'azurerm_postgresql_server',
  'azurerm_postgresql_flexible_server',
  'azurerm_mysql_server',
  'azurerm_mysql_flexible_server',
  'azurerm_mariadb_server',
];

/** The firewall rule's start and end addresses, when both are known. */
export function firewallRange(resource: Resource): { start: number; end: number; startAttr: Attribute; endAttr: Attribute } | 'unknown' | 'invalid' {
  const startAttr = attr(resource.body, 'start_ip_address');
  const endAttr = attr(resource.body, 'end_ip_address');
  if (!startAttr || !endAttr) return 'invalid';
  const s = asString(startAttr.value);
  const e = asString(endAttr.value);
  if (s === undefined || e === undefined) return 'unknown';
  const start = ipv4ToNumber(s);
  const end = ipv4ToNumber(e);
  if (start === undefined || end === undefined) return 'invalid';
  return { start, end, startAttr, endAttr };
}

/**
 * Whether the server a firewall rule belongs to has public network access switched off (then the
 * rule has no effect and Azure refuses new ones): `true`, `false`, or `undefined` when unknown.
 */
export function serverPublicAccessDisabled(rule: Resource, ctx: CheckContext): boolean | undefined {
  const server = referencedResource(rule, ctx, ['server_id', 'server_name'], DB_SERVER_TYPES);
  if (!server) return undefined;
  const a = attr(server.body, 'public_network_access_enabled');
  if (!a || a.value.kind === 'null') return false;
  const v = asBool(a.value);
  return v === undefined ? undefined : v === false;
}

/**
 * Key Vault keys and secrets carry an expiration date. A key also counts as expiring when its
 * `rotation_policy` sets `expire_after` (new versions then get an expiry date automatically).
 */
export function checkExpiration(resource: Resource, ctx: CheckContext, what: 'key' | 'secret'): CheckResult {
  if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
  const exp = attr(resource.body, 'expiration_date');
  if (exp && exp.value.kind !== 'null') return result.pass(resource, exp.range);
  if (what === 'key') {
    if (hasDynamicBlocks(resource.body, 'rotation_policy')) return result.skip(resource, 'rotation_policy comes from a dynamic block');
    const policy = blocks(resource.body, 'rotation_policy')[0];
    const expireAfter = policy ? attr(policy.body, 'expire_after') : undefined;
    if (expireAfter && expireAfter.value.kind !== 'null') return result.pass(resource, expireAfter.range);
  }
  const variable = what === 'key' ? 'key_expiration_date' : 'secret_expiration_date';
  return result.fail(resource, exp?.range ?? resource.headerRange, {
    message: `Key Vault ${what} has no expiration_date: it stays valid forever`,
    fixes: exp
      ? []
      : [
          {
            title: `Set an expiration date from a placeholder variable (var.${variable}, an RFC 3339 timestamp you must define)`,
            safety: 'suggestion',
            edits: [addTerraformAttribute(ctx, resource, `expiration_date = var.${variable}`)],
          },
        ],
  });
}

const WEAK_SINGLE_SERVER_TLS = new Set(['TLSEnforcementDisabled', 'TLS1_0', 'TLS1_1']);

/**
 * PostgreSQL / MySQL single server: `ssl_enforcement_enabled` (azurerm v3; required) or
 * `ssl_enforcement = "Enabled"` (v2), and `ssl_minimal_tls_version_enforced` (default `TLS1_2`).
 */
export function checkSingleServerSsl(resource: Resource): CheckResult {
  if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
  const enforced = attr(resource.body, 'ssl_enforcement_enabled');
  const legacy = attr(resource.body, 'ssl_enforcement');
  const fixTitle = 'Require TLS connections (clients connecting without TLS will be refused)';
  if (enforced && enforced.value.kind !== 'null') {
    const on = asBool(enforced.value);
    if (on === undefined) return result.skip(resource, 'ssl_enforcement_enabled is unknown');
    if (!on) {
      return result.fail(resource, enforced.range, {
        message: 'ssl_enforcement_enabled is false: clients may connect without TLS',
        fixes: [{ title: fixTitle, safety: 'suggestion', edits: [replaceValue(resource.file, enforced, 'true')] }],
      });
    }
  } else if (legacy && legacy.value.kind !== 'null') {
    const v = asString(legacy.value);
    if (v === undefined) return result.skip(resource, 'ssl_enforcement is unknown');
    if (v.toLowerCase() === 'disabled') {
      return result.fail(resource, legacy.range, {
        message: 'ssl_enforcement is "Disabled": clients may connect without TLS',
        fixes: [{ title: fixTitle, safety: 'suggestion', edits: [replaceValue(resource.file, legacy, '"Enabled"')] }],
      });
    }
  } else {
    return result.skip(resource, 'ssl_enforcement_enabled is missing (it is required)');
  }
  const tls = attr(resource.body, 'ssl_minimal_tls_version_enforced');
  if (!tls || tls.value.kind === 'null') return result.pass(resource);
  const version = asString(tls.value);
  if (version === undefined) return result.skip(resource, 'ssl_minimal_tls_version_enforced is unknown');
  if (!WEAK_SINGLE_SERVER_TLS.has(version)) return result.pass(resource, tls.range);
  return result.fail(resource, tls.range, {
    message: `ssl_minimal_tls_version_enforced is ${version}: connections may use a deprecated TLS version`,
    fixes: [{ title: 'Require TLS 1.2 (clients limited to older TLS versions will be refused)', safety: 'suggestion', edits: [replaceValue(resource.file, tls, '"TLS1_2"')] }],
  });
}

/**
 * Flexible server configuration resources (`azurerm_postgresql_flexible_server_configuration`,
 * `azurerm_mysql_flexible_server_configuration`): `require_secure_transport` must not be off, and
 * the minimum TLS parameter (`ssl_min_protocol_version` for PostgreSQL, `tls_version` for MySQL)
 * must not admit TLS 1.0/1.1. The server-side defaults are compliant; other parameters are skipped.
 */
export function checkFlexibleSslConfiguration(resource: Resource, engine: 'postgresql' | 'mysql'): CheckResult {
  if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
  const name = stringSetting(resource, 'name');
  if (name === undefined) return result.skip(resource, 'parameter name is unknown');
  if (name === null) return result.skip(resource, 'no parameter name');
  const valueAttr = attr(resource.body, 'value');
  const lower = name.toLowerCase();
  const tlsParam = engine === 'postgresql' ? 'ssl_min_protocol_version' : 'tls_version';
  if (lower !== 'require_secure_transport' && lower !== tlsParam) return result.skip(resource, `parameter ${name} is not about TLS`);
  if (!valueAttr) return result.skip(resource, 'no value');
  const value = asString(valueAttr.value);
  if (value === undefined) return result.skip(resource, 'value is unknown');
  if (lower === 'require_secure_transport') {
    if (!['off', 'false', '0'].includes(value.trim().toLowerCase())) return result.pass(resource, valueAttr.range);
    return result.fail(resource, valueAttr.range, {
      message: 'require_secure_transport is off: clients may connect without TLS',
      fixes: [{ title: 'Require TLS connections (clients connecting without TLS will be refused)', safety: 'suggestion', edits: [replaceValue(resource.file, valueAttr, engine === 'mysql' ? '"ON"' : '"on"')] }],
    });
  }
  const versions = value.split(',').map((v) => v.trim().toLowerCase());
  const weak = versions.filter((v) => v === 'tlsv1' || v === 'tlsv1.0' || v === 'tlsv1.1');
  if (weak.length === 0) return result.pass(resource, valueAttr.range);
  return result.fail(resource, valueAttr.range, {
    message: `${name} admits ${value}: connections may use a deprecated TLS version`,
    fixes: [{ title: 'Require TLS 1.2 (clients limited to older TLS versions will be refused)', safety: 'suggestion', edits: [replaceValue(resource.file, valueAttr, '"TLSv1.2"')] }],
  });
}
