/**
 * Deterministic generator of valid but demanding HCL files for the differential parser test:
 * every expression form in random combinations, deep nesting, many blocks, long strings and
 * heredocs, comments in awkward places, unicode, CRLF line endings. Everything it emits must be
 * accepted by HashiCorp's parser (the test fails otherwise), so it stays inside the language.
 */

export interface GeneratedFile {
  name: string;
  text: string;
}

/** mulberry32: small, fast, good enough for test data. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = ['alpha', 'beta', 'gamma', 'delta', 'bucket_name', 'kms-key', 'tags', 'x', 'y_2', 'région', '名前', 'Ünïcode'];
const ROOTS = ['var', 'local', 'module', 'data', 'each', 'count', 'path', 'self', 'aws_s3_bucket', 'terraform'];
const FUNCS = ['lookup', 'merge', 'concat', 'length', 'format', 'jsonencode', 'upper', 'coalesce', 'try', 'cidrsubnet', 'element'];
const STRING_PIECES = [
  'hello', ' ', 'world', '-', '_', '/', ':', '.', '0', '42', 'arn:aws:s3:::', '*', '?', '{', '}', '[', ']', '$', '%', '#', '//',
  '\\n', '\\t', '\\"', '\\\\', '\\r', '\\u00e9', '\\u4e2d', '\\U0001F600', '$${literal}', '%%{literal}', '$$', '%%', 'é', 'ñ',
  '中文', '😀', 'e\u0301', 'Å', 'ﬁ', '\u00a0', "'",
];
const HEREDOC_PIECES = ['line', ' ', '  indented', '{"json": true}', '[1, 2]', '$${x}', '%%{y}', '\\n stays', '"quoted"', 'tab\there', 'ünï', '#not a comment', '// nor this', '/* nor */'];
const BINARY_OPS = ['||', '&&', '==', '!=', '<', '<=', '>', '>=', '+', '-', '*', '/', '%'];

interface Ctx {
  /** Newlines may appear (false inside quoted-template interpolations, which we keep single-line). */
  multiline: boolean;
  /**
   * Inside brackets, parentheses or calls, where newlines are insignificant. A heredoc ends with a
   * newline, so it may only appear here (or as a whole attribute value).
   */
  nlFree?: boolean;
  indent: string;
}

class Gen {
  private readonly r: () => number;
  private heredocId = 0;

  constructor(seed: number) {
    this.r = prng(seed);
  }

  int(n: number): number {
    return Math.floor(this.r() * n);
  }

  chance(p: number): boolean {
    return this.r() < p;
  }

  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }

  name(): string {
    return this.pick(NAMES);
  }

  number(): string {
    switch (this.int(7)) {
      case 0:
        return String(this.int(1000));
      case 1:
        return `${this.int(100)}.${this.int(1000)}`;
      case 2:
        return `${1 + this.int(9)}e${this.int(5)}`;
      case 3:
        return `${this.int(10)}.${this.int(99)}E-${1 + this.int(3)}`;
      case 4:
        return `${1 + this.int(9)}E+${this.int(3)}`;
      case 5:
        return '0';
      default:
        return String(this.int(1e9));
    }
  }

  stringBody(maxPieces: number): string {
    const n = this.int(maxPieces + 1);
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(this.pick(STRING_PIECES));
    // A lone trailing `$`/`%` would combine with a following `{`; keep pieces self-contained.
    return out.join('').replace(/[$%]+$/, '').replace(/\$\{|%\{/g, (m) => m[0] + m);
  }

  traversal(d: number, ctx: Ctx): string {
    let s = this.pick(ROOTS);
    const steps = 1 + this.int(4);
    let legacy = false;
    for (let i = 0; i < steps; i++) {
      // `x.0.1` would lex as `x . 0.1`, which HCL rejects; never chain two legacy indexes.
      const k = this.int(8);
      const wasLegacy: boolean = legacy;
      legacy = k === 2 && !wasLegacy;
      switch (k === 2 && wasLegacy ? 7 : k) {
        case 0:
          s += `[${this.int(5)}]`;
          break;
        case 1:
          s += `["${this.name()}"]`;
          break;
        case 2:
          s += `.${this.int(3)}`;
          break;
        case 3:
          s += d > 0 ? `[${this.expr(d - 1, { ...ctx, nlFree: true })}]` : '[0]';
          break;
        case 4:
          s += '[*]';
          break;
        case 5:
          // HCL rejects a second splat after the steps of an attribute-only splat.
          s += s.includes('.*') ? '[*]' : '.*';
          break;
        default:
          s += `.${this.name()}`;
      }
    }
    return s;
  }

  quoted(d: number, ctx: Ctx): string {
    const inner: Ctx = { multiline: false, indent: ctx.indent };
    const parts: string[] = [];
    const n = this.int(5);
    for (let i = 0; i < n; i++) {
      const k = this.int(10);
      if (k < 5 || d <= 0) parts.push(this.stringBody(3));
      else if (k < 8) parts.push(this.interp(d - 1, inner));
      else parts.push(this.directive(d - 1, inner, false));
    }
    // Keep `$`/`%` that end a piece from touching a following `{` of the next part.
    return `"${parts.join('')}"`;
  }

  interp(d: number, ctx: Ctx): string {
    const l = this.chance(0.2) ? '~' : '';
    const r = this.chance(0.2) ? '~' : '';
    const sp = this.chance(0.5) ? ' ' : '';
    return `\${${l}${sp}${this.expr(d, ctx)}${sp}${r}}`;
  }

  /** `%{if}`/`%{for}` with a body of template text. */
  directive(d: number, ctx: Ctx, heredoc: boolean): string {
    const strip = (): string => (this.chance(0.25) ? '~' : '');
    const body = (): string => {
      const parts: string[] = [];
      const n = this.int(3);
      for (let i = 0; i < n; i++) {
        const k = this.int(6);
        if (k < 3 || d <= 0) parts.push(heredoc ? this.pick(HEREDOC_PIECES) : this.stringBody(2));
        else if (k < 5) parts.push(this.interp(d - 1, ctx));
        else parts.push(this.directive(d - 1, ctx, heredoc));
      }
      return parts.join('');
    };
    if (this.chance(0.5)) {
      const els = this.chance(0.5) ? `%{${strip()} else ${strip()}}${body()}` : '';
      return `%{${strip()} if ${this.expr(Math.min(d, 1), ctx)} ${strip()}}${body()}${els}%{${strip()} endif ${strip()}}`;
    }
    const vars = this.chance(0.5) ? `${this.name()}, ${this.name()}` : this.name();
    // A `%{for}` body that is only `${null}` makes hcl2json fail outright; start it with text.
    return `%{${strip()} for ${vars} in ${this.traversal(0, ctx)} ${strip()}}-${body()}%{${strip()} endfor ${strip()}}`;
  }

  heredoc(d: number, ctx: Ctx): string {
    const marker = this.pick(['EOT', 'EOF', 'POLICY', 'END_OF_TEXT']) + (this.heredocId++ % 3 === 0 ? '' : String(this.heredocId));
    const indented = this.chance(0.5);
    const pad = indented ? ' '.repeat(2 + this.int(4)) : '';
    const lines: string[] = [];
    const n = this.int(6);
    const inner: Ctx = { multiline: false, indent: '' };
    for (let i = 0; i < n; i++) {
      const extra = ' '.repeat(this.int(3));
      const k = this.int(10);
      let line: string;
      if (k < 6 || d <= 0) line = this.pick(HEREDOC_PIECES) + ' ' + this.pick(HEREDOC_PIECES);
      else if (k < 8) line = `${this.pick(HEREDOC_PIECES)}${this.interp(d - 1, inner)}`;
      else if (k < 9) line = this.directive(d - 1, inner, true);
      else line = '';
      lines.push(line === '' ? (this.chance(0.5) ? '' : pad) : pad + extra + line);
    }
    const closePad = indented ? ' '.repeat(this.int(pad.length + 1)) : this.chance(0.2) ? '  ' : '';
    return `<<${indented ? '-' : ''}${marker}\n${lines.map((l) => l + '\n').join('')}${closePad}${marker}\n${ctx.indent}`;
  }

  tuple(d: number, ctx: Ctx): string {
    const n = this.int(5);
    const items: string[] = [];
    const multi = ctx.multiline && this.chance(0.4);
    const inner: Ctx = { multiline: ctx.multiline, nlFree: true, indent: ctx.indent + '  ' };
    for (let i = 0; i < n; i++) items.push(this.expr(d - 1, inner));
    if (!multi) return `[${items.join(', ')}${items.length > 0 && this.chance(0.2) ? ',' : ''}]`;
    const lines = items.map((it) => `${inner.indent}${it},${this.chance(0.2) ? ' # trailing comment' : ''}\n`);
    return `[\n${this.chance(0.2) ? `${inner.indent}// leading comment\n` : ''}${lines.join('')}${ctx.indent}]`;
  }

  objectKey(d: number, ctx: Ctx): string {
    switch (this.int(6)) {
      case 0:
        return `"${this.stringBody(2)}"`;
      case 1:
        return `(${this.traversal(0, ctx)})`;
      case 2:
        return d > 0 ? `"${this.name()}-${this.interp(0, { multiline: false, indent: '' })}"` : `"${this.name()}"`;
      default:
        return this.name() + String(this.int(50));
    }
  }

  object(d: number, ctx: Ctx): string {
    const n = this.int(5);
    const multi = ctx.multiline && this.chance(0.6);
    const inner: Ctx = { multiline: multi, indent: ctx.indent + '  ' };
    const items: string[] = [];
    const used = new Set<string>();
    for (let i = 0; i < n; i++) {
      const key = this.objectKey(d, ctx);
      if (used.has(key)) continue;
      used.add(key);
      const sep = this.chance(0.3) ? ':' : '=';
      const value = multi && d > 1 && this.chance(0.1) ? this.heredoc(d - 1, inner) : this.expr(d - 1, inner);
      items.push(`${key} ${sep} ${value}`);
    }
    if (!multi) return `{${items.length ? ' ' : ''}${items.join(', ')}${items.length ? ' ' : ''}}`;
    const lines = items.map((it) => `${inner.indent}${it}${it.endsWith('\n' + inner.indent) ? '' : `${this.chance(0.3) ? ',' : ''}${this.chance(0.15) ? ' /* c */' : ''}\n`}`);
    return `{\n${lines.join('')}${ctx.indent}}`;
  }

  call(d: number, ctx: Ctx): string {
    const n = this.int(4);
    const args: string[] = [];
    const inner: Ctx = { multiline: ctx.multiline, nlFree: true, indent: ctx.indent };
    for (let i = 0; i < n; i++) args.push(this.expr(d - 1, inner));
    const name = this.chance(0.15) ? `provider::${this.pick(['aws', 'google', 'local'])}::${this.pick(FUNCS)}` : this.pick(FUNCS);
    const expand = args.length > 0 && this.chance(0.2) ? '...' : '';
    if (ctx.multiline && args.length > 1 && this.chance(0.3)) {
      const ind = ctx.indent + '  ';
      return `${name}(\n${args.map((a) => `${ind}${a}`).join(',\n')}${expand}\n${ctx.indent})`;
    }
    return `${name}(${args.join(', ')}${expand})`;
  }

  forExpr(d: number, outer: Ctx): string {
    const ctx: Ctx = { multiline: outer.multiline, nlFree: true, indent: outer.indent };
    const coll = this.chance(0.5) ? this.traversal(0, ctx) : this.tuple(Math.min(d - 1, 1), ctx);
    const vars = this.chance(0.5) ? `${this.name()}, ${this.name()}` : this.name();
    const cond = this.chance(0.4) ? ` if ${this.expr(Math.min(d - 1, 1), ctx)}` : '';
    if (this.chance(0.5)) return `[for ${vars} in ${coll} : ${this.expr(d - 1, ctx)}${cond}]`;
    const group = this.chance(0.3) ? '...' : '';
    return `{for ${vars} in ${coll} : ${this.expr(d - 1, ctx)} => ${this.expr(d - 1, ctx)}${group}${cond}}`;
  }

  /** A random expression of nesting depth at most `d`. */
  expr(d: number, ctx: Ctx): string {
    if (d <= 0) {
      switch (this.int(6)) {
        case 0:
          return this.number();
        case 1:
          return this.pick(['true', 'false', 'null']);
        case 2:
          return `"${this.stringBody(4)}"`;
        case 3:
          return this.name();
        default:
          return this.traversal(0, ctx);
      }
    }
    switch (this.int(16)) {
      case 0:
        return this.quoted(d, ctx);
      case 1:
        return ctx.multiline && ctx.nlFree ? this.heredoc(d, ctx) : this.quoted(d, ctx);
      case 2:
        return this.tuple(d, ctx);
      case 3:
        return this.object(d, ctx);
      case 4:
        return this.call(d, ctx);
      case 5:
        return this.forExpr(d, ctx);
      case 6:
        return `${this.expr(d - 1, ctx)} ? ${this.expr(d - 1, ctx)} : ${this.expr(d - 1, ctx)}`;
      case 7: {
        // hcl2json folds an operator applied to a literal and fails on a type mismatch (`!5`).
        const operand = this.chance(0.4) ? this.traversal(0, ctx) : `(${this.expr(d - 1, { ...ctx, nlFree: true })})`;
        return this.chance(0.5) ? `!${this.chance(0.3) ? this.pick(['true', 'false']) : operand}` : `-${this.chance(0.3) ? this.number() : operand}`;
      }
      case 8:
      case 9:
        return `${this.expr(d - 1, ctx)} ${this.pick(BINARY_OPS)} ${this.expr(d - 1, ctx)}`;
      case 10:
        return `(${this.expr(d - 1, { ...ctx, nlFree: true })})`;
      case 11:
        return this.traversal(d, ctx);
      case 12:
        return `${this.call(d, ctx)}${this.pick(['[0]', '.id', '[*].arn', '.*.name'])}`;
      case 13:
        return `(${this.expr(d - 1, { ...ctx, nlFree: true })}).${this.name()}`;
      case 14:
        return this.number();
      default:
        return `"\${${this.expr(d - 1, { multiline: false, indent: ctx.indent })}}"`;
    }
  }

  comment(indent: string): string {
    switch (this.int(3)) {
      case 0:
        return `${indent}# ${this.stringBody(3).replace(/[\r\n]/g, ' ')}\n`;
      case 1:
        return `${indent}// note: ${this.name()}\n`;
      default:
        return `${indent}/* block\n${indent}   comment ${this.name()} */\n`;
    }
  }

  /** A body with unique attribute names and nested blocks. */
  body(d: number, indent: string, attrs: number, blocks: number): string {
    const out: string[] = [];
    const ctx: Ctx = { multiline: true, indent };
    for (let i = 0; i < attrs; i++) {
      if (this.chance(0.1)) out.push(this.comment(indent));
      if (d > 0 && this.chance(0.08)) {
        out.push(`${indent}attr_${i}_${this.name()} = ${this.heredoc(d - 1, ctx)}\n`);
        continue;
      }
      const trailing = this.chance(0.1) ? ' # trailing' : this.chance(0.05) ? ' // trailing' : '';
      out.push(`${indent}attr_${i}_${this.name()} = ${this.expr(d, ctx)}${trailing}\n`);
      if (this.chance(0.1)) out.push('\n');
    }
    for (let i = 0; i < blocks; i++) {
      const type = `nested_${i}`;
      if (this.chance(0.3)) {
        out.push(`${indent}${type} { one_line = ${this.expr(Math.min(d, 1), { multiline: false, indent })} }\n`);
      } else {
        out.push(`${indent}${type} {\n${this.body(Math.max(0, d - 1), indent + '  ', this.int(4), d > 1 ? this.int(2) : 0)}${indent}}\n`);
      }
    }
    return out.join('');
  }
}

/** Realistic-looking mixed file: many top-level blocks of every kind with random bodies. */
function mixed(g: Gen, blocks: number, depth: number): string {
  const out: string[] = [];
  for (let i = 0; i < blocks; i++) {
    if (g.chance(0.2)) out.push(g.comment(''));
    switch (g.int(7)) {
      case 0:
        out.push(`resource "aws_${g.pick(['s3_bucket', 'kms_key', 'iam_role', 'instance'])}" "r${i}" {\n${g.body(depth, '  ', 1 + g.int(6), g.int(3))}}\n\n`);
        break;
      case 1:
        out.push(`data "aws_iam_policy_document" "d${i}" {\n${g.body(depth, '  ', g.int(4), 1 + g.int(2))}}\n\n`);
        break;
      case 2:
        out.push(`variable "v${i}" {\n  type    = ${g.pick(['string', 'list(string)', 'map(object({ a = string, b = optional(number, 1) }))', 'any'])}\n  default = ${g.expr(Math.min(depth, 2), { multiline: true, indent: '  ' })}\n}\n\n`);
        break;
      case 3:
        out.push(`locals {\n${g.body(depth, '  ', 2 + g.int(8), 0).replace(/attr_/g, `l${i}_`)}}\n\n`);
        break;
      case 4:
        out.push(`module "m${i}" {\n  source = "./modules/m${i}"\n${g.body(depth, '  ', g.int(5), 0)}}\n\n`);
        break;
      case 5:
        out.push(`output "o${i}" {\n  value = ${g.expr(depth, { multiline: true, indent: '  ' })}\n  sensitive = ${g.pick(['true', 'false'])}\n}\n\n`);
        break;
      default:
        out.push(`${g.pick(['check', 'moved_like', 'import_like'])} ${g.chance(0.5) ? `"c${i}"` : `c${i}`} {\n${g.body(depth, '  ', g.int(3), g.int(2))}}\n\n`);
    }
  }
  return out.join('');
}

function nest(depth: number, open: (i: number) => string, leaf: string, close: (i: number) => string): string {
  const out: string[] = [];
  for (let i = 0; i < depth; i++) out.push(open(i));
  out.push(leaf);
  for (let i = depth - 1; i >= 0; i--) out.push(close(i));
  return out.join('');
}

/** Deep nesting of every nestable construct (kept within the parser's depth limit). */
function deep(): string {
  const n = 120;
  const lines: string[] = [];
  lines.push(`tuples = ${nest(n, () => '[', '1', () => ']')}`);
  lines.push(`parens = ${nest(n, () => '(', 'x', () => ')')}`);
  lines.push(`objects = ${nest(n, (i) => `{ k${i} = `, '"leaf"', () => ' }')}`);
  lines.push(`objects_ml = ${nest(40, (i) => `{\n${'  '.repeat(i + 1)}k${i} = `, 'true', (i) => `\n${'  '.repeat(i)}}`)}`);
  lines.push(`calls = ${nest(n, () => 'f(', '0', () => ')')}`);
  lines.push(`templates = ${nest(60, () => '"a${', 'x', () => '}b"')}`);
  lines.push(`conditionals = ${nest(n, (i) => `c${i} ? ${i} : `, 'null', () => '')}`);
  lines.push(`unary = ${'!'.repeat(n)}true`);
  lines.push(`negatives = ${'-'.repeat(n)}5`);
  lines.push(`sum = ${Array.from({ length: 200 }, (_, i) => String(i)).join(' + ')}`);
  lines.push(`chain = var${Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? `[${i}]` : `.a${i}`)).join('')}`);
  lines.push(`mixed = ${nest(50, (i) => ['[', '{ k = ', 'f(', '(', '"${'][i % 5], 'var.x', (i) => [']', ' }', ')', ')', '}"'][i % 5])}`);
  lines.push(`fors = ${nest(30, (i) => `[for v${i} in `, 'var.l', (i) => ` : v${i}]`)}`);
  const blocks = nest(80, (i) => `${'  '.repeat(i)}level${i} "l${i}" {\n${'  '.repeat(i + 1)}depth = ${i}\n`, '', (i) => `${'  '.repeat(i)}}\n`);
  return lines.join('\n') + '\n\n' + blocks;
}

/** Long strings and heredocs. */
function long(g: Gen): string {
  const bigString = Array.from({ length: 3000 }, () => g.pick(STRING_PIECES)).join('').replace(/[$%]+$/, '').replace(/\$\{|%\{/g, (m) => m[0] + m);
  const heredocLines = Array.from({ length: 600 }, (_, i) => `    line ${i} ${g.pick(HEREDOC_PIECES)}${i % 7 === 0 ? ' ${var.x}' : ''}`);
  const policy = JSON.stringify({ Version: '2012-10-17', Statement: Array.from({ length: 200 }, (_, i) => ({ Sid: `S${i}`, Effect: 'Allow', Action: ['s3:GetObject'], Resource: `arn:aws:s3:::b${i}/*` })) }, null, 2);
  return [
    `big = "${bigString}"`,
    `doc = <<-EOT\n${heredocLines.join('\n')}\n  EOT`,
    `plain = <<EOT\n${heredocLines.join('\n')}\nEOT`,
    `policy = <<POLICY\n${policy}\nPOLICY`,
    `templated = "${Array.from({ length: 500 }, (_, i) => `seg${i}-\${var.v${i}}`).join('/')}"`,
    '',
  ].join('\n');
}

/** Unicode identifiers, strings, comments and NFC-sensitive text. */
function unicode(): string {
  return [
    '# コメント with émojis 😀 and combining e\u0301',
    'locals {',
    '  名前        = "値"',
    '  région     = "Île-de-France"',
    '  emoji      = "😀 ${var.名前} 🚀"',
    '  combining  = "e\u0301 and \\u0065\\u0301 and é"',
    '  astral     = "\\U0001F680 𝔘𝔫𝔦𝔠𝔬𝔡𝔢"',
    '  rtl        = "مرحبا بالعالم"',
    '  mixed_keys = { "ключ" = 1, κλειδί = 2, "鍵" : 3 }',
    '  heredoc    = <<-EOT',
    '    Grüße ${local.région}',
    '      čeština',
    '    EOT',
    '}',
    'resource "aws_s3_bucket" "ünïcödé" {',
    '  bucket = "bücket-${local.名前}"',
    '  tags   = { Ωmega = "Ω", "with space" = "ok" }',
    '}',
    '',
  ].join('\n');
}

/** All generated files for a seed. Sizes are chosen to keep hcl2json's run time to a few seconds. */
export function generateStressFiles(seed = 20240601): GeneratedFile[] {
  const files: GeneratedFile[] = [];
  for (let i = 0; i < 12; i++) {
    const g = new Gen(seed + i);
    files.push({ name: `stress/mixed-${i}.tf`, text: mixed(g, 40, 2 + (i % 3)) });
  }
  files.push({ name: 'stress/many-blocks.tf', text: mixed(new Gen(seed + 100), 1500, 1) });
  files.push({ name: 'stress/deep.tf', text: deep() });
  files.push({ name: 'stress/long.tf', text: long(new Gen(seed + 200)) });
  files.push({ name: 'stress/unicode.tf', text: unicode() });
  const crlf = mixed(new Gen(seed + 300), 30, 2);
  files.push({ name: 'stress/crlf.tf', text: crlf.replace(/\n/g, '\r\n') });
  const tabs = mixed(new Gen(seed + 400), 30, 2).replace(/^( {2})+/gm, (m) => '\t'.repeat(m.length / 2));
  files.push({ name: 'stress/tabs.tf', text: tabs });
  return files;
}
