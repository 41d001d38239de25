import * as assert from 'node:assert/strict';
import type { Body, Value } from '../../server/src/model/types';
import { build, resource, text } from './helpers';

const MAIN = `resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"
  tags = {
    Env   = "prod"
    "Cost" = local.cost
  }

  logging {
    target_bucket = aws_s3_bucket.other.id
  }
}

data "aws_iam_policy_document" "p" {
  statement {
    actions = ["s3:*"]
  }
}

provider "aws" {
  region = "eu-west-1"
}

terraform {
  required_version = ">= 1.5"
}

locals {
  cost = "cc-1"
}
`;

describe('terraform: ranges', () => {
  const mod = build({ 'main.tf': MAIN, 'variables.tf': 'variable "unused" {}\n' });
  const bucket = resource(mod, 'aws_s3_bucket.logs');

  it('header ranges run from the block type through the last label', () => {
    assert.equal(text(MAIN, bucket.headerRange), 'resource "aws_s3_bucket" "logs"');
    assert.equal(text(MAIN, resource(mod, 'data.aws_iam_policy_document.p').headerRange), 'data "aws_iam_policy_document" "p"');
    assert.equal(text(MAIN, resource(mod, 'provider.aws').headerRange), 'provider "aws"');
    assert.equal(text(MAIN, resource(mod, 'terraform').headerRange), 'terraform');
    assert.equal(text(MAIN, bucket.body.blocks[0].headerRange), 'logging');
  });

  it('block ranges cover the whole block; body ranges lie between the braces', () => {
    assert.ok(text(MAIN, bucket.range).startsWith('resource "aws_s3_bucket" "logs" {'));
    assert.ok(text(MAIN, bucket.range).endsWith('}'));
    const inner = text(MAIN, bucket.body.range);
    assert.ok(inner.startsWith('\n  bucket'));
    assert.ok(inner.endsWith('\n'));
    assert.equal(MAIN[bucket.body.range.end.offset], '}');
    assert.equal(text(MAIN, bucket.body.blocks[0].range), 'logging {\n    target_bucket = aws_s3_bucket.other.id\n  }');
  });

  it('attribute, name, value and entry ranges match the text', () => {
    const a = bucket.body.attributes[0];
    assert.equal(text(MAIN, a.range), 'bucket = "acme-logs"');
    assert.equal(text(MAIN, a.nameRange), 'bucket');
    assert.equal(text(MAIN, a.value.range), '"acme-logs"');
    const tags = bucket.body.attributes[1].value;
    assert.equal(tags.kind, 'object');
    if (tags.kind !== 'object') return;
    assert.equal(text(MAIN, tags.entries[0].keyRange), 'Env');
    assert.equal(text(MAIN, tags.entries[0].range), 'Env   = "prod"');
    assert.equal(text(MAIN, tags.entries[1].keyRange), '"Cost"');
    assert.equal(text(MAIN, tags.entries[1].value.range), 'local.cost');
    const target = bucket.body.blocks[0].body.attributes[0];
    assert.equal(text(MAIN, target.value.range), 'aws_s3_bucket.other.id');
  });

  it('positions carry consistent line/character/offset', () => {
    const a = bucket.body.attributes[0];
    assert.equal(a.range.start.line, 1);
    assert.equal(a.range.start.character, 2);
    assert.equal(a.range.start.offset, MAIN.indexOf('bucket = '));
  });

  it('every value of every resource points into the resource file', () => {
    const check = (v: Value, file: string): void => {
      assert.equal(v.file, file);
      assert.ok(v.range.end.offset <= MAIN.length);
      if (v.kind === 'list') v.items.forEach((i) => check(i, file));
      if (v.kind === 'object') v.entries.forEach((e) => check(e.value, file));
    };
    const walk = (b: Body, file: string): void => {
      b.attributes.forEach((a) => check(a.value, file));
      b.blocks.forEach((nb) => walk(nb.body, file));
    };
    for (const r of mod.resources) walk(r.body, r.file);
  });
});
