import * as assert from 'node:assert/strict';
import { evalExpr, plain, sortedRefs } from './helpers';

describe('terraform: expression evaluation', () => {
  describe('literals and collections', () => {
    it('evaluates numbers, bools, null and strings', () => {
      assert.equal(plain(evalExpr('42')), 42);
      assert.equal(plain(evalExpr('1.5')), 1.5);
      assert.equal(plain(evalExpr('true')), true);
      assert.equal(plain(evalExpr('null')), null);
      assert.equal(plain(evalExpr('"abc"')), 'abc');
    });

    it('processes string escapes', () => {
      assert.equal(plain(evalExpr('"a\\nb\\"c"')), 'a\nb"c');
      assert.equal(plain(evalExpr('"$${literal}"')), '${literal}');
    });

    it('evaluates tuples and objects with entry key ranges', () => {
      assert.deepEqual(plain(evalExpr('[1, "a", true]')), [1, 'a', true]);
      const o = evalExpr('{ a = 1, "b-c" = "x", d: [true] }');
      assert.deepEqual(plain(o), { a: 1, 'b-c': 'x', d: [true] });
      assert.equal(o.kind, 'object');
    });

    it('evaluates parenthesised keys when known, else the object is unknown', () => {
      assert.deepEqual(plain(evalExpr('{ (local.k) = 1 }', 'locals {\n  k = "key"\n}')), { key: 1 });
      const v = evalExpr('{ (aws_s3_bucket.b.id) = 1 }');
      assert.equal(v.kind, 'unknown');
      assert.deepEqual(sortedRefs(v), ['aws_s3_bucket.b']);
    });
  });

  describe('templates', () => {
    it('joins known parts', () => {
      assert.equal(plain(evalExpr('"${local.a}-${local.n}-${true}"', 'locals {\n  a = "x"\n  n = 3\n}')), 'x-3-true');
    });

    it('is unknown when a part is unknown, and keeps the refs', () => {
      const v = evalExpr('"arn:${aws_s3_bucket.b.arn}/*"');
      assert.equal(v.kind, 'unknown');
      assert.deepEqual(sortedRefs(v), ['aws_s3_bucket.b']);
    });

    it('keeps the type of a lone interpolation', () => {
      const v = evalExpr('"${local.flag}"', 'locals {\n  flag = false\n}');
      assert.equal(v.kind, 'bool');
      assert.equal(plain(v), false);
    });

    it('honours strip markers', () => {
      assert.equal(plain(evalExpr('"a   ${~ "b" ~}   c"')), 'abc');
    });

    it('is unknown with template directives', () => {
      assert.equal(evalExpr('"%{ if true }x%{ endif }"').kind, 'unknown');
    });

    it('evaluates heredocs, stripping indentation for <<-', () => {
      const plainHeredoc = evalExpr('<<EOT\nline1\n  line2\nEOT\n');
      assert.equal(plain(plainHeredoc), 'line1\n  line2\n');
      const indented = evalExpr('<<-EOT\n    {\n      "a": 1\n    }\n    EOT\n');
      assert.equal(plain(indented), '{\n  "a": 1\n}\n');
    });
  });

  describe('references', () => {
    it('resource attributes are unknown with the resource address as ref', () => {
      const v = evalExpr('aws_kms_key.k.arn');
      assert.equal(v.kind, 'unknown');
      assert.deepEqual(sortedRefs(v), ['aws_kms_key.k']);
      assert.deepEqual(sortedRefs(evalExpr('aws_instance.web[0].id')), ['aws_instance.web']);
      assert.deepEqual(sortedRefs(evalExpr('aws_instance.web["a"].id')), ['aws_instance.web']);
    });

    it('index keys contribute refs', () => {
      assert.deepEqual(sortedRefs(evalExpr('aws_instance.web[aws_instance.other.id].id')), ['aws_instance.other', 'aws_instance.web']);
    });

    it('module outputs and data attributes are unknown with refs', () => {
      assert.deepEqual(sortedRefs(evalExpr('module.vpc.vpc_id')), ['module.vpc']);
      assert.deepEqual(sortedRefs(evalExpr('data.aws_caller_identity.me.account_id')), ['data.aws_caller_identity.me']);
    });

    it('count, each, self, path and terraform.workspace are unknown without refs', () => {
      for (const e of ['count.index', 'each.value', 'each.key', 'self.id', 'path.module', 'terraform.workspace']) {
        const v = evalExpr(e);
        assert.equal(v.kind, 'unknown', e);
        assert.equal(v.refs, undefined, e);
      }
    });

    it('splats and for expressions are unknown and keep refs, not iteration variables', () => {
      assert.deepEqual(sortedRefs(evalExpr('aws_instance.web[*].id')), ['aws_instance.web']);
      assert.deepEqual(sortedRefs(evalExpr('aws_instance.web.*.id')), ['aws_instance.web']);
      const f = evalExpr('[for s in aws_subnet.private : s.id if s.id != aws_vpc.main.id]');
      assert.equal(f.kind, 'unknown');
      assert.deepEqual(sortedRefs(f), ['aws_subnet.private', 'aws_vpc.main']);
      const o = evalExpr('{ for k, v in var.m : k => v.arn }', 'variable "m" {\n  default = {}\n}');
      assert.equal(o.kind, 'unknown');
      assert.equal(o.refs, undefined);
    });

    it('an unknown list keeps refs of its items deep, a known list keeps items', () => {
      const v = evalExpr('[aws_s3_bucket.a.arn, "x"]');
      assert.equal(v.kind, 'list');
      if (v.kind !== 'list') return;
      assert.equal(v.items[0].kind, 'unknown');
      assert.deepEqual(sortedRefs(v.items[0]), ['aws_s3_bucket.a']);
      assert.equal(plain(v.items[1]), 'x');
    });
  });

  describe('conditionals', () => {
    it('known condition picks the branch', () => {
      assert.equal(plain(evalExpr('local.on ? "AES256" : "aws:kms"', 'locals {\n  on = true\n}')), 'AES256');
      assert.equal(plain(evalExpr('local.on ? "AES256" : "aws:kms"', 'locals {\n  on = false\n}')), 'aws:kms');
    });

    it('unknown condition with equal branches gives that value', () => {
      const v = evalExpr('aws_s3_bucket.b.id == "" ? true : true');
      assert.equal(plain(v), true);
      assert.deepEqual(sortedRefs(v), ['aws_s3_bucket.b']);
    });

    it('unknown condition with different branches is unknown with refs of all parts', () => {
      const v = evalExpr('var.x ? aws_kms_key.a.arn : aws_kms_key.b.arn', 'variable "x" {}');
      assert.equal(v.kind, 'unknown');
      assert.deepEqual(sortedRefs(v), ['aws_kms_key.a', 'aws_kms_key.b']);
    });
  });

  describe('operators', () => {
    it('arithmetic, comparison and logic on known operands', () => {
      assert.equal(plain(evalExpr('1 + 2 * 3')), 7);
      assert.equal(plain(evalExpr('(10 - 4) / 3')), 2);
      assert.equal(plain(evalExpr('7 % 3')), 1);
      assert.equal(plain(evalExpr('-(2)')), -2);
      assert.equal(plain(evalExpr('3 >= 3')), true);
      assert.equal(plain(evalExpr('2 < 1')), false);
      assert.equal(plain(evalExpr('true && !false')), true);
      assert.equal(plain(evalExpr('false || false')), false);
      assert.equal(plain(evalExpr('"a" == "a"')), true);
      assert.equal(plain(evalExpr('"a" != "b"')), true);
      assert.equal(plain(evalExpr('"1" == 1')), false);
      assert.equal(plain(evalExpr('[1, 2] == [1, 2]')), true);
    });

    it('unknown operands give unknown', () => {
      const v = evalExpr('aws_instance.a.count + 1');
      assert.equal(v.kind, 'unknown');
      assert.deepEqual(sortedRefs(v), ['aws_instance.a']);
    });
  });
});
