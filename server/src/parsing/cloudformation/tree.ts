/**
 * YAML/JSON text -> a small syntax tree ("raw" nodes) with global offsets, in which the short
 * (`!Ref X`) and long (`{ Ref: X }`, `Fn::Sub`) intrinsic forms are already the same node. Values
 * are resolved later (values.ts); this layer only knows syntax.
 *
 * Two readers give the same tree: the fast reader (fastReader.ts) for the plain YAML and JSON most
 * templates are written in, and `yaml`'s document API for everything else, including every text
 * with a syntax error. `yaml`'s Parser/Composer are used directly (that is all `parseDocument`
 * does) so that the CST is at hand for comments, and so that a chunk of the file can be parsed on
 * its own with its offsets shifted (error recovery in parse.ts).
 */
import { Composer, Parser, isAlias, isMap, isPair, isScalar, isSeq, type Alias } from 'yaml';
import type { Document } from 'yaml';
import { readFast } from './fastReader';
import { flowNestingBeyond, MAX_FLOW_NESTING } from './flowDepth';
import { MAX_DEPTH, addPair, mapNode } from './raw';
import type { ParsedTree, RawNode, RawPair, TreeComment, TreeIssue } from './raw';
import { SHORT_TAGS, YAML_OPTIONS } from './schema';

export type { ParsedTree, RawFn, RawMap, RawNode, RawPair, RawScalar, RawSeq, TreeComment, TreeIssue } from './raw';

/** Shared across every parse of one file so hostile input stays bounded as a whole. */
export interface ParseBudget {
  aliasExpansions: number;
  /** Nodes converted inside alias expansions: a few expansions of a huge anchored map add up too. */
  aliasNodes: number;
  aliasWarnings: number;
  deepNestingReported: boolean;
}

export const MAX_ALIAS_EXPANSIONS = 100;
export const MAX_ALIAS_NODES = 50_000;
const MAX_ALIAS_WARNINGS = 5;
const MAX_CST_DEPTH = 2000;
const MAX_TAG_DISTANCE = 4096;

export function newBudget(): ParseBudget {
  return { aliasExpansions: 0, aliasNodes: 0, aliasWarnings: 0, deepNestingReported: false };
}

/**
 * Parse `text` (the whole file, or a chunk of it that starts at global offset `base`). Never throws.
 */
export function parseTree(text: string, base: number, budget: ParseBudget, withComments: boolean): ParsedTree {
  // Most templates are block YAML or JSON without anything unusual: the fast reader gives the same
  // tree as `yaml`'s document API in a fraction of the time, and defers to it for anything else.
  return readFast(text, base, withComments) ?? parseWithYaml(text, base, budget, withComments);
}

/** `parseTree` through `yaml`'s document API: any YAML, with yaml's errors and warnings. */
export function parseWithYaml(text: string, base: number, budget: ParseBudget, withComments: boolean): ParsedTree {
  const tooDeepAt = flowNestingBeyond(text, MAX_FLOW_NESTING);
  if (tooDeepAt >= 0) {
    const at = base + tooDeepAt;
    return { root: undefined, issues: [{ start: at, end: at + 1, message: 'Template is nested too deeply to parse', severity: 'error' }], comments: [], hasErrors: true };
  }
  const issues: TreeIssue[] = [];
  const comments: TreeComment[] = [];
  let root: RawNode | undefined;
  let hasErrors = false;
  // yaml creates an Error object per syntax error; capturing a stack trace for each made a garbled
  // template with tens of thousands of errors take seconds. The traces are never shown.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    const tokens = Array.from(new Parser().parse(text));
    // Comments only matter for `# trustlint:ignore`; skip the CST walk when there is none.
    if (withComments && text.includes('trustlint:ignore')) {
      for (const t of tokens) collectComments(t, comments, base, 0);
      comments.sort((a, b) => a.start - b.start);
    }
    const composer = new Composer(YAML_OPTIONS);
    let doc: Document.Parsed | undefined;
    for (const d of composer.compose(tokens, true, text.length)) {
      if (!doc) doc = d;
      else {
        const [s, e] = d.range;
        issues.push({ start: base + s, end: base + e, message: 'A template is a single YAML document; later documents are ignored', severity: 'warning' });
        break;
      }
    }
    if (doc) {
      for (const e of doc.errors) {
        hasErrors = true;
        let [start, end] = e.pos;
        if (/^Missing closing .?quote/.test(e.message)) {
          // yaml reports an unclosed quote where the text ends; point at the opening quote instead.
          const open = quotedScalarAt(tokens, start);
          if (open !== undefined) {
            start = open;
            const nl = text.slice(open).search(/[\r\n]/);
            end = nl < 0 ? text.length : open + nl;
          }
        }
        issues.push({ start: base + start, end: base + end, message: firstLine(e.message), severity: 'error' });
      }
      for (const w of doc.warnings) {
        issues.push({ start: base + w.pos[0], end: base + w.pos[1], message: firstLine(w.message), severity: 'warning' });
      }
      if (doc.contents !== null && doc.contents !== undefined) {
        root = new Converter(text, base, doc, budget, issues).convert(doc.contents, 0, 0, []);
      }
    }
  } catch (e) {
    hasErrors = true;
    const tooDeep = e instanceof RangeError;
    issues.push({
      start: base,
      end: base,
      message: tooDeep ? 'Template is nested too deeply to parse' : `Internal error while parsing YAML: ${describe(e)}`,
      severity: 'error',
    });
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
  return { root, issues, comments, hasErrors };
}

function firstLine(message: string): string {
  // yaml appends " at line L, column C" (and a code frame when prettyErrors is on): the range says it.
  const line = message.split('\n')[0];
  return line.replace(/ at line \d+, column \d+:?$/, '');
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

const CST_KEYS = ['start', 'key', 'sep', 'value', 'end', 'items', 'props'] as const;

function collectComments(tok: unknown, out: TreeComment[], base: number, depth: number): void {
  if (!tok || typeof tok !== 'object' || depth > MAX_CST_DEPTH) return;
  if (Array.isArray(tok)) {
    for (const t of tok) collectComments(t, out, base, depth + 1);
    return;
  }
  const t = tok as Record<string, unknown>;
  if (t.type === 'comment') {
    if (typeof t.source === 'string' && typeof t.offset === 'number') {
      out.push({ start: base + t.offset, end: base + t.offset + t.source.length, text: t.source });
    }
    return;
  }
  for (const k of CST_KEYS) if (k in t) collectComments(t[k], out, base, depth + 1);
}

/** Start offset of the quoted scalar token that covers `offset`, if any. */
function quotedScalarAt(tokens: unknown[], offset: number): number | undefined {
  let found: number | undefined;
  const visit = (tok: unknown, depth: number): void => {
    if (found !== undefined || !tok || typeof tok !== 'object' || depth > MAX_CST_DEPTH) return;
    if (Array.isArray(tok)) {
      for (const t of tok) visit(t, depth + 1);
      return;
    }
    const t = tok as Record<string, unknown>;
    if ((t.type === 'double-quoted-scalar' || t.type === 'single-quoted-scalar') && typeof t.offset === 'number' && typeof t.source === 'string') {
      if (t.offset <= offset && offset <= t.offset + t.source.length) found = t.offset;
      return;
    }
    for (const k of CST_KEYS) if (k in t) visit(t[k], depth + 1);
  };
  visit(tokens, 0);
  return found;
}

type YNode = { range?: [number, number, number] | null; tag?: string };

class Converter {
  constructor(
    private readonly src: string,
    private readonly base: number,
    private readonly doc: Document.Parsed,
    private readonly budget: ParseBudget,
    private readonly issues: TreeIssue[],
  ) {}

  /**
   * @param lower local offset before which this node's tag cannot start (end of the key or of the
   *   previous item), so the backwards search for the tag stays local.
   */
  convert(node: unknown, lower: number, depth: number, aliasStack: unknown[]): RawNode {
    if (node === null || node === undefined) {
      return { t: 'scalar', value: null, start: this.base + lower, end: this.base + lower };
    }
    const n = node as YNode;
    const [s, e] = this.localRange(n, lower);
    if (depth > MAX_DEPTH) {
      if (!this.budget.deepNestingReported) {
        this.budget.deepNestingReported = true;
        this.issues.push({ start: this.base + s, end: this.base + e, message: `Nesting deeper than ${MAX_DEPTH} levels is not evaluated`, severity: 'warning' });
      }
      return { t: 'invalid', reason: 'nested too deeply', start: this.base + s, end: this.base + e };
    }
    if (isAlias(node)) return this.alias(node, s, e, depth, aliasStack);
    if (aliasStack.length > 0 && ++this.budget.aliasNodes > MAX_ALIAS_NODES) {
      if (this.budget.aliasNodes === MAX_ALIAS_NODES + 1) {
        this.issues.push({
          start: this.base + s,
          end: this.base + e,
          message: `Aliases expand to more than ${MAX_ALIAS_NODES} values (possible alias bomb): the rest is not expanded`,
          severity: 'error',
        });
      }
      return { t: 'invalid', reason: 'too many aliases', start: this.base + s, end: this.base + e };
    }

    const raw = this.untagged(node, s, e, depth, aliasStack);
    const tag = n.tag;
    if (tag && tag.startsWith('!') && !tag.startsWith('!!')) {
      const name = SHORT_TAGS.get(tag) ?? tag;
      const tagStart = this.findTag(tag, s, lower);
      return { t: 'fn', name, arg: raw, start: this.base + tagStart, end: raw.end };
    }
    if (tag) {
      // A core or verbatim tag (`!!str 0.0.0.0/0`) is part of the value: a fix that replaces the
      // value must replace it too, or the new value (`!Ref X`) gets a second tag.
      const tagStart = this.tagTokenStart(s, lower);
      if (tagStart < s) return { ...raw, start: this.base + tagStart };
    }
    return raw;
  }

  /**
   * Start of the tag written right before the node (only blanks between), else the node start: the
   * `!` that starts the last blank-separated word, or follows a `[`, `{` or `,` in it (`[!!str`);
   * a verbatim tag may hold commas itself (`!<tag:a,b>`).
   */
  private tagTokenStart(nodeStart: number, lower: number): number {
    let i = Math.min(nodeStart, this.src.length);
    while (i > lower && isSpace(this.src.charCodeAt(i - 1))) i--;
    let j = i;
    while (j > lower && !isSpace(this.src.charCodeAt(j - 1))) j--;
    for (let k = j; k < i; k++) {
      if (this.src.charCodeAt(k) === 33 && (k === j || isFlowIndicator(this.src.charCodeAt(k - 1)))) return k;
    }
    return nodeStart;
  }

  private untagged(node: unknown, s: number, e: number, depth: number, aliasStack: unknown[]): RawNode {
    const start = this.base + s;
    if (isScalar(node)) {
      const v = node.value;
      const value =
        v === null || v === undefined
          ? null
          : typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
            ? v
            : typeof v === 'bigint'
              ? Number(v)
              : String(v);
      return { t: 'scalar', value, start, end: this.base + e };
    }
    if (isSeq(node)) {
      const items: RawNode[] = [];
      let prev = s;
      for (const item of node.items) {
        const raw = this.convert(item, prev, depth + 1, aliasStack);
        items.push(raw);
        prev = Math.max(prev, raw.end - this.base);
      }
      const end = node.flow || items.length === 0 ? this.base + e : items[items.length - 1].end;
      return { t: 'seq', items, start, end };
    }
    if (isMap(node)) {
      const pairs: RawPair[] = [];
      let seen: Set<string> | undefined;
      // Inside an alias expansion, the map's problems were reported where its anchor is written:
      // repeating them per expansion turned an alias bomb of duplicate keys into millions of problems.
      const issues = aliasStack.length > 0 ? [] : this.issues;
      const fromStart = node.flow ? s + 1 : s;
      let prev = fromStart;
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const k = pair.key;
        if (!isScalar(k)) {
          if (k !== null && k !== undefined) {
            const [ks, ke] = this.localRange(k as YNode, prev);
            issues.push({ start: this.base + ks, end: this.base + ke, message: 'Keys must be plain strings in a template', severity: 'error' });
          }
          continue;
        }
        const [ks, ke] = this.localRange(k as YNode, prev);
        const key = typeof k.source === 'string' ? k.source : String(k.value);
        const value = this.convert(pair.value, ke, depth + 1, aliasStack);
        const end = Math.max(this.base + ke, value.end);
        seen = addPair(pairs, seen, { key, keyStart: this.base + ks, keyEnd: this.base + ke, value, start: this.base + ks, end }, issues);
        prev = end - this.base;
      }
      const end = node.flow || pairs.length === 0 ? this.base + e : pairs[pairs.length - 1].end;
      return mapNode(pairs, start, end);
    }
    return { t: 'invalid', reason: 'unsupported YAML node', start, end: this.base + e };
  }

  private alias(node: unknown, s: number, e: number, depth: number, aliasStack: unknown[]): RawNode {
    const start = this.base + s;
    const end = this.base + e;
    if (this.budget.aliasWarnings < MAX_ALIAS_WARNINGS) {
      this.budget.aliasWarnings++;
      this.issues.push({ start, end, message: 'CloudFormation does not support YAML aliases', severity: 'warning' });
    }
    if (this.budget.aliasExpansions >= MAX_ALIAS_EXPANSIONS) {
      if (this.budget.aliasExpansions === MAX_ALIAS_EXPANSIONS) {
        this.budget.aliasExpansions++;
        this.issues.push({
          start,
          end,
          message: `More than ${MAX_ALIAS_EXPANSIONS} alias expansions (possible alias bomb): further aliases are not expanded`,
          severity: 'error',
        });
      }
      return { t: 'invalid', reason: 'too many aliases', start, end };
    }
    this.budget.aliasExpansions++;
    let target: unknown;
    try {
      target = isAlias(node) ? this.resolveAlias(node) : undefined;
    } catch {
      target = undefined;
    }
    if (!target || aliasStack.includes(target)) {
      return { t: 'invalid', reason: target ? 'recursive alias' : 'unresolved alias', start, end };
    }
    const raw = this.convert(target, 0, depth + 1, [...aliasStack, target]);
    // The value is written at the anchor; the alias is where it is used.
    return { ...raw, start, end };
  }

  /** Pre-order position of every node, and the nodes of each anchor name in that order. */
  private anchorIndex: { order: Map<unknown, number>; anchors: Map<string, Array<{ index: number; node: unknown }>> } | undefined;

  /**
   * What `alias.resolve(doc)` returns (the last node with the alias's anchor before the alias, in
   * document order), from an index built once per document: yaml walks the whole document for
   * every alias, copying the path at each level, which a deeply nested template with many aliases
   * turned into seconds.
   */
  private resolveAlias(alias: Alias): unknown {
    if (!this.anchorIndex) {
      const order = new Map<unknown, number>();
      const anchors = new Map<string, Array<{ index: number; node: unknown }>>();
      const stack: unknown[] = [this.doc.contents];
      let index = 0;
      while (stack.length > 0) {
        const node = stack.pop();
        if (node === null || node === undefined || typeof node !== 'object') continue;
        if (isPair(node)) {
          // Key before value, as yaml's visit goes.
          stack.push(node.value, node.key);
          continue;
        }
        order.set(node, index);
        const anchor = (node as { anchor?: string }).anchor;
        if (anchor) {
          const list = anchors.get(anchor);
          if (list) list.push({ index, node });
          else anchors.set(anchor, [{ index, node }]);
        }
        index++;
        if (isMap(node) || isSeq(node)) {
          const items = node.items as unknown[];
          for (let i = items.length - 1; i >= 0; i--) stack.push(items[i]);
        }
      }
      this.anchorIndex = { order, anchors };
    }
    const at = this.anchorIndex.order.get(alias);
    if (at === undefined) return alias.resolve(this.doc);
    const list = this.anchorIndex.anchors.get(alias.source);
    if (!list) return undefined;
    let lo = 0;
    let hi = list.length - 1;
    let found: unknown;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].index < at) {
        found = list[mid].node;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  private localRange(n: YNode, lower: number): [number, number] {
    const r = n.range;
    if (!r) return [lower, lower];
    let end = r[1];
    // Block collections end after their trailing line break; values end at their last character.
    while (end > r[0] && isSpace(this.src.charCodeAt(end - 1))) end--;
    return [r[0], end];
  }

  /** Offset of `tag` written before the node (between `lower` and the node start), else the node start. */
  private findTag(tag: string, nodeStart: number, lower: number): number {
    const first = tag.charCodeAt(0);
    // Only whitespace, comments and an anchor can separate a tag from its node: look back a little.
    const stop = Math.max(lower, nodeStart - MAX_TAG_DISTANCE, 0);
    for (let i = Math.min(nodeStart, this.src.length) - 1; i >= stop; i--) {
      if (this.src.charCodeAt(i) === first && this.src.startsWith(tag, i)) return i;
    }
    return nodeStart;
  }
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** `[`, `{` and `,`: what can precede a node in a flow collection. */
function isFlowIndicator(c: number): boolean {
  return c === 91 || c === 123 || c === 44;
}
