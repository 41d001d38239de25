import * as assert from 'node:assert/strict';
import { policyDocumentOf } from '../../server/src/terraform';
import { buildMain, plain, sortedRefs, text, valueOf } from './helpers';

describe('terraform: IAM policy documents', () => {
  it('renders aws_iam_policy_document statements like the AWS provider', () => {
    const main = `data "aws_iam_policy_document" "p" {
  statement {
    sid       = "Read"
    actions   = ["s3:GetObject", "s3:ListBucket"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::123456789012:root"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["true"]
    }
  }
  statement {
    effect        = "Deny"
    not_actions   = ["iam:*"]
    not_resources = ["arn:aws:s3:::a", "arn:aws:s3:::b"]
    not_principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
}

resource "aws_iam_policy" "x" {
  policy = data.aws_iam_policy_document.p.json
}
`;
    const mod = buildMain(main);
    const v = valueOf(mod, 'aws_iam_policy.x', 'policy');
    assert.equal(
      plain(v),
      '{"Version":"2012-10-17","Statement":[' +
        '{"Sid":"Read","Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":"*",' +
        '"Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Condition":{"Bool":{"aws:SecureTransport":"true"}}},' +
        '{"Effect":"Deny","NotAction":"iam:*","NotResource":["arn:aws:s3:::a","arn:aws:s3:::b"],"NotPrincipal":"*"}]}',
    );
    // Reported where it is used, and it refers to the data source.
    assert.equal(text(main, v.range), 'data.aws_iam_policy_document.p.json');
    assert.deepEqual(sortedRefs(v), ['data.aws_iam_policy_document.p']);
    const doc = policyDocumentOf(v) as { Statement: Array<{ Effect: string }> };
    assert.equal(doc.Statement[1].Effect, 'Deny');
  });

  it('resolves variables and locals inside statements, and is unknown with refs otherwise', () => {
    const main = `locals {
  actions = ["s3:*"]
}
data "aws_iam_policy_document" "known" {
  statement {
    actions   = local.actions
    resources = ["*"]
  }
}
data "aws_iam_policy_document" "unknown" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["\${aws_s3_bucket.b.arn}/*"]
  }
}
resource "aws_iam_policy" "a" {
  policy = data.aws_iam_policy_document.known.json
}
resource "aws_iam_policy" "b" {
  policy = data.aws_iam_policy_document.unknown.json
}
`;
    const mod = buildMain(main);
    assert.equal(plain(valueOf(mod, 'aws_iam_policy.a', 'policy')), '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}');
    const b = valueOf(mod, 'aws_iam_policy.b', 'policy');
    assert.equal(b.kind, 'unknown');
    assert.deepEqual(sortedRefs(b), ['aws_s3_bucket.b', 'data.aws_iam_policy_document.unknown']);
  });

  it('merges known source and override documents by Sid', () => {
    const main = `data "aws_iam_policy_document" "base" {
  statement {
    sid       = "A"
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
  statement {
    sid       = "B"
    actions   = ["s3:PutObject"]
    resources = ["*"]
  }
}
data "aws_iam_policy_document" "merged" {
  source_policy_documents = [data.aws_iam_policy_document.base.json]
  override_policy_documents = [jsonencode({ Statement = [{ Sid = "B", Effect = "Deny", Action = "s3:PutObject", Resource = "*" }] })]
  statement {
    sid       = "A"
    actions   = ["s3:ListBucket"]
    resources = ["*"]
  }
}
data "aws_iam_policy_document" "opaque" {
  source_policy_documents = [aws_iam_policy.existing.policy]
}
resource "aws_iam_policy" "x" {
  policy = data.aws_iam_policy_document.merged.json
  other  = data.aws_iam_policy_document.opaque.json
}
`;
    const mod = buildMain(main);
    const doc = policyDocumentOf(valueOf(mod, 'aws_iam_policy.x', 'policy')) as { Statement: unknown[] };
    assert.deepEqual(doc.Statement, [
      { Sid: 'A', Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' },
      { Sid: 'B', Effect: 'Deny', Action: 's3:PutObject', Resource: '*' },
    ]);
    assert.equal(valueOf(mod, 'aws_iam_policy.x', 'other').kind, 'unknown');
  });

  it('a dynamic statement makes the document unknown', () => {
    const mod = buildMain(`data "aws_iam_policy_document" "d" {
  dynamic "statement" {
    for_each = var.statements
    content {
      actions = statement.value.actions
    }
  }
}
resource "aws_iam_policy" "x" {
  policy = data.aws_iam_policy_document.d.json
}
`);
    assert.equal(valueOf(mod, 'aws_iam_policy.x', 'policy').kind, 'unknown');
  });

  it('reads heredoc JSON policies', () => {
    const main = `resource "aws_s3_bucket_policy" "p" {
  bucket = aws_s3_bucket.b.id
  policy = <<-POLICY
    {
      "Version": "2012-10-17",
      "Statement": [
        { "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*" }
      ]
    }
  POLICY
}
`;
    const mod = buildMain(main);
    const doc = policyDocumentOf(valueOf(mod, 'aws_s3_bucket_policy.p', 'policy')) as { Statement: Array<{ Principal: string }> };
    assert.equal(doc.Statement[0].Principal, '*');
  });

  it('reads jsonencode policies and object values; rejects non-JSON and unknown values', () => {
    const mod = buildMain('resource "t" "r" {\n  p = jsonencode({ Version = "2012-10-17", Statement = [] })\n  q = "not json"\n  u = aws_x.y.policy\n  o = { Version = "2012-10-17" }\n}\n');
    assert.deepEqual(policyDocumentOf(valueOf(mod, 't.r', 'p')), { Version: '2012-10-17', Statement: [] });
    assert.equal(policyDocumentOf(valueOf(mod, 't.r', 'q')), undefined);
    assert.equal(policyDocumentOf(valueOf(mod, 't.r', 'u')), undefined);
    assert.deepEqual(policyDocumentOf(valueOf(mod, 't.r', 'o')), { Version: '2012-10-17' });
  });
});
