/**
 * The Terraform functions we evaluate statically: pure, common in IaC, and cheap. Every other
 * function, and every call with an unknown argument, gives an unknown value carrying the refs of
 * its arguments.
 */
import type { ObjectEntry, Range, UnknownValue, Value } from '../model/types';
import {
  ERROR_REASON_PREFIX,
  deepEqual,
  deepRefs,
  isError,
  isFullyKnown,
  isOversized,
  MAX_EVALUATED_STRING,
  primitiveToString,
  unknown,
  valueToJson,
  jsonToValue,
  withRefs,
} from './values';

type Impl = (args: Value[], range: Range, file: string) => Value;

const impls = new Map<string, Impl>();

function define(name: string, impl: Impl): void {
  impls.set(name, impl);
}

/** Names of the functions evaluated statically. */
export function evaluatedFunctionNames(): string[] {
  return ['try', 'can', ...impls.keys()];
}

/**
 * Call a function on evaluated arguments. `try` and `can` look at every argument as is; every
 * other function needs fully known arguments.
 */
export function callFunction(name: string, args: Value[], range: Range, file: string): Value {
  const refs = refsList(args);
  if (name === 'try') {
    for (const a of args) {
      if (isError(a)) continue;
      return withRefs(a, refs);
    }
    return unknown(range, file, `${ERROR_REASON_PREFIX}no argument of try() is valid`, refs);
  }
  if (name === 'can') {
    if (args.length !== 1) return err(range, file, 'can() takes one argument', refs);
    if (isError(args[0])) return withRefs({ kind: 'bool', value: false, range, file }, refs);
    if (!isFullyKnown(args[0])) return unknown(range, file, 'can() of an unknown value', refs);
    return withRefs({ kind: 'bool', value: true, range, file }, refs);
  }
  const impl = impls.get(name);
  if (!impl) return unknown(range, file, `function ${name}() is not evaluated`, refs);
  const errored = args.find(isError);
  if (errored && errored.kind === 'unknown') return unknown(range, file, errored.reason ?? ERROR_REASON_PREFIX, refs);
  if (!args.every(isFullyKnown)) {
    const out = unknown(range, file, `${name}() of an unknown value`, refs);
    if (name === 'jsonencode') keepDecodedStructure(out, args);
    return out;
  }
  let result: Value;
  try {
    result = impl(args, range, file);
  } catch {
    return err(range, file, `${name}() failed`, refs);
  }
  if (isOversized(result)) return unknown(range, file, `${name}() gives a value too large to evaluate`, refs);
  return withRefs(result, refs);
}

/**
 * `jsonencode()` of an object or tuple with unknown leaves: the text is unknown, but its structure
 * is kept on the unknown value so that policy documents mixing a computed ARN with `"*"` can still
 * be judged on their known parts.
 */
function keepDecodedStructure(out: UnknownValue, args: readonly Value[]): void {
  if (args.length !== 1) return;
  const arg = args[0];
  if (arg.kind === 'object' || arg.kind === 'list') out.decoded = arg;
}

function refsList(args: readonly Value[]): string[] | undefined {
  const set = new Set<string>();
  for (const a of args) deepRefs(a, set);
  return set.size ? [...set] : undefined;
}

function err(range: Range, file: string, message: string, refs?: string[]): Value {
  return unknown(range, file, ERROR_REASON_PREFIX + message, refs);
}

function str(value: string, range: Range, file: string): Value {
  return { kind: 'string', value, range, file };
}

function num(value: number, range: Range, file: string): Value {
  return { kind: 'number', value, range, file };
}

function bool(value: boolean, range: Range, file: string): Value {
  return { kind: 'bool', value, range, file };
}

function list(items: Value[], range: Range, file: string): Value {
  return { kind: 'list', items, range, file };
}

/** A string argument (numbers and bools converted as HCL does), or throw. */
function asStr(v: Value | undefined): string {
  if (!v) throw new Error('missing argument');
  const s = primitiveToString(v);
  if (s === undefined) throw new Error('not a string');
  return s;
}

function asNum(v: Value | undefined): number {
  if (!v) throw new Error('missing argument');
  if (v.kind === 'number') return v.value;
  if (v.kind === 'string' && v.value.trim() !== '' && Number.isFinite(Number(v.value))) return Number(v.value);
  throw new Error('not a number');
}

function asItems(v: Value | undefined): Value[] {
  if (!v || v.kind !== 'list') throw new Error('not a list');
  return v.items;
}

function asEntries(v: Value | undefined): ObjectEntry[] {
  if (!v || v.kind !== 'object') throw new Error('not a map');
  return v.entries;
}

function arity(args: Value[], min: number, max = min): void {
  if (args.length < min || args.length > max) throw new Error('wrong number of arguments');
}

function distinctItems(items: Value[]): Value[] {
  const out: Value[] = [];
  for (const item of items) if (!out.some((o) => deepEqual(o, item) === true)) out.push(item);
  return out;
}

/** Unicode-aware length, as Terraform counts characters (approximated by code points). */
function charLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

define('lower', (a, r, f) => (arity(a, 1), str(asStr(a[0]).toLowerCase(), r, f)));
define('upper', (a, r, f) => (arity(a, 1), str(asStr(a[0]).toUpperCase(), r, f)));
define('trimspace', (a, r, f) => (arity(a, 1), str(asStr(a[0]).trim(), r, f)));
define('tostring', (a, r, f) => {
  arity(a, 1);
  if (a[0].kind === 'null') return { kind: 'null', range: r, file: f };
  return str(asStr(a[0]), r, f);
});
define('tonumber', (a, r, f) => {
  arity(a, 1);
  if (a[0].kind === 'null') return { kind: 'null', range: r, file: f };
  return num(asNum(a[0]), r, f);
});
define('tobool', (a, r, f) => {
  arity(a, 1);
  const v = a[0];
  if (v.kind === 'null') return { kind: 'null', range: r, file: f };
  if (v.kind === 'bool') return bool(v.value, r, f);
  if (v.kind === 'string' && (v.value === 'true' || v.value === 'false')) return bool(v.value === 'true', r, f);
  throw new Error('not a bool');
});
define('format', (a, r, f) => {
  if (a.length < 1) throw new Error('format needs a format string');
  const spec = asStr(a[0]);
  let argi = 1;
  let out = '';
  for (let i = 0; i < spec.length; i++) {
    const c = spec[i];
    if (c !== '%') {
      out += c;
      continue;
    }
    const verb = spec[i + 1];
    i++;
    if (verb === '%') out += '%';
    else if (verb === 's' || verb === 'v') out += asStr(a[argi++]);
    else if (verb === 'd') {
      const n = asNum(a[argi++]);
      if (!Number.isInteger(n)) throw new Error('%d of a fraction');
      out += String(n);
    } else throw new Error(`unsupported verb %${verb ?? ''}`);
  }
  if (argi !== a.length) throw new Error('too many arguments');
  return str(out, r, f);
});
define('join', (a, r, f) => {
  if (a.length < 2) throw new Error('join needs a separator and lists');
  const sep = asStr(a[0]);
  const parts: string[] = [];
  for (const l of a.slice(1)) for (const item of asItems(l)) parts.push(asStr(item));
  return str(parts.join(sep), r, f);
});
define('split', (a, r, f) => {
  arity(a, 2);
  const sep = asStr(a[0]);
  const s = asStr(a[1]);
  const pieces = sep === '' ? [...s] : s.split(sep);
  return list(pieces.map((p) => str(p, r, f)), r, f);
});
define('concat', (a, r, f) => list(a.flatMap((l) => asItems(l)), r, f));
define('merge', (a, r, f) => {
  const entries: ObjectEntry[] = [];
  const at = new Map<string, number>();
  for (const m of a) {
    if (m.kind === 'null') continue;
    for (const e of asEntries(m)) {
      const i = at.get(e.key);
      if (i === undefined) {
        at.set(e.key, entries.length);
        entries.push(e);
      } else {
        entries[i] = e;
      }
    }
  }
  return { kind: 'object', entries, range: r, file: f };
});
define('lookup', (a, r, f) => {
  arity(a, 2, 3);
  const key = asStr(a[1]);
  for (const e of asEntries(a[0])) if (e.key === key) return e.value;
  if (a.length === 3) return a[2];
  return err(r, f, `lookup: no key "${key}"`);
});
define('coalesce', (a, r, f) => {
  for (const v of a) {
    if (v.kind === 'null') continue;
    if (v.kind === 'string' && v.value === '') continue;
    return v;
  }
  return err(r, f, 'coalesce: no non-null argument');
});
define('length', (a, r, f) => {
  arity(a, 1);
  const v = a[0];
  if (v.kind === 'list') return num(v.items.length, r, f);
  if (v.kind === 'object') return num(v.entries.length, r, f);
  if (v.kind === 'string') return num(charLength(v.value), r, f);
  throw new Error('length of a non-collection');
});
define('element', (a, r, f) => {
  arity(a, 2);
  const items = asItems(a[0]);
  const i = asNum(a[1]);
  if (items.length === 0 || !Number.isInteger(i) || i < 0) throw new Error('invalid index');
  return items[i % items.length];
});
define('contains', (a, r, f) => {
  arity(a, 2);
  return bool(asItems(a[0]).some((item) => deepEqual(item, a[1]) === true), r, f);
});
define('toset', (a, r, f) => (arity(a, 1), list(distinctItems(asItems(a[0])), r, f)));
define('tolist', (a, r, f) => (arity(a, 1), list(asItems(a[0]), r, f)));
define('tomap', (a, r, f) => (arity(a, 1), { kind: 'object', entries: asEntries(a[0]), range: r, file: f }));
define('distinct', (a, r, f) => (arity(a, 1), list(distinctItems(asItems(a[0])), r, f)));
define('flatten', (a, r, f) => {
  arity(a, 1);
  const out: Value[] = [];
  const walk = (items: Value[]): void => {
    for (const item of items) {
      if (item.kind === 'list') walk(item.items);
      else out.push(item);
    }
  };
  walk(asItems(a[0]));
  return list(out, r, f);
});
define('replace', (a, r, f) => {
  arity(a, 3);
  const s = asStr(a[0]);
  const search = asStr(a[1]);
  const replacement = asStr(a[2]);
  // `/re/` patterns are RE2 regular expressions; we do not emulate RE2.
  if (search.length >= 2 && search.startsWith('/') && search.endsWith('/')) throw new Error('regex replace');
  if (search === '') return str(s, r, f);
  const pieces = s.split(search);
  // One call can multiply the size (every character replaced by a long string): check first.
  if (s.length + (pieces.length - 1) * (replacement.length - search.length) > MAX_EVALUATED_STRING) throw new Error('too large');
  return str(pieces.join(replacement), r, f);
});
define('jsonencode', (a, r, f) => {
  arity(a, 1);
  const json = valueToJson(a[0]);
  if (json === undefined) throw new Error('unknown');
  return str(JSON.stringify(json), r, f);
});
define('jsondecode', (a, r, f) => {
  arity(a, 1);
  return jsonToValue(JSON.parse(asStr(a[0])) as unknown, r, f);
});
define('keys', (a, r, f) => (arity(a, 1), list(asEntries(a[0]).map((e) => str(e.key, e.keyRange, f)), r, f)));
define('values', (a, r, f) => (arity(a, 1), list(asEntries(a[0]).map((e) => e.value), r, f)));
define('compact', (a, r, f) => {
  arity(a, 1);
  return list(
    asItems(a[0]).filter((v) => !(v.kind === 'null' || (v.kind === 'string' && v.value === ''))),
    r,
    f,
  );
});
define('coalescelist', (a, r, f) => {
  for (const l of a) if (asItems(l).length > 0) return l;
  return err(r, f, 'coalescelist: all lists empty');
});
define('min', (a, r, f) => num(Math.min(...a.map(asNum)), r, f));
define('max', (a, r, f) => num(Math.max(...a.map(asNum)), r, f));
define('abs', (a, r, f) => (arity(a, 1), num(Math.abs(asNum(a[0])), r, f)));
define('startswith', (a, r, f) => (arity(a, 2), bool(asStr(a[0]).startsWith(asStr(a[1])), r, f)));
define('endswith', (a, r, f) => (arity(a, 2), bool(asStr(a[0]).endsWith(asStr(a[1])), r, f)));
