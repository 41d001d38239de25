import * as assert from 'node:assert/strict';
import { evalExpr, plain, sortedRefs } from './helpers';

describe('terraform: functions', () => {
  const cases: Array<[string, unknown]> = [
    ['lower("AbC")', 'abc'],
    ['upper("abc")', 'ABC'],
    ['trimspace("  x \\n")', 'x'],
    ['tostring(5)', '5'],
    ['tostring(true)', 'true'],
    ['tonumber("12")', 12],
    ['tobool("true")', true],
    ['format("%s-%d-%%", "a", 3)', 'a-3-%'],
    ['join(",", ["a", "b"], ["c"])', 'a,b,c'],
    ['split(",", "a,b,c")', ['a', 'b', 'c']],
    ['concat([1], [2, 3])', [1, 2, 3]],
    ['merge({ a = 1, b = 2 }, { b = 3, c = 4 })', { a: 1, b: 3, c: 4 }],
    ['lookup({ a = 1 }, "a")', 1],
    ['lookup({ a = 1 }, "b", 9)', 9],
    ['coalesce("", null, "x", "y")', 'x'],
    ['length([1, 2, 3])', 3],
    ['length({ a = 1 })', 1],
    ['length("héllo")', 5],
    ['element(["a", "b"], 3)', 'b'],
    ['contains(["a", "b"], "b")', true],
    ['contains(["a", "b"], "c")', false],
    ['toset(["a", "b", "a"])', ['a', 'b']],
    ['tolist(["a"])', ['a']],
    ['tomap({ a = "x" })', { a: 'x' }],
    ['distinct([1, 2, 1, 3])', [1, 2, 3]],
    ['flatten([[1, [2]], [], 3])', [1, 2, 3]],
    ['replace("a-b-c", "-", "_")', 'a_b_c'],
    ['try(local.obj.missing, "fallback")', 'fallback'],
    ['try(local.obj.present, "fallback")', 'yes'],
    ['can(local.obj.missing)', false],
    ['lookup(local.obj, "present", "no")', 'yes'],
    ['jsondecode("{\\"a\\": [1, true]}")', { a: [1, true] }],
  ];
  const locals = 'locals {\n  obj = { present = "yes" }\n}';
  for (const [expr, expected] of cases) {
    it(expr, () => {
      assert.deepEqual(plain(evalExpr(expr, locals)), expected);
    });
  }

  it('try is unknown when its first argument is unknown (not an error)', () => {
    const v = evalExpr('try(aws_s3_bucket.b.id, "x")');
    assert.equal(v.kind, 'unknown');
    assert.deepEqual(sortedRefs(v), ['aws_s3_bucket.b']);
  });

  it('functions with unknown arguments are unknown and keep refs', () => {
    const v = evalExpr('lower(aws_s3_bucket.b.id)');
    assert.equal(v.kind, 'unknown');
    assert.deepEqual(sortedRefs(v), ['aws_s3_bucket.b']);
  });

  it('functions we do not evaluate are unknown', () => {
    assert.equal(evalExpr('timestamp()').kind, 'unknown');
    assert.equal(evalExpr('cidrsubnet("10.0.0.0/16", 8, 1)').kind, 'unknown');
    assert.equal(evalExpr('provider::aws::arn_parse("x")').kind, 'unknown');
  });

  it('format with unsupported verbs and regex replace are unknown', () => {
    assert.equal(evalExpr('format("%05d", 3)').kind, 'unknown');
    assert.equal(evalExpr('replace("abc", "/b/", "x")').kind, 'unknown');
  });

  describe('size limits (values that double at each nesting level)', () => {
    // No timing here: without the limits each of these asks for gigabytes and never returns.
    it('nested jsonencode is unknown past the limit, known below it', () => {
      let deep = '"x\\\\y"';
      for (let i = 0; i < 40; i++) deep = `jsonencode([${deep}])`;
      assert.equal(evalExpr(deep).kind, 'unknown');
      assert.equal(plain(evalExpr('jsonencode([jsonencode(["a"])])')), '["[\\"a\\"]"]');
    });

    it('templates and concat doubling through locals are unknown past the limit', () => {
      const levels = Array.from({ length: 40 }, (_, i) => `  t${i + 1} = "\${local.t${i}}\${local.t${i}}"\n  l${i + 1} = concat(local.l${i}, local.l${i})`);
      const locals = `locals {\n  t0 = "ab"\n  l0 = ["a"]\n${levels.join('\n')}\n}`;
      assert.equal(evalExpr('local.t40', locals).kind, 'unknown');
      assert.equal(evalExpr('local.l40', locals).kind, 'unknown');
      assert.equal(plain(evalExpr('local.t2', locals)), 'abababab');
    });

    it('replace that would multiply a string past the limit is unknown', () => {
      const locals = 'locals {\n  a = format("%s%s%s%s", "aaaaaaaa", "aaaaaaaa", "aaaaaaaa", "aaaaaaaa")\n}';
      const huge = `replace(replace(replace(local.a, "a", "${'b'.repeat(200)}"), "b", "${'c'.repeat(200)}"), "c", "dd")`;
      assert.equal(evalExpr(huge, locals).kind, 'unknown');
      assert.equal(plain(evalExpr('replace(local.a, "a", "bb")', locals)), 'b'.repeat(64));
    });
  });

  it('expands a final list argument', () => {
    assert.equal(plain(evalExpr('coalesce(["", "z"]...)')), 'z');
  });

  describe('jsonencode', () => {
    it('renders the exact JSON string Terraform renders (no spaces, keys as written)', () => {
      const v = evalExpr(
        'jsonencode({\n    Version = "2012-10-17"\n    Statement = [{ Effect = "Allow", Action = ["s3:GetObject"], Resource = "*", Count = 2, Ok = true, N = null }]\n  })',
      );
      assert.equal(
        plain(v),
        '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":"*","Count":2,"Ok":true,"N":null}]}',
      );
    });

    it('is unknown when a part is unknown, with refs', () => {
      const v = evalExpr('jsonencode({ Resource = aws_s3_bucket.b.arn })');
      assert.equal(v.kind, 'unknown');
      assert.deepEqual(sortedRefs(v), ['aws_s3_bucket.b']);
    });

    it('keeps the structure of a partly known argument: known parts known, unknown leaves unknown', () => {
      const v = evalExpr('jsonencode({ Statement = [{ Action = "*", Resource = aws_s3_bucket.b.arn, Principal = var.p }] })', 'variable "p" {}');
      assert.equal(v.kind, 'unknown');
      assert.ok(v.kind === 'unknown' && v.decoded, 'no decoded structure');
      assert.deepEqual(plain(v.decoded), { Statement: [{ Action: '*', Resource: '<unknown>', Principal: '<unknown>' }] });
      assert.deepEqual(sortedRefs(v), ['aws_s3_bucket.b']);
    });

    it('keeps no structure for a wholly unknown argument or a primitive', () => {
      const whole = evalExpr('jsonencode(var.p)', 'variable "p" {}');
      assert.ok(whole.kind === 'unknown' && !whole.decoded);
      const prim = evalExpr('jsonencode(aws_s3_bucket.b.arn)');
      assert.ok(prim.kind === 'unknown' && !prim.decoded);
    });

    it('keeps the structure through a local, relocated to the use site', () => {
      const v = evalExpr('local.doc', 'locals {\n  doc = jsonencode({ Action = "*", Resource = aws_s3_bucket.b.arn })\n}');
      assert.ok(v.kind === 'unknown' && v.decoded);
      assert.deepEqual(plain(v.decoded), { Action: '*', Resource: '<unknown>' });
      assert.equal(v.decoded.range.start.line, v.range.start.line);
    });

    it('resolves variables and locals inside', () => {
      const v = evalExpr('jsonencode({ a = local.x, b = var.y })', 'locals {\n  x = "lx"\n}\nvariable "y" {\n  default = 1\n}');
      assert.equal(plain(v), '{"a":"lx","b":1}');
    });
  });
});
