/**
 * Projects our HCL tree to exactly the JSON that `@cdktf/hcl2json` produces (HashiCorp's HCL
 * parser plus the cdktf fork of tmccombs/hcl2json's converter). It exists so that the parser can
 * be tested differentially against the reference implementation on a large corpus.
 *
 * The rules, established by experiment against hcl2json 0.21:
 * - A body is an object. Blocks nest by type, then by each label, and end in an array of bodies;
 *   repeated blocks append to that array. Attributes are set after blocks (an attribute wins).
 * - Number, bool and null literals become JSON values; `-`/`!` applied directly to a literal is
 *   folded (`-1` -> -1). Tuples and objects are converted element-wise.
 * - A template that is exactly one interpolation (`"${x}"`) converts as its inner expression, so
 *   `"${1}"` is the number 1 and `"${x}"` is `"${x}"`.
 * - Other templates become strings: literal text with `${` / `%{` re-escaped as `$${` / `%%{`,
 *   interpolations as `${<source>}` (literals inside are inlined as text), `%{if}`/`%{for}`
 *   directives re-rendered canonically (`%{if <source>}a%{else}b%{endif}`, no strip markers, the
 *   else part only when non-empty). A conditional *expression* interpolated in a multi-part
 *   template is rendered as an `%{if}` directive too.
 * - Everything else is `${<source text of the expression>}`, the source sliced by its range (plus a
 *   directly following `)`, a quirk of the converter).
 * - Object keys: a bare name or static traversal (`a`, `a.b`, `a[0]`) is its source text; keyword
 *   literals their text; numbers their decimal text (`1e3` -> "1000"); strings their value;
 *   anything else `${<source>}`.
 */
import type { Expr, HclBody, HclFile, TemplateDirective, TemplatePart } from './ast';

type Json = null | boolean | number | string | Json[] | JsonObject;
interface JsonObject {
  [key: string]: Json;
}

/** hcl2json's JSON for a parsed file. `text` must be the text the file was parsed from. */
export function toHcl2Json(file: HclFile, text: string): unknown {
  return new Converter(text).body(file.body);
}

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** Sets an own property, also for the key `__proto__` (as JSON.parse does). */
function setKey(obj: JsonObject, key: string, value: Json): void {
  if (key === '__proto__') {
    Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    obj[key] = value;
  }
}

function isPlainObject(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Literal template text as the converter emits it: template sequences re-escaped. */
function escapeLiteral(s: string): string {
  if (s.indexOf('{') < 0) return s;
  return s.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}

/**
 * A number literal as cty converts it to a string: plain decimal notation, no exponent, no
 * redundant zeros (`1.50` -> "1.5", `1e3` -> "1000", `01` -> "1").
 */
export function numberToDecimalString(raw: string): string {
  const m = /^(\d+)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(raw);
  if (!m) return String(Number(raw));
  let digits = m[1] + (m[2] ?? '');
  let point = m[1].length + (m[3] ? parseInt(m[3], 10) : 0);
  // Strip leading zeros (keeping the point aligned).
  let lead = 0;
  while (lead < digits.length - 1 && digits[lead] === '0') lead++;
  digits = digits.slice(lead);
  point -= lead;
  if (/^0*$/.test(digits)) return '0';
  let intPart: string;
  let fracPart: string;
  if (point <= 0) {
    intPart = '0';
    fracPart = '0'.repeat(-point) + digits;
  } else if (point >= digits.length) {
    intPart = digits + '0'.repeat(point - digits.length);
    fracPart = '';
  } else {
    intPart = digits.slice(0, point);
    fracPart = digits.slice(point);
  }
  // Trailing zeros, without `/0+$/`: that regex retries at every zero of a long run (quadratic).
  let fracEnd = fracPart.length;
  while (fracEnd > 0 && fracPart.charCodeAt(fracEnd - 1) === 48) fracEnd--;
  fracPart = fracPart.slice(0, fracEnd);
  return fracPart.length > 0 ? `${intPart}.${fracPart}` : intPart;
}

/** Whether HCL would parse `e` as a ScopeTraversalExpr (root name + static steps). */
function isStaticTraversal(e: Expr): boolean {
  for (;;) {
    switch (e.type) {
      case 'Variable':
        return true;
      case 'GetAttr':
        e = e.object;
        continue;
      case 'Index': {
        const k = e.key;
        const literalKey =
          k.type === 'Literal' || (k.type === 'Template' && k.parts.length === 1 && k.parts[0].type === 'TemplateLiteral');
        if (!literalKey) return false;
        e = e.collection;
        continue;
      }
      default:
        return false;
    }
  }
}

function isDirective(part: TemplatePart | undefined, keyword: TemplateDirective['keyword']): boolean {
  return part !== undefined && part.type === 'TemplateDirective' && part.keyword === keyword;
}

/** Whether parts [from, to) are exactly one `${null}` (a branch the converter fails to render). */
function isNullOnly(parts: TemplatePart[], from: number, to: number): boolean {
  if (to - from !== 1) return false;
  const p = parts[from];
  return p.type === 'TemplateInterpolation' && p.expr.type === 'Literal' && p.expr.value === null;
}

/** The single interpolated expression of a template written as `"${expr}"`, if it is one. */
function wrappedExpr(e: Expr): Expr | undefined {
  if (e.type !== 'Template' && e.type !== 'Heredoc') return undefined;
  const parts = e.parts;
  return parts.length === 1 && parts[0].type === 'TemplateInterpolation' ? parts[0].expr : undefined;
}

class Converter {
  constructor(private readonly text: string) {}

  body(body: HclBody): JsonObject {
    const out: JsonObject = {};
    for (const item of body.items) {
      if (item.type !== 'Block') continue;
      let target = out;
      let key = item.blockType;
      for (const label of item.labels) {
        const existing = hasOwn(target, key) ? target[key] : undefined;
        if (isPlainObject(existing)) {
          target = existing;
        } else {
          const created: JsonObject = {};
          setKey(target, key, created);
          target = created;
        }
        key = label.value;
      }
      const value = this.body(item.body);
      const existing = hasOwn(target, key) ? target[key] : undefined;
      if (Array.isArray(existing)) existing.push(value);
      else setKey(target, key, [value]);
    }
    for (const item of body.items) {
      if (item.type === 'Attribute') setKey(out, item.name, this.expr(item.expr));
    }
    return out;
  }

  /** The converter's `convertExpression`. */
  expr(e: Expr): Json {
    switch (e.type) {
      case 'Literal':
        return e.value;
      case 'Unary': {
        const v = e.operand;
        if (v.type === 'Literal') {
          if (e.operator === '-' && typeof v.value === 'number') return -v.value;
          if (e.operator === '!' && typeof v.value === 'boolean') return !v.value;
        }
        return this.wrap(e);
      }
      case 'Template':
      case 'Heredoc': {
        const inner = wrappedExpr(e);
        return inner ? this.expr(inner) : this.template(e.parts);
      }
      case 'Tuple':
        return e.items.map((item) => this.expr(item));
      case 'Object': {
        const out: JsonObject = {};
        for (const item of e.items) setKey(out, this.key(item.key), this.expr(item.value));
        return out;
      }
      default:
        return this.wrap(e);
    }
  }

  private key(k: Expr): string {
    if (isStaticTraversal(k)) return this.source(k);
    if (k.type === 'Literal' && typeof k.value !== 'number') return k.raw;
    return this.stringPart(k);
  }

  /** The converter's `convertStringPart`: an expression inside a template, as text. */
  private stringPart(e: Expr): string {
    switch (e.type) {
      case 'Literal':
        if (typeof e.value === 'number') return numberToDecimalString(e.raw);
        return e.value === null ? 'null' : String(e.value);
      case 'Template':
      case 'Heredoc': {
        const inner = wrappedExpr(e);
        return inner ? this.stringPart(inner) : this.template(e.parts);
      }
      case 'Conditional': {
        const falseText = this.stringPart(e.falseExpr);
        return `%{if ${this.source(e.condition)}}${this.stringPart(e.trueExpr)}${falseText.length > 0 ? `%{else}${falseText}` : ''}%{endif}`;
      }
      default:
        return this.wrap(e);
    }
  }

  private template(parts: TemplatePart[]): string {
    const out: string[] = [];
    let i = 0;
    while (i < parts.length) {
      i = this.templateRun(parts, i, out);
      // A stray `%{else}`/`%{endif}`/`%{endfor}` (a syntax error) ends a run early; skip it.
      if (i < parts.length) i++;
    }
    return out.join('');
  }

  /**
   * Renders parts from `i` until the end or an `else`/`endif`/`endfor` directive, rebuilding the
   * nesting that our flat directive list leaves implicit. Returns the index where it stopped.
   */
  private templateRun(parts: TemplatePart[], i: number, out: string[]): number {
    while (i < parts.length) {
      const part = parts[i];
      if (part.type === 'TemplateLiteral') {
        out.push(escapeLiteral(part.value));
        i++;
      } else if (part.type === 'TemplateInterpolation') {
        out.push(this.stringPart(part.expr));
        i++;
      } else if (part.keyword === 'if') {
        const trueOut: string[] = [];
        const trueStart = i + 1;
        let j = this.templateRun(parts, trueStart, trueOut);
        const trueFails = isNullOnly(parts, trueStart, j);
        let falseText = '';
        if (isDirective(parts[j], 'else')) {
          const falseOut: string[] = [];
          const falseStart = j + 1;
          j = this.templateRun(parts, falseStart, falseOut);
          if (!isNullOnly(parts, falseStart, j)) falseText = falseOut.join('');
        }
        if (isDirective(parts[j], 'endif')) j++;
        // The converter evaluates a branch that is a single literal and, for `${null}`, gets an
        // error that it swallows: the whole `%{if}` renders as nothing (or the else is dropped).
        if (!trueFails) {
          const cond = part.expr ? this.source(part.expr) : '';
          out.push(`%{if ${cond}}${trueOut.join('')}${falseText.length > 0 ? `%{else}${falseText}` : ''}%{endif}`);
        }
        i = j;
      } else if (part.keyword === 'for') {
        const bodyOut: string[] = [];
        let j = this.templateRun(parts, i + 1, bodyOut);
        if (isDirective(parts[j], 'endfor')) j++;
        const vars = part.keyVar !== undefined ? `${part.keyVar}, ${part.valueVar ?? ''}` : part.valueVar ?? '';
        const coll = part.expr ? this.source(part.expr) : '';
        out.push(`%{for ${vars} in ${coll}}${bodyOut.join('')}%{endfor}`);
        i = j;
      } else {
        return i;
      }
    }
    return i;
  }

  /** Source text of an expression, including a directly following `)` (converter quirk). */
  private source(e: Expr): string {
    const start = e.range.start.offset;
    let end = e.range.end.offset;
    if (this.text.charCodeAt(end) === 41) end++;
    return this.text.slice(start, end);
  }

  private wrap(e: Expr): string {
    return '${' + this.source(e) + '}';
  }
}
