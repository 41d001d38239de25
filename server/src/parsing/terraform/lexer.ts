/**
 * Lexer for HCL2 native syntax.
 *
 * HCL is context-sensitive: inside a quoted string or heredoc the text is template literal text,
 * `${`/`%{` switch back to expression tokens and the matching `}` switches to template text again.
 * The lexer tracks that with an explicit context stack (no recursion) and produces a flat token
 * stream in parallel typed arrays (kind, start, end, flags) so that tokenising a multi-megabyte
 * file allocates almost nothing per token. Positions (line/character) are computed lazily by
 * `LineMap` only for the tokens the parser turns into nodes.
 *
 * The lexer is error tolerant and guarantees structural pairing to the parser: every `OQuote` is
 * followed by a `CQuote`, every `HeredocOpen` by a `HeredocClose` and every `InterpOpen` /
 * `DirectiveOpen` by a `TemplateSeqEnd` before its template closes. Missing ones are inserted as
 * zero-width tokens flagged `FLAG_SYNTHETIC` and reported once in `errors`. Unterminated
 * constructs are cut at a plausible resynchronisation point (end of line for quoted strings, the
 * next top-level block header for heredocs and block comments) so that one typo does not swallow
 * the rest of the file.
 */
import type { Position, Range } from '../../model/types';
import type { Comment, SyntaxError } from './ast';

export const enum Tok {
  EOF,
  Newline,
  Ident,
  Number,
  /** Opening `"` of a quoted template. */
  OQuote,
  /** Closing `"` of a quoted template (zero width when synthetic). */
  CQuote,
  /** `<<EOT` or `<<-EOT` (flag `FLAG_INDENTED`); the newline after it belongs to the heredoc. */
  HeredocOpen,
  /** The closing marker word of a heredoc (zero width when synthetic). */
  HeredocClose,
  /** Raw template literal text; escapes are processed by the parser. */
  TemplateLit,
  /** `${` or `${~` (flag `FLAG_STRIP`). */
  InterpOpen,
  /** `%{` or `%{~` (flag `FLAG_STRIP`). */
  DirectiveOpen,
  /** `}` or `~}` (flag `FLAG_STRIP`) closing an interpolation or directive. */
  TemplateSeqEnd,
  LBrace,
  RBrace,
  LBrack,
  RBrack,
  LParen,
  RParen,
  Comma,
  Dot,
  Ellipsis,
  Assign,
  Colon,
  DoubleColon,
  Question,
  FatArrow,
  Plus,
  Minus,
  Star,
  Slash,
  Percent,
  Bang,
  EqEq,
  NotEq,
  Lt,
  Le,
  Gt,
  Ge,
  AndAnd,
  OrOr,
  /** A character (or `<<` not starting a heredoc) that is not part of the language. */
  Invalid,
}

/** `${~`, `%{~` (strip whitespace before) or `~}` (strip whitespace after). */
export const FLAG_STRIP = 1;
/** Inserted by the lexer to close an unterminated construct; zero width. */
export const FLAG_SYNTHETIC = 2;
/** `<<-` heredoc. */
export const FLAG_INDENTED = 4;
/** An `Invalid` token the lexer has already reported (the parser must not report it again). */
export const FLAG_REPORTED = 8;

/** Flat token arrays; index `i` describes one token. */
export interface TokenStream {
  kinds: Uint8Array;
  starts: Int32Array;
  ends: Int32Array;
  flags: Uint8Array;
  count: number;
}

export interface LexResult {
  tokens: TokenStream;
  comments: Comment[];
  errors: SyntaxError[];
}

/**
 * Maps UTF-16 offsets to zero-based line/character positions. Line breaks are `\n`, `\r\n` and a
 * lone `\r`, like LSP clients count them (HCL itself rejects a lone `\r`, which the lexer reports).
 */
export class LineMap {
  readonly lineStarts: Int32Array;
  readonly lineCount: number;
  /** Last line found; node positions are requested in nearly ascending order, so this usually hits. */
  private hint = 0;

  constructor(text: string) {
    const len = text.length;
    let starts: Int32Array = new Int32Array(Math.max(16, (len >> 5) + 1));
    let n = 1;
    starts[0] = 0;
    let i = text.indexOf('\n');
    const hasCr = text.indexOf('\r') >= 0;
    if (!hasCr) {
      // Fast path: only `\n` breaks; indexOf is much faster than a char loop.
      while (i >= 0) {
        if (n === starts.length) starts = grow32(starts);
        starts[n++] = i + 1;
        i = text.indexOf('\n', i + 1);
      }
    } else {
      for (let j = 0; j < len; j++) {
        const c = text.charCodeAt(j);
        if (c === 10 || (c === 13 && text.charCodeAt(j + 1) !== 10)) {
          if (n === starts.length) starts = grow32(starts);
          starts[n++] = j + 1;
        }
      }
    }
    this.lineStarts = starts;
    this.lineCount = n;
  }

  /** Zero-based line containing `offset`. */
  lineOf(offset: number): number {
    const starts = this.lineStarts;
    const n = this.lineCount;
    let h = this.hint;
    if (offset >= starts[h]) {
      if (h + 1 >= n || offset < starts[h + 1]) return h;
      if (h + 2 >= n || offset < starts[h + 2]) return (this.hint = h + 1);
    }
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    h = lo;
    this.hint = h;
    return h;
  }

  /** Column (UTF-16 code units from the line start) of `offset`. */
  columnOf(offset: number): number {
    return offset - this.lineStarts[this.lineOf(offset)];
  }

  /**
   * Not cached: syntax trees keep ranges as offsets (model/range.ts) and positions are read for
   * the few nodes a finding or fix points at. (A cache per file cost 8 KB for each of the files
   * whose trees a workspace holds.)
   */
  position(offset: number): Position {
    const line = this.lineOf(offset);
    return { line, character: offset - this.lineStarts[line], offset };
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }
}

function grow32(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

// Lexer context kinds (the context stack).
const CTX_BRACE = 1;
const CTX_INTERP = 2;
const CTX_QUOTED = 3;
const CTX_HEREDOC = 4;

interface HeredocInfo {
  /** Offset where the body ends: start of the closing marker line, or the cut point. */
  bodyEnd: number;
  /** Marker word on the closing line, or the cut point (zero width) when unterminated. */
  closeStart: number;
  closeEnd: number;
  /** Error to report when the body end is reached (unterminated heredoc / marker at EOF). */
  endError?: string;
}

/** Block types that only appear at the top level of a Terraform file; used to resynchronise. */
const TOP_LEVEL_KEYWORDS = new Set([
  'resource', 'data', 'module', 'variable', 'output', 'locals', 'provider', 'terraform',
  'moved', 'import', 'check', 'removed', 'ephemeral',
]);

const NON_ASCII_ID_START = /[\p{ID_Start}]/u;
const NON_ASCII_ID_CONTINUE = /[\p{ID_Continue}]/u;

function isAsciiIdStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

function isAsciiIdContinue(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Length in code units of an identifier-start code point at `i` (0 if none). */
function idStartLength(text: string, i: number): number {
  if (i >= text.length) return 0;
  const c = text.charCodeAt(i);
  if (c < 128) return isAsciiIdStart(c) ? 1 : 0;
  const cp = text.codePointAt(i) as number;
  const s = String.fromCodePoint(cp);
  return NON_ASCII_ID_START.test(s) ? s.length : 0;
}

/** Offset just past the identifier starting at `i` (which must be an identifier start). */
export function scanIdentEnd(text: string, i: number): number {
  const len = text.length;
  i += idStartLength(text, i);
  while (i < len) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      if (!isAsciiIdContinue(c)) break;
      i++;
    } else {
      const s = String.fromCodePoint(text.codePointAt(i) as number);
      if (!NON_ASCII_ID_CONTINUE.test(s)) break;
      i += s.length;
    }
  }
  return i;
}

/** End of the line containing `i`: offset of its `\n` / `\r\n`, or the text length. */
function lineEndAt(text: string, i: number): number {
  const nl = text.indexOf('\n', i);
  if (nl < 0) return text.length;
  return nl > i && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
}

/** Offset of the start of the next line after `i`, or -1 at the last line. */
function nextLineStart(text: string, i: number): number {
  const nl = text.indexOf('\n', i);
  return nl < 0 ? -1 : nl + 1;
}

/**
 * Whether the line starting at `ls` looks like a top-level block header, e.g.
 * `resource "aws_s3_bucket" "logs" {` at column 0.
 */
export function isTopLevelHeaderLine(text: string, ls: number): boolean {
  if (idStartLength(text, ls) === 0) return false;
  const idEnd = scanIdentEnd(text, ls);
  if (!TOP_LEVEL_KEYWORDS.has(text.slice(ls, idEnd))) return false;
  const c = text.charCodeAt(idEnd);
  if (c !== 32 && c !== 9 && c !== 123) return false;
  let le = lineEndAt(text, ls) - 1;
  while (le > idEnd && (text.charCodeAt(le) === 32 || text.charCodeAt(le) === 9)) le--;
  return text.charCodeAt(le) === 123;
}

/**
 * Whether the line starting at `ls` (after blank lines) looks like the start of a body item or the
 * end of a block: `name =`, `type "label" ... {` or a lone `}`. Used to decide that an
 * interpolation inside a quoted string was left unterminated at the end of the previous line
 * (valid HCL can never continue an interpolation with such a line).
 */
function looksLikeBodyLine(text: string, ls: number): boolean {
  const len = text.length;
  let i = ls;
  for (;;) {
    while (i < len) {
      const c = text.charCodeAt(i);
      if (c !== 32 && c !== 9 && c !== 13) break;
      i++;
    }
    if (i >= len) return true;
    const c = text.charCodeAt(i);
    if (c === 35 || (c === 47 && text.charCodeAt(i + 1) === 47)) {
      // Comment-only line: look at the line after it.
      const next = nextLineStart(text, i);
      if (next < 0) return true;
      i = next;
      continue;
    }
    if (c !== 10) break;
    i++;
  }
  const c = text.charCodeAt(i);
  if (c === 125) {
    let j = i + 1;
    while (j < len && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) j++;
    const d = text.charCodeAt(j);
    return j >= len || d === 10 || d === 13 || d === 35 || (d === 47 && text.charCodeAt(j + 1) === 47);
  }
  if (idStartLength(text, i) === 0) return false;
  let j = scanIdentEnd(text, i);
  while (j < len && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) j++;
  const d = text.charCodeAt(j);
  if (d === 61) {
    const e = text.charCodeAt(j + 1);
    return e !== 61 && e !== 62;
  }
  if (d === 34 || d === 123 || idStartLength(text, j) > 0) {
    let le = lineEndAt(text, j) - 1;
    while (le > j && (text.charCodeAt(le) === 32 || text.charCodeAt(le) === 9)) le--;
    return text.charCodeAt(le) === 123;
  }
  return false;
}

/**
 * Token arrays kept between calls: a workspace load lexes thousands of files, and fresh typed
 * arrays per file (off-heap backing stores) made the garbage collector run full collections for
 * external memory pressure. Only used when the caller promises to drop the stream before the next
 * `lex` call (the parser does: the tree it builds never points into the token arrays).
 */
let pooled: { kinds: Uint8Array; starts: Int32Array; ends: Int32Array; flags: Uint8Array; used: number } | undefined;
/** Pooled arrays above this many tokens are not kept (a one-off huge file should not pin memory). */
const POOL_MAX_TOKENS = 1 << 20;

/**
 * Tokenises `text`. Never throws on any input. With `reuse`, the returned arrays are shared with
 * the next `lex(…, true)` call: read them before lexing again.
 */
export function lex(text: string, lines: LineMap, reuse = false): LexResult {
  const lexer = new Lexer(text, lines, reuse ? pooled : undefined);
  const result = lexer.run();
  if (reuse) {
    const t = result.tokens;
    // Entries past the EOF token read as zeros (EOF), exactly like freshly allocated arrays.
    if (pooled && pooled.kinds === t.kinds && pooled.used > t.count) {
      t.kinds.fill(0, t.count, pooled.used);
      t.starts.fill(0, t.count, pooled.used);
      t.ends.fill(0, t.count, pooled.used);
      t.flags.fill(0, t.count, pooled.used);
    }
    pooled = t.kinds.length <= POOL_MAX_TOKENS ? { kinds: t.kinds, starts: t.starts, ends: t.ends, flags: t.flags, used: t.count } : undefined;
  }
  return result;
}

class Lexer {
  private readonly text: string;
  private readonly len: number;
  private readonly lines: LineMap;
  private pos = 0;

  private kinds: Uint8Array;
  private starts: Int32Array;
  private ends: Int32Array;
  private flags: Uint8Array;
  private count = 0;

  // Context stack as parallel arrays: kind, and a per-kind integer
  // (interp: open paren/bracket depth; quoted: offset of the opening quote; heredoc: info index).
  private readonly ctxKind: number[] = [];
  private readonly ctxData: number[] = [];
  private readonly heredocs: HeredocInfo[] = [];
  /** Body end of the innermost open heredoc; expression tokens inside it must not pass it. */
  private heredocLimit = -1;

  private readonly errors: SyntaxError[] = [];
  private readonly comments: Comment[] = [];
  /**
   * `looksLikeBodyLine` at the newline last asked about: unwinding nested interpolations asks again
   * at the same newline once per level, and each answer may scan a long identifier (thousands of
   * `"${` levels before a 1 MB token took seconds).
   */
  private bodyLineAt = -1;
  private bodyLine = false;

  constructor(text: string, lines: LineMap, pool?: { kinds: Uint8Array; starts: Int32Array; ends: Int32Array; flags: Uint8Array }) {
    this.text = text;
    this.len = text.length;
    this.lines = lines;
    if (pool) {
      // Stale entries past `count` are never read: the stream ends with an EOF token.
      this.kinds = pool.kinds;
      this.starts = pool.starts;
      this.ends = pool.ends;
      this.flags = pool.flags;
      return;
    }
    const cap = Math.max(64, (text.length >> 2) + 16);
    this.kinds = new Uint8Array(cap);
    this.starts = new Int32Array(cap);
    this.ends = new Int32Array(cap);
    this.flags = new Uint8Array(cap);
  }

  run(): LexResult {
    if (this.text.charCodeAt(0) === 0xfeff) this.pos = 1; // byte order mark
    for (;;) {
      const sp = this.ctxKind.length;
      const top = sp > 0 ? this.ctxKind[sp - 1] : 0;
      if (top === CTX_QUOTED) this.scanQuoted();
      else if (top === CTX_HEREDOC) this.scanHeredoc();
      else if (!this.scanExprToken(top)) break;
    }
    this.push(Tok.EOF, this.len, this.len, 0);
    return {
      tokens: { kinds: this.kinds, starts: this.starts, ends: this.ends, flags: this.flags, count: this.count },
      comments: this.comments,
      errors: this.errors,
    };
  }

  private push(kind: Tok, start: number, end: number, flag: number): void {
    if (this.count === this.kinds.length) this.grow();
    const n = this.count++;
    this.kinds[n] = kind;
    this.starts[n] = start;
    this.ends[n] = end;
    this.flags[n] = flag;
  }

  private grow(): void {
    const cap = this.kinds.length * 2;
    const k = new Uint8Array(cap);
    k.set(this.kinds);
    this.kinds = k;
    const s = new Int32Array(cap);
    s.set(this.starts);
    this.starts = s;
    const e = new Int32Array(cap);
    e.set(this.ends);
    this.ends = e;
    const f = new Uint8Array(cap);
    f.set(this.flags);
    this.flags = f;
  }

  private error(message: string, start: number, end: number): void {
    this.errors.push({ message, range: this.lines.range(start, end) });
  }

  private pushCtx(kind: number, data: number): void {
    this.ctxKind.push(kind);
    this.ctxData.push(data);
  }

  private popCtx(): void {
    const kind = this.ctxKind.pop();
    this.ctxData.pop();
    if (kind === CTX_HEREDOC) this.recomputeHeredocLimit();
  }

  private recomputeHeredocLimit(): void {
    this.heredocLimit = -1;
    for (let i = this.ctxKind.length - 1; i >= 0; i--) {
      if (this.ctxKind[i] === CTX_HEREDOC) {
        this.heredocLimit = this.heredocs[this.ctxData[i]].bodyEnd;
        return;
      }
    }
  }

  /**
   * Closes contexts down to (excluding) stack depth `depth`, inserting the synthetic closing
   * tokens the parser relies on. Heredocs are never unwound here (they close at their body end).
   */
  private unwindTo(depth: number, at: number): void {
    while (this.ctxKind.length > depth) {
      const kind = this.ctxKind[this.ctxKind.length - 1];
      if (kind === CTX_INTERP) this.push(Tok.TemplateSeqEnd, at, at, FLAG_SYNTHETIC);
      else if (kind === CTX_QUOTED) this.push(Tok.CQuote, at, at, FLAG_SYNTHETIC);
      else if (kind === CTX_HEREDOC) return;
      this.popCtx();
    }
  }

  /** Index of the innermost template context (quoted/heredoc) in the stack, or -1. */
  private innermostTemplate(): number {
    for (let i = this.ctxKind.length - 1; i >= 0; i--) {
      const k = this.ctxKind[i];
      if (k === CTX_QUOTED || k === CTX_HEREDOC) return i;
    }
    return -1;
  }

  /** Scans one token in expression mode. Returns false at the end of input. */
  private scanExprToken(top: number): boolean {
    const text = this.text;
    const len = this.len;
    let pos = this.pos;
    let c = text.charCodeAt(pos);
    while (c === 32 || c === 9) c = text.charCodeAt(++pos);
    this.pos = pos;

    if (this.heredocLimit >= 0 && pos >= this.heredocLimit) {
      // An interpolation inside a heredoc ran into the closing marker line.
      const hd = this.innermostTemplate();
      this.error('Unterminated template sequence: missing "}"', pos, pos);
      this.unwindTo(hd + 1, pos);
      return true;
    }
    if (pos >= len) {
      const t = this.innermostTemplate();
      if (t < 0) return false;
      // EOF inside a template sequence: close everything (heredocs close themselves at their end).
      if (this.ctxKind[t] === CTX_QUOTED) {
        this.error('Unterminated string: missing closing \'"\'', this.ctxData[t], pos);
      } else {
        this.error('Unterminated template sequence: missing "}"', pos, pos);
      }
      this.unwindTo(this.ctxKind[t] === CTX_QUOTED ? t : t + 1, pos);
      return true;
    }

    switch (c) {
      case 10: // \n
        if (top === CTX_INTERP && this.ctxData[this.ctxData.length - 1] === 0 && this.ctxKind[this.ctxKind.length - 2] === CTX_QUOTED) {
          // A quoted string's interpolation may legally span lines, but if the next line looks
          // like a new attribute or the end of the block the user simply has not closed it yet.
          if (this.bodyLineAt !== pos) {
            this.bodyLineAt = pos;
            this.bodyLine = looksLikeBodyLine(text, pos + 1);
          }
          if (this.bodyLine) {
            const q = this.ctxKind.length - 2;
            this.error('Unterminated template sequence: missing "}"', pos, pos);
            this.unwindTo(q, pos);
            return true;
          }
        }
        this.push(Tok.Newline, pos, pos + 1, 0);
        this.pos = pos + 1;
        return true;
      case 13: // \r
        if (text.charCodeAt(pos + 1) === 10) {
          this.push(Tok.Newline, pos, pos + 2, 0);
          this.pos = pos + 2;
        } else {
          this.push(Tok.Invalid, pos, pos + 1, 0);
          this.pos = pos + 1;
        }
        return true;
      case 35: // #
        this.lineComment(pos, 1);
        return true;
      case 47: {
        // /
        const d = text.charCodeAt(pos + 1);
        if (d === 47) this.lineComment(pos, 2);
        else if (d === 42) this.blockComment(pos);
        else this.single(Tok.Slash);
        return true;
      }
      case 34: // "
        this.push(Tok.OQuote, pos, pos + 1, 0);
        this.pushCtx(CTX_QUOTED, pos);
        this.pos = pos + 1;
        return true;
      case 123: // {
        this.push(Tok.LBrace, pos, pos + 1, 0);
        this.pushCtx(CTX_BRACE, 0);
        this.pos = pos + 1;
        return true;
      case 125: // }
        if (top === CTX_INTERP) {
          this.push(Tok.TemplateSeqEnd, pos, pos + 1, 0);
          this.popCtx();
        } else {
          if (top === CTX_BRACE) this.popCtx();
          this.push(Tok.RBrace, pos, pos + 1, 0);
        }
        this.pos = pos + 1;
        return true;
      case 126: // ~
        if (top === CTX_INTERP && text.charCodeAt(pos + 1) === 125) {
          this.push(Tok.TemplateSeqEnd, pos, pos + 2, FLAG_STRIP);
          this.popCtx();
          this.pos = pos + 2;
        } else {
          this.single(Tok.Invalid);
        }
        return true;
      case 40: // (
      case 91: // [
        if (top === CTX_INTERP) this.ctxData[this.ctxData.length - 1]++;
        this.single(c === 40 ? Tok.LParen : Tok.LBrack);
        return true;
      case 41: // )
      case 93: // ]
        if (top === CTX_INTERP && this.ctxData[this.ctxData.length - 1] > 0) this.ctxData[this.ctxData.length - 1]--;
        this.single(c === 41 ? Tok.RParen : Tok.RBrack);
        return true;
      case 60: // <
        if (text.charCodeAt(pos + 1) === 60) this.heredocOpen(pos);
        else if (text.charCodeAt(pos + 1) === 61) this.double(Tok.Le);
        else this.single(Tok.Lt);
        return true;
      case 62: // >
        if (text.charCodeAt(pos + 1) === 61) this.double(Tok.Ge);
        else this.single(Tok.Gt);
        return true;
      case 61: {
        // =
        const d = text.charCodeAt(pos + 1);
        if (d === 61) this.double(Tok.EqEq);
        else if (d === 62) this.double(Tok.FatArrow);
        else this.single(Tok.Assign);
        return true;
      }
      case 33: // !
        if (text.charCodeAt(pos + 1) === 61) this.double(Tok.NotEq);
        else this.single(Tok.Bang);
        return true;
      case 38: // &
        if (text.charCodeAt(pos + 1) === 38) this.double(Tok.AndAnd);
        else this.single(Tok.Invalid);
        return true;
      case 124: // |
        if (text.charCodeAt(pos + 1) === 124) this.double(Tok.OrOr);
        else this.single(Tok.Invalid);
        return true;
      case 46: // .
        if (text.charCodeAt(pos + 1) === 46 && text.charCodeAt(pos + 2) === 46) {
          this.push(Tok.Ellipsis, pos, pos + 3, 0);
          this.pos = pos + 3;
        } else {
          this.single(Tok.Dot);
        }
        return true;
      case 58: // :
        if (text.charCodeAt(pos + 1) === 58) this.double(Tok.DoubleColon);
        else this.single(Tok.Colon);
        return true;
      case 44:
        this.single(Tok.Comma);
        return true;
      case 63:
        this.single(Tok.Question);
        return true;
      case 43:
        this.single(Tok.Plus);
        return true;
      case 45:
        this.single(Tok.Minus);
        return true;
      case 42:
        this.single(Tok.Star);
        return true;
      case 37:
        this.single(Tok.Percent);
        return true;
      default:
        break;
    }
    if (isDigit(c)) {
      this.number(pos);
      return true;
    }
    if (isAsciiIdStart(c) || (c >= 128 && idStartLength(text, pos) > 0)) {
      const end = scanIdentEnd(text, pos);
      this.push(Tok.Ident, pos, end, 0);
      this.pos = end;
      return true;
    }
    // Anything else (NUL, U+FFFD, `'`, `@`, ...) is one invalid code point; the parser reports it.
    const cp = text.codePointAt(pos) as number;
    const w = cp > 0xffff ? 2 : 1;
    this.push(Tok.Invalid, pos, pos + w, 0);
    this.pos = pos + w;
    return true;
  }

  private single(kind: Tok): void {
    this.push(kind, this.pos, this.pos + 1, 0);
    this.pos += 1;
  }

  private double(kind: Tok): void {
    this.push(kind, this.pos, this.pos + 2, 0);
    this.pos += 2;
  }

  /**
   * HCL's number token: a digit followed by any run of digits, dots and exponents (`e`/`E`,
   * optional sign, digit), not ending in a dot. So `1.e5` is one (valid) number, `1.5.2` one
   * (invalid) number, and in `x.0.name` the number is `0`.
   */
  private number(start: number): void {
    const text = this.text;
    let i = start + 1;
    for (;;) {
      const c = text.charCodeAt(i);
      if (isDigit(c) || c === 46) {
        i++;
      } else if (c === 101 || c === 69) {
        let j = i + 1;
        const s = text.charCodeAt(j);
        if (s === 43 || s === 45) j++;
        if (!isDigit(text.charCodeAt(j))) break;
        i = j + 1;
      } else break;
    }
    while (text.charCodeAt(i - 1) === 46) i--;
    this.push(Tok.Number, start, i, 0);
    this.pos = i;
  }

  private lineComment(start: number, markerLen: number): void {
    const end = lineEndAt(this.text, start + markerLen);
    this.comments.push({
      style: markerLen === 1 ? 'hash' : 'slash',
      text: this.text.slice(start, end),
      range: this.lines.range(start, end),
    });
    this.pos = end;
  }

  private blockComment(start: number): void {
    const text = this.text;
    const close = text.indexOf('*/', start + 2);
    let end: number;
    if (close >= 0) {
      end = close + 2;
    } else {
      // Unterminated: end the comment before the next top-level block header so that the rest
      // of the file still parses; the newline before that header is left for the parser.
      end = this.len;
      let ls = nextLineStart(text, start);
      while (ls >= 0 && ls < this.len) {
        if (isTopLevelHeaderLine(text, ls)) {
          end = ls - 1;
          if (end > start && text.charCodeAt(end - 1) === 13) end--;
          break;
        }
        ls = nextLineStart(text, ls);
      }
      this.error('Unterminated block comment: missing "*/"', start, start + 2);
    }
    this.comments.push({ style: 'block', text: text.slice(start, end), range: this.lines.range(start, end) });
    this.pos = end;
  }

  /** At `<<`: a heredoc opener `<<ID` / `<<-ID` directly followed by a newline, else invalid. */
  private heredocOpen(start: number): void {
    const text = this.text;
    let i = start + 2;
    const indented = text.charCodeAt(i) === 45;
    if (indented) i++;
    let idEnd = -1;
    if (idStartLength(text, i) > 0) idEnd = scanIdentEnd(text, i);
    let bodyStart = -1;
    if (idEnd > 0) {
      const c = text.charCodeAt(idEnd);
      if (c === 10) bodyStart = idEnd + 1;
      else if (c === 13 && text.charCodeAt(idEnd + 1) === 10) bodyStart = idEnd + 2;
    }
    if (bodyStart < 0) {
      const end = idEnd > 0 ? idEnd : start + 2;
      this.error(
        idEnd > 0 ? 'Invalid heredoc: the marker must be followed directly by a newline' : 'Invalid heredoc: expected a marker identifier after "<<"',
        start,
        end,
      );
      this.push(Tok.Invalid, start, end, FLAG_REPORTED);
      this.pos = end;
      return;
    }
    const marker = text.slice(i, idEnd);
    const info = this.findHeredocEnd(marker, bodyStart);
    if (info.endError && info.closeStart === info.closeEnd) {
      this.error(info.endError, start, idEnd);
      info.endError = undefined;
    }
    this.push(Tok.HeredocOpen, start, idEnd, indented ? FLAG_INDENTED : 0);
    this.heredocs.push(info);
    this.pushCtx(CTX_HEREDOC, this.heredocs.length - 1);
    this.heredocLimit = info.bodyEnd;
    this.pos = bodyStart;
  }

  /** Pre-scans for the closing marker line (a line whose trimmed text is the marker). */
  private findHeredocEnd(marker: string, bodyStart: number): HeredocInfo {
    const text = this.text;
    const len = this.len;
    let cut = -1;
    let ls = bodyStart;
    while (ls < len) {
      let i = ls;
      while (i < len) {
        const c = text.charCodeAt(i);
        if (c !== 32 && c !== 9) break;
        i++;
      }
      if (text.startsWith(marker, i)) {
        const markerEnd = i + marker.length;
        let j = markerEnd;
        while (j < len) {
          const c = text.charCodeAt(j);
          if (c !== 32 && c !== 9 && c !== 13) break;
          j++;
        }
        if (j >= len || text.charCodeAt(j) === 10) {
          return {
            bodyEnd: ls,
            closeStart: i,
            closeEnd: markerEnd,
            endError: j >= len ? `Heredoc closing marker "${marker}" must be followed by a newline` : undefined,
          };
        }
      }
      if (cut < 0 && isTopLevelHeaderLine(text, ls)) cut = ls;
      const next = nextLineStart(text, ls);
      if (next < 0) break;
      ls = next;
    }
    // No closing marker: stop before the next top-level block header (keeping its preceding
    // newline out of the heredoc so the attribute still ends properly), else at EOF.
    let end = len;
    if (cut > bodyStart) {
      end = cut - 1;
      if (end > bodyStart && text.charCodeAt(end - 1) === 13) end--;
    }
    return { bodyEnd: end, closeStart: end, closeEnd: end, endError: `Unterminated heredoc: no closing marker "${marker}"` };
  }

  /** Scans template text of a quoted string up to the next template sequence or the closing quote. */
  private scanQuoted(): void {
    const text = this.text;
    const len = this.len;
    const start = this.pos;
    let pos = start;
    while (pos < len) {
      const c = text.charCodeAt(pos);
      if (c === 34) {
        if (pos > start) this.push(Tok.TemplateLit, start, pos, 0);
        this.push(Tok.CQuote, pos, pos + 1, 0);
        this.popCtx();
        this.pos = pos + 1;
        return;
      }
      if (c === 10 || (c === 13 && text.charCodeAt(pos + 1) === 10)) break;
      if (c === 92) {
        // Backslash escape; never let it swallow a line break.
        const d = text.charCodeAt(pos + 1);
        pos += d === 10 || d === 13 || pos + 1 >= len ? 1 : 2;
        continue;
      }
      if (c === 36 || c === 37) {
        const d = text.charCodeAt(pos + 1);
        if (d === c && text.charCodeAt(pos + 2) === 123) {
          pos += 3; // `$${` / `%%{` escape
          continue;
        }
        if (d === 123 && this.templateSeqAt(pos, start)) return;
      }
      pos++;
    }
    // Newline or EOF before the closing quote.
    if (pos > start) this.push(Tok.TemplateLit, start, pos, 0);
    const open = this.ctxData[this.ctxData.length - 1];
    this.error('Unterminated string: missing closing \'"\'', open, pos);
    this.push(Tok.CQuote, pos, pos, FLAG_SYNTHETIC);
    this.popCtx();
    this.pos = pos;
  }

  /**
   * At a `${` or `%{` in template text: emits the pending literal and the opener and enters
   * expression mode.
   */
  private templateSeqAt(pos: number, litStart: number): boolean {
    const text = this.text;
    const c = text.charCodeAt(pos);
    if (pos > litStart) this.push(Tok.TemplateLit, litStart, pos, 0);
    const strip = text.charCodeAt(pos + 2) === 126;
    this.push(c === 36 ? Tok.InterpOpen : Tok.DirectiveOpen, pos, pos + (strip ? 3 : 2), strip ? FLAG_STRIP : 0);
    this.pushCtx(CTX_INTERP, 0);
    this.pos = pos + (strip ? 3 : 2);
    return true;
  }

  /** Scans heredoc body text up to the next template sequence or the body end. */
  private scanHeredoc(): void {
    const text = this.text;
    const info = this.heredocs[this.ctxData[this.ctxData.length - 1]];
    const end = info.bodyEnd;
    const start = this.pos;
    let litStart = start;
    let pos = start;
    while (pos < end) {
      const c = text.charCodeAt(pos);
      if (c === 10) {
        // One literal per line, as HCL's scanner does: `~` stripping only reaches the adjacent
        // line's text, and `<<-` computes the common indentation per line.
        this.push(Tok.TemplateLit, litStart, pos + 1, 0);
        litStart = pos + 1;
        pos++;
        continue;
      }
      if (c === 36 || c === 37) {
        const d = text.charCodeAt(pos + 1);
        if (d === c && text.charCodeAt(pos + 2) === 123) {
          pos += 3; // `$${` / `%%{` escape
          continue;
        }
        if (d === 123 && this.templateSeqAt(pos, litStart)) return;
      }
      pos++;
    }
    if (pos > litStart) this.push(Tok.TemplateLit, litStart, pos, 0);
    if (info.endError) this.error(info.endError, info.closeStart, info.closeEnd);
    const synthetic = info.closeStart === info.closeEnd;
    // Only a pathological token (a block comment in an interpolation) can run past the body end;
    // never move backwards.
    const closeStart = Math.max(info.closeStart, pos);
    const closeEnd = Math.max(info.closeEnd, closeStart);
    this.push(Tok.HeredocClose, closeStart, closeEnd, synthetic ? FLAG_SYNTHETIC : 0);
    this.popCtx();
    this.pos = closeEnd;
  }
}
