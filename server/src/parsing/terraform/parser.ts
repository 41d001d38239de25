/**
 * Error-tolerant recursive-descent parser for HCL2 native syntax
 * (https://github.com/hashicorp/hcl/blob/main/hclsyntax/spec.md).
 *
 * It runs on every keystroke, so a half-typed file must still give a useful tree: syntax errors
 * are collected in `HclFile.errors` and the parser resynchronises locally (an unparsable
 * expression becomes `ErrorExpr` and the rest of its line is skipped; a half-typed body item is
 * dropped; lists and calls stop at a line that can only be the next attribute or block).
 *
 * A missing `}` cannot be detected where it happens, only at the end of the file. So when the
 * first, strict pass reports errors, a second pass re-parses with indentation as a resync hint
 * (an item starting a line at or left of its block's header column closes that block; a `}`
 * right of it is stray) and the pass with fewer errors wins. Valid files never reach the second
 * pass, so badly indented but valid files are unaffected.
 *
 * Recursion is bounded by `MAX_DEPTH` (counting nested expressions, blocks and long operator or
 * traversal chains); deeper input is reported and skipped with a flat token loop.
 */
import { endOffsetOf, OffsetRange, plainRange, startOffsetOf } from '../../model/range';
import type { Range } from '../../model/types';
import type {
  BlockLabel,
  BinaryOperator,
  BodyItem,
  ErrorExpr,
  Expr,
  ForExpr,
  HclAttribute,
  HclBlock,
  HclFile,
  ObjectItem,
  SplatExpr,
  SyntaxError,
  TemplateDirective,
  TemplatePart,
} from './ast';
import { FLAG_INDENTED, FLAG_REPORTED, FLAG_STRIP, FLAG_SYNTHETIC, LineMap, Tok, lex } from './lexer';
import type { TokenStream } from './lexer';

/**
 * Maximum nesting of expressions/blocks. Deep enough for any real configuration, shallow enough
 * that neither this parser nor a recursive consumer of the tree can overflow the default stack.
 */
export const MAX_DEPTH = 256;

/**
 * Parses an HCL native-syntax file. Never throws: syntax errors are returned in `errors`, in
 * source order, and the tree contains everything that could be parsed.
 */
export function parseHcl(text: string): HclFile {
  const lines = new LineMap(text);
  let lexed;
  try {
    // The token arrays are reused across parses: nothing below keeps a reference to them.
    lexed = lex(text, lines, true);
  } catch (e) {
    return internalFailure(text, lines, e);
  }
  let result: ParseResult;
  try {
    result = new Parser(text, lines, lexed.tokens, false).parseFile();
  } catch (e) {
    return internalFailure(text, lines, e);
  }
  if (lexed.errors.length > 0 || result.errors.length > 0) {
    try {
      const alt = new Parser(text, lines, lexed.tokens, true).parseFile();
      if (alt.errors.length <= result.errors.length) result = alt;
    } catch {
      // Keep the first pass.
    }
  }
  return { body: result.body, comments: lexed.comments, errors: sortErrors(lexed.errors, result.errors) };
}

interface ParseResult {
  body: HclFile['body'];
  errors: SyntaxError[];
}

function internalFailure(text: string, lines: LineMap, e: unknown): HclFile {
  const message = e instanceof Error ? e.message : String(e);
  return {
    body: { items: [], range: lines.range(0, text.length) },
    comments: [],
    errors: [{ message: `Internal parser error: ${message}`, range: lines.range(0, 0) }],
  };
}

/** Lexer and parser errors in source order (some are only found after the fact, e.g. duplicates). */
function sortErrors(a: SyntaxError[], b: SyntaxError[]): SyntaxError[] {
  const all = a.length === 0 ? b : a.concat(b);
  if (all.length < 2) return all;
  // Stable sort by start offset keeps same-position errors in discovery order.
  return all
    .map((e, i) => ({ e, i }))
    .sort((x, y) => x.e.range.start.offset - y.e.range.start.offset || x.i - y.i)
    .map((x) => x.e);
}

/** The block whose body is being parsed; used for single-line rules and indentation resync. */
interface BodyOwner {
  type: string;
  headerCol: number;
  headerLine: number;
  /** `{` is followed by an item on the same line (single-line block `a { b = 1 }`). */
  singleLine: boolean;
}

/** Binary operator precedence by token kind (0: not a binary operator). */
const BINARY_PREC = new Uint8Array(Tok.Invalid + 1);
BINARY_PREC[Tok.OrOr] = 1;
BINARY_PREC[Tok.AndAnd] = 2;
BINARY_PREC[Tok.EqEq] = 3;
BINARY_PREC[Tok.NotEq] = 3;
BINARY_PREC[Tok.Lt] = 4;
BINARY_PREC[Tok.Le] = 4;
BINARY_PREC[Tok.Gt] = 4;
BINARY_PREC[Tok.Ge] = 4;
BINARY_PREC[Tok.Plus] = 5;
BINARY_PREC[Tok.Minus] = 5;
BINARY_PREC[Tok.Star] = 6;
BINARY_PREC[Tok.Slash] = 6;
BINARY_PREC[Tok.Percent] = 6;

const BINARY_OP: Record<number, BinaryOperator> = {
  [Tok.OrOr]: '||',
  [Tok.AndAnd]: '&&',
  [Tok.EqEq]: '==',
  [Tok.NotEq]: '!=',
  [Tok.Lt]: '<',
  [Tok.Le]: '<=',
  [Tok.Gt]: '>',
  [Tok.Ge]: '>=',
  [Tok.Plus]: '+',
  [Tok.Minus]: '-',
  [Tok.Star]: '*',
  [Tok.Slash]: '/',
  [Tok.Percent]: '%',
};

/** Template part while a template is being assembled (before strip/indent processing). */
interface RawLiteral {
  type: 'TemplateLiteral';
  value: string;
  start: number;
  end: number;
}

type RawPart = RawLiteral | TemplateInterpolationWithFlags | TemplateDirectiveWithFlags;
type TemplateInterpolationWithFlags = Extract<TemplatePart, { type: 'TemplateInterpolation' }>;
interface TemplateDirectiveWithFlags extends TemplateDirective {
  stripLeft: boolean;
  stripRight: boolean;
}

const NON_ASCII = /[^\x00-\x7f]/;

/** Terraform's top-level block types, for friendlier messages on half-typed headers. */
const TOP_LEVEL_BLOCKS = new Set(['resource', 'data', 'module', 'variable', 'output', 'provider', 'locals', 'terraform', 'moved', 'import', 'check', 'removed', 'ephemeral']);

/** Go's unicode.IsSpace, which HCL uses for `~` stripping and heredoc indentation. */
function isUnicodeSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0x85) return false;
  return (
    c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000
  );
}

function trimStartSpace(s: string): string {
  let i = 0;
  while (i < s.length && isUnicodeSpace(s.charCodeAt(i))) i++;
  return i === 0 ? s : s.slice(i);
}

function trimEndSpace(s: string): string {
  let i = s.length;
  while (i > 0 && isUnicodeSpace(s.charCodeAt(i - 1))) i--;
  return i === s.length ? s : s.slice(0, i);
}

function hexValue(text: string, start: number, count: number): number {
  let v = 0;
  for (let i = start; i < start + count; i++) {
    const c = text.charCodeAt(i);
    let d: number;
    if (c >= 48 && c <= 57) d = c - 48;
    else if (c >= 97 && c <= 102) d = c - 87;
    else if (c >= 65 && c <= 70) d = c - 55;
    else return -1;
    v = v * 16 + d;
  }
  return v;
}

class Parser {
  private readonly text: string;
  private readonly lines: LineMap;
  private readonly kinds: Uint8Array;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private readonly flags: Uint8Array;
  /** Second pass: use indentation to find where a missing `}` belonged. */
  private readonly indentMode: boolean;

  /** Current token index. */
  private p = 0;
  /** Whether newlines are significant here (bodies, objects) or skipped (parens, brackets, templates). */
  private nl = true;
  private depth = 0;
  /** End offset of the last consumed token, for node ranges. */
  private lastEnd = 0;
  /** Column of the attribute / object item whose value is being parsed (indentation resync). */
  private itemCol = 0;
  private readonly errors: SyntaxError[] = [];
  private lastErrorOffset = -1;

  constructor(text: string, lines: LineMap, tokens: TokenStream, indentMode: boolean) {
    this.text = text;
    this.lines = lines;
    this.kinds = tokens.kinds;
    this.starts = tokens.starts;
    this.ends = tokens.ends;
    this.flags = tokens.flags;
    this.indentMode = indentMode;
  }

  parseFile(): ParseResult {
    const items = this.parseBody(null);
    return { body: { items, range: this.range(0, this.text.length) }, errors: this.errors };
  }

  // ---------------------------------------------------------------------------------------------
  // Token helpers

  /** Kind of the current token, skipping newlines where they are not significant. */
  private cur(): Tok {
    const kinds = this.kinds;
    let p = this.p;
    if (!this.nl) {
      while (kinds[p] === Tok.Newline) p++;
      this.p = p;
    }
    return kinds[p];
  }

  /** Consumes the current token; `lastEnd` tracks the last non-newline token for node ranges. */
  private advance(): void {
    if (this.kinds[this.p] !== Tok.Newline) this.lastEnd = this.ends[this.p];
    this.p++;
  }

  private tokText(i: number): string {
    return this.text.slice(this.starts[i], this.ends[i]);
  }

  private isKeyword(i: number, word: string): boolean {
    return this.kinds[i] === Tok.Ident && this.ends[i] - this.starts[i] === word.length && this.text.startsWith(word, this.starts[i]);
  }

  /** Whether token `i` is the first token on its line. */
  private isLineStart(i: number): boolean {
    return i === 0 || this.kinds[i - 1] === Tok.Newline;
  }

  private col(i: number): number {
    return this.lines.columnOf(this.starts[i]);
  }

  /**
   * Node ranges are offsets, their positions worked out when read (model/range.ts): a tree holds
   * a range per node, and positions for all of them were most of what parsing allocated.
   */
  private range(start: number, end: number): Range {
    return new OffsetRange(this.lines, start, end);
  }

  /** From the start of `a` to the end of `b` (or of `a` if `b` ends first). */
  private span(a: Range, b: Range): Range {
    const aEnd = endOffsetOf(a);
    const bEnd = endOffsetOf(b);
    return new OffsetRange(this.lines, startOffsetOf(a), bEnd >= aEnd ? bEnd : aEnd);
  }

  /** From the start of `a` to `end`. */
  private rangeFrom(a: Range, end: number): Range {
    return new OffsetRange(this.lines, startOffsetOf(a), end);
  }

  private error(message: string, start: number, end: number): void {
    // One error per position is enough; cascades at the same spot add nothing.
    if (start === this.lastErrorOffset) return;
    this.lastErrorOffset = start;
    // Errors outlive the tree (the engine keeps and sends them): plain positions.
    this.errors.push({ message, range: this.lines.range(start, end) });
  }

  private errorAtToken(message: string, i: number): void {
    this.error(message, this.starts[i], this.ends[i]);
  }

  /** Error for an unexpected token, with a better message for tokens that are errors in themselves. */
  private unexpected(i: number, expected: string): void {
    const k = this.kinds[i];
    if (k === Tok.Invalid) {
      if (this.flags[i] & FLAG_REPORTED) return;
      const ch = this.tokText(i);
      const shown = ch === '\0' ? 'NUL' : ch === '\uFFFD' ? 'U+FFFD' : JSON.stringify(ch);
      this.errorAtToken(`Invalid character ${shown}: this character is not used within the language`, i);
    } else if (k === Tok.EOF) {
      this.error(`${expected}, but the file ended`, this.starts[i], this.starts[i]);
    } else if (k === Tok.Newline) {
      this.error(`${expected}, but the line ended`, this.starts[i], this.starts[i]);
    } else {
      this.errorAtToken(`${expected}, found ${describe(k, this.tokText(i))}`, i);
    }
  }

  private errorExpr(start: number, end: number): ErrorExpr {
    return { type: 'Error', range: this.range(start, end) };
  }

  /** Whether token `i` starts `name =` (not `==`). */
  private isAttributeStart(i: number): boolean {
    return this.kinds[i] === Tok.Ident && this.kinds[i + 1] === Tok.Assign;
  }

  /** Whether token `i` starts a block header `type label* {` that ends its line. */
  private isBlockHeaderAt(i: number): boolean {
    const kinds = this.kinds;
    if (kinds[i] !== Tok.Ident) return false;
    let j = i + 1;
    for (;;) {
      const k = kinds[j];
      if (k === Tok.Ident) j++;
      else if (k === Tok.OQuote) {
        j++;
        while (kinds[j] === Tok.TemplateLit) j++;
        if (kinds[j] !== Tok.CQuote) return false;
        j++;
      } else break;
    }
    return kinds[j] === Tok.LBrace && (kinds[j + 1] === Tok.Newline || kinds[j + 1] === Tok.EOF);
  }

  /** A line that can only be a new body item: used to stop a list or call left unclosed. */
  private isBodyItemLine(i: number): boolean {
    return this.isLineStart(i) && (this.isAttributeStart(i) || this.isBlockHeaderAt(i));
  }

  /**
   * Skips the rest of a broken body item: tokens up to the end of the line, with brackets
   * balanced so a multi-line value is skipped whole, but never past a line that looks like the
   * next item at or left of `itemCol`. A `}` at bracket depth 0 is left for the body.
   */
  private skipItemRest(itemCol: number): void {
    const kinds = this.kinds;
    let depth = 0;
    for (;;) {
      const k = kinds[this.p];
      if (k === Tok.EOF) return;
      if (k === Tok.Newline) {
        if (depth === 0) return;
        this.p++;
        const q = this.p;
        const kq = kinds[q];
        const nextItem = (kq === Tok.Ident && (this.isAttributeStart(q) || this.isBlockHeaderAt(q))) || kq === Tok.RBrace;
        if (nextItem && this.col(q) <= itemCol) return;
        continue;
      }
      if (isOpener(k)) depth++;
      else if (k === Tok.RBrace) {
        if (depth === 0) return;
        depth--;
      } else if (isCloser(k)) {
        if (depth > 0) depth--;
      }
      this.advance();
    }
  }

  /**
   * Skips a broken expression: balanced tokens until, at depth 0, something that ends an
   * expression in any context (separator, closer, newline where significant).
   */
  private skipExpression(): void {
    const kinds = this.kinds;
    let depth = 0;
    for (;;) {
      const k = kinds[this.p];
      if (k === Tok.EOF) return;
      if (depth === 0) {
        if (k === Tok.Newline && this.nl) return;
        if (isCloser(k) || k === Tok.RBrace || k === Tok.Comma || k === Tok.Colon || k === Tok.FatArrow || k === Tok.Ellipsis || k === Tok.Question) return;
        if (k === Tok.Assign) return;
      }
      if (isOpener(k)) depth++;
      else if ((isCloser(k) || k === Tok.RBrace) && depth > 0) depth--;
      if (k === Tok.Newline) this.p++;
      else this.advance();
    }
  }

  /** Skips to just after the `TemplateSeqEnd` closing the current template sequence. */
  private skipToSeqEnd(): void {
    const kinds = this.kinds;
    let depth = 0;
    for (;;) {
      const k = kinds[this.p];
      if (k === Tok.EOF || k === Tok.CQuote || k === Tok.HeredocClose) {
        if (depth === 0) return;
      }
      if (k === Tok.InterpOpen || k === Tok.DirectiveOpen) depth++;
      else if (k === Tok.TemplateSeqEnd) {
        if (depth === 0) {
          this.advance();
          return;
        }
        depth--;
      } else if (k === Tok.OQuote || k === Tok.HeredocOpen) depth++;
      else if ((k === Tok.CQuote || k === Tok.HeredocClose) && depth > 0) depth--;
      if (k === Tok.EOF) return;
      this.advance();
    }
  }

  /** Reports excessive nesting and skips the construct starting at the current token. */
  private tooDeep(): ErrorExpr {
    const before = this.p;
    const start = this.starts[before];
    this.error(`Nesting too deep: more than ${MAX_DEPTH} levels`, start, this.ends[before]);
    this.skipExpression();
    return this.p === before ? this.errorExpr(this.lastEnd, this.lastEnd) : this.errorExpr(start, this.lastEnd);
  }

  // ---------------------------------------------------------------------------------------------
  // Bodies and blocks

  private parseBody(owner: BodyOwner | null): BodyItem[] {
    const kinds = this.kinds;
    const items: BodyItem[] = [];
    for (;;) {
      while (kinds[this.p] === Tok.Newline) this.p++;
      const i = this.p;
      const k = kinds[i];
      if (k === Tok.EOF) break;
      if (owner !== null && this.indentMode && this.isLineStart(i)) {
        const c = this.col(i);
        if (k === Tok.RBrace) {
          if (c > owner.headerCol) {
            this.errorAtToken(`Unexpected "}": it is indented deeper than the "${owner.type}" block it would close`, i);
            this.advance();
            continue;
          }
          if (c < owner.headerCol) break; // belongs to an outer block; ours is missing its `}`
        } else if (c <= owner.headerCol) {
          break; // the next item at our header's indentation: ours is missing its `}`
        }
      }
      if (k === Tok.RBrace) {
        if (owner !== null) break;
        this.errorAtToken('Unexpected "}": there is no open block to close', i);
        this.advance();
        continue;
      }
      if (k === Tok.Invalid) {
        // A stray character (NUL, U+FFFD, ...): report and go on with the rest of the line.
        this.unexpected(i, 'Expected an attribute or block definition');
        this.advance();
        continue;
      }
      if (k !== Tok.Ident) {
        this.unexpected(i, 'Expected an attribute or block definition');
        this.skipItemRest(this.col(i));
        if (this.p === i) this.advance();
        continue;
      }
      const item = this.parseItem(owner);
      if (item === null) {
        if (this.p === i) this.advance();
        continue;
      }
      if (owner !== null && owner.singleLine && items.length === 0) this.checkSingleLine(owner, item);
      items.push(item);
    }
    if (items.length > 1) this.checkDuplicateAttributes(items);
    return items;
  }

  /** HCL rejects an attribute defined twice in one body. */
  private checkDuplicateAttributes(items: BodyItem[]): void {
    // Bodies are usually small: a quadratic scan avoids allocating a Map per block.
    if (items.length <= 24) {
      for (let i = 1; i < items.length; i++) {
        const item = items[i];
        if (item.type !== 'Attribute') continue;
        for (let j = 0; j < i; j++) {
          const prev = items[j];
          if (prev.type === 'Attribute' && prev.name === item.name) {
            this.reportDuplicate(item, prev);
            break;
          }
        }
      }
      return;
    }
    const seen = new Map<string, HclAttribute>();
    for (const item of items) {
      if (item.type !== 'Attribute') continue;
      const prev = seen.get(item.name);
      if (prev) this.reportDuplicate(item, prev);
      else seen.set(item.name, item);
    }
  }

  private reportDuplicate(item: HclAttribute, prev: HclAttribute): void {
    const message = `Attribute redefined: "${item.name}" was already set at line ${prev.nameRange.start.line + 1}`;
    // Not through error(): these are found after the body, out of source order.
    this.errors.push({ message, range: plainRange(item.nameRange) });
  }

  /** HCL's single-line block rules: `a { b = 1 }` holds at most one attribute and no block. */
  private checkSingleLine(owner: BodyOwner, item: BodyItem): void {
    if (item.type === 'Block') {
      this.error('A single-line block definition can contain only a single argument; place nested blocks on their own line', startOffsetOf(item.range), endOffsetOf(item.typeRange));
    } else if (this.kinds[this.p] !== Tok.RBrace) {
      this.error(
        `A single-line "${owner.type}" block must be closed with "}" on the same line, after its single argument`,
        endOffsetOf(item.range),
        endOffsetOf(item.range),
      );
    }
  }

  /** Parses an attribute or block starting at the identifier at `this.p`; null if dropped. */
  private parseItem(owner: BodyOwner | null): BodyItem | null {
    const nameTok = this.p;
    const next = this.kinds[nameTok + 1];
    switch (next) {
      case Tok.Assign:
        return this.parseAttribute(nameTok, owner);
      case Tok.EqEq:
      case Tok.Colon:
        this.errorAtToken(`Expected "=" to assign attribute "${this.tokText(nameTok)}", found "${this.tokText(nameTok + 1)}"`, nameTok + 1);
        return this.parseAttribute(nameTok, owner);
      case Tok.LBrace:
      case Tok.OQuote:
      case Tok.Ident:
        return this.parseBlock(nameTok);
      case Tok.Newline:
      case Tok.EOF:
      case Tok.RBrace: {
        const name = this.tokText(nameTok);
        this.error(`Expected "=" and a value or a block definition after "${name}"`, this.ends[nameTok], this.ends[nameTok]);
        this.advance();
        return null;
      }
      default:
        this.unexpected(nameTok + 1, `Expected "=" after "${this.tokText(nameTok)}"`);
        this.advance();
        this.skipItemRest(this.col(nameTok));
        return null;
    }
  }

  private parseAttribute(nameTok: number, owner: BodyOwner | null): HclAttribute {
    const nameStart = this.starts[nameTok];
    const nameEnd = this.ends[nameTok];
    const itemCol = this.col(nameTok);
    this.p = nameTok + 1;
    this.advance(); // `=`
    this.itemCol = itemCol;
    this.nl = true;
    const expr = this.parseExpr();
    const k = this.kinds[this.p];
    if (k !== Tok.Newline && k !== Tok.EOF && !this.isLineStart(this.p)) {
      if (k === Tok.RBrace) {
        if (owner === null || !owner.singleLine || this.lines.lineOf(nameStart) !== owner.headerLine) {
          this.errorAtToken('Missing newline after argument: "}" must be on its own line', this.p);
        }
      } else {
        this.unexpected(this.p, 'Missing newline after argument: an argument definition must end with a newline');
        this.skipItemRest(itemCol);
      }
    }
    const nameRange = this.range(nameStart, nameEnd);
    return {
      type: 'Attribute',
      name: this.text.slice(nameStart, nameEnd),
      nameRange,
      expr,
      range: this.span(nameRange, expr.range),
    };
  }

  private parseBlock(typeTok: number): HclBlock | null {
    const kinds = this.kinds;
    const typeStart = this.starts[typeTok];
    const blockType = this.tokText(typeTok);
    const headerCol = this.col(typeTok);
    // Ranges are created in source order so that LineMap lookups stay on its fast path.
    const typeRange = this.range(typeStart, this.ends[typeTok]);
    this.p = typeTok;
    this.advance();
    const labels: BlockLabel[] = [];
    for (;;) {
      const k = kinds[this.p];
      if (k === Tok.Ident) {
        const i = this.p;
        labels.push({ value: this.tokText(i), quoted: false, range: this.range(this.starts[i], this.ends[i]) });
        this.advance();
      } else if (k === Tok.OQuote) {
        labels.push(this.parseLabel());
      } else break;
    }

    let openTok = this.p;
    let openStart: number;
    let openEnd: number;
    const k = kinds[openTok];
    if (k === Tok.LBrace) {
      openStart = this.starts[openTok];
      openEnd = this.ends[openTok];
      this.advance();
    } else if (k === Tok.Newline || k === Tok.EOF) {
      const headerEnd = this.lastEnd;
      let j = openTok;
      while (kinds[j] === Tok.Newline) j++;
      if (kinds[j] === Tok.LBrace) {
        // `resource "a" "b"` with `{` on the next line: HCL rejects it, but the intent is clear.
        this.errorAtToken('The opening "{" of a block must be on the same line as the block header', j);
        openTok = j;
        openStart = this.starts[j];
        openEnd = this.ends[j];
        this.p = j;
        this.advance();
      } else if (kinds[j] === Tok.Ident && this.isLineStart(j) && this.col(j) > headerCol) {
        // Header without `{` (e.g. a broken label ate it) followed by an indented body.
        this.error(`Expected "{" to open the "${blockType}" block`, headerEnd, headerEnd);
        openStart = headerEnd;
        openEnd = headerEnd;
        this.lastEnd = headerEnd;
      } else {
        // Half-typed header: drop it, the next line is parsed on its own. `name "value"` is more
        // likely a forgotten `=` than a block.
        const message =
          labels.length === 1 && !TOP_LEVEL_BLOCKS.has(blockType)
            ? `Expected "=" to set attribute "${blockType}" (or "{" to open a block)`
            : `Expected "{" to open the "${blockType}" block`;
        this.error(message, headerEnd, headerEnd);
        return null;
      }
    } else {
      this.unexpected(openTok, `Expected "{" to open the "${blockType}" block`);
      this.skipItemRest(headerCol);
      return null;
    }

    const openBraceRange = this.range(openStart, openEnd);
    if (this.depth >= MAX_DEPTH) {
      this.error(`Nesting too deep: more than ${MAX_DEPTH} levels`, openStart, openEnd);
      this.skipBlockContent();
    }
    this.depth++;
    const owner: BodyOwner = {
      type: blockType,
      headerCol,
      headerLine: this.lines.lineOf(typeStart),
      singleLine: kinds[this.p] !== Tok.Newline && kinds[this.p] !== Tok.EOF && kinds[this.p] !== Tok.RBrace,
    };
    const items = this.depth > MAX_DEPTH ? [] : this.parseBody(owner);
    this.depth--;

    let closeBraceRange: Range | undefined;
    let bodyEnd: number;
    let blockEnd: number;
    if (kinds[this.p] === Tok.RBrace) {
      const c = this.p;
      closeBraceRange = this.range(this.starts[c], this.ends[c]);
      bodyEnd = this.starts[c];
      blockEnd = this.ends[c];
      this.advance();
      const after = kinds[this.p];
      if (after !== Tok.Newline && after !== Tok.EOF && after !== Tok.RBrace) {
        this.errorAtToken('Missing newline after block definition', this.p);
      }
    } else {
      const end = Math.max(this.lastEnd, openEnd);
      bodyEnd = end;
      blockEnd = end;
      const headerLine = this.lines.lineOf(typeStart) + 1;
      this.error(`Missing "}" to close the "${blockType}" block opened at line ${headerLine}`, end, end);
    }
    return {
      type: 'Block',
      blockType,
      typeRange,
      labels,
      body: { items, range: this.range(openEnd, bodyEnd) },
      openBraceRange,
      closeBraceRange,
      range: this.range(typeStart, blockEnd),
    };
  }

  /** Skips a too-deeply nested block body up to (not including) its closing brace. */
  private skipBlockContent(): void {
    const kinds = this.kinds;
    let depth = 0;
    for (;;) {
      const k = kinds[this.p];
      if (k === Tok.EOF) return;
      if (k === Tok.LBrace) depth++;
      else if (k === Tok.RBrace) {
        if (depth === 0) return;
        depth--;
      }
      this.advance();
    }
  }

  private parseLabel(): BlockLabel {
    const kinds = this.kinds;
    const open = this.p;
    if (kinds[open + 1] === Tok.TemplateLit && kinds[open + 2] === Tok.CQuote) {
      // Plain "label": the common case, without the general loop's allocations.
      const value = this.unescapeQuoted(this.starts[open + 1], this.ends[open + 1]);
      this.p = open + 2;
      this.advance();
      return { value, quoted: true, range: this.range(this.starts[open], this.lastEnd) };
    }
    this.advance();
    const chunks: string[] = [];
    let reported = false;
    for (;;) {
      const k = kinds[this.p];
      if (k === Tok.TemplateLit) {
        chunks.push(this.unescapeQuoted(this.starts[this.p], this.ends[this.p]));
        this.advance();
      } else if (k === Tok.InterpOpen || k === Tok.DirectiveOpen) {
        if (!reported) {
          this.errorAtToken('Template sequences are not allowed in block labels; to include a literal "$", double it (as "$$")', this.p);
          reported = true;
        }
        const s = this.starts[this.p];
        this.advance();
        this.skipToSeqEnd();
        chunks.push(this.text.slice(s, this.lastEnd));
      } else break;
    }
    const end = kinds[this.p] === Tok.CQuote ? this.ends[this.p] : this.lastEnd;
    if (kinds[this.p] === Tok.CQuote) this.advance();
    return { value: chunks.length === 1 ? chunks[0] : chunks.join(''), quoted: true, range: this.range(this.starts[open], end) };
  }

  // ---------------------------------------------------------------------------------------------
  // Expressions

  private parseExpr(): Expr {
    if (this.depth >= MAX_DEPTH) return this.tooDeep();
    this.depth++;
    const condition = this.parseBinary(1);
    let result = condition;
    if (this.cur() === Tok.Question) {
      this.advance();
      const trueExpr = this.parseExpr();
      let falseExpr: Expr;
      if (this.cur() === Tok.Colon) {
        this.advance();
        falseExpr = this.parseExpr();
      } else {
        this.unexpected(this.p, 'Expected ":" in the conditional expression');
        falseExpr = this.errorExpr(this.lastEnd, this.lastEnd);
      }
      result = {
        type: 'Conditional',
        condition,
        trueExpr,
        falseExpr,
        range: this.span(this.span(condition.range, trueExpr.range), falseExpr.range),
      };
    }
    this.depth--;
    return result;
  }

  /** Precedence climbing over HCL's six binary levels; operators are left-associative. */
  private parseBinary(minPrec: number): Expr {
    let left = this.parseOperand();
    let chain = 0;
    for (;;) {
      const k = this.cur();
      const prec = BINARY_PREC[k];
      if (prec === 0 || prec < minPrec) break;
      if (this.depth + ++chain > MAX_DEPTH) {
        this.tooDeep();
        return this.errorExpr(startOffsetOf(left.range), this.lastEnd);
      }
      this.advance();
      const opEnd = this.lastEnd;
      this.depth++;
      const right = this.parseBinary(prec + 1);
      this.depth--;
      left = {
        type: 'Binary',
        operator: BINARY_OP[k],
        left,
        right,
        range: endOffsetOf(right.range) >= opEnd ? this.span(left.range, right.range) : this.rangeFrom(left.range, opEnd),
      };
    }
    return left;
  }

  /** Unary operators (iteratively, so `!!!!x` cannot recurse) applied to a postfix expression. */
  private parseOperand(): Expr {
    let k = this.cur();
    if (k !== Tok.Bang && k !== Tok.Minus) return this.parsePostfix();
    const ops: number[] = [];
    while (k === Tok.Bang || k === Tok.Minus) {
      ops.push(this.p);
      this.advance();
      k = this.cur();
    }
    if (this.depth + ops.length > MAX_DEPTH) {
      this.p = ops[0];
      return this.tooDeep();
    }
    let operand = this.parsePostfix();
    for (let j = ops.length - 1; j >= 0; j--) {
      const op = ops[j];
      operand = {
        type: 'Unary',
        operator: this.kinds[op] === Tok.Bang ? '!' : '-',
        operand,
        range: this.range(this.starts[op], Math.max(endOffsetOf(operand.range), this.ends[op])),
      };
    }
    return operand;
  }

  /** A primary expression followed by traversals: `.attr`, `.0`, `[key]`, `[*]`, `.*`. */
  private parsePostfix(): Expr {
    let expr = this.parsePrimary();
    let chain = 0;
    for (;;) {
      const k = this.cur();
      if (k !== Tok.Dot && k !== Tok.LBrack) break;
      if (this.depth + ++chain > MAX_DEPTH) {
        this.tooDeep();
        return this.errorExpr(startOffsetOf(expr.range), this.lastEnd);
      }
      if (k === Tok.Dot) {
        const dot = this.p;
        this.advance();
        const nk = this.cur();
        if (nk === Tok.Ident || nk === Tok.Number) {
          expr = this.parseAttrStep(expr);
        } else if (nk === Tok.Star) {
          this.advance();
          expr = this.parseSplat(expr, false);
        } else {
          // `aws_s3_bucket.` while typing: keep the traversal with an empty name for completion.
          this.error('Expected an attribute name after "."', this.ends[dot], this.ends[dot]);
          expr = {
            type: 'GetAttr',
            object: expr,
            name: '',
            nameRange: this.range(this.ends[dot], this.ends[dot]),
            range: this.rangeFrom(expr.range, this.ends[dot]),
          };
          break;
        }
      } else {
        const saveNl = this.nl;
        this.nl = false;
        this.advance();
        if (this.cur() === Tok.Star && this.peekKindAfter(this.p) === Tok.RBrack) {
          this.advance();
          this.cur();
          this.advance();
          this.nl = saveNl;
          expr = this.parseSplat(expr, true);
        } else {
          const key = this.parseExpr();
          expr = { type: 'Index', collection: expr, key, range: this.rangeFrom(expr.range, this.closeBracket(Tok.RBrack, 'index')) };
          this.nl = saveNl;
        }
      }
    }
    return expr;
  }

  /** Kind of the next non-newline token after `i`. */
  private peekKindAfter(i: number): Tok {
    let j = i + 1;
    while (this.kinds[j] === Tok.Newline) j++;
    return this.kinds[j];
  }

  /**
   * Consumes the expected closing bracket and returns its end offset; if it is missing, reports
   * it and returns the end of what was parsed.
   */
  private closeBracket(kind: Tok, what: string): number {
    if (this.cur() === kind) {
      this.advance();
      return this.lastEnd;
    }
    const ch = kind === Tok.RBrack ? ']' : kind === Tok.RParen ? ')' : '}';
    this.unexpected(this.p, `Expected "${ch}" to close the ${what}`);
    return this.lastEnd;
  }

  /** `.name` or legacy `.0` after the dot; the current token is the name. */
  private parseAttrStep(object: Expr): Expr {
    const i = this.p;
    this.advance();
    const s = this.starts[i];
    const e = this.ends[i];
    if (this.kinds[i] === Tok.Number) {
      const raw = this.text.slice(s, e);
      const dot = raw.indexOf('.');
      if (dot >= 0) {
        // `x.0.1` lexes as `x`, `.`, `0.1`: two legacy index steps, which HCL rejects.
        this.errorAtToken('Invalid legacy index syntax: chaining two indexes is not permitted; use [0][1]', i);
        const firstName = this.range(s, s + dot);
        const first: Expr = {
          type: 'GetAttr',
          object,
          name: raw.slice(0, dot),
          nameRange: firstName,
          range: this.rangeFrom(object.range, s + dot),
        };
        const secondName = this.range(s + dot + 1, e);
        return { type: 'GetAttr', object: first, name: raw.slice(dot + 1), nameRange: secondName, range: this.rangeFrom(object.range, e) };
      }
    }
    const nameRange = this.range(s, e);
    return { type: 'GetAttr', object, name: this.text.slice(s, e), nameRange, range: this.rangeFrom(object.range, e) };
  }

  /** After `[*]` (full) or `.*`: the traversal steps applied to each element. */
  private parseSplat(source: Expr, full: boolean): SplatExpr {
    const each: SplatExpr['each'] = [];
    let end = this.lastEnd;
    for (;;) {
      const k = this.cur();
      if (k === Tok.Dot) {
        const nk = this.peekKindAfter(this.p);
        if (nk === Tok.Star && !full) {
          let star = this.p + 1;
          while (this.kinds[star] === Tok.Newline) star++;
          this.error('Nested splat expression not allowed: a splat (*) cannot be used inside another attribute-only splat', this.starts[star], this.ends[star]);
        }
        if (nk !== Tok.Ident && nk !== Tok.Number) break;
        const dot = this.p;
        this.advance();
        this.cur();
        const i = this.p;
        this.advance();
        each.push({ kind: 'attr', name: this.tokText(i), range: this.range(this.starts[dot], this.ends[i]) });
        end = this.ends[i];
      } else if (k === Tok.LBrack && full) {
        if (this.peekKindAfter(this.p) === Tok.Star) break;
        if (this.depth + each.length >= MAX_DEPTH) break;
        const lb = this.p;
        const saveNl = this.nl;
        this.nl = false;
        this.advance();
        this.depth++;
        const key = this.parseExpr();
        this.depth--;
        end = this.closeBracket(Tok.RBrack, 'index');
        this.nl = saveNl;
        each.push({ kind: 'index', key, range: this.range(this.starts[lb], end) });
      } else break;
    }
    return { type: 'Splat', source, full, each, range: this.rangeFrom(source.range, end) };
  }

  private parsePrimary(): Expr {
    const k = this.cur();
    const i = this.p;
    switch (k) {
      case Tok.Number: {
        this.advance();
        const raw = this.tokText(i);
        const value = Number(raw);
        if (Number.isNaN(value)) this.errorAtToken(`Invalid number literal "${raw}"`, i);
        return { type: 'Literal', value, raw, range: this.range(this.starts[i], this.ends[i]) };
      }
      case Tok.Ident: {
        const nk = this.nl ? this.kinds[i + 1] : this.peekKindAfter(i);
        if (nk === Tok.LParen || nk === Tok.DoubleColon) return this.parseCall();
        this.advance();
        const name = this.tokText(i);
        const range = this.range(this.starts[i], this.ends[i]);
        if (name === 'true' || name === 'false') return { type: 'Literal', value: name === 'true', raw: name, range };
        if (name === 'null') return { type: 'Literal', value: null, raw: name, range };
        return { type: 'Variable', name, range };
      }
      case Tok.OQuote:
        return this.parseQuoted();
      case Tok.HeredocOpen:
        return this.parseHeredoc();
      case Tok.LBrack:
        return this.parseTuple();
      case Tok.LBrace:
        return this.parseObject();
      case Tok.LParen: {
        const saveNl = this.nl;
        this.nl = false;
        this.advance();
        const inner = this.parseExpr();
        const end = this.closeBracket(Tok.RParen, 'parenthesized expression');
        this.nl = saveNl;
        return { type: 'Paren', expr: inner, range: this.range(this.starts[i], end) };
      }
      case Tok.Invalid:
        this.unexpected(i, 'Expected an expression');
        this.advance();
        return this.errorExpr(this.starts[i], this.ends[i]);
      default: {
        // The error points at the offending token; the placeholder sits right after the last
        // consumed token, so that it stays inside every enclosing node's range.
        this.unexpected(i, 'Expected an expression');
        return this.errorExpr(this.lastEnd, this.lastEnd);
      }
    }
  }

  /** `name(args)`, `provider::ns::name(args)`, `f(list...)`. */
  private parseCall(): Expr {
    const first = this.p;
    const nameStart = this.starts[first];
    const parts = [this.tokText(first)];
    this.advance();
    while (this.cur() === Tok.DoubleColon) {
      this.advance();
      if (this.cur() !== Tok.Ident) {
        this.unexpected(this.p, 'Expected a function name after "::"');
        return this.errorExpr(nameStart, this.lastEnd);
      }
      parts.push(this.tokText(this.p));
      this.advance();
    }
    const nameEnd = this.lastEnd;
    const name = parts.length === 1 ? parts[0] : parts.join('::');
    if (this.cur() !== Tok.LParen) {
      this.unexpected(this.p, `Expected "(" to call function "${name}"`);
      return this.errorExpr(nameStart, nameEnd);
    }
    const saveNl = this.nl;
    this.nl = false;
    this.advance();
    const args: Expr[] = [];
    let expandFinal = false;
    let end = -1;
    for (;;) {
      let k = this.cur();
      if (k === Tok.RParen) {
        this.advance();
        end = this.lastEnd;
        break;
      }
      if (this.stopsList(k)) break;
      args.push(this.parseExpr());
      k = this.cur();
      if (k === Tok.Ellipsis) {
        expandFinal = true;
        this.advance();
        k = this.cur();
        if (k !== Tok.RParen) {
          this.unexpected(this.p, 'Expected ")" after the expanded final argument "..."');
        }
      }
      if (k === Tok.Comma) {
        this.advance();
        continue;
      }
      if (k === Tok.RParen) continue;
      if (!this.recoverInList(Tok.RParen, 'Expected "," or ")" in the function call arguments')) break;
    }
    if (end < 0) {
      if (this.kinds[this.p] !== Tok.RParen) this.unexpected(this.p, `Expected ")" to close the call to "${name}"`);
      end = Math.max(this.lastEnd, nameEnd);
    }
    this.nl = saveNl;
    const nameRange = this.range(nameStart, nameEnd);
    return { type: 'FunctionCall', name, nameRange, args, expandFinal, range: this.rangeFrom(nameRange, end) };
  }

  /** Whether a tuple/call element list cannot continue at token kind `k` (unclosed list). */
  private stopsList(k: Tok): boolean {
    if (k === Tok.EOF || k === Tok.RBrace || k === Tok.TemplateSeqEnd || k === Tok.CQuote || k === Tok.HeredocClose) return true;
    if (k === Tok.RParen || k === Tok.RBrack) return true;
    return this.isBodyItemLine(this.p);
  }

  /**
   * After a list element that is not followed by `,` or the closer: reports, then skips to the
   * next `,` (returns true to continue) or stops at the closer or anything that cannot belong to
   * the list (returns false). Every path either consumes a token or returns.
   */
  private recoverInList(closer: Tok, message: string): boolean {
    this.unexpected(this.p, message);
    let depth = 0;
    for (;;) {
      const k = this.cur();
      if (depth === 0) {
        if (k === Tok.Comma) {
          this.advance();
          return true;
        }
        if (k === closer) return true;
        if (this.stopsList(k)) return false;
      }
      if (isOpener(k)) depth++;
      else if (isCloser(k) || k === Tok.RBrace) {
        if (depth === 0) return false;
        depth--;
      }
      if (k === Tok.EOF) return false;
      this.advance();
    }
  }

  private parseTuple(): Expr {
    const open = this.p;
    const saveNl = this.nl;
    this.nl = false;
    this.advance();
    if (this.cur() === Tok.Ident && this.isKeyword(this.p, 'for')) {
      const result = this.parseFor(open, 'tuple');
      this.nl = saveNl;
      return result;
    }
    const items: Expr[] = [];
    let end = -1;
    for (;;) {
      let k = this.cur();
      if (k === Tok.RBrack) {
        this.advance();
        end = this.lastEnd;
        break;
      }
      if (this.stopsList(k)) break;
      items.push(this.parseExpr());
      k = this.cur();
      if (k === Tok.Comma) {
        this.advance();
        continue;
      }
      if (k === Tok.RBrack) continue;
      if (!this.recoverInList(Tok.RBrack, 'Expected "," or "]" between tuple elements')) break;
    }
    if (end < 0) {
      this.unexpected(this.p, 'Expected "]" to close the tuple');
      end = this.lastEnd;
    }
    this.nl = saveNl;
    return { type: 'Tuple', items, range: this.range(this.starts[open], end) };
  }

  private parseObject(): Expr {
    const kinds = this.kinds;
    const open = this.p;
    const saveNl = this.nl;
    const saveItemCol = this.itemCol;
    const ownerCol = this.itemCol;
    this.advance();
    let j = this.p;
    while (kinds[j] === Tok.Newline) j++;
    if (this.isKeyword(j, 'for')) {
      this.nl = false;
      this.p = j;
      const result = this.parseFor(open, 'object');
      this.nl = saveNl;
      return result;
    }
    // Object items are separated by newlines or commas, so newlines are significant here again.
    this.nl = true;
    const items: ObjectItem[] = [];
    let end = -1;
    for (;;) {
      while (kinds[this.p] === Tok.Newline) this.p++;
      const i = this.p;
      const k = kinds[i];
      if (k === Tok.RBrace) {
        if (!(this.indentMode && this.isLineStart(i) && this.col(i) < ownerCol)) {
          this.advance();
          end = this.lastEnd;
        }
        break;
      }
      if (k === Tok.EOF || k === Tok.RParen || k === Tok.RBrack || k === Tok.TemplateSeqEnd || k === Tok.CQuote || k === Tok.HeredocClose) break;
      if (this.isLineStart(i) && ((this.indentMode && this.col(i) <= ownerCol) || this.isBlockHeaderAt(i))) break;
      this.itemCol = this.col(i);
      const key = this.parseExpr();
      const sep = kinds[this.p];
      if (sep !== Tok.Assign && sep !== Tok.Colon) {
        this.unexpected(this.p, 'Expected "=" or ":" after the object key');
        this.skipObjectItem();
        if (this.p === i) this.advance();
        continue;
      }
      this.advance();
      const value = this.parseExpr();
      items.push({
        key,
        value,
        separator: sep === Tok.Assign ? '=' : ':',
        range: this.span(key.range, value.range),
      });
      const after = kinds[this.p];
      if (after === Tok.Comma || after === Tok.Newline) {
        this.advance();
      } else if (after !== Tok.RBrace && !this.isLineStart(this.p)) {
        this.unexpected(this.p, 'Missing item separator: expected a newline or comma after the object item');
        this.skipObjectItem();
      }
    }
    if (end < 0) {
      const at = this.lastEnd;
      this.error(`Expected "}" to close the object opened at line ${this.lines.lineOf(this.starts[open]) + 1}`, at, at);
      end = at;
    }
    this.nl = saveNl;
    this.itemCol = saveItemCol;
    return { type: 'Object', items, range: this.range(this.starts[open], end) };
  }

  /** Skips a broken object item up to the next separator (consumed) or the closing `}`. */
  private skipObjectItem(): void {
    const kinds = this.kinds;
    let depth = 0;
    for (;;) {
      const k = kinds[this.p];
      if (k === Tok.EOF) return;
      if (depth === 0) {
        if (k === Tok.Comma || k === Tok.Newline) {
          this.advance();
          return;
        }
        if (k === Tok.RBrace || isCloser(k)) return;
      }
      if (isOpener(k)) depth++;
      else if ((isCloser(k) || k === Tok.RBrace) && depth > 0) depth--;
      this.advance();
    }
  }

  /** `[for k, v in coll : expr if cond]` / `{for k, v in coll : k => v... if cond}`; at `for`. */
  private parseFor(open: number, kind: 'tuple' | 'object'): Expr {
    const closer = kind === 'tuple' ? Tok.RBrack : Tok.RBrace;
    const start = this.starts[open];
    this.advance(); // `for`
    let keyVar: string | undefined;
    let valueVar = '';
    let collection: Expr | undefined;
    let keyExpr: Expr | undefined;
    let valueExpr: Expr | undefined;
    let condition: Expr | undefined;
    let grouping = false;
    let ok = false;
    parse: {
      if (this.cur() !== Tok.Ident) {
        this.unexpected(this.p, 'Expected a variable name after "for"');
        break parse;
      }
      valueVar = this.tokText(this.p);
      this.advance();
      if (this.cur() === Tok.Comma) {
        this.advance();
        if (this.cur() !== Tok.Ident) {
          this.unexpected(this.p, 'Expected a second variable name after ","');
          break parse;
        }
        keyVar = valueVar;
        valueVar = this.tokText(this.p);
        this.advance();
      }
      if (!(this.cur() === Tok.Ident && this.isKeyword(this.p, 'in'))) {
        this.unexpected(this.p, 'Expected "in" in the for expression');
        break parse;
      }
      this.advance();
      collection = this.parseExpr();
      if (this.cur() !== Tok.Colon) {
        this.unexpected(this.p, 'Expected ":" after the for expression\'s collection');
        break parse;
      }
      this.advance();
      if (kind === 'object') {
        keyExpr = this.parseExpr();
        if (this.cur() !== Tok.FatArrow) {
          this.unexpected(this.p, 'Expected "=>" between the key and value of an object for expression');
          break parse;
        }
        this.advance();
      }
      valueExpr = this.parseExpr();
      if (kind === 'object' && this.cur() === Tok.Ellipsis) {
        grouping = true;
        this.advance();
      }
      if (this.cur() === Tok.Ident && this.isKeyword(this.p, 'if')) {
        this.advance();
        condition = this.parseExpr();
      }
      if (this.cur() !== closer) {
        this.unexpected(this.p, `Expected "${kind === 'tuple' ? ']' : '}'}" to close the for expression`);
        break parse;
      }
      ok = true;
    }
    if (!ok) this.skipToCloser(closer);
    let end: number;
    if (this.cur() === closer) {
      this.advance();
      end = this.lastEnd;
    } else {
      end = this.lastEnd;
    }
    const result: ForExpr = {
      type: 'For',
      kind,
      valueVar,
      collection: collection ?? this.errorExpr(end, end),
      valueExpr: valueExpr ?? this.errorExpr(end, end),
      grouping,
      range: this.range(start, end),
    };
    if (keyVar !== undefined) result.keyVar = keyVar;
    if (keyExpr !== undefined) result.keyExpr = keyExpr;
    else if (kind === 'object') result.keyExpr = this.errorExpr(end, end);
    if (condition !== undefined) result.condition = condition;
    return result;
  }

  /** Skips balanced tokens up to (not including) `closer` at depth 0, or a foreign closer. */
  private skipToCloser(closer: Tok): void {
    let depth = 0;
    for (;;) {
      const k = this.cur();
      if (k === Tok.EOF) return;
      if (depth === 0) {
        if (k === closer) return;
        if (isCloser(k) || k === Tok.RBrace) return;
        if (this.isBodyItemLine(this.p)) return;
      }
      if (isOpener(k)) depth++;
      else if ((isCloser(k) || k === Tok.RBrace) && depth > 0) depth--;
      this.advance();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Templates

  private parseQuoted(): Expr {
    const open = this.p;
    const kinds = this.kinds;
    // Fast path for the common plain string "abc" (no sequences, no escapes to report).
    if (kinds[open + 1] === Tok.TemplateLit && kinds[open + 2] === Tok.CQuote && !(this.flags[open + 2] & FLAG_SYNTHETIC)) {
      const s = this.ends[open];
      const e = this.starts[open + 2];
      const value = this.unescapeQuoted(s, e);
      const litRange = this.range(s, e);
      this.p = open + 2;
      this.advance();
      return {
        type: 'Template',
        parts: [{ type: 'TemplateLiteral', value: NON_ASCII.test(value) ? value.normalize('NFC') : value, range: litRange }],
        raw: this.text.slice(s, e),
        range: this.range(s - 1, e + 1),
      };
    }
    this.advance();
    const parts = this.parseTemplateParts(Tok.CQuote, false, false);
    const close = this.p; // the lexer always provides the closing quote
    this.advance();
    const start = this.starts[open];
    return {
      type: 'Template',
      parts,
      raw: this.text.slice(this.ends[open], this.starts[close]),
      range: this.range(start, this.ends[close]),
    };
  }

  private parseHeredoc(): Expr {
    const open = this.p;
    const indented = (this.flags[open] & FLAG_INDENTED) !== 0;
    const openStart = this.starts[open];
    const openEnd = this.ends[open];
    const marker = this.text.slice(openStart + (indented ? 3 : 2), openEnd);
    const bodyStart = openEnd + (this.text.charCodeAt(openEnd) === 13 ? 2 : 1);
    this.advance();
    const parts = this.parseTemplateParts(Tok.HeredocClose, true, indented);
    const close = this.p;
    this.advance();
    const closeStart = this.starts[close];
    const bodyEnd = this.flags[close] & FLAG_SYNTHETIC ? closeStart : this.lines.lineStarts[this.lines.lineOf(closeStart)];
    return {
      type: 'Heredoc',
      marker,
      indented,
      parts,
      raw: this.text.slice(bodyStart, Math.max(bodyStart, bodyEnd)),
      range: this.range(openStart, this.ends[close]),
    };
  }

  /**
   * Parses template parts up to `closer` (not consumed), then applies `<<-` indentation removal
   * and `~` whitespace stripping to the literals and merges adjacent literals.
   */
  private parseTemplateParts(closer: Tok, heredoc: boolean, indented: boolean): TemplatePart[] {
    const kinds = this.kinds;
    const raw: RawPart[] = [];
    const saveNl = this.nl;
    const open: TemplateDirective[] = [];
    for (;;) {
      const k = kinds[this.p];
      if (k === closer || k === Tok.EOF) break;
      const i = this.p;
      if (k === Tok.TemplateLit) {
        const s = this.starts[i];
        const e = this.ends[i];
        const value = heredoc ? this.unescapeHeredoc(s, e) : this.unescapeQuoted(s, e);
        // HCL normalises template literal text to NFC (block labels are left as written).
        raw.push({ type: 'TemplateLiteral', value: NON_ASCII.test(value) ? value.normalize('NFC') : value, start: s, end: e });
        this.advance();
      } else if (k === Tok.InterpOpen) {
        const stripLeft = (this.flags[i] & FLAG_STRIP) !== 0;
        this.advance();
        this.nl = false;
        const expr = this.parseExpr();
        const stripRight = this.endSequence('interpolation');
        this.nl = saveNl;
        raw.push({ type: 'TemplateInterpolation', expr, stripLeft, stripRight, range: this.range(this.starts[i], this.lastEnd) });
      } else if (k === Tok.DirectiveOpen) {
        const d = this.parseDirective();
        this.nl = saveNl;
        if (d) {
          this.checkDirectiveNesting(d, open);
          raw.push(d);
        }
      } else {
        this.advance(); // cannot happen with the lexer's pairing; keeps progress guaranteed
      }
    }
    for (const d of open) {
      this.error(`Unterminated template directive: "%{ ${d.keyword} }" has no matching "%{ end${d.keyword} }"`, startOffsetOf(d.range), endOffsetOf(d.range));
    }
    return this.finishParts(raw, indented);
  }

  /** Expects the `}` / `~}` of a template sequence; returns whether it strips (`~}`). */
  private endSequence(what: string): boolean {
    if (this.cur() === Tok.TemplateSeqEnd) {
      const strip = (this.flags[this.p] & FLAG_STRIP) !== 0;
      this.advance();
      return strip;
    }
    this.unexpected(this.p, `Expected "}" to close the template ${what}`);
    this.skipToSeqEnd();
    return false;
  }

  private parseDirective(): TemplateDirectiveWithFlags | null {
    const open = this.p;
    const stripLeft = (this.flags[open] & FLAG_STRIP) !== 0;
    this.advance();
    this.nl = false;
    const kw = this.cur();
    const word = kw === Tok.Ident ? this.tokText(this.p) : '';
    let result: TemplateDirectiveWithFlags;
    const make = (keyword: TemplateDirective['keyword']): TemplateDirectiveWithFlags => ({
      type: 'TemplateDirective',
      keyword,
      range: this.range(this.starts[open], this.ends[open]),
      stripLeft,
      stripRight: false,
    });
    switch (word) {
      case 'if':
        this.advance();
        result = make('if');
        result.expr = this.parseExpr();
        break;
      case 'else':
      case 'endif':
      case 'endfor':
        this.advance();
        result = make(word);
        break;
      case 'for': {
        this.advance();
        result = make('for');
        if (this.cur() !== Tok.Ident) {
          this.unexpected(this.p, 'Expected a variable name after "for"');
          this.skipToSeqEnd();
          return null;
        }
        let name = this.tokText(this.p);
        this.advance();
        if (this.cur() === Tok.Comma) {
          this.advance();
          if (this.cur() !== Tok.Ident) {
            this.unexpected(this.p, 'Expected a second variable name after ","');
            this.skipToSeqEnd();
            return null;
          }
          result.keyVar = name;
          name = this.tokText(this.p);
          this.advance();
        }
        result.valueVar = name;
        if (!(this.cur() === Tok.Ident && this.isKeyword(this.p, 'in'))) {
          this.unexpected(this.p, 'Expected "in" in the for directive');
          this.skipToSeqEnd();
          return null;
        }
        this.advance();
        result.expr = this.parseExpr();
        break;
      }
      default:
        this.unexpected(this.p, 'Expected a template directive keyword (if, else, endif, for, endfor)');
        this.skipToSeqEnd();
        return null;
    }
    result.stripRight = this.endSequence('directive');
    result.range = this.range(this.starts[open], this.lastEnd);
    return result;
  }

  /** Validates `%{if}`/`%{else}`/`%{endif}`/`%{for}`/`%{endfor}` pairing (as HCL does). */
  private checkDirectiveNesting(d: TemplateDirective, open: TemplateDirective[]): void {
    const top = open.length > 0 ? open[open.length - 1] : undefined;
    switch (d.keyword) {
      case 'if':
      case 'for':
        // Directives stay flat in the tree, but consumers rebuild their nesting recursively.
        if (open.length + this.depth >= MAX_DEPTH) {
          this.error(`Nesting too deep: more than ${MAX_DEPTH} levels`, startOffsetOf(d.range), endOffsetOf(d.range));
        }
        open.push(d);
        return;
      case 'else':
        if (top?.keyword !== 'if') this.error('Unexpected "%{ else }": no open "%{ if }"', startOffsetOf(d.range), endOffsetOf(d.range));
        return;
      case 'endif':
      case 'endfor': {
        const want = d.keyword === 'endif' ? 'if' : 'for';
        if (top?.keyword === want) open.pop();
        else this.error(`Unexpected "%{ ${d.keyword} }": no open "%{ ${want} }"`, startOffsetOf(d.range), endOffsetOf(d.range));
        return;
      }
    }
  }

  /**
   * `<<-`: removes the smallest leading-whitespace count of all non-blank lines, like HCL's
   * flushHeredocTemplateParts. A line starting with a template sequence counts as zero; lines
   * of only whitespace are ignored and left untouched.
   */
  private removeHeredocIndent(parts: RawPart[]): void {
    let min = Number.MAX_SAFE_INTEGER;
    let atLineStart = true;
    const adjust: RawLiteral[] = [];
    for (const part of parts) {
      if (atLineStart) {
        atLineStart = false;
        if (part.type === 'TemplateLiteral') {
          const v = part.value;
          let n = 0;
          while (n < v.length && isUnicodeSpace(v.charCodeAt(n))) n++;
          if (!(n === v.length && v.endsWith('\n'))) {
            if (n < min) min = n;
            adjust.push(part);
          }
        } else {
          min = 0;
        }
      }
      if (part.type === 'TemplateLiteral' && part.value.endsWith('\n')) atLineStart = true;
    }
    if (min === 0 || min === Number.MAX_SAFE_INTEGER) return;
    for (const lit of adjust) {
      // `\r\n` is a single grapheme in HCL's count, but a whitespace-only line never gets here.
      lit.value = lit.value.slice(min);
      lit.start += min;
    }
  }

  /**
   * Applies `~` stripping, then `<<-` indentation removal (in HCL's order: a line whose newline
   * was stripped does not start a new line for indentation purposes), merges adjacent literals
   * and builds the final parts.
   */
  private finishParts(raw: RawPart[], indented: boolean): TemplatePart[] {
    const n = raw.length;
    for (let i = 0; i < n; i++) {
      const part = raw[i];
      if (part.type === 'TemplateLiteral') continue;
      if (part.stripLeft && i > 0) {
        const prev = raw[i - 1];
        if (prev.type === 'TemplateLiteral') prev.value = trimEndSpace(prev.value);
      }
      if (part.stripRight && i + 1 < n) {
        const next = raw[i + 1];
        if (next.type === 'TemplateLiteral') next.value = trimStartSpace(next.value);
      }
    }
    if (indented) this.removeHeredocIndent(raw);
    const out: TemplatePart[] = [];
    let i = 0;
    while (i < n) {
      const part = raw[i];
      if (part.type !== 'TemplateLiteral') {
        if (part.type === 'TemplateDirective') {
          const d: TemplateDirective = { type: 'TemplateDirective', keyword: part.keyword, range: part.range };
          if (part.expr) d.expr = part.expr;
          if (part.keyVar !== undefined) d.keyVar = part.keyVar;
          if (part.valueVar !== undefined) d.valueVar = part.valueVar;
          out.push(d);
        } else {
          out.push(part);
        }
        i++;
        continue;
      }
      // Adjacent literals (heredoc lines) become one part. Empty literals left by `~` are kept so
      // that `"${x~} "` stays a template rather than becoming a bare interpolation.
      let j = i + 1;
      while (j < n && raw[j].type === 'TemplateLiteral') j++;
      const last = raw[j - 1] as RawLiteral;
      let value: string;
      if (j === i + 1) value = part.value;
      else {
        const chunks: string[] = [];
        for (let m = i; m < j; m++) chunks.push((raw[m] as RawLiteral).value);
        value = chunks.join('');
      }
      out.push({ type: 'TemplateLiteral', value, range: this.range(part.start, Math.max(part.start, last.end)) });
      i = j;
    }
    return out;
  }

  /** Processes escapes of quoted-template literal text. */
  private unescapeQuoted(start: number, end: number): string {
    const text = this.text;
    let i = start;
    // Fast path: nothing to process.
    while (i < end) {
      const c = text.charCodeAt(i);
      if (c === 92 || ((c === 36 || c === 37) && text.charCodeAt(i + 1) === c)) break;
      i++;
    }
    if (i === end) return text.slice(start, end);
    const out: string[] = [];
    let litStart = start;
    while (i < end) {
      const c = text.charCodeAt(i);
      if ((c === 36 || c === 37) && text.charCodeAt(i + 1) === c && text.charCodeAt(i + 2) === 123) {
        out.push(text.slice(litStart, i + 1));
        i += 2;
        litStart = i;
        continue;
      }
      if (c !== 92) {
        i++;
        continue;
      }
      out.push(text.slice(litStart, i));
      const d = text.charCodeAt(i + 1);
      let len = 2;
      switch (d) {
        case 110: out.push('\n'); break;
        case 114: out.push('\r'); break;
        case 116: out.push('\t'); break;
        case 34: out.push('"'); break;
        case 92: out.push('\\'); break;
        case 117: // \uNNNN
        case 85: { // \UNNNNNNNN
          const digits = d === 117 ? 4 : 8;
          const v = i + 2 + digits <= end ? hexValue(text, i + 2, digits) : -1;
          if (v < 0 || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) {
            this.error(`Invalid escape sequence: "\\${String.fromCharCode(d)}" must be followed by ${digits} hexadecimal digits of a valid code point`, i, Math.min(end, i + 2 + digits));
            out.push(text.slice(i, Math.min(end, i + 2)));
          } else {
            out.push(String.fromCodePoint(v));
            len = 2 + digits;
          }
          break;
        }
        default:
          if (i + 1 >= end) {
            this.error('Invalid escape sequence: "\\" at the end of the string', i, i + 1);
            out.push('\\');
            len = 1;
          } else {
            this.error(`Invalid escape sequence: "\\${text[i + 1]}" is not a valid escape`, i, i + 2);
            out.push(text.slice(i, i + 2));
          }
      }
      i += len;
      litStart = i;
    }
    out.push(text.slice(litStart, end));
    return out.join('');
  }

  /** Heredoc literal text: only the `$${` and `%%{` escapes exist. */
  private unescapeHeredoc(start: number, end: number): string {
    const text = this.text;
    const s = text.slice(start, end);
    if (s.indexOf('$${') < 0 && s.indexOf('%%{') < 0) return s;
    return s.replace(/([$%])\1\{/g, '$1{');
  }
}

function isOpener(k: Tok): boolean {
  return (
    k === Tok.LParen || k === Tok.LBrack || k === Tok.LBrace || k === Tok.OQuote ||
    k === Tok.HeredocOpen || k === Tok.InterpOpen || k === Tok.DirectiveOpen
  );
}

/** Closing tokens other than `}` (whose meaning depends on context). */
function isCloser(k: Tok): boolean {
  return k === Tok.RParen || k === Tok.RBrack || k === Tok.CQuote || k === Tok.HeredocClose || k === Tok.TemplateSeqEnd;
}

function describe(k: Tok, text: string): string {
  switch (k) {
    case Tok.Ident:
      return `"${text}"`;
    case Tok.Number:
      return `number ${text}`;
    case Tok.OQuote:
      return 'a string';
    case Tok.HeredocOpen:
      return 'a heredoc';
    case Tok.TemplateSeqEnd:
      return 'the end of the template sequence';
    case Tok.CQuote:
      return 'the end of the string';
    default:
      return `"${text}"`;
  }
}
