/**
 * The small syntax tree ("raw" nodes) both template readers produce: `yaml`'s document API
 * (tree.ts) and the fast reader for the plain YAML and JSON most templates are written in
 * (fastReader.ts). Offsets are global (UTF-16) and half-open. Short (`!Ref X`) and long
 * (`{ Ref: X }`, `Fn::Sub`) intrinsic forms are already the same node.
 *
 * The mapping rules that both readers must apply identically (duplicate keys, long-form
 * intrinsics) live here, once.
 */

interface RawBase {
  /** Global offsets (UTF-16) into the template text, half-open. */
  start: number;
  end: number;
}
export interface RawScalar extends RawBase {
  t: 'scalar';
  value: string | number | boolean | null;
}
export interface RawSeq extends RawBase {
  t: 'seq';
  items: RawNode[];
}
export interface RawPair {
  key: string;
  keyStart: number;
  keyEnd: number;
  value: RawNode;
  /** Key start to value end. */
  start: number;
  end: number;
}
export interface RawMap extends RawBase {
  t: 'map';
  pairs: RawPair[];
}
/**
 * An intrinsic function call. `name` is the long form (`Ref`, `Condition`, `Fn::Sub`, ...) for
 * both spellings; an unknown short tag keeps its tag (`!Foo`). `start` includes the tag.
 */
export interface RawFn extends RawBase {
  t: 'fn';
  name: string;
  arg: RawNode;
}
/** Something that cannot be turned into a value: an alias past the budget, too deep nesting. */
export interface RawInvalid extends RawBase {
  t: 'invalid';
  reason: string;
}
export type RawNode = RawScalar | RawSeq | RawMap | RawFn | RawInvalid;

/** A YAML error/warning or one of ours, with global offsets. */
export interface TreeIssue {
  start: number;
  end: number;
  message: string;
  severity: 'error' | 'warning';
}

export interface TreeComment {
  /** Global offset of `#`. */
  start: number;
  end: number;
  /** Comment text including `#`. */
  text: string;
}

export interface ParsedTree {
  root: RawNode | undefined;
  issues: TreeIssue[];
  /** In document order. */
  comments: TreeComment[];
  /** True when yaml reported at least one error (warnings don't count). */
  hasErrors: boolean;
}

/** Nesting deeper than this is not evaluated (the document API reader turns it into `invalid`). */
export const MAX_DEPTH = 256;

/**
 * Add a mapping entry. A repeated key is an error and, as in JSON.parse, the last one wins:
 * the earlier entry is dropped. `seen` indexes the keys of large mappings: pass what the previous
 * call returned (`undefined` at first); small mappings are searched directly.
 */
export function addPair(pairs: RawPair[], seen: Set<string> | undefined, pair: RawPair, issues: TreeIssue[]): Set<string> | undefined {
  const key = pair.key;
  let repeated: boolean;
  if (seen) repeated = seen.has(key);
  else {
    repeated = false;
    for (let i = 0; i < pairs.length; i++) if (pairs[i].key === key) repeated = true;
  }
  if (repeated) {
    issues.push({ start: pair.keyStart, end: pair.keyEnd, message: `Duplicate key '${key}': the last one is used`, severity: 'error' });
    const i = pairs.findIndex((p) => p.key === key);
    if (i >= 0) pairs.splice(i, 1);
  }
  pairs.push(pair);
  if (seen) seen.add(key);
  else if (pairs.length >= INDEX_KEYS_FROM) seen = new Set(pairs.map((p) => p.key));
  return seen;
}

/** Mappings with this many entries get a key index. */
const INDEX_KEYS_FROM = 16;

/** A mapping, or the long-form intrinsic it spells: exactly one key, `Ref` or `Fn::...`. */
export function mapNode(pairs: RawPair[], start: number, end: number): RawMap | RawFn {
  if (pairs.length === 1) {
    const only = pairs[0];
    if (only.key === 'Ref' || (only.key.startsWith('Fn::') && !only.key.startsWith('Fn::ForEach::'))) {
      return { t: 'fn', name: only.key, arg: only.value, start, end };
    }
  }
  return { t: 'map', pairs, start, end };
}
