/**
 * The fast reader: YAML and JSON text -> raw nodes, for the plain subset that nearly every template
 * is written in, without `yaml`'s lexer, CST and document nodes. Those cost about 3 s of CPU for a
 * 3.7 MB template here (2 s of it in the lexer and parser alone); this reader takes about 0.1 s.
 *
 * The subset: block mappings and sequences indented with spaces; plain keys and values on one
 * line; single- and double-quoted scalars on one line; literal and folded block scalars (`|`, `>`,
 * with `-` chomping); flow collections on one line (`[a, b]`, `{ Ref: X }`); the short intrinsic
 * tags; comments; and JSON documents (a flow mapping spanning any number of lines).
 *
 * It gives exactly the tree `yaml`'s document API gives (tree.ts), with the same scalar values
 * (resolved by `yaml`'s own schema), ranges, tags and comments. At the first thing outside the
 * subset (anchors, aliases, explicit keys, multi-line scalars, other tags, directives, several
 * documents, tabs in the indentation) or anything yaml would report as an error or warning, it
 * gives up and returns `undefined`: the caller then parses with yaml. So it never needs to know
 * yaml's error messages, and every document yaml handles differently is simply not its business.
 * test/cloudformation/fastReader.test.ts compares both readers on every template in the repository,
 * generated templates and mutations of them.
 */
import { MAX_DEPTH, addPair, mapNode } from './raw';
import type { ParsedTree, RawNode, RawPair, RawScalar, TreeComment, TreeIssue } from './raw';
import { PlainScalars, SHORT_TAGS } from './schema';
import type { PlainValue } from './schema';

/** Thrown inside the reader when the text leaves the subset; never escapes `readFast`. */
const OUTSIDE_SUBSET: unique symbol = Symbol('outside the fast subset');

/** yaml rejects implicit keys longer than 1024 characters; stay clear of the limit. */
const MAX_KEY_LENGTH = 1000;
/** Below the document API reader's MAX_DEPTH, where it starts reporting. */
const MAX_FAST_DEPTH = MAX_DEPTH - 16;

const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;
const HASH = 35;
const DQUOTE = 34;
const SQUOTE = 39;
const DASH = 45;
const COLON = 58;
const BANG = 33;
const COMMA = 44;
const LBRACKET = 91;
const RBRACKET = 93;
const LBRACE = 123;
const RBRACE = 125;
const PIPE = 124;
const GT = 62;
const BACKSLASH = 92;
const PLUS = 43;

let plainScalars: PlainScalars | undefined;

/**
 * Read `text` (a whole file, or a chunk starting at global offset `base`) when it is in the fast
 * subset; `undefined` means "use the document API". Comments are collected when `withComments` and
 * the text mentions `trustlint:ignore`, as the document API reader does.
 */
export function readFast(text: string, base: number, withComments: boolean): ParsedTree | undefined {
  try {
    plainScalars ??= new PlainScalars();
    return new FastReader(text, base, withComments && text.includes('trustlint:ignore'), plainScalars).read();
  } catch {
    // OUTSIDE_SUBSET, or anything unexpected (a stack overflow on absurd nesting): yaml decides.
    return undefined;
  }
}

function outside(): never {
  throw OUTSIDE_SUBSET;
}

/** Space, line break or end of text: what must follow `:` and `-` as indicators. */
function isBreakOrSpace(c: number): boolean {
  return c === SPACE || c === LF || c === CR || Number.isNaN(c);
}

function isFlowIndicator(c: number): boolean {
  return c === COMMA || c === LBRACKET || c === RBRACKET || c === LBRACE || c === RBRACE;
}

/**
 * Whether a plain scalar cannot start at `p` in block context: YAML's indicators, except `-` and `:`
 * followed by a non-space (`-1`, `::/0`), and what the subset leaves to yaml.
 */
function cannotStartBlockPlain(src: string, p: number): boolean {
  const c = src.charCodeAt(p);
  if (c === DASH || c === COLON) return isBreakOrSpace(src.charCodeAt(p + 1)) || src.charCodeAt(p + 1) === TAB;
  return cannotStartPlain(c);
}

/** As `cannotStartBlockPlain`, in flow context, where flow indicators end a scalar. */
function cannotStartFlowPlain(src: string, p: number): boolean {
  const c = src.charCodeAt(p);
  if (c === DASH || c === COLON) {
    const d = src.charCodeAt(p + 1);
    return isBreakOrSpace(d) || d === TAB || isFlowIndicator(d);
  }
  return cannotStartPlain(c);
}

/** Characters that cannot start a plain scalar (YAML's indicators), or that the subset leaves to yaml. */
function cannotStartPlain(c: number): boolean {
  switch (c) {
    case 63: // ?
    case DASH:
    case COLON:
    case COMMA:
    case LBRACKET:
    case RBRACKET:
    case LBRACE:
    case RBRACE:
    case HASH:
    case 38: // &
    case 42: // *
    case BANG:
    case PIPE:
    case GT:
    case SQUOTE:
    case DQUOTE:
    case 37: // %
    case 64: // @
    case 96: // `
    case SPACE:
    case TAB:
    case LF:
    case CR:
      return true;
    default:
      return Number.isNaN(c) || c === 0xfeff;
  }
}

/** How a plain scalar on a line ended. */
const enum PlainStop {
  /** End of line or text. */
  Eol,
  /** A ` #` comment. */
  Comment,
  /** A `:` followed by a space or line break: the scalar was a key. */
  Colon,
  /** A flow indicator (flow context only). */
  Flow,
}

class FastReader {
  private pos = 0;
  /** Indentation and start of the content line found by `nextContentLine`. */
  private indent = 0;
  private lineStart = 0;
  private atEnd = false;
  /** Set whenever a comment is skipped (tags must not be separated from their node by one). */
  private sawComment = false;
  private readonly n: number;
  private readonly issues: TreeIssue[] = [];
  private readonly comments: TreeComment[] = [];
  // Results of the scanners, kept in fields so the hot paths allocate nothing but nodes.
  private scalarEnd = 0;
  private plainStop = PlainStop.Eol;
  private escaped = '';
  /**
   * Plain scalars already resolved: templates repeat the same few (`true`, `Retain`, type names)
   * thousands of times. Per read, so that no file's text outlives its parse through these keys.
   */
  private readonly plainValues = new Map<string, PlainValue>();

  constructor(
    private readonly src: string,
    private readonly base: number,
    private readonly withComments: boolean,
    private readonly plain: PlainScalars,
  ) {
    this.n = src.length;
  }

  read(): ParsedTree {
    const src = this.src;
    // A byte order mark, or a carriage return that is not part of CRLF: yaml's business.
    if (src.charCodeAt(0) === 0xfeff) outside();
    if (src.includes('\r') && /\r(?!\n)/.test(src)) outside();
    let first = 0;
    while (first < this.n && isBreakOrSpace(src.charCodeAt(first))) first++;
    const root = src.charCodeAt(first) === LBRACE ? this.jsonDocument(first) : this.blockDocument();
    return { root, issues: this.issues, comments: this.comments, hasErrors: false };
  }

  // ---- lines ------------------------------------------------------------------------------

  /**
   * From a line start (`pos`), skip blank and comment lines. Leaves `pos` at the first character of
   * the next content line with `indent` and `lineStart` set, or `atEnd`.
   */
  private nextContentLine(): void {
    const src = this.src;
    let p = this.pos;
    for (;;) {
      const start = p;
      while (src.charCodeAt(p) === SPACE) p++;
      if (p >= this.n) {
        this.pos = this.n;
        this.atEnd = true;
        return;
      }
      const c = src.charCodeAt(p);
      if (c === LF) {
        p++;
        continue;
      }
      if (c === CR) {
        p += 2;
        continue;
      }
      if (c === HASH) {
        p = this.comment(p);
        continue;
      }
      if (c === TAB) outside();
      if (p === start && isDocumentMarker(src, p)) outside();
      this.lineStart = start;
      this.indent = p - start;
      this.pos = p;
      return;
    }
  }

  /** Skip a comment starting at `p` (`#`), recording it; returns the start of the next line. */
  private comment(p: number): number {
    const src = this.src;
    let end = src.indexOf('\n', p);
    if (end < 0) end = this.n;
    const next = end < this.n ? end + 1 : end;
    if (end > p && src.charCodeAt(end - 1) === CR) end--;
    this.sawComment = true;
    if (this.withComments) this.comments.push({ start: this.base + p, end: this.base + end, text: src.slice(p, end) });
    return next;
  }

  /**
   * After a node's last character on its line: only spaces and a comment may follow. Moves `pos` to
   * the start of the next line.
   */
  private finishLine(p: number): void {
    const src = this.src;
    const from = p;
    while (src.charCodeAt(p) === SPACE) p++;
    const c = src.charCodeAt(p);
    if (p >= this.n) {
      this.pos = this.n;
      return;
    }
    if (c === LF) {
      this.pos = p + 1;
      return;
    }
    if (c === CR) {
      this.pos = p + 2;
      return;
    }
    // A comment must be separated from what precedes it.
    if (c === HASH && (p > from || isBreakOrSpace(src.charCodeAt(p - 1)))) {
      this.pos = this.comment(p);
      return;
    }
    outside();
  }

  // ---- block structure --------------------------------------------------------------------

  private blockDocument(): RawNode {
    this.nextContentLine();
    if (this.atEnd) outside();
    const root = this.blockCollection(this.indent, 0);
    this.nextContentLine();
    if (!this.atEnd) outside();
    return root;
  }

  /** The block mapping or sequence whose first line is the current content line. */
  private blockCollection(indent: number, depth: number): RawNode {
    if (depth > MAX_FAST_DEPTH) outside();
    const src = this.src;
    if (src.charCodeAt(this.pos) === DASH && isBreakOrSpace(src.charCodeAt(this.pos + 1))) return this.blockSeq(indent, depth);
    return this.blockMap(indent, depth);
  }

  private blockMap(indent: number, depth: number): RawNode {
    const pairs: RawPair[] = [];
    let seen: Set<string> | undefined;
    const start = this.base + this.pos;
    for (;;) {
      seen = addPair(pairs, seen, this.mapEntry(indent, depth), this.issues);
      this.nextContentLine();
      if (this.atEnd || this.indent < indent) break;
      if (this.indent > indent) outside();
      // An entry `- x` at the mapping's indentation after a complete value is a yaml error.
      if (this.src.charCodeAt(this.pos) === DASH && isBreakOrSpace(this.src.charCodeAt(this.pos + 1))) outside();
    }
    // The caller reads the line that ended the mapping again.
    if (!this.atEnd) this.pos = this.lineStart;
    return mapNode(pairs.slice(), start, pairs[pairs.length - 1].end);
  }

  /** `key: value` at `pos`; the mapping is indented `indent`. */
  private mapEntry(indent: number, depth: number): RawPair {
    const keyStart = this.pos;
    const key = this.implicitKey();
    const keyEnd = this.scalarEnd;
    // `pos` is just after the `:`.
    const value = this.valueAfterIndicator(indent, depth + 1, true);
    const end = Math.max(this.base + keyEnd, value.end);
    return { key, keyStart: this.base + keyStart, keyEnd: this.base + keyEnd, value, start: this.base + keyStart, end };
  }

  /** A key on one line up to its `:`; sets `scalarEnd` to the key's end and `pos` past the `:`. */
  private implicitKey(): string {
    const src = this.src;
    const start = this.pos;
    const c = src.charCodeAt(start);
    let key: string;
    let p: number;
    if (c === DQUOTE || c === SQUOTE) {
      key = c === DQUOTE ? this.doubleQuoted(start) : this.singleQuoted(start);
      p = this.scalarEnd;
      while (src.charCodeAt(p) === SPACE) p++;
      if (src.charCodeAt(p) !== COLON || !isBreakOrSpace(src.charCodeAt(p + 1))) outside();
    } else {
      if (cannotStartBlockPlain(src, start)) outside();
      this.scanPlain(start, false);
      if (this.plainStop !== PlainStop.Colon) outside();
      key = src.slice(start, this.scalarEnd);
      p = this.pos;
    }
    if (p - start > MAX_KEY_LENGTH) outside();
    this.pos = p + 1;
    return key;
  }

  /**
   * The value after a mapping's `:` or a sequence's `-` (`pos` is just after it). `indent` is the
   * indentation of the collection the indicator belongs to.
   */
  private valueAfterIndicator(indent: number, depth: number, inMap: boolean): RawNode {
    const src = this.src;
    const after = this.pos;
    let p = after;
    while (src.charCodeAt(p) === SPACE) p++;
    const c = src.charCodeAt(p);
    if (p >= this.n || c === LF || c === CR || (c === HASH && p > after)) {
      this.finishLine(p);
      return this.nestedBlock(indent, p, depth, inMap);
    }
    if (c === TAB) outside();
    this.pos = p;
    if (c === BANG) return this.taggedValue(indent, depth, inMap);
    if (!inMap) {
      // `- - x` and `- key: value`: a collection starting on the entry's line (`lineStart`'s line).
      const column = p - this.lineStart;
      if (c === DASH && isBreakOrSpace(src.charCodeAt(p + 1))) return this.blockSeq(column, depth);
      if (this.startsKey(p)) return this.blockMap(column, depth);
    }
    return this.inlineValue(indent, depth);
  }

  /** A value written on the following lines, or an empty (null) one positioned at `emptyAt`. */
  private nestedBlock(indent: number, emptyAt: number, depth: number, inMap: boolean): RawNode {
    this.nextContentLine();
    if (!this.atEnd) {
      const c = this.src.charCodeAt(this.pos);
      const isEntry = c === DASH && isBreakOrSpace(this.src.charCodeAt(this.pos + 1));
      if (this.indent > indent) {
        if (!isEntry && !this.startsKey(this.pos)) outside();
        return this.blockCollection(this.indent, depth);
      }
      // A mapping's value may be a sequence at the mapping's own indentation.
      if (inMap && isEntry && this.indent === indent) return this.blockSeq(indent, depth);
      this.pos = this.lineStart;
    }
    return this.scalar(null, emptyAt, emptyAt);
  }

  private blockSeq(indent: number, depth: number): RawNode {
    if (depth > MAX_FAST_DEPTH) outside();
    const src = this.src;
    const items: RawNode[] = [];
    const start = this.base + this.pos;
    for (;;) {
      this.pos++; // past `-`
      items.push(this.valueAfterIndicator(indent, depth + 1, false));
      this.nextContentLine();
      if (this.atEnd || this.indent < indent) break;
      if (this.indent > indent) outside();
      if (src.charCodeAt(this.pos) !== DASH || !isBreakOrSpace(src.charCodeAt(this.pos + 1))) break;
    }
    if (!this.atEnd) this.pos = this.lineStart;
    return { t: 'seq', items: items.slice(), start, end: items[items.length - 1].end };
  }

  /** `!Tag value` or `!Tag` followed by a block on the next lines. */
  private taggedValue(indent: number, depth: number, inMap: boolean): RawNode {
    const src = this.src;
    const tagStart = this.pos;
    const name = this.tagName(tagStart);
    let p = this.pos;
    const c = src.charCodeAt(p);
    if (!isBreakOrSpace(c)) outside();
    while (src.charCodeAt(p) === SPACE) p++;
    const v = src.charCodeAt(p);
    let arg: RawNode;
    if (p >= this.n || v === LF || v === CR || v === HASH) {
      this.sawComment = false;
      this.finishLine(p);
      arg = this.nestedBlock(indent, p, depth, inMap);
      // A tag on nothing tags an empty string.
      if (arg.t === 'scalar' && arg.value === null) arg = this.scalar('', p, p);
      // The document API finds a tag by searching back from its node: a comment in between could
      // hold the same text.
      else if (this.sawComment) outside();
    } else {
      if (v === BANG || v === TAB) outside();
      this.pos = p;
      arg = this.inlineValue(indent, depth, true);
    }
    return { t: 'fn', name, arg, start: this.base + tagStart, end: arg.end };
  }

  /** A known short tag at `p`; `pos` is left just after it. */
  private tagName(p: number): string {
    const src = this.src;
    let q = p + 1;
    while (q < this.n) {
      const c = src.charCodeAt(q);
      if (c === SPACE || c === LF || c === CR || c === TAB || isFlowIndicator(c)) break;
      q++;
    }
    const name = SHORT_TAGS.get(src.slice(p, q));
    if (name === undefined) outside();
    this.pos = q;
    return name;
  }

  /**
   * A value that starts and (except block scalars) ends on the current line; `pos` is at it. A
   * `tagged` plain scalar stays a string: the intrinsic tags resolve to their source text.
   */
  private inlineValue(indent: number, depth: number, tagged = false): RawNode {
    const src = this.src;
    const p = this.pos;
    const c = src.charCodeAt(p);
    if (c === PIPE || c === GT) return this.blockScalar(indent);
    if (c === LBRACKET || c === LBRACE) {
      const node = this.flowCollection(depth, false);
      this.finishLine(this.pos);
      return node;
    }
    if (c === DQUOTE || c === SQUOTE) {
      const value = c === DQUOTE ? this.doubleQuoted(p) : this.singleQuoted(p);
      const end = this.scalarEnd;
      this.finishLine(end);
      return this.scalar(value, p, end);
    }
    if (cannotStartBlockPlain(src, p)) outside();
    this.scanPlain(p, false);
    // `a: b` inside a value is a nested mapping yaml rejects.
    if (this.plainStop === PlainStop.Colon) outside();
    const end = this.scalarEnd;
    const source = src.slice(p, end);
    const value = tagged ? source : this.resolvePlain(source);
    this.finishLine(end);
    // A plain scalar continued on a more indented line is a multi-line scalar: the callers' checks
    // on the next line's indentation send that to yaml.
    return this.scalar(value, p, end);
  }

  /** Whether a `key:` (plain or quoted, then `:` and a space or line break) starts at `p`. */
  private startsKey(p: number): boolean {
    const src = this.src;
    const c = src.charCodeAt(p);
    if (c === DQUOTE || c === SQUOTE) {
      const close = this.quoteEnd(p);
      if (close < 0) return false;
      let q = close;
      while (src.charCodeAt(q) === SPACE) q++;
      return src.charCodeAt(q) === COLON && isBreakOrSpace(src.charCodeAt(q + 1));
    }
    if (cannotStartBlockPlain(src, p)) return false;
    const pos = this.pos;
    this.scanPlain(p, false);
    this.pos = pos;
    return this.plainStop === PlainStop.Colon;
  }

  /** End (after the closing quote) of a one-line quoted scalar at `p`, or -1. */
  private quoteEnd(p: number): number {
    const src = this.src;
    const quote = src.charCodeAt(p);
    for (let q = p + 1; q < this.n; q++) {
      const c = src.charCodeAt(q);
      if (c === LF || c === CR) return -1;
      if (quote === DQUOTE && c === BACKSLASH) q++;
      else if (c === quote) {
        if (quote === SQUOTE && src.charCodeAt(q + 1) === SQUOTE) q++;
        else return q + 1;
      }
    }
    return -1;
  }

  // ---- scalars ----------------------------------------------------------------------------

  private scalar(value: PlainValue, start: number, end: number): RawScalar {
    return { t: 'scalar', value, start: this.base + start, end: this.base + end };
  }

  private resolvePlain(source: string): PlainValue {
    const cached = this.plainValues.get(source);
    if (cached !== undefined) return cached;
    const v = this.plain.resolve(source);
    if (v === undefined) outside();
    this.plainValues.set(source, v);
    return v;
  }

  /**
   * A plain scalar from `p`: up to the end of the line, a ` #` comment, or a `:` followed by a
   * space or line break; in flow context (`flow`) also up to a flow indicator, and a `:` followed by
   * one stops it too. Sets `scalarEnd` (trailing spaces excluded), `plainStop`, and `pos` at the `:`
   * for a `:` stop; in flow context otherwise `pos` at `scalarEnd` (flowSpace skips the spaces).
   */
  private scanPlain(p: number, flow: boolean): void {
    const src = this.src;
    let end = p;
    let q = p;
    for (;;) {
      if (q >= this.n) {
        this.plainStop = PlainStop.Eol;
        break;
      }
      const c = src.charCodeAt(q);
      if (c === LF || c === CR) {
        this.plainStop = PlainStop.Eol;
        break;
      }
      if (c === TAB) outside();
      if (c === SPACE) {
        q++;
        continue;
      }
      if (flow && isFlowIndicator(c)) {
        this.plainStop = PlainStop.Flow;
        break;
      }
      if (c === HASH && q > p && src.charCodeAt(q - 1) === SPACE) {
        this.plainStop = PlainStop.Comment;
        break;
      }
      if (c === COLON) {
        const d = src.charCodeAt(q + 1);
        if (isBreakOrSpace(d) || (flow && isFlowIndicator(d))) {
          this.plainStop = PlainStop.Colon;
          this.pos = q;
          break;
        }
      }
      q++;
      end = q;
    }
    this.scalarEnd = end;
    if (flow && this.plainStop !== PlainStop.Colon) this.pos = end;
  }

  /** A double-quoted scalar on one line at `p`; sets `scalarEnd` after the closing quote. */
  private doubleQuoted(p: number): string {
    const src = this.src;
    let q = p + 1;
    let out = '';
    let chunk = q;
    for (;;) {
      if (q >= this.n) outside();
      const c = src.charCodeAt(q);
      if (c === DQUOTE) break;
      if (c < SPACE && c !== TAB) outside();
      if (c === BACKSLASH) {
        out += src.slice(chunk, q);
        q = this.escape(q);
        out += this.escaped;
        chunk = q;
        continue;
      }
      q++;
    }
    this.scalarEnd = q + 1;
    return chunk === p + 1 ? src.slice(chunk, q) : out + src.slice(chunk, q);
  }

  /** The escape sequence at `p` (a backslash) into `escaped`; returns the offset after it. */
  private escape(p: number): number {
    const src = this.src;
    const c = src[p + 1];
    const simple = ESCAPES.get(c);
    if (simple !== undefined) {
      this.escaped = simple;
      return p + 2;
    }
    const digits = c === 'x' ? 2 : c === 'u' ? 4 : c === 'U' ? 8 : 0;
    if (digits === 0) outside();
    const hex = src.slice(p + 2, p + 2 + digits);
    if (hex.length !== digits || !/^[0-9a-fA-F]+$/.test(hex)) outside();
    const code = parseInt(hex, 16);
    if (code > 0x10ffff) outside();
    this.escaped = String.fromCodePoint(code);
    return p + 2 + digits;
  }

  /** A single-quoted scalar on one line at `p`; sets `scalarEnd` after the closing quote. */
  private singleQuoted(p: number): string {
    const src = this.src;
    let q = p + 1;
    let doubled = false;
    for (;;) {
      if (q >= this.n) outside();
      const c = src.charCodeAt(q);
      if (c === LF || c === CR) outside();
      if (c === SQUOTE) {
        if (src.charCodeAt(q + 1) !== SQUOTE) break;
        doubled = true;
        q += 2;
        continue;
      }
      q++;
    }
    this.scalarEnd = q + 1;
    const body = src.slice(p + 1, q);
    return doubled ? body.replace(/''/g, "'") : body;
  }

  /**
   * A literal (`|`) or folded (`>`) block scalar whose header is at `pos`, in a collection indented
   * `indent`. Leaves `pos` at the start of the first line after it.
   */
  private blockScalar(indent: number): RawNode {
    const src = this.src;
    const start = this.pos;
    const folded = src.charCodeAt(start) === GT;
    let p = start + 1;
    let strip = false;
    const chomp = src.charCodeAt(p);
    if (chomp === DASH) {
      strip = true;
      p++;
    } else if (chomp === PLUS) outside(); // keep chomping: rare, and subtle about trailing lines
    // An indentation indicator, or anything else in the header, is left to yaml.
    this.finishLine(p);
    const { lines, end, contentStart } = this.blockScalarLines(indent, folded);
    let value = '';
    if (folded) {
      let sep = '';
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i];
        if (i < contentStart) value += '\n';
        else if (line === '') {
          if (sep === '\n') value += '\n';
          else sep = '\n';
        } else {
          value += sep + line;
          sep = ' ';
        }
      }
    } else {
      value = lines.join('\n');
    }
    if (!strip) value += '\n';
    return this.scalar(value, start, end);
  }

  /**
   * The content lines of a block scalar, its indentation removed. `end` is the offset after its last
   * non-space character; `contentStart` the index of the first non-empty line (the empty lines
   * before it become line breaks). Trailing empty lines are dropped (clip and strip chomping only).
   * Leaves `pos` at the start of the line after the last content line.
   */
  private blockScalarLines(indent: number, folded: boolean): { lines: string[]; end: number; contentStart: number } {
    const src = this.src;
    const lines: string[] = [];
    let trim = -1;
    let leadingBlankIndent = 0;
    let leadingBlank = 0;
    let lastContent = -1;
    let end = this.pos;
    let p = this.pos;
    while (p < this.n) {
      let q = p;
      while (src.charCodeAt(q) === SPACE) q++;
      let eol = src.indexOf('\n', q);
      if (eol < 0) eol = this.n;
      const next = eol < this.n ? eol + 1 : eol;
      const contentEnd = eol > q && src.charCodeAt(eol - 1) === CR ? eol - 1 : eol;
      const spaces = q - p;
      if (q === contentEnd) {
        // An empty line (spaces only). yaml treats more-indented ones specially (as content when
        // they trail, as more-indented lines when folding): left to it.
        if (trim < 0) {
          leadingBlank++;
          if (spaces > leadingBlankIndent) leadingBlankIndent = spaces;
        } else if (spaces > trim) outside();
        lines.push('');
        p = next;
        continue;
      }
      if (src.charCodeAt(q) === TAB) outside();
      if (trim < 0) {
        if (spaces <= indent) break;
        trim = spaces;
        // More-indented leading empty lines need an indentation indicator: a yaml error.
        if (leadingBlankIndent > trim) outside();
      } else if (spaces < trim) break;
      // Folding keeps more-indented lines as they are, with rules of their own: left to yaml.
      if (folded && spaces > trim) outside();
      lines.push(src.slice(p + trim, contentEnd));
      lastContent = lines.length - 1;
      let e = contentEnd;
      while (e > q && (src.charCodeAt(e - 1) === SPACE || src.charCodeAt(e - 1) === TAB)) e--;
      end = e;
      p = next;
    }
    if (trim < 0) outside(); // an empty block scalar
    lines.length = lastContent + 1;
    const nl = src.indexOf('\n', end);
    this.pos = nl < 0 ? this.n : nl + 1;
    return { lines, end, contentStart: leadingBlank };
  }

  // ---- flow collections and JSON ----------------------------------------------------------

  private jsonDocument(first: number): RawNode {
    this.pos = first;
    const root = this.flowCollection(0, true);
    const src = this.src;
    let p = this.pos;
    while (p < this.n && isBreakOrSpace(src.charCodeAt(p))) p++;
    if (p < this.n) outside();
    return root;
  }

  /**
   * `[...]` or `{...}` at `pos`. `multiLine`: a JSON document, whose collections may span lines; in
   * block YAML a flow collection must stay on its line (indentation rules for the continuation
   * lines are yaml's business).
   */
  private flowCollection(depth: number, multiLine: boolean): RawNode {
    if (depth > MAX_FAST_DEPTH) outside();
    const src = this.src;
    const start = this.pos;
    const isMap = src.charCodeAt(start) === LBRACE;
    const close = isMap ? RBRACE : RBRACKET;
    this.pos++;
    this.flowSpace(multiLine);
    const items: RawNode[] = [];
    const pairs: RawPair[] = [];
    let seen: Set<string> | undefined;
    if (src.charCodeAt(this.pos) !== close) {
      for (;;) {
        if (isMap) seen = addPair(pairs, seen, this.flowPair(depth + 1, multiLine), this.issues);
        else items.push(this.flowValue(depth + 1, multiLine));
        this.flowSpace(multiLine);
        const c = src.charCodeAt(this.pos);
        if (c === close) break;
        if (c !== COMMA) outside();
        this.pos++;
        this.flowSpace(multiLine);
        // A trailing comma is valid YAML but not worth matching yaml's ranges for.
        if (src.charCodeAt(this.pos) === close) outside();
      }
    }
    this.pos++;
    const end = this.base + this.pos;
    return isMap ? mapNode(pairs, this.base + start, end) : { t: 'seq', items, start: this.base + start, end };
  }

  private flowPair(depth: number, multiLine: boolean): RawPair {
    const src = this.src;
    const keyStart = this.pos;
    const c = src.charCodeAt(keyStart);
    let key: string;
    let keyEnd: number;
    if (c === DQUOTE || c === SQUOTE) {
      key = c === DQUOTE ? this.doubleQuoted(keyStart) : this.singleQuoted(keyStart);
      keyEnd = this.scalarEnd;
      let p = keyEnd;
      while (src.charCodeAt(p) === SPACE || (multiLine && src.charCodeAt(p) === TAB)) p++;
      // After a quoted ("JSON-like") key the value may follow the `:` directly.
      if (src.charCodeAt(p) !== COLON) outside();
      this.pos = p + 1;
    } else {
      if (cannotStartFlowPlain(src, keyStart)) outside();
      this.scanPlain(keyStart, true);
      if (this.plainStop !== PlainStop.Colon) outside();
      keyEnd = this.scalarEnd;
      key = src.slice(keyStart, keyEnd);
      this.pos++;
    }
    if (this.pos - keyStart > MAX_KEY_LENGTH) outside();
    this.flowSpace(multiLine);
    const value = this.flowValue(depth, multiLine);
    return { key, keyStart: this.base + keyStart, keyEnd: this.base + keyEnd, value, start: this.base + keyStart, end: value.end };
  }

  /** A value in a flow collection at `pos`; `pos` is left after it. As `inlineValue` for `tagged`. */
  private flowValue(depth: number, multiLine: boolean, tagged = false): RawNode {
    const src = this.src;
    const p = this.pos;
    const c = src.charCodeAt(p);
    if (c === LBRACKET || c === LBRACE) return this.flowCollection(depth, multiLine);
    if (c === DQUOTE || c === SQUOTE) {
      const value = c === DQUOTE ? this.doubleQuoted(p) : this.singleQuoted(p);
      this.pos = this.scalarEnd;
      return this.scalar(value, p, this.pos);
    }
    if (c === BANG) {
      const name = this.tagName(p);
      if (src.charCodeAt(this.pos) !== SPACE) outside();
      while (src.charCodeAt(this.pos) === SPACE) this.pos++;
      const v = src.charCodeAt(this.pos);
      if (v === BANG || (isFlowIndicator(v) && v !== LBRACKET && v !== LBRACE)) outside();
      const arg = this.flowValue(depth + 1, multiLine, true);
      return { t: 'fn', name, arg, start: this.base + p, end: arg.end };
    }
    if (cannotStartFlowPlain(src, p)) outside();
    this.scanPlain(p, true);
    if (this.plainStop === PlainStop.Colon || this.plainStop === PlainStop.Comment) outside();
    const end = this.scalarEnd;
    this.pos = end;
    const source = src.slice(p, end);
    return this.scalar(tagged ? source : this.resolvePlain(source), p, end);
  }

  /**
   * Spaces between flow tokens, and in a JSON document also line breaks and tabs (tab-indented
   * JSON is common, and yaml reads it). Comments are yaml's.
   */
  private flowSpace(multiLine: boolean): void {
    const src = this.src;
    let p = this.pos;
    for (;;) {
      const c = src.charCodeAt(p);
      if (c === SPACE || (c === TAB && multiLine)) p++;
      else if (c === LF && multiLine) p++;
      else if (c === CR && multiLine && src.charCodeAt(p + 1) === LF) p += 2;
      else if (c === TAB || c === HASH || c === LF || c === CR) outside();
      else break;
    }
    if (multiLine && p > this.pos && isDocumentMarker(src, p) && (p === 0 || src.charCodeAt(p - 1) === LF)) outside();
    this.pos = p;
  }
}

/** `---` or `...` at `p` followed by a space, line break or the end: a document marker at column 0. */
function isDocumentMarker(src: string, p: number): boolean {
  const c = src.charCodeAt(p);
  if (c === 37 /* % */) return true; // a directive
  if ((c !== DASH && c !== 46) || src.charCodeAt(p + 1) !== c || src.charCodeAt(p + 2) !== c) return false;
  const d = src.charCodeAt(p + 3);
  return isBreakOrSpace(d) || d === TAB;
}

const ESCAPES: ReadonlyMap<string, string> = new Map([
  ['0', '\0'],
  ['a', '\x07'],
  ['b', '\b'],
  ['t', '\t'],
  ['\t', '\t'],
  ['n', '\n'],
  ['v', '\v'],
  ['f', '\f'],
  ['r', '\r'],
  ['e', '\x1b'],
  [' ', ' '],
  ['"', '"'],
  ['/', '/'],
  ['\\', '\\'],
  ['N', '\x85'],
  ['_', '\xa0'],
  ['L', '\u2028'],
  ['P', '\u2029'],
]);
