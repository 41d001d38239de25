import * as assert from 'node:assert/strict';
import { build, buildMain, plain, sortedRefs, text, valueOf } from './helpers';

const VARS = `variable "encrypted" {
  type    = bool
  default = true
}

variable "name" {
  default = "from-default"
}

variable "no_default" {
  type = string
}

variable "cfg" {
  default = {
    enabled = false
    tags    = { Env = "dev" }
  }
}
`;

const MAIN = `resource "aws_ebs_volume" "v" {
  encrypted = var.encrypted
  name      = var.name
  other     = var.no_default
  enabled   = var.cfg.enabled
  env       = var.cfg["tags"].Env
  missing   = var.undeclared
}
`;

describe('terraform: variables', () => {
  it('uses the default', () => {
    const mod = build({ 'variables.tf': VARS, 'main.tf': MAIN });
    assert.equal(plain(valueOf(mod, 'aws_ebs_volume.v', 'encrypted')), true);
    assert.equal(plain(valueOf(mod, 'aws_ebs_volume.v', 'name')), 'from-default');
    assert.equal(plain(valueOf(mod, 'aws_ebs_volume.v', 'enabled')), false);
    assert.equal(plain(valueOf(mod, 'aws_ebs_volume.v', 'env')), 'dev');
  });

  it('is unknown without default or tfvars value, and when undeclared', () => {
    const mod = build({ 'variables.tf': VARS, 'main.tf': MAIN });
    assert.equal(valueOf(mod, 'aws_ebs_volume.v', 'other').kind, 'unknown');
    assert.equal(valueOf(mod, 'aws_ebs_volume.v', 'missing').kind, 'unknown');
  });

  it('keeps the use-site range and file', () => {
    const mod = build({ 'variables.tf': VARS, 'main.tf': MAIN });
    const v = valueOf(mod, 'aws_ebs_volume.v', 'env');
    assert.equal(v.file, 'main.tf');
    assert.equal(text(MAIN, v.range), 'var.cfg["tags"].Env');
    const obj = valueOf(mod, 'aws_ebs_volume.v', 'encrypted');
    assert.equal(text(MAIN, obj.range), 'var.encrypted');
  });

  it('terraform.tfvars overrides the default; *.auto.tfvars win after it in lexical order', () => {
    const files = {
      'variables.tf': VARS,
      'main.tf': MAIN,
      'terraform.tfvars': 'encrypted = false\nname = "tfvars"\nno_default = "set"\n',
      'b.auto.tfvars': 'name = "b-auto"\n',
      'a.auto.tfvars': 'name = "a-auto"\n',
    };
    const mod = build(files);
    assert.equal(plain(valueOf(mod, 'aws_ebs_volume.v', 'encrypted')), false);
    assert.equal(plain(valueOf(mod, 'aws_ebs_volume.v', 'name')), 'b-auto');
    assert.equal(plain(valueOf(mod, 'aws_ebs_volume.v', 'other')), 'set');
    // The resolved value is reported where var.x is written, not in the tfvars file.
    assert.equal(valueOf(mod, 'aws_ebs_volume.v', 'encrypted').file, 'main.tf');
  });

  it('converts tfvars strings to the declared primitive type', () => {
    const mod = build({ 'variables.tf': VARS, 'main.tf': MAIN, 'terraform.tfvars': 'encrypted = "false"\n' });
    const v = valueOf(mod, 'aws_ebs_volume.v', 'encrypted');
    assert.equal(v.kind, 'bool');
    assert.equal(plain(v), false);
  });

  it('ignores tfvars of other folders and other tfvars names', () => {
    const mod = build({
      'variables.tf': VARS,
      'main.tf': MAIN,
      'env/terraform.tfvars': 'name = "other-folder"\n',
      'prod.tfvars': 'name = "explicit-var-file"\n',
    });
    assert.equal(plain(valueOf(mod, 'aws_ebs_volume.v', 'name')), 'from-default');
  });
});

describe('terraform: locals', () => {
  it('follows chains across files', () => {
    const mod = build({
      'locals.tf': 'locals {\n  prefix = "acme"\n  name   = "${local.prefix}-${var.env}"\n  full   = upper(local.name)\n}\n',
      'variables.tf': 'variable "env" {\n  default = "prod"\n}\n',
      'main.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = local.full\n}\n',
    });
    const v = valueOf(mod, 'aws_s3_bucket.b', 'bucket');
    assert.equal(plain(v), 'ACME-PROD');
    assert.equal(v.file, 'main.tf');
  });

  it('guards against cycles', () => {
    const mod = buildMain(
      'locals {\n  a = local.b\n  b = local.a\n  c = "${local.c}x"\n  d = "fine"\n}\nresource "t" "r" {\n  a = local.a\n  c = local.c\n  d = local.d\n}\n',
    );
    assert.equal(valueOf(mod, 't.r', 'a').kind, 'unknown');
    assert.equal(valueOf(mod, 't.r', 'c').kind, 'unknown');
    assert.equal(plain(valueOf(mod, 't.r', 'd')), 'fine');
  });

  it('keeps refs through locals', () => {
    const mod = buildMain('locals {\n  bucket_id = aws_s3_bucket.b.id\n}\nresource "t" "r" {\n  bucket = local.bucket_id\n}\n');
    assert.deepEqual(sortedRefs(valueOf(mod, 't.r', 'bucket')), ['aws_s3_bucket.b']);
  });

  it('relocates nested values of a local to the use site', () => {
    const main = 'locals {\n  tags = { Env = "prod" }\n}\nresource "t" "r" {\n  tags = local.tags\n}\n';
    const mod = buildMain(main);
    const v = valueOf(mod, 't.r', 'tags');
    assert.equal(v.kind, 'object');
    if (v.kind !== 'object') return;
    assert.equal(text(main, v.entries[0].value.range), 'local.tags');
    assert.equal(text(main, v.entries[0].keyRange), 'local.tags');
  });
});
