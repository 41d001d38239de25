/**
 * Accessors rules use to read the model. They keep "missing" (the user did not write it, so the
 * provider default applies) apart from "unknown" (written, but not knowable statically): the first
 * can be a finding, the second never is.
 */
import type { Attribute, Body, NestedBlock, ObjectEntry, Range, Value } from './types';

/** Result of looking something up: present with a value, absent, or present but unknowable. */
export type Lookup<T> =
  | { state: 'present'; value: T; range: Range }
  | { state: 'missing' }
  | { state: 'unknown'; range?: Range };

export function attr(body: Body, name: string): Attribute | undefined {
  for (const a of body.attributes) if (a.name === name) return a;
  return undefined;
}

/** Nested blocks of a type, e.g. every `ingress` block of a security group. */
export function blocks(body: Body, type: string): NestedBlock[] {
  return body.blocks.filter((b) => b.type === type);
}

/** True when a `dynamic "<type>"` block may add blocks of this type we cannot see. */
export function hasDynamicBlocks(body: Body, type: string): boolean {
  return body.dynamicBlockTypes.includes(type);
}

export function entry(value: Value, key: string): ObjectEntry | undefined {
  if (value.kind !== 'object') return undefined;
  for (const e of value.entries) if (e.key === key) return e;
  return undefined;
}

/** Value of an object entry: `undefined` when the object has no such key (or is not an object). */
export function field(value: Value | undefined, key: string): Value | undefined {
  if (!value) return undefined;
  return entry(value, key)?.value;
}

export function isUnknown(value: Value | undefined): boolean {
  return value !== undefined && value.kind === 'unknown';
}

/**
 * Three-valued boolean: `true`/`false` when known, `undefined` when unknown or not a boolean.
 * Strings "true"/"false" count, because HCL and CloudFormation both convert them.
 */
export function asBool(value: Value | undefined): boolean | undefined {
  if (!value) return undefined;
  if (value.kind === 'bool') return value.value;
  if (value.kind === 'string') {
    const v = value.value.toLowerCase();
    if (v === 'true') return true;
    if (v === 'false') return false;
  }
  return undefined;
}

/** Known string value (numbers and booleans are converted as HCL would), else `undefined`. */
export function asString(value: Value | undefined): string | undefined {
  if (!value) return undefined;
  if (value.kind === 'string') return value.value;
  if (value.kind === 'number') return String(value.value);
  if (value.kind === 'bool') return String(value.value);
  return undefined;
}

/** Known number (numeric strings are converted), else `undefined`. */
export function asNumber(value: Value | undefined): number | undefined {
  if (!value) return undefined;
  if (value.kind === 'number') return value.value;
  if (value.kind === 'string' && value.value.trim() !== '' && !Number.isNaN(Number(value.value))) {
    return Number(value.value);
  }
  return undefined;
}

/**
 * Items of a known list; `undefined` when the value is unknown or not a list. A list whose items
 * are partly unknown is returned as is: callers decide per item.
 */
export function asList(value: Value | undefined): Value[] | undefined {
  if (!value) return undefined;
  if (value.kind === 'list') return value.items;
  return undefined;
}

/** Every string in a known list of strings, or `undefined` if the list or any item is unknown. */
export function asStringList(value: Value | undefined): string[] | undefined {
  const items = asList(value);
  if (!items) {
    const single = asString(value);
    return single === undefined ? undefined : [single];
  }
  const out: string[] = [];
  for (const item of items) {
    const s = asString(item);
    if (s === undefined) return undefined;
    out.push(s);
  }
  return out;
}

/** True when the value or any value nested in it is unknown. */
export function containsUnknown(value: Value): boolean {
  switch (value.kind) {
    case 'unknown':
      return true;
    case 'list':
      return value.items.some(containsUnknown);
    case 'object':
      return value.entries.some((e) => containsUnknown(e.value));
    default:
      return false;
  }
}

/**
 * Convert a fully known value to plain JSON (for policy documents and the like). Returns
 * `undefined` when any part is unknown.
 */
export function toJson(value: Value): unknown {
  switch (value.kind) {
    case 'string':
    case 'number':
    case 'bool':
      return value.value;
    case 'null':
      return null;
    case 'list': {
      const out: unknown[] = [];
      for (const item of value.items) {
        const j = toJson(item);
        if (j === undefined) return undefined;
        out.push(j);
      }
      return out;
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const e of value.entries) {
        const j = toJson(e.value);
        if (j === undefined) return undefined;
        out[e.key] = j;
      }
      return out;
    }
    case 'unknown':
      return undefined;
  }
}

/**
 * Look up an attribute and classify it. A present attribute whose value is unknown is `unknown`;
 * an absent attribute is `missing` unless a dynamic block could supply it (not possible for
 * attributes, so only missing).
 */
export function lookupAttr(body: Body, name: string): Lookup<Value> {
  const a = attr(body, name);
  if (!a) return { state: 'missing' };
  if (a.value.kind === 'unknown') return { state: 'unknown', range: a.range };
  return { state: 'present', value: a.value, range: a.range };
}
