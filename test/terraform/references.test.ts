import * as assert from 'node:assert/strict';
import { ReferenceIndex, referencesOf } from '../../server/src/terraform';
import { build, buildMain, resource } from './helpers';

describe('terraform: reference index', () => {
  const S3 = `resource "aws_s3_bucket" "b" {
  bucket = "logs"
}

resource "aws_s3_bucket_versioning" "v" {
  bucket = aws_s3_bucket.b.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "e" {
  bucket = local.bucket
  rule {
    apply_server_side_encryption_by_default {
      kms_master_key_id = aws_kms_key.k.arn
      sse_algorithm     = "aws:kms"
    }
  }
}

resource "aws_s3_bucket_logging" "l" {
  dynamic "target_grant" {
    for_each = [1]
    content {
      bucket = aws_s3_bucket.b.id
    }
  }
}

resource "aws_kms_key" "k" {}

locals {
  bucket = aws_s3_bucket.b.bucket
}
`;

  it('finds the v4 split S3 resources that point at a bucket (directly, via locals, nested, dynamic)', () => {
    const mod = buildMain(S3);
    const index = new ReferenceIndex(mod.resources);
    const referrers = index.referencesTo('aws_s3_bucket.b').map((r) => r.address).sort();
    assert.deepEqual(referrers, [
      'aws_s3_bucket_logging.l',
      'aws_s3_bucket_server_side_encryption_configuration.e',
      'aws_s3_bucket_versioning.v',
    ]);
    assert.deepEqual(index.referencesTo('aws_kms_key.k').map((r) => r.address), ['aws_s3_bucket_server_side_encryption_configuration.e']);
    assert.equal(index.resolve('aws_s3_bucket.b')?.type, 'aws_s3_bucket');
    assert.equal(index.resolve('aws_s3_bucket.nope'), undefined);
    assert.deepEqual(index.referencesTo('aws_s3_bucket.nope'), []);
    const e = resource(mod, 'aws_s3_bucket_server_side_encryption_configuration.e');
    assert.deepEqual(index.targetsOf(e).map((r) => r.address).sort(), ['aws_kms_key.k', 'aws_s3_bucket.b']);
    assert.deepEqual(referencesOf(e).sort(), ['aws_kms_key.k', 'aws_s3_bucket.b']);
  });

  it('indexes data sources, module calls, providers and depends_on', () => {
    const mod = buildMain(`provider "aws" {
  alias = "west"
}
resource "t" "r" {
  provider   = aws.west
  a          = data.aws_caller_identity.me.account_id
  b          = module.vpc.vpc_id
  depends_on = [aws_iam_role.x]
}
`);
    const index = new ReferenceIndex(mod.resources);
    for (const target of ['provider.aws.west', 'data.aws_caller_identity.me', 'module.vpc', 'aws_iam_role.x']) {
      assert.deepEqual(index.referencesTo(target).map((r) => r.address), ['t.r'], target);
    }
  });

  it('keeps module-call resources in their own address space', () => {
    const mod = build({
      'main.tf': `resource "aws_s3_bucket" "b" {}
module "child" {
  source = "./child"
}
`,
      'child/main.tf': `resource "aws_s3_bucket" "b" {}
resource "aws_s3_bucket_versioning" "v" {
  bucket = aws_s3_bucket.b.id
}
`,
    });
    const index = new ReferenceIndex(mod.resources);
    assert.deepEqual(index.referencesTo('aws_s3_bucket.b'), []);
    const inChild = index.referencesTo('aws_s3_bucket.b', 'module.child');
    assert.deepEqual(inChild.map((r) => [r.address, r.viaModuleCall]), [['aws_s3_bucket_versioning.v', 'module.child']]);
    const childBucket = index.resolve('aws_s3_bucket.b', 'module.child');
    assert.equal(childBucket?.file, 'child/main.tf');
    assert.equal(index.resolve('aws_s3_bucket.b')?.file, 'main.tf');
    assert.deepEqual(index.referencesToResource(childBucket!).map((r) => r.address), ['aws_s3_bucket_versioning.v']);

    // An index built from one scope's resources uses that scope by default.
    const onlyChild = new ReferenceIndex(mod.resources.filter((r) => r.viaModuleCall === 'module.child'));
    assert.deepEqual(onlyChild.referencesTo('aws_s3_bucket.b').map((r) => r.address), ['aws_s3_bucket_versioning.v']);
  });
});
