/**
 * Error tolerance of the HCL parser: a file being edited is broken in one place, and everything
 * else must still be parsed with correct structure and ranges. Each case breaks the middle block
 * of a valid three-block file; the first and last blocks must come out intact and at least one
 * error must point at (or right next to) the breakage.
 */
import assert from 'node:assert/strict';
import type { BodyItem, Expr, HclAttribute, HclBlock, HclBody, HclFile } from '../../server/src/parsing/terraform/ast';
import { MAX_DEPTH, parseHcl } from '../../server/src/parsing/terraform/parser';
import { toHcl2Json } from '../../server/src/parsing/terraform/toHcl2Json';
import type { Range } from '../../server/src/model/types';
import { generateStressFiles } from './stressGen';
import { plainRange } from '../../server/src/model/range';

const FIRST = [
  'resource "aws_s3_bucket" "first" {',
  '  bucket = "first-bucket"',
  '  acl    = "private"',
  '  tags = {',
  '    Name = "first"',
  '  }',
  '}',
  '',
];

const MIDDLE = [
  'resource "aws_kms_key" "middle" {',
  '  description         = "middle key"',
  '  enable_key_rotation = true',
  '  policy              = jsonencode({ a = 1 })',
  '  deletion_window_in_days = 10',
  '  lifecycle {',
  '    prevent_destroy = true',
  '  }',
  '}',
  '',
];

const LAST = [
  'resource "aws_iam_role" "last" {',
  '  name               = "last-role"',
  '  assume_role_policy = data.aws_iam_policy_document.x.json',
  '  tags               = { Team = "core" }',
  '}',
  '',
];

/** Line (0-based) in the assembled file where the middle block starts. */
const MIDDLE_START = FIRST.length;
/** Line of `deletion_window_in_days`: where most breakages are inserted (before it). */
const INSERT_AT = MIDDLE_START + 4;

interface Case {
  name: string;
  /** Builds the broken middle block lines (the default inserts `insert` before INSERT_AT). */
  middle?: () => string[];
  insert?: string[];
  /** 0-based line of the breakage in the assembled file (default: INSERT_AT). */
  line?: number;
  /** How far (in lines) the nearest error may be from `line`. */
  tolerance?: number;
  /** The input is valid HCL: expect no errors at all. */
  valid?: boolean;
  /** Extra checks on the middle block, if it is expected to survive. */
  checkMiddle?: (b: HclBlock) => void;
}

function insertBefore(at: number, lines: string[]): () => string[] {
  return () => [...MIDDLE.slice(0, at - MIDDLE_START), ...lines, ...MIDDLE.slice(at - MIDDLE_START)];
}

function replaceLine(at: number, replacement: string[]): () => string[] {
  return () => [...MIDDLE.slice(0, at - MIDDLE_START), ...replacement, ...MIDDLE.slice(at - MIDDLE_START + 1)];
}

const middleHasEarlyAttributes = (b: HclBlock): void => {
  assert.deepEqual(b.labels.map((l) => l.value), ['aws_kms_key', 'middle']);
  assert.ok(findAttr(b.body, 'description'), 'middle block keeps "description"');
  assert.ok(findAttr(b.body, 'enable_key_rotation'), 'middle block keeps "enable_key_rotation"');
};

const middleIntact = (b: HclBlock): void => {
  middleHasEarlyAttributes(b);
  assert.ok(findAttr(b.body, 'deletion_window_in_days'), 'middle block keeps the attribute after the breakage');
  assert.ok(findBlock(b.body, 'lifecycle'), 'middle block keeps its lifecycle block');
};

const CASES: Case[] = [
  { name: 'unterminated string', insert: ['  name = "abc'], checkMiddle: middleIntact },
  { name: 'missing "=" before a string value', insert: ['  name "abc"'], checkMiddle: middleIntact },
  { name: 'missing "=" before a bare value', insert: ['  name abc'], checkMiddle: middleIntact },
  { name: 'missing value after "="', insert: ['  name ='], checkMiddle: middleIntact },
  {
    name: 'missing "}" of a nested block',
    middle: () => MIDDLE.filter((_, i) => i !== 7),
    line: MIDDLE_START + 7,
    tolerance: 2,
    checkMiddle: middleHasEarlyAttributes,
  },
  {
    name: 'missing "}" of the middle top-level block',
    middle: () => MIDDLE.filter((_, i) => i !== 8),
    line: MIDDLE_START + 8,
    tolerance: 2,
    checkMiddle: middleIntact,
  },
  { name: 'extra "}"', insert: ['  }'], checkMiddle: middleIntact },
  { name: 'half-typed nested block header', insert: ['  dynamic "ingress"'], checkMiddle: middleIntact },
  { name: 'half-typed resource header inside a block', insert: ['  resource "aws_s3_bucket"'], checkMiddle: middleIntact },
  {
    name: 'half-typed top-level header before the middle block',
    middle: () => ['resource "aws_s3_bucket"', '', ...MIDDLE],
    line: MIDDLE_START,
    checkMiddle: middleIntact,
  },
  {
    name: 'missing closing quote of a label',
    middle: replaceLine(MIDDLE_START, ['resource "aws_kms_key "middle" {']),
    line: MIDDLE_START,
    checkMiddle: (b) => {
      assert.ok(findAttr(b.body, 'description'));
      assert.ok(findAttr(b.body, 'deletion_window_in_days'));
    },
  },
  { name: 'unterminated heredoc', insert: ['  user_data = <<EOT', '  #!/bin/bash', '  echo hello'], checkMiddle: middleHasEarlyAttributes },
  { name: 'unterminated block comment', insert: ['  /* commented out', '  x = 1'], checkMiddle: middleHasEarlyAttributes },
  { name: 'unterminated interpolation', insert: ['  name = "abc ${var.x'], checkMiddle: middleIntact },
  { name: 'unterminated interpolation at end of string', insert: ['  name = "abc ${var.x"'], checkMiddle: middleIntact },
  { name: 'stray "]"', insert: ['  ]'], checkMiddle: middleIntact },
  { name: 'stray ")" after a value', insert: ['  name = foo())'], checkMiddle: middleIntact },
  { name: '"==" instead of "="', insert: ['  name == "x"'], checkMiddle: middleIntact },
  { name: 'colon instead of "="', insert: ['  name: "x"'], checkMiddle: middleIntact },
  { name: 'tab characters (valid HCL)', insert: ['\tname\t=\t"tabbed"'], valid: true, checkMiddle: middleIntact },
  { name: 'NUL byte', insert: ['  na\0me = 1'], checkMiddle: middleIntact },
  { name: 'NUL byte at line start', insert: ['\0 name = 1'], checkMiddle: middleIntact },
  { name: 'invalid UTF-8 replacement characters', insert: ['  \uFFFD\uFFFD = 1'], checkMiddle: middleIntact },
  { name: 'lone double quote', insert: ['  "'], checkMiddle: middleIntact },
  { name: 'unclosed "(" in a call', insert: ['  name = format("%s-%s", var.a, var.b'], checkMiddle: middleIntact },
  { name: 'unclosed "(" with trailing comma', insert: ['  name = format("%s-%s",'], checkMiddle: middleIntact },
  { name: 'unclosed "["', insert: ['  list = [1, 2'], checkMiddle: middleIntact },
  { name: 'unclosed multi-line "["', insert: ['  list = [', '    "a",', '    "b",'], line: INSERT_AT + 2, tolerance: 3, checkMiddle: middleIntact },
  { name: 'unclosed "{" in an object', insert: ['  obj = { a = 1'], checkMiddle: middleIntact },
  { name: 'unclosed multi-line object', insert: ['  obj = {', '    a = 1'], line: INSERT_AT + 1, tolerance: 2, checkMiddle: middleIntact },
  { name: 'dangling binary operator', insert: ['  n = 1 +'], checkMiddle: middleIntact },
  { name: 'dangling conditional', insert: ['  c = var.a ? 1'], checkMiddle: middleIntact },
  { name: '"resource" keyword alone', insert: ['resource'], checkMiddle: middleIntact },
  { name: 'attribute name alone', insert: ['  enabled'], checkMiddle: middleIntact },
  { name: 'stray number', insert: ['  42'], checkMiddle: middleIntact },
  { name: 'stray "="', insert: ['  = 5'], checkMiddle: middleIntact },
  { name: 'single-quoted string', insert: ["  name = 'abc'"], checkMiddle: middleIntact },
  { name: 'invalid escape sequence', insert: ['  name = "a\\qb"'], checkMiddle: middleIntact },
  { name: 'unterminated template directive', insert: ['  name = "%{ if var.x }abc"'], checkMiddle: middleIntact },
  { name: 'traversal ending in "."', insert: ['  ref = aws_s3_bucket.'], checkMiddle: middleIntact },
  { name: 'half-typed for expression', insert: ['  l = [for x in var.list'], checkMiddle: middleIntact },
  { name: 'invalid heredoc opener', insert: ['  h = <<'], checkMiddle: middleIntact },
  { name: 'missing comma in tuple', insert: ['  l = [1 2]'], checkMiddle: middleIntact },
  { name: 'two attributes on one line', insert: ['  a = 1 b = 2'], checkMiddle: middleIntact },
  { name: 'duplicate attribute', insert: ['  description = "again"'], checkMiddle: middleIntact },
  {
    name: 'nested block header without "{"',
    middle: replaceLine(MIDDLE_START + 5, ['  lifecycle']),
    line: MIDDLE_START + 5,
    checkMiddle: middleHasEarlyAttributes,
  },
  {
    name: 'opening brace on the next line',
    middle: replaceLine(MIDDLE_START, ['resource "aws_kms_key" "middle"', '{']),
    line: MIDDLE_START + 1,
    checkMiddle: middleIntact,
  },
  { name: 'template sequence in a block label', middle: replaceLine(MIDDLE_START, ['resource "aws_kms_key" "m${x}" {']), line: MIDDLE_START },
  { name: 'lone carriage return', insert: ['  a = 1\r b = 2'], checkMiddle: middleHasEarlyAttributes },
  { name: 'object with missing separator', insert: ['  obj = { a = 1 b = 2 }'], checkMiddle: middleIntact },
  { name: 'unknown template directive', insert: ['  s = "%{ while x }"'], checkMiddle: middleIntact },
];

function findAttr(body: HclBody, name: string): HclAttribute | undefined {
  return body.items.find((i): i is HclAttribute => i.type === 'Attribute' && i.name === name);
}

function findBlock(body: HclBody, type: string): HclBlock | undefined {
  return body.items.find((i): i is HclBlock => i.type === 'Block' && i.blockType === type);
}

function blocks(file: HclFile): HclBlock[] {
  return file.body.items.filter((i: BodyItem): i is HclBlock => i.type === 'Block');
}

function literalText(e: Expr): string | undefined {
  return e.type === 'Template' && e.parts.length === 1 && e.parts[0].type === 'TemplateLiteral' ? e.parts[0].value : undefined;
}

function checkFirst(file: HclFile): void {
  const b = blocks(file).find((x) => x.labels[1]?.value === 'first');
  assert.ok(b, 'first block is parsed');
  assert.equal(b.blockType, 'resource');
  assert.deepEqual(b.labels.map((l) => l.value), ['aws_s3_bucket', 'first']);
  assert.equal(b.range.start.line, 0);
  assert.equal(b.range.end.line, 6);
  assert.equal(literalText(findAttr(b.body, 'bucket')!.expr), 'first-bucket');
  assert.equal(literalText(findAttr(b.body, 'acl')!.expr), 'private');
  const tags = findAttr(b.body, 'tags')!;
  assert.equal(tags.expr.type, 'Object');
  assert.equal(tags.range.start.line, 3);
  assert.equal(tags.range.end.line, 5);
}

function checkLast(file: HclFile, text: string): void {
  const b = blocks(file).find((x) => x.labels[1]?.value === 'last');
  assert.ok(b, 'last block is parsed as a top-level block');
  assert.deepEqual(b.labels.map((l) => l.value), ['aws_iam_role', 'last']);
  const startLine = text.split(/\r\n|\n|\r/).indexOf(LAST[0]);
  assert.equal(b.range.start.line, startLine, 'last block starts at its header line');
  assert.equal(b.range.end.line, startLine + 4, 'last block ends at its closing brace');
  assert.ok(b.closeBraceRange, 'last block is closed');
  assert.equal(literalText(findAttr(b.body, 'name')!.expr), 'last-role');
  const policy = findAttr(b.body, 'assume_role_policy')!;
  assert.equal(policy.expr.type, 'GetAttr');
  assert.equal(policy.range.start.line, startLine + 2);
  assert.equal(policy.range.start.character, 2);
  assert.equal(findAttr(b.body, 'tags')!.expr.type, 'Object');
}

describe('HCL parser error tolerance', function () {
  // Hundreds of parses per property test; generous for loaded CI machines.
  this.timeout(60_000);

  it('has at least 30 kinds of breakage', () => {
    assert.ok(CASES.length >= 30, `${CASES.length} cases`);
  });

  for (const c of CASES) {
    it(c.name, () => {
      const middle = c.middle ? c.middle() : insertBefore(INSERT_AT, c.insert ?? [])();
      const text = [...FIRST, ...middle, ...LAST].join('\n');
      let file: HclFile | undefined;
      assert.doesNotThrow(() => {
        file = parseHcl(text);
      });
      assert.ok(file);
      const errors = file.errors.map((e) => `${e.range.start.line + 1}:${e.range.start.character + 1} ${e.message}`);
      if (c.valid) {
        assert.deepEqual(errors, []);
      } else {
        const line = c.line ?? INSERT_AT;
        const tolerance = c.tolerance ?? 1;
        assert.ok(file.errors.length > 0, 'reports an error');
        const nearest = Math.min(...file.errors.map((e) => Math.abs(e.range.start.line - line)));
        assert.ok(nearest <= tolerance, `an error within ${tolerance} line(s) of line ${line + 1}; got:\n${errors.join('\n')}`);
      }
      checkFirst(file);
      checkLast(file, text);
      if (c.checkMiddle) {
        const mid = blocks(file).find((b) => b.labels[0]?.value.startsWith('aws_kms_key') || findAttr(b.body, 'description'));
        assert.ok(mid, `middle block is parsed; errors:\n${errors.join('\n')}`);
        c.checkMiddle(mid);
      }
      assert.equal(blocks(file).length, 3, `exactly three top-level blocks; errors:\n${errors.join('\n')}`);
    });
  }

  describe('while typing', () => {
    const first = FIRST.join('\n');
    const middle = [
      '',
      'resource "aws_kms_key" "middle" {',
      '  description = "middle ${var.x} key"',
      '  policy = jsonencode({',
      '    Statement = [{ Effect = "Allow", Action = ["kms:*"] }]',
      '  })',
      '  user_data = <<-EOT',
      '    #!/bin/bash',
      '    echo "${var.name}"',
      '  EOT',
      '  count = var.enabled ? 1 : 0',
      '  names = [for s in var.list : upper(s) if s != ""]',
      '  dynamic "grant" {',
      '    for_each = var.grants',
      '    content {',
      '      principal = grant.value',
      '    }',
      '  }',
      '}',
      '',
    ].join('\n');
    const last = LAST.join('\n');
    const text = first + middle + last;
    const full = parseHcl(text);
    const json = (b: BodyItem, t: string): string => JSON.stringify(toHcl2Json({ body: { items: [b], range: full.body.range }, comments: [], errors: [] }, t));
    const firstJson = json(full.body.items[0], text);
    const lastJson = json(full.body.items[2], text);

    it('the file itself is valid', () => assert.deepEqual(full.errors, []));

    it('every prefix keeps the blocks before the cut intact', () => {
      for (let len = first.length; len <= text.length; len++) {
        const t = text.slice(0, len);
        const f = parseHcl(t);
        const b = blocks(f)[0];
        assert.ok(b && json(b, t) === firstJson, `prefix of ${len} characters: ${JSON.stringify(t.slice(-30))}`);
        assert.deepEqual(plainRange(b.range), plainRange(full.body.items[0].range));
      }
    });

    it('every prefix ending in a half-typed header or an opened block is reported at its end', () => {
      for (const tail of ['resource', 'resource "aws_s3_bucket"', 'resource "aws_s3_bucket" "x"', 'resource "aws_s3_bucket" "x" {', 'resource "aws_s3_bucket" "x" {\n  bucket = ']) {
        const t = `${first}
${tail}`;
        const f = parseHcl(t);
        assert.ok(f.errors.length > 0, tail);
        assert.equal(f.errors[f.errors.length - 1].range.end.line, t.split('\n').length - 1, tail);
        assert.equal(json(blocks(f)[0], t), firstJson);
      }
    });

    it('deleting any one character of the middle block keeps the other blocks intact', () => {
      const lastLine = full.body.items[2].range.start.line;
      for (let i = first.length; i < first.length + middle.length; i++) {
        const t = text.slice(0, i) + text.slice(i + 1);
        const f = parseHcl(t);
        const where = `deleting ${JSON.stringify(text[i])} at ${i} (${JSON.stringify(text.slice(i - 12, i))}|${JSON.stringify(text.slice(i + 1, i + 8))})`;
        const bs = blocks(f);
        const firstBlock = bs.find((b) => b.labels[1]?.value === 'first');
        const lastBlock = bs.find((b) => b.labels[1]?.value === 'last');
        assert.ok(firstBlock && json(firstBlock, t) === firstJson, `first block, ${where}`);
        assert.ok(lastBlock && json(lastBlock, t) === lastJson, `last block, ${where}`);
        assert.equal(f.body.items[f.body.items.length - 1], lastBlock, `last block is top-level, ${where}`);
        assert.equal(lastBlock.range.start.line, lastLine - (text[i] === '\n' ? 1 : 0), where);
      }
    });
  });

  describe('range invariants on mutated input', () => {
    /** Every range is well-formed, inside the text, and inside its parent's range. */
    function checkTree(file: HclFile, text: string): void {
      // Line starts computed independently of the parser's LineMap.
      const lineStarts = [0];
      for (const m of text.matchAll(/\r\n|\n|\r/g)) lineStarts.push((m.index ?? 0) + m[0].length);
      const lineOf = (offset: number): number => {
        let line = 0;
        while (line + 1 < lineStarts.length && lineStarts[line + 1] <= offset) line++;
        return line;
      };
      const check = (r: Range, what: string, parent?: Range): void => {
        assert.ok(r.start.offset <= r.end.offset && r.start.offset >= 0 && r.end.offset <= text.length, `${what}: ${r.start.offset}-${r.end.offset}`);
        if (parent) assert.ok(r.start.offset >= parent.start.offset && r.end.offset <= parent.end.offset, `${what} outside its parent`);
        for (const p of [r.start, r.end]) {
          const line = lineOf(p.offset);
          assert.equal(p.line, line, `${what}: line of offset ${p.offset}`);
          assert.equal(p.character, p.offset - lineStarts[line], `${what}: character of offset ${p.offset}`);
        }
      };
      const expr = (e: Expr, parent: Range): void => {
        check(e.range, e.type, parent);
        const children: Expr[] = [];
        switch (e.type) {
          case 'GetAttr':
            children.push(e.object);
            check(e.nameRange, 'nameRange', e.range);
            break;
          case 'Index':
            children.push(e.collection, e.key);
            break;
          case 'Splat':
            children.push(e.source);
            break;
          case 'FunctionCall':
            children.push(...e.args);
            check(e.nameRange, 'nameRange', e.range);
            break;
          case 'Tuple':
            children.push(...e.items);
            break;
          case 'Object':
            for (const item of e.items) {
              check(item.range, 'object item', e.range);
              expr(item.key, item.range);
              expr(item.value, item.range);
            }
            break;
          case 'For':
            children.push(e.collection, e.valueExpr);
            if (e.keyExpr) children.push(e.keyExpr);
            if (e.condition) children.push(e.condition);
            break;
          case 'Conditional':
            children.push(e.condition, e.trueExpr, e.falseExpr);
            break;
          case 'Binary':
            children.push(e.left, e.right);
            break;
          case 'Unary':
            children.push(e.operand);
            break;
          case 'Paren':
            children.push(e.expr);
            break;
          case 'Template':
          case 'Heredoc':
            for (const part of e.parts) {
              check(part.range, part.type, e.range);
              if (part.type !== 'TemplateLiteral' && part.expr) expr(part.expr, part.range);
            }
            break;
          default:
            break;
        }
        for (const c of children) expr(c, e.range);
      };
      const body = (b: HclBody, parent: Range): void => {
        for (const item of b.items) {
          check(item.range, item.type, parent);
          if (item.type === 'Attribute') {
            check(item.nameRange, 'nameRange', item.range);
            expr(item.expr, item.range);
          } else {
            check(item.typeRange, 'typeRange', item.range);
            for (const l of item.labels) check(l.range, 'label', item.range);
            check(item.openBraceRange, 'openBraceRange', item.range);
            if (item.closeBraceRange) check(item.closeBraceRange, 'closeBraceRange', item.range);
            check(item.body.range, 'body', item.range);
            body(item.body, item.body.range);
          }
        }
      };
      check(file.body.range, 'file');
      body(file.body, file.body.range);
      for (const c of file.comments) check(c.range, 'comment', file.body.range);
      for (const e of file.errors) check(e.range, `error "${e.message}"`, file.body.range);
    }

    it('holds for 1,000 random edits of generated files', function () {
      this.timeout(60_000);
      const sources = generateStressFiles(4242).filter((f) => f.text.length < 30_000).map((f) => f.text);
      let seed = 99;
      const rand = (): number => {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        return seed / 0x7fffffff;
      };
      const pieces = ['{', '}', '[', ']', '(', ')', '"', '${', '%{', '~}', '<<EOT\n', '\nEOT\n', '/*', '#', '\n', '=', '.', ',', '?', ':', '-', '!', 'for ', ' in ', ' if ', '\0', '<<'];
      for (let n = 0; n < 1000; n++) {
        let t = sources[n % sources.length];
        const edits = 1 + Math.floor(rand() * 3);
        for (let m = 0; m < edits; m++) {
          const pos = Math.floor(rand() * (t.length + 1));
          t = rand() < 0.4 ? t.slice(0, pos) + t.slice(pos + 1 + Math.floor(rand() * 10)) : t.slice(0, pos) + pieces[Math.floor(rand() * pieces.length)] + t.slice(pos);
        }
        const file = parseHcl(t);
        assert.ok(!file.errors.some((e) => e.message.startsWith('Internal parser error')));
        if (n % 10 === 0) checkTree(file, t);
      }
    });
  });

  describe('pathological input', () => {
    const deepCases: Array<[string, string]> = [
      ['tuples', `x = ${'['.repeat(10000)}${']'.repeat(10000)}\ny = 1\n`],
      ['parentheses', `x = ${'('.repeat(10000)}1${')'.repeat(10000)}\ny = 1\n`],
      ['objects', `x = ${'{a='.repeat(10000)}1${'}'.repeat(10000)}\ny = 1\n`],
      ['calls', `x = ${'f('.repeat(10000)}${')'.repeat(10000)}\ny = 1\n`],
      ['templates', `x = ${'"${'.repeat(10000)}1${'}"'.repeat(10000)}\ny = 1\n`],
      ['unary operators', `x = ${'!'.repeat(10000)}true\ny = 1\n`],
      ['conditionals', `x = ${'a ? b : '.repeat(10000)}c\ny = 1\n`],
      ['binary chain', `x = ${Array.from({ length: 10000 }, () => '1').join(' + ')}\ny = 1\n`],
      ['traversal chain', `x = a${'.b'.repeat(10000)}\ny = 1\n`],
      ['blocks', `${'a {\n'.repeat(10000)}${'}\n'.repeat(10000)}y = 1\n`],
      ['unclosed tuples', `x = ${'['.repeat(10000)}\ny = 1\n`],
      ['unclosed blocks', `${'a {\n'.repeat(10000)}y = 1\n`],
      ['directives', `x = "${'%{ if a }'.repeat(3000)}${'%{ endif }'.repeat(3000)}"\ny = 1\n`],
    ];
    for (const [name, text] of deepCases) {
      it(`10,000-deep ${name} do not overflow the stack`, () => {
        let file: HclFile | undefined;
        assert.doesNotThrow(() => {
          file = parseHcl(text);
        });
        assert.ok(file);
        assert.ok(!file.errors.some((e) => e.message.startsWith('Internal parser error')), file.errors.map((e) => e.message).join('\n'));
      });
    }

    it('reports "nesting too deep" and keeps parsing after it', () => {
      const file = parseHcl(`x = ${'['.repeat(MAX_DEPTH + 50)}${']'.repeat(MAX_DEPTH + 50)}\ny = 2\n`);
      assert.ok(file.errors.some((e) => e.message.includes('Nesting too deep')));
      const y = findAttr(file.body, 'y');
      assert.ok(y);
      assert.equal(y.range.start.line, 1);
    });

    it('never throws on random garbage', () => {
      let seed = 12345;
      const rand = (): number => {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        return seed / 0x7fffffff;
      };
      const alphabet = 'abc_-= \n\t"\'${}%~[]()<>!&|*/+.,:?#\\\0\uFFFD\r0123456789eE\u00e9😀';
      const pieces = ['resource "a" "b" {', '}', '<<EOT\n', '\nEOT\n', '${', '%{ if x }', '%{ endif }', '/*', '*/', '[for x in y :', '"', '\n'];
      for (let n = 0; n < 300; n++) {
        const parts: string[] = [];
        const len = 1 + Math.floor(rand() * 200);
        for (let i = 0; i < len; i++) {
          parts.push(rand() < 0.2 ? pieces[Math.floor(rand() * pieces.length)] : alphabet[Math.floor(rand() * alphabet.length)]);
        }
        const text = parts.join('');
        const file = parseHcl(text);
        for (const e of file.errors) {
          assert.ok(!e.message.startsWith('Internal parser error'), `${JSON.stringify(text)}: ${e.message}`);
          assert.ok(e.range.start.offset <= e.range.end.offset && e.range.end.offset <= text.length, JSON.stringify(text));
        }
      }
    });
  });
});
