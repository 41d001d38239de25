/**
 * Unit tests of the HCL parser: operator precedence, exact ranges, templates, heredocs, comments,
 * for expressions, splats and the other expression forms, plus the hcl2json projection's rules.
 */
import assert from 'node:assert/strict';
import type {
  BinaryExpr,
  Expr,
  HclAttribute,
  HclBlock,
  HclBody,
  HclFile,
  TemplateDirective,
  TemplateInterpolation,
  TemplateLiteral,
} from '../../server/src/parsing/terraform/ast';
import { parseHcl } from '../../server/src/parsing/terraform/parser';
import { numberToDecimalString, toHcl2Json } from '../../server/src/parsing/terraform/toHcl2Json';
import type { Range } from '../../server/src/model/types';

function parseOk(text: string): HclFile {
  const file = parseHcl(text);
  assert.deepEqual(file.errors.map((e) => `${e.range.start.line + 1}:${e.range.start.character + 1} ${e.message}`), []);
  return file;
}

function attr(body: HclBody, name: string): HclAttribute {
  const a = body.items.find((i): i is HclAttribute => i.type === 'Attribute' && i.name === name);
  assert.ok(a, `attribute ${name}`);
  return a;
}

function block(body: HclBody, type: string, index = 0): HclBlock {
  const b = body.items.filter((i): i is HclBlock => i.type === 'Block' && i.blockType === type)[index];
  assert.ok(b, `block ${type}`);
  return b;
}

/** The expression of `x = <expr>`. */
function expr(source: string): Expr {
  return attr(parseOk(`x = ${source}\n`).body, 'x').expr;
}

/** `[startLine, startChar, endLine, endChar]` (0-based). */
function lc(r: Range): [number, number, number, number] {
  return [r.start.line, r.start.character, r.end.line, r.end.character];
}

/** Compact S-expression of an expression tree, for precedence tests. */
function sexpr(e: Expr): string {
  switch (e.type) {
    case 'Literal':
      return e.raw;
    case 'Variable':
      return e.name;
    case 'Binary':
      return `(${e.operator} ${sexpr(e.left)} ${sexpr(e.right)})`;
    case 'Unary':
      return `(${e.operator} ${sexpr(e.operand)})`;
    case 'Conditional':
      return `(? ${sexpr(e.condition)} ${sexpr(e.trueExpr)} ${sexpr(e.falseExpr)})`;
    case 'Paren':
      return `[${sexpr(e.expr)}]`;
    case 'GetAttr':
      return `${sexpr(e.object)}.${e.name}`;
    case 'Index':
      return `${sexpr(e.collection)}[${sexpr(e.key)}]`;
    case 'FunctionCall':
      return `${e.name}(${e.args.map(sexpr).join(', ')}${e.expandFinal ? '...' : ''})`;
    default:
      return e.type;
  }
}

describe('HCL parser', function () {
  this.timeout(20_000);

  describe('operator precedence', () => {
    const cases: Array<[string, string]> = [
      ['a || b && c', '(|| a (&& b c))'],
      ['a && b || c', '(|| (&& a b) c)'],
      ['a == b && c != d', '(&& (== a b) (!= c d))'],
      ['a < b == c >= d', '(== (< a b) (>= c d))'],
      ['a + b < c * d', '(< (+ a b) (* c d))'],
      ['a + b * c - d / e % f', '(- (+ a (* b c)) (% (/ d e) f))'],
      ['1 - 2 - 3', '(- (- 1 2) 3)'],
      ['8 / 4 / 2', '(/ (/ 8 4) 2)'],
      ['!a == b', '(== (! a) b)'],
      ['-a.b * c', '(* (- a.b) c)'],
      ['- -1', '(- (- 1))'],
      ['(a + b) * c', '(* [(+ a b)] c)'],
      ['a ? b : c ? d : e', '(? a b (? c d e))'],
      ['a || b ? c + d : e', '(? (|| a b) (+ c d) e)'],
      ['a ? b ? c : d : e', '(? a (? b c d) e)'],
      ['f(a, b + c)[0].d', 'f(a, (+ b c))[0].d'],
      ['a || b || c && d && e', '(|| (|| a b) (&& (&& c d) e))'],
    ];
    for (const [source, tree] of cases) {
      it(source, () => assert.equal(sexpr(expr(source)), tree));
    }
  });

  describe('ranges', () => {
    const text = [
      '# header comment', // 0
      'resource "aws_s3_bucket" "logs" {', // 1
      '  bucket = "my-logs" // trailing', // 2
      '  versioning {', // 3
      '    enabled = true', // 4
      '  }', // 5
      '  count = length(var.list) + 1', // 6
      '}', // 7
      'locals { a = 1 }', // 8
      'block ident_label "q" {}', // 9
    ].join('\n');
    const file = parseOk(text);
    const res = block(file.body, 'resource');

    it('block, type, labels and braces', () => {
      assert.deepEqual(lc(res.range), [1, 0, 7, 1]);
      assert.deepEqual(lc(res.typeRange), [1, 0, 1, 8]);
      assert.deepEqual(res.labels.map((l) => [l.value, l.quoted, ...lc(l.range)]), [
        ['aws_s3_bucket', true, 1, 9, 1, 24],
        ['logs', true, 1, 25, 1, 31],
      ]);
      assert.deepEqual(lc(res.openBraceRange), [1, 32, 1, 33]);
      assert.deepEqual(lc(res.closeBraceRange!), [7, 0, 7, 1]);
      assert.deepEqual(lc(res.body.range), [1, 33, 7, 0], 'body range is between the braces');
    });

    it('attributes cover "name = expr" exactly', () => {
      const bucket = attr(res.body, 'bucket');
      assert.deepEqual(lc(bucket.range), [2, 2, 2, 20]);
      assert.deepEqual(lc(bucket.nameRange), [2, 2, 2, 8]);
      assert.deepEqual(lc(bucket.expr.range), [2, 11, 2, 20]);
      const count = attr(res.body, 'count');
      assert.deepEqual(lc(count.range), [6, 2, 6, 30]);
      const sum = count.expr as BinaryExpr;
      assert.equal(sum.type, 'Binary');
      assert.deepEqual(lc(sum.left.range), [6, 10, 6, 26]);
      assert.equal(sum.left.type, 'FunctionCall');
      if (sum.left.type === 'FunctionCall') {
        assert.deepEqual(lc(sum.left.nameRange), [6, 10, 6, 16]);
        assert.deepEqual(lc(sum.left.args[0].range), [6, 17, 6, 25]);
      }
    });

    it('nested blocks', () => {
      const v = block(res.body, 'versioning');
      assert.deepEqual(lc(v.range), [3, 2, 5, 3]);
      assert.deepEqual(lc(v.typeRange), [3, 2, 3, 12]);
      assert.deepEqual(v.labels, []);
      assert.deepEqual(lc(attr(v.body, 'enabled').range), [4, 4, 4, 18]);
    });

    it('one-line blocks and identifier labels', () => {
      const l = block(file.body, 'locals');
      assert.deepEqual(lc(l.range), [8, 0, 8, 16]);
      assert.deepEqual(lc(attr(l.body, 'a').range), [8, 9, 8, 14]);
      const b = block(file.body, 'block');
      assert.deepEqual(b.labels.map((x) => [x.value, x.quoted, ...lc(x.range)]), [
        ['ident_label', false, 9, 6, 9, 17],
        ['q', true, 9, 18, 9, 21],
      ]);
      assert.deepEqual(b.body.items, []);
    });

    it('file body covers the whole text', () => {
      assert.deepEqual(lc(file.body.range), [0, 0, 9, 24]);
      assert.equal(file.body.range.end.offset, text.length);
    });

    it('traversal steps have exact ranges', () => {
      const e = expr('aws_s3_bucket.logs[0].arn');
      assert.equal(e.type, 'GetAttr');
      if (e.type !== 'GetAttr') return;
      assert.deepEqual(lc(e.range), [0, 4, 0, 29]);
      assert.deepEqual(lc(e.nameRange), [0, 26, 0, 29]);
      assert.equal(e.object.type, 'Index');
      assert.deepEqual(lc(e.object.range), [0, 4, 0, 25]);
    });

    it('counts UTF-16 code units and handles CRLF', () => {
      const f = parseOk('a = "😀"\r\nbé = 1\r\nc = "x"\r\n');
      assert.deepEqual(lc(attr(f.body, 'a').range), [0, 0, 0, 8]);
      assert.deepEqual(lc(attr(f.body, 'bé').range), [1, 0, 1, 6]);
      const c = attr(f.body, 'c');
      assert.deepEqual(lc(c.range), [2, 0, 2, 7]);
      assert.equal(c.range.start.offset, '"😀"\r\nbé = 1\r\n'.length + 4);
    });

    it('ignores a byte order mark', () => {
      const f = parseOk('\uFEFFa = 1\n');
      assert.deepEqual(lc(attr(f.body, 'a').range), [0, 1, 0, 6]);
    });
  });

  describe('literals', () => {
    it('numbers keep their raw text', () => {
      for (const [src, value] of [['1', 1], ['1.5', 1.5], ['1e3', 1000], ['1E+2', 100], ['2.5e-3', 0.0025], ['007', 7]] as const) {
        const e = expr(src);
        assert.equal(e.type, 'Literal');
        if (e.type === 'Literal') {
          assert.equal(e.value, value);
          assert.equal(e.raw, src);
        }
      }
    });

    it('number tokens follow HCL: "1.e5" is one number, "1." is 1 followed by a dot', () => {
      assert.equal(sexpr(expr('1.e5')), '1.e5');
      assert.equal(sexpr(expr('x.0.name')), 'x.0.name');
      assert.equal(sexpr(expr('1.e')), '1.e');
      assert.ok(parseHcl('a = 1.5.2\n').errors.some((e) => e.message.includes('Invalid number literal')));
    });

    it('bools and null', () => {
      assert.deepEqual([expr('true'), expr('false'), expr('null')].map((e) => (e.type === 'Literal' ? e.value : 'x')), [true, false, null]);
    });

    it('identifiers may contain dashes and unicode', () => {
      assert.deepEqual(sexpr(expr('a-b - c')), '(- a-b c)');
      assert.equal(sexpr(expr('région.名前')), 'région.名前');
    });
  });

  describe('templates', () => {
    it('processes escapes', () => {
      const e = expr('"a\\n\\t\\r\\"\\\\\\u00e9\\U0001F600 $${x} %%{y} $ % $$"');
      assert.equal(e.type, 'Template');
      if (e.type !== 'Template') return;
      assert.equal(e.parts.length, 1);
      assert.equal((e.parts[0] as TemplateLiteral).value, 'a\n\t\r"\\é😀 ${x} %{y} $ % $$');
      assert.equal(e.raw, 'a\\n\\t\\r\\"\\\\\\u00e9\\U0001F600 $${x} %%{y} $ % $$');
    });

    it('splits literals and interpolations with ranges', () => {
      const e = expr('"pre-${var.env}-post"');
      if (e.type !== 'Template') return assert.fail(e.type);
      assert.deepEqual(
        e.parts.map((p) => [p.type, ...lc(p.range)]),
        [
          ['TemplateLiteral', 0, 5, 0, 9],
          ['TemplateInterpolation', 0, 9, 0, 19],
          ['TemplateLiteral', 0, 19, 0, 24],
        ],
      );
      const interp = e.parts[1] as TemplateInterpolation;
      assert.equal(sexpr(interp.expr), 'var.env');
      assert.deepEqual(lc(interp.expr.range), [0, 11, 0, 18]);
    });

    it('applies strip markers', () => {
      const e = expr('"a  ${~ x ~}  b %{~ if c ~}  y  %{~ endif }"');
      if (e.type !== 'Template') return assert.fail(e.type);
      const interp = e.parts[1] as TemplateInterpolation;
      assert.equal(interp.stripLeft, true);
      assert.equal(interp.stripRight, true);
      assert.deepEqual(
        e.parts.filter((p): p is TemplateLiteral => p.type === 'TemplateLiteral').map((p) => p.value),
        ['a', 'b', 'y'],
      );
    });

    it('keeps directives as a flat list', () => {
      const e = expr('"%{ if a }x%{ else }y%{ endif }%{ for k, v in m }${k}%{ endfor }"');
      if (e.type !== 'Template') return assert.fail(e.type);
      const directives = e.parts.filter((p): p is TemplateDirective => p.type === 'TemplateDirective');
      assert.deepEqual(directives.map((d) => d.keyword), ['if', 'else', 'endif', 'for', 'endfor']);
      assert.equal(sexpr(directives[0].expr!), 'a');
      assert.equal(directives[3].keyVar, 'k');
      assert.equal(directives[3].valueVar, 'v');
      assert.equal(sexpr(directives[3].expr!), 'm');
      assert.deepEqual(lc(directives[0].range), [0, 5, 0, 14]);
    });

    it('allows nested quotes and multi-line interpolations', () => {
      const f = parseOk('x = "${join(",", [\n  "a",\n  "b",\n])}"\ny = 1\n');
      const x = attr(f.body, 'x').expr;
      if (x.type !== 'Template') return assert.fail(x.type);
      assert.equal(x.parts.length, 1);
      assert.equal(attr(f.body, 'y').range.start.line, 4);
    });

    it('normalises literal text to NFC like HCL', () => {
      const e = expr('"e\\u0301"');
      if (e.type !== 'Template') return assert.fail(e.type);
      assert.equal((e.parts[0] as TemplateLiteral).value, '\u00e9');
    });
  });

  describe('heredocs', () => {
    it('plain heredoc', () => {
      const f = parseOk('x = <<EOT\nhello ${name}\n  world\nEOT\ny = 2\n');
      const x = attr(f.body, 'x');
      const e = x.expr;
      if (e.type !== 'Heredoc') return assert.fail(e.type);
      assert.equal(e.marker, 'EOT');
      assert.equal(e.indented, false);
      assert.equal(e.raw, 'hello ${name}\n  world\n');
      assert.deepEqual(lc(e.range), [0, 4, 3, 3]);
      assert.deepEqual(lc(x.range), [0, 0, 3, 3]);
      assert.deepEqual(e.parts.map((p) => (p.type === 'TemplateLiteral' ? p.value : p.type)), ['hello ', 'TemplateInterpolation', '\n  world\n']);
      assert.equal(attr(f.body, 'y').range.start.line, 4);
    });

    it('<<- removes the common indentation', () => {
      const e = attr(parseOk('x = <<-EOT\n    a\n      b\n\n    ${c}\n  EOT\n').body, 'x').expr;
      if (e.type !== 'Heredoc') return assert.fail(e.type);
      assert.equal(e.indented, true);
      assert.deepEqual(e.parts.map((p) => (p.type === 'TemplateLiteral' ? p.value : p.type)), ['a\n  b\n\n', 'TemplateInterpolation', '\n']);
      assert.deepEqual(lc(e.parts[0].range), [1, 4, 4, 4]);
    });

    it('closing marker may be indented; CRLF is kept in the text', () => {
      const e = attr(parseOk('x = <<EOT\r\nline\r\n   EOT\r\n').body, 'x').expr;
      if (e.type !== 'Heredoc') return assert.fail(e.type);
      assert.equal((e.parts[0] as TemplateLiteral).value, 'line\r\n');
      assert.deepEqual(lc(e.range), [0, 4, 2, 6]);
    });

    it('heredocs as call arguments and tuple items', () => {
      const f = parseOk('x = f(<<EOT\na\nEOT\n, 2)\ny = [<<-A\n  b\n  A\n]\n');
      assert.equal(attr(f.body, 'x').expr.type, 'FunctionCall');
      assert.equal(attr(f.body, 'y').expr.type, 'Tuple');
    });
  });

  describe('comments', () => {
    it('collects all three styles with ranges', () => {
      const f = parseOk('# hash\n// slash\n/* block\n spans */ a = [1, # in tuple\n 2] /* after */\n');
      assert.deepEqual(
        f.comments.map((c) => [c.style, c.text, ...lc(c.range)]),
        [
          ['hash', '# hash', 0, 0, 0, 6],
          ['slash', '// slash', 1, 0, 1, 8],
          ['block', '/* block\n spans */', 2, 0, 3, 9],
          ['hash', '# in tuple', 3, 18, 3, 28],
          ['block', '/* after */', 4, 4, 4, 15],
        ],
      );
      assert.deepEqual(lc(attr(f.body, 'a').range), [3, 10, 4, 3]);
    });

    it('comment markers inside strings are text', () => {
      const f = parseOk('a = "# not // a /* comment"\n');
      assert.equal(f.comments.length, 0);
    });
  });

  describe('collections and for expressions', () => {
    it('tuples allow newlines and trailing commas', () => {
      const e = expr('[\n  1,\n  "two",\n  [3],\n]');
      if (e.type !== 'Tuple') return assert.fail(e.type);
      assert.equal(e.items.length, 3);
    });

    it('objects accept = and :, commas or newlines, and all key forms', () => {
      const e = expr('{\n  a = 1, "b" : 2\n  (c.d) = 3\n  e = 4,\n}');
      if (e.type !== 'Object') return assert.fail(e.type);
      assert.deepEqual(e.items.map((i) => [i.key.type, i.separator]), [
        ['Variable', '='],
        ['Template', ':'],
        ['Paren', '='],
        ['Variable', '='],
      ]);
      assert.deepEqual(lc(e.items[1].range), [1, 9, 1, 16]);
    });

    it('tuple for expression', () => {
      const e = expr('[for i, s in var.list : upper(s) if s != ""]');
      if (e.type !== 'For') return assert.fail(e.type);
      assert.equal(e.kind, 'tuple');
      assert.equal(e.keyVar, 'i');
      assert.equal(e.valueVar, 's');
      assert.equal(sexpr(e.collection), 'var.list');
      assert.equal(sexpr(e.valueExpr), 'upper(s)');
      assert.equal(e.keyExpr, undefined);
      assert.equal(e.condition?.type, 'Binary');
      assert.equal(e.grouping, false);
    });

    it('object for expression with grouping, across lines', () => {
      const e = expr('{\n  for k, v in var.map :\n  v.group => k...\n  if v.enabled\n}');
      if (e.type !== 'For') return assert.fail(e.type);
      assert.equal(e.kind, 'object');
      assert.equal(sexpr(e.keyExpr!), 'v.group');
      assert.equal(sexpr(e.valueExpr), 'k');
      assert.equal(e.grouping, true);
      assert.equal(sexpr(e.condition!), 'v.enabled');
      assert.deepEqual(lc(e.range), [0, 4, 4, 1]);
    });
  });

  describe('traversals and splats', () => {
    it('full splat collects the following steps', () => {
      const e = expr('aws_instance.web[*].tags["Name"]');
      if (e.type !== 'Splat') return assert.fail(e.type);
      assert.equal(e.full, true);
      assert.equal(sexpr(e.source), 'aws_instance.web');
      assert.deepEqual(e.each.map((s) => s.kind), ['attr', 'index']);
      assert.deepEqual(lc(e.range), [0, 4, 0, 36]);
    });

    it('attribute-only splat stops at an index', () => {
      const e = expr('var.list.*.id[0]');
      if (e.type !== 'Index') return assert.fail(e.type);
      const s = e.collection;
      if (s.type !== 'Splat') return assert.fail(s.type);
      assert.equal(s.full, false);
      assert.deepEqual(s.each.map((x) => (x.kind === 'attr' ? x.name : '?')), ['id']);
    });

    it('legacy index and string index', () => {
      assert.equal(sexpr(expr('a.0.b')), 'a.0.b');
      assert.equal(sexpr(expr('a["k"]')), 'a[Template]');
    });

    it('function calls: provider functions and expansion', () => {
      const e = expr('provider::aws::arn_parse(var.arn)');
      if (e.type !== 'FunctionCall') return assert.fail(e.type);
      assert.equal(e.name, 'provider::aws::arn_parse');
      assert.deepEqual(lc(e.nameRange), [0, 4, 0, 28]);
      assert.equal(sexpr(expr('concat(var.a, var.lists...)')), 'concat(var.a, var.lists...)');
      assert.equal(sexpr(expr('f(\n  a,\n  b\n)')), 'f(a, b)');
    });
  });

  describe('newlines', () => {
    it('end an attribute but not inside brackets', () => {
      const f = parseOk('a = (1 +\n 2)\nb = 3\n');
      assert.equal(sexpr(attr(f.body, 'a').expr), '[(+ 1 2)]');
      assert.equal(attr(f.body, 'b').range.start.line, 2);
    });

    it('a value split at an operator across lines is an error', () => {
      const f = parseHcl('a = 1 +\n2\n');
      assert.ok(f.errors.length > 0);
    });

    it('empty and comment-only files', () => {
      assert.deepEqual(parseOk('').body.items, []);
      assert.deepEqual(parseOk('\n\n# only a comment\n').body.items, []);
    });
  });

  describe('HCL validity rules', () => {
    const invalid: Array<[string, string]> = [
      ['attribute redefined', 'a = 1\na = 2\n'],
      ['single-line block with two arguments', 'b { x = 1, y = 2 }\n'],
      ['single-line block with a nested block', 'b { c {} }\n'],
      ['nested attribute-only splat', 'a = x.*.y.*\n'],
      ['chained legacy index', 'a = x.0.1\n'],
      ['newline inside a quoted string', 'a = "x\ny"\n'],
      ['interpolation in a block label', 'r "${x}" {}\n'],
      ['heredoc marker at end of file without newline', 'a = <<EOT\nx\nEOT'],
      ['unmatched endif', 'a = "%{ endif }"\n'],
      ['else without if', 'a = "%{ else }"\n'],
      ['block closed on the same line as an item', 'b {\n  x = 1 }\n'],
      ['missing newline after block', 'a {} b {}\n'],
    ];
    for (const [name, text] of invalid) {
      it(`rejects: ${name}`, () => assert.ok(parseHcl(text).errors.length > 0, JSON.stringify(parseHcl(text).body)));
    }
  });
});

describe('toHcl2Json', () => {
  const json = (text: string): unknown => toHcl2Json(parseOk(text), text);

  it('nests blocks by type and labels, appending repeats', () => {
    assert.deepEqual(json('r "a" "b" { x = 1 }\nr "a" "c" {}\nr "a" "b" { x = 2 }\nl { }\nl { y = 1 }\n'), {
      r: { a: { b: [{ x: 1 }, { x: 2 }], c: [{}] } },
      l: [{}, { y: 1 }],
    });
  });

  it('folds literals and wraps other expressions', () => {
    assert.deepEqual(json('a = -1\nb = !true\nc = -x\nd = "${1}"\ne = "${x}"\nf = "${ x }"\ng = (1)\nh = [1, "s", {k = null}]\n'), {
      a: -1,
      b: false,
      c: '${-x}',
      d: 1,
      e: '${x}',
      f: '${x}',
      g: '${(1)}',
      h: [1, 's', { k: null }],
    });
  });

  it('renders templates like the converter', () => {
    assert.deepEqual(
      json([
        'a = "$${x} %%{y} \\u0024{z}"',
        'b = "n=${1.50} e=${1e3} t=${true} z=${null}"',
        'c = "x${a ? "y" : 2}"',
        'd = "%{ if c ~}  t  %{~ else }f%{ endif }"',
        'e = "%{ for k, v in m }${k}%{ endfor }"',
        'f = "%{ if c }${null}%{ endif }"',
        'g = "%{ if c }a%{ else }%{ endif }"',
        '',
      ].join('\n')),
      {
        a: '$${x} %%{y} $${z}',
        b: 'n=1.5 e=1000 t=true z=null',
        c: 'x%{if a}y%{else}2%{endif}',
        d: '%{if c}t%{else}f%{endif}',
        e: '%{for k, v in m}${k}%{endfor}',
        f: '',
        g: '%{if c}a%{endif}',
      },
    );
  });

  it('converts object keys', () => {
    assert.deepEqual(json('o = { a = 1, "b" = 2, (c) = 3, d.e = 4, 1e3 = 5, null = 6, "k${x}" = 7, f[0] = 8, f[x] = 9 }\n'), {
      o: { a: 1, b: 2, '${(c)}': 3, 'd.e': 4, '1000': 5, null: 6, 'k${x}': 7, 'f[0]': 8, '${f[x]}': 9 },
    });
  });

  it('formats numbers as cty does', () => {
    assert.deepEqual(['1.50', '1e3', '01', '2.5e-3', '0.000', '1e21', '12.3400e1'].map(numberToDecimalString), [
      '1.5',
      '1000',
      '1',
      '0.0025',
      '0',
      '1000000000000000000000',
      '123.4',
    ]);
  });
});
