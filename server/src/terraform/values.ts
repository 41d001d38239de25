/**
 * Small helpers to build and combine model `Value`s during Terraform evaluation.
 */
import type { ListValue, ObjectEntry, ObjectValue, Range, UnknownValue, Value } from '../model/types';

/** Reason used for an evaluation error (missing attribute, bad index, ...), which `try()` skips. */
export const ERROR_REASON_PREFIX = 'error: ';

/**
 * Largest string and list the evaluator builds. Nested `jsonencode`, `format`, `concat` or
 * templates referring to a local twice double their size at each level, so thirty levels of a
 * half-typed or hostile file would ask for gigabytes: past these sizes a value is unknown (no rule
 * needs a megabyte of text to judge a resource).
 */
export const MAX_EVALUATED_STRING = 1 << 20;
export const MAX_EVALUATED_ITEMS = 1 << 16;

/** True when a value is a string or collection over the evaluator's size limits. */
export function isOversized(value: Value): boolean {
  if (value.kind === 'string') return value.value.length > MAX_EVALUATED_STRING;
  if (value.kind === 'list') return value.items.length > MAX_EVALUATED_ITEMS;
  if (value.kind === 'object') return value.entries.length > MAX_EVALUATED_ITEMS;
  return false;
}

/** Union of ref lists, without duplicates; `undefined` when empty (so values stay lean). */
export function unionRefs(...lists: Array<readonly string[] | undefined>): string[] | undefined {
  let out: string[] | undefined;
  for (const list of lists) {
    if (!list || list.length === 0) continue;
    if (!out) {
      out = [...list];
      continue;
    }
    for (const r of list) if (!out.includes(r)) out.push(r);
  }
  return out;
}

/** Refs of a value and of everything nested in it. */
export function deepRefs(value: Value, into: Set<string> = new Set()): Set<string> {
  if (value.refs) for (const r of value.refs) into.add(r);
  if (value.kind === 'list') for (const item of value.items) deepRefs(item, into);
  else if (value.kind === 'object') for (const e of value.entries) deepRefs(e.value, into);
  return into;
}

/** Refs of several values, deep, as a list (or `undefined` when none). */
export function refsOf(values: readonly Value[]): string[] | undefined {
  const set = new Set<string>();
  for (const v of values) deepRefs(v, set);
  return set.size ? [...set] : undefined;
}

export function unknown(range: Range, file: string, reason: string, refs?: readonly string[]): UnknownValue {
  const v: UnknownValue = { kind: 'unknown', range, file, reason };
  if (refs && refs.length) v.refs = [...refs];
  return v;
}

export function isError(value: Value): boolean {
  return value.kind === 'unknown' && value.reason !== undefined && value.reason.startsWith(ERROR_REASON_PREFIX);
}

/** Adds refs to a value (shallow copy when needed). */
export function withRefs<T extends Value>(value: T, refs: readonly string[] | undefined): T {
  if (!refs || refs.length === 0) return value;
  const merged = unionRefs(value.refs, refs);
  return { ...value, refs: merged };
}

/** True when the value and everything nested in it is known. */
export function isFullyKnown(value: Value): boolean {
  switch (value.kind) {
    case 'unknown':
      return false;
    case 'list':
      return value.items.every(isFullyKnown);
    case 'object':
      return value.entries.every((e) => isFullyKnown(e.value));
    default:
      return true;
  }
}

/**
 * Structural equality of two fully known values, as Terraform's `==` sees it (types must match:
 * `"1" == 1` is false). Returns `undefined` when either side contains an unknown.
 */
export function deepEqual(a: Value, b: Value): boolean | undefined {
  if (a.kind === 'unknown' || b.kind === 'unknown') return undefined;
  if (a.kind !== b.kind) {
    return isFullyKnown(a) && isFullyKnown(b) ? false : undefined;
  }
  switch (a.kind) {
    case 'string':
    case 'number':
    case 'bool':
      return a.value === (b as typeof a).value;
    case 'null':
      return true;
    case 'list': {
      const bl = b as typeof a;
      let result: boolean | undefined = a.items.length === bl.items.length;
      if (!result) return isFullyKnown(a) && isFullyKnown(b) ? false : undefined;
      for (let i = 0; i < a.items.length; i++) {
        const r = deepEqual(a.items[i], bl.items[i]);
        if (r === undefined) result = undefined;
        else if (!r) return isFullyKnown(a) && isFullyKnown(b) ? false : undefined;
      }
      return result;
    }
    case 'object': {
      const bo = b as typeof a;
      if (a.entries.length !== bo.entries.length) {
        return isFullyKnown(a) && isFullyKnown(b) ? false : undefined;
      }
      const byKey = new Map<string, Value>();
      for (const e of bo.entries) byKey.set(e.key, e.value);
      let result: boolean | undefined = true;
      for (const e of a.entries) {
        const other = byKey.get(e.key);
        if (!other) return isFullyKnown(a) && isFullyKnown(b) ? false : undefined;
        const r = deepEqual(e.value, other);
        if (r === undefined) result = undefined;
        else if (!r) return isFullyKnown(a) && isFullyKnown(b) ? false : undefined;
      }
      return result;
    }
  }
}

/**
 * A copy of `value` in which every nested value, entry key and entry range points at `range` in
 * `file`: a resolved variable or local is reported where it is used, not where it is defined.
 * With `dropRefs`, refs are removed (values crossing a module boundary: the caller's addresses
 * mean nothing in the child's address space).
 */
export function relocate(value: Value, range: Range, file: string, dropRefs = false): Value {
  const refs = dropRefs ? undefined : value.refs;
  switch (value.kind) {
    case 'list':
      return withOptionalRefs(
        { kind: 'list', range, file, items: value.items.map((i) => relocate(i, range, file, dropRefs)) },
        refs,
      );
    case 'object':
      return withOptionalRefs(
        {
          kind: 'object',
          range,
          file,
          entries: value.entries.map(
            (e): ObjectEntry => ({ key: e.key, keyRange: range, range, value: relocate(e.value, range, file, dropRefs) }),
          ),
        },
        refs,
      );
    default: {
      if (value.kind === 'unknown' && value.decoded) {
        const decoded = relocate(value.decoded, range, file, dropRefs) as ListValue | ObjectValue;
        return withOptionalRefs({ kind: 'unknown', range, file, reason: value.reason, decoded }, refs);
      }
      // Rest/spread instead of `delete copy.refs`: deleting a property turns the copy into a slow
      // dictionary-mode object, and relocated values are everywhere in a module-call model.
      if (!refs && value.refs) {
        const { refs: _dropped, ...rest } = value;
        return { ...rest, range, file } as Value;
      }
      return { ...value, range, file };
    }
  }
}

/** Ref arrays are never mutated once built, so copies of a value share them. */
function withOptionalRefs<T extends Value>(value: T, refs: string[] | undefined): T {
  if (refs && refs.length) value.refs = refs;
  return value;
}

/** The HCL string conversion of a primitive, or `undefined` when not convertible. */
export function primitiveToString(value: Value): string | undefined {
  switch (value.kind) {
    case 'string':
      return value.value;
    case 'number':
      return formatNumber(value.value);
    case 'bool':
      return value.value ? 'true' : 'false';
    default:
      return undefined;
  }
}

/** Terraform prints whole numbers without a fraction and others in shortest form, like JS. */
export function formatNumber(n: number): string {
  return String(n);
}

/** Plain JSON of a fully known value (object keys in written order), else `undefined`. */
export function valueToJson(value: Value): unknown {
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
        const j = valueToJson(item);
        if (j === undefined) return undefined;
        out.push(j);
      }
      return out;
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const e of value.entries) {
        const j = valueToJson(e.value);
        if (j === undefined) return undefined;
        setJsonKey(out, e.key, j);
      }
      return out;
    }
    case 'unknown':
      return undefined;
  }
}

/** Build a model value from plain JSON (used for `jsondecode` and policy merging). */
export function jsonToValue(json: unknown, range: Range, file: string): Value {
  if (json === null || json === undefined) return { kind: 'null', range, file };
  if (typeof json === 'string') return { kind: 'string', value: json, range, file };
  if (typeof json === 'number') return { kind: 'number', value: json, range, file };
  if (typeof json === 'boolean') return { kind: 'bool', value: json, range, file };
  if (Array.isArray(json)) return { kind: 'list', items: json.map((j) => jsonToValue(j, range, file)), range, file };
  const entries: ObjectEntry[] = [];
  for (const [key, v] of Object.entries(json as Record<string, unknown>)) {
    entries.push({ key, keyRange: range, range, value: jsonToValue(v, range, file) });
  }
  return { kind: 'object', entries, range, file };
}

/** Assign a key on a plain object; `__proto__` becomes an own property instead of a prototype. */
export function setJsonKey(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
