import * as assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { buildModule, markSnapshot, modulesAffectedBy, moduleIdOf, type TerraformSourceFile } from '../../server/src/terraform';
import { parseHcl } from '../../server/src/parsing/terraform/parser';
import { build, buildMain, plain, resource, sortedRefs, text, valueOf, workspace } from './helpers';

const CHILD = `variable "encrypted" {
  type = bool
}

variable "kms_key_id" {
  default = null
}

resource "aws_ebs_volume" "v" {
  encrypted  = var.encrypted
  kms_key_id = var.kms_key_id
}
`;

describe('terraform: module ids', () => {
  it('uses the POSIX folder with "." for the root', () => {
    assert.equal(moduleIdOf('main.tf'), '.');
    assert.equal(moduleIdOf('./main.tf'), '.');
    assert.equal(moduleIdOf('modules/x/main.tf'), 'modules/x');
    assert.equal(moduleIdOf('a/./b/../c/vars.tfvars'), 'a/c');
  });

  it('builds the root whether asked for "." or ""', () => {
    const files = { 'main.tf': 'resource "t" "r" {}\n', 'sub/main.tf': 'resource "t" "s" {}\n' };
    assert.equal(build(files, '').id, '.');
    assert.deepEqual(build(files, '').resources.map((r) => r.address), ['t.r']);
    assert.deepEqual(build(files, 'sub').files, ['sub/main.tf']);
  });
});

describe('terraform: local module calls', () => {
  it('flows call inputs into the child (evaluated in the parent scope)', () => {
    const root = `locals {
  enc = false
}
module "disk" {
  source    = "./modules/disk"
  encrypted = local.enc
}
`;
    const mod = build({ 'main.tf': root, 'modules/disk/main.tf': CHILD });
    const r = resource(mod, 'aws_ebs_volume.v', 'module.disk');
    assert.equal(r.file, 'modules/disk/main.tf');
    assert.equal(r.moduleId, 'modules/disk');
    const v = valueOf(mod, 'aws_ebs_volume.v', 'encrypted', 'module.disk');
    assert.equal(v.kind, 'bool');
    assert.equal(plain(v), false);
    // Reported in the child's file, where var.encrypted is written.
    assert.equal(v.file, 'modules/disk/main.tf');
    assert.equal(text(CHILD, v.range), 'var.encrypted');
    // Defaults of the child still apply to inputs not passed.
    assert.equal(plain(valueOf(mod, 'aws_ebs_volume.v', 'kms_key_id', 'module.disk')), null);
    // The call itself is a resource too.
    assert.equal(resource(mod, 'module.disk').kind, 'module');
  });

  it('builds the child standalone with defaults only', () => {
    const mod = build({ 'main.tf': 'module "disk" {\n  source = "./modules/disk"\n  encrypted = false\n}\n', 'modules/disk/main.tf': CHILD }, 'modules/disk');
    assert.equal(mod.resources.length, 1);
    assert.equal(mod.resources[0].viaModuleCall, undefined);
    assert.equal(valueOf(mod, 'aws_ebs_volume.v', 'encrypted').kind, 'unknown');
  });

  it('drops the caller refs at the boundary (another address space)', () => {
    const mod = build({
      'main.tf': 'module "disk" {\n  source = "./modules/disk"\n  encrypted = true\n  kms_key_id = aws_kms_key.k.arn\n}\n',
      'modules/disk/main.tf': CHILD,
    });
    const v = valueOf(mod, 'aws_ebs_volume.v', 'kms_key_id', 'module.disk');
    assert.equal(v.kind, 'unknown');
    assert.equal(v.refs, undefined);
    assert.deepEqual(sortedRefs(valueOf(mod, 'module.disk', 'kms_key_id')), ['aws_kms_key.k']);
  });

  it('ignores the tfvars of a called module folder (as Terraform does)', () => {
    const mod = build({
      'main.tf': 'module "disk" {\n  source = "./modules/disk"\n}\n',
      'modules/disk/main.tf': CHILD,
      'modules/disk/terraform.tfvars': 'encrypted = true\n',
    });
    assert.equal(valueOf(mod, 'aws_ebs_volume.v', 'encrypted', 'module.disk').kind, 'unknown');
  });

  it('instantiates nested calls with a composed viaModuleCall', () => {
    const mod = build({
      'main.tf': 'module "app" {\n  source = "./modules/app"\n  enc = false\n}\n',
      'modules/app/main.tf': 'variable "enc" {}\nmodule "disk" {\n  source = "../disk"\n  encrypted = var.enc\n}\n',
      'modules/disk/main.tf': CHILD,
    });
    const v = valueOf(mod, 'aws_ebs_volume.v', 'encrypted', 'module.app.module.disk');
    assert.equal(plain(v), false);
    assert.ok(mod.resources.some((r) => r.address === 'module.disk' && r.viaModuleCall === 'module.app'));
  });

  it('guards against cycles and reports the call that closes one', () => {
    const mod = build({
      'main.tf': 'module "a" {\n  source = "./a"\n}\n',
      'a/main.tf': 'resource "t" "in_a" {}\nmodule "back" {\n  source = "../"\n}\n',
    });
    assert.ok(mod.resources.some((r) => r.address === 't.in_a' && r.viaModuleCall === 'module.a'));
    // root -> a -> root stops; nothing from the root is instantiated again.
    assert.equal(mod.resources.filter((r) => r.address === 'module.a').length, 1);
    const self = build({ 'main.tf': 'module "me" {\n  source = "./"\n}\n' });
    assert.equal(self.problems.length, 1);
    assert.match(self.problems[0].message, /cycle/);
  });

  it('caps the depth of nested calls', () => {
    const files: Record<string, string> = {};
    files['main.tf'] = 'module "m" {\n  source = "./l1"\n}\n';
    for (let i = 1; i <= 8; i++) files[`${pathOf(i)}/main.tf`] = `resource "t" "level${i}" {}\nmodule "m" {\n  source = "./l${i + 1}"\n}\n`;
    const mod = build(files);
    const levels = mod.resources.filter((r) => r.type === 't').map((r) => r.name);
    assert.deepEqual(levels, ['level1', 'level2', 'level3', 'level4', 'level5']);
    const shallow = build(files, '.', { maxModuleDepth: 2 });
    assert.deepEqual(shallow.resources.filter((r) => r.type === 't').map((r) => r.name), ['level1', 'level2']);
  });

  it('caps the total number of module instances (fan-out) and says so once', () => {
    const files: Record<string, string> = {};
    const calls = (next: string): string =>
      ['a', 'b', 'c'].map((n) => `module "${n}" {\n  source = "./${next}"\n}\n`).join('');
    files['main.tf'] = calls('l1');
    for (let i = 1; i <= 5; i++) {
      files[`${pathOf(i)}/main.tf`] = `resource "t" "r${i}" {}\n` + (i < 5 ? calls(`l${i + 1}`) : '');
    }
    const mod = build(files);
    // 3 + 9 + 27 + 81 + 243 instances would be needed; the build stops at the cap.
    assert.ok(mod.resources.filter((r) => r.type === 't').length < 200);
    assert.equal(mod.problems.length, 1);
    assert.equal(mod.problems[0].severity, 'info');
    assert.equal(mod.problems[0].file, 'main.tf');
  });

  it('ignores registry and git sources', () => {
    const mod = buildMain('module "vpc" {\n  source = "terraform-aws-modules/vpc/aws"\n}\nmodule "g" {\n  source = "git::https://example.com/x.git"\n}\n');
    assert.deepEqual(mod.resources.map((r) => r.address), ['module.vpc', 'module.g']);
  });

  it('module calls with count = 0 create nothing; repeated calls mark child resources repeated', () => {
    const mod = build({
      'main.tf':
        'module "off" {\n  source = "./modules/disk"\n  count = 0\n}\nmodule "many" {\n  source = "./modules/disk"\n  for_each = toset(["a", "b"])\n  encrypted = true\n}\n',
      'modules/disk/main.tf': CHILD,
    });
    assert.ok(!mod.resources.some((r) => r.viaModuleCall === 'module.off' || r.address === 'module.off'));
    assert.equal(resource(mod, 'aws_ebs_volume.v', 'module.many').repeated, true);
  });

  it('lists the modules affected by a file: its folder and, transitively, its callers', () => {
    const files = workspace({
      'main.tf': 'module "app" {\n  source = "./modules/app"\n}\n',
      'modules/app/main.tf': 'module "disk" {\n  source = "../disk"\n}\n',
      'modules/disk/main.tf': CHILD,
      'other/main.tf': 'resource "t" "r" {}\n',
      'terraform.tfvars': 'x = 1\n',
    });
    assert.deepEqual(modulesAffectedBy('modules/disk/main.tf', files), ['modules/disk', 'modules/app', '.']);
    assert.deepEqual(modulesAffectedBy('modules/disk/new-file.tf', files), ['modules/disk', 'modules/app', '.']);
    assert.deepEqual(modulesAffectedBy('other/main.tf', files), ['other']);
    assert.deepEqual(modulesAffectedBy('terraform.tfvars', files), ['.']);
  });

  it('does not keep the snapshots a snapshot was derived from', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const text = 'module "a" {\n  source = "./a"\n}\n';
    let files = new Map<string, TerraformSourceFile>([['main.tf', { path: 'main.tf', text, ast: parseHcl(text) }]]);
    markSnapshot(files);
    modulesAffectedBy('a/main.tf', files);
    const first = new WeakRef(files);
    for (let i = 0; i < 20; i++) {
      const next = new Map(files);
      const path = `f${i}.tf`;
      next.set(path, { path, text, ast: parseHcl(text) });
      markSnapshot(next, { files, changed: [path] });
      assert.deepEqual(modulesAffectedBy('a/main.tf', next), ['a', '.']);
      buildModule('.', next);
      files = next;
    }
    // Collected only once nothing reachable refers to it (a few turns: WeakRef targets are kept
    // until the end of the job that made them).
    for (let i = 0; i < 5 && first.deref(); i++) {
      await new Promise((resolve) => setImmediate(resolve));
      gc();
    }
    assert.equal(first.deref(), undefined, 'the first snapshot is still reachable from the last');
  });

  for (const told of [false, true]) {
    it(`answers for a series of snapshots (${told ? 'updated from the previous one, told what changed' : 'not told what changed'}) as when indexed afresh`, () => {
      // A seeded series of edits to a workspace of ten folders calling each other: files added,
      // changed (calls added, dropped, retargeted) and removed, a few at a time and sometimes many.
      let seed = told ? 11 : 7;
      const rand = (n: number): number => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed % n;
      };
      const folders = ['.', 'a', 'b', 'c', 'a/x', 'a/y', 'b/z', 'm/1', 'm/2', 'm/3'];
      const fileText = (folder: string): string => {
        const calls = rand(3);
        let text = `resource "aws_s3_bucket" "b${rand(1000)}" {}\n`;
        for (let i = 0; i < calls; i++) {
          const target = folders[rand(folders.length)];
          const up = folder === '.' ? '.' : folder.split('/').map(() => '..').join('/');
          text += `module "m${i}" {\n  source = "${up}/${target}"\n}\n`;
        }
        return text;
      };
      const current = new Map<string, TerraformSourceFile>();
      let previous: Map<string, TerraformSourceFile> | undefined;
      let checks = 0;
      for (let step = 0; step < 300; step++) {
        const edits = rand(10) === 0 ? 40 + rand(60) : 1 + rand(3);
        const changed = new Set<string>();
        for (let e = 0; e < edits; e++) {
          const folder = folders[rand(folders.length)];
          const path = `${folder === '.' ? '' : `${folder}/`}f${rand(4)}.${rand(8) === 0 ? 'tfvars' : 'tf'}`;
          changed.add(path);
          if (rand(5) === 0) current.delete(path);
          else {
            const text = path.endsWith('.tfvars') ? `x = ${rand(9)}\n` : fileText(folder);
            current.set(path, { path, text, ast: parseHcl(text) });
          }
        }
        const snapshot = new Map(current);
        markSnapshot(snapshot, told && previous ? { files: previous, changed: [...changed] } : undefined);
        for (const folder of folders) {
          const path = `${folder === '.' ? '' : `${folder}/`}main.tf`;
          assert.deepEqual(modulesAffectedBy(path, snapshot), modulesAffectedBy(path, new Map(current)), `step ${step}, ${path}`);
          // The previous snapshot's answers did not change when this one was derived from it.
          if (previous) assert.deepEqual(modulesAffectedBy(path, previous), modulesAffectedBy(path, new Map(previous)), `step ${step}, previous, ${path}`);
          // The workspace index (each folder's files) too: what a build sees.
          const addresses = (files: ReadonlyMap<string, TerraformSourceFile>): string[] =>
            buildModule(folder, files).resources.map((r) => `${r.viaModuleCall ?? ''}:${r.address}`);
          assert.deepEqual(addresses(snapshot), addresses(new Map(current)), `step ${step}, build of ${folder}`);
          checks++;
        }
        previous = snapshot;
      }
      assert.equal(checks, 3000);
    });
  }
});

function pathOf(level: number): string {
  const parts: string[] = [];
  for (let i = 1; i <= level; i++) parts.push(`l${i}`);
  return parts.join('/');
}

describe('terraform: resources', () => {
  it('creates resources, data sources, providers, module calls and terraform blocks', () => {
    const mod = buildMain(`terraform {
  required_version = ">= 1.5"
}
provider "aws" {
  region = "eu-west-1"
}
provider "aws" {
  alias  = "us"
  region = "us-east-1"
}
data "aws_caller_identity" "me" {}
resource "aws_s3_bucket" "logs" {
  provider = aws.us
}
module "m" {
  source = "terraform-aws-modules/s3-bucket/aws"
}
`);
    assert.deepEqual(
      mod.resources.map((r) => [r.kind, r.type, r.name, r.address]),
      [
        ['terraform', 'terraform', 'terraform', 'terraform'],
        ['provider', 'aws', 'aws', 'provider.aws'],
        ['provider', 'aws', 'aws', 'provider.aws.us'],
        ['data', 'aws_caller_identity', 'me', 'data.aws_caller_identity.me'],
        ['resource', 'aws_s3_bucket', 'logs', 'aws_s3_bucket.logs'],
        ['module', 'module', 'm', 'module.m'],
      ],
    );
    const p = valueOf(mod, 'aws_s3_bucket.logs', 'provider');
    assert.equal(plain(p), 'aws.us');
    assert.deepEqual(sortedRefs(p), ['provider.aws.us']);
    assert.deepEqual(mod.problems, []);
  });

  it('drops count = 0 (known) and marks count/for_each resources repeated', () => {
    const mod = buildMain(`variable "enabled" {
  default = false
}
resource "t" "zero" {
  count = 0
}
resource "t" "off" {
  count = var.enabled ? 1 : 0
}
resource "t" "one" {
  count = 1
}
resource "t" "unknown" {
  count = length(aws_subnet.s.*.id)
}
resource "t" "each" {
  for_each = toset(["a"])
}
resource "t" "none" {
  for_each = {}
}
resource "t" "plain" {}
`);
    assert.deepEqual(
      mod.resources.map((r) => [r.name, r.repeated === true]),
      [
        ['one', true],
        ['unknown', true],
        ['each', true],
        ['plain', false],
      ],
    );
  });

  it('converts nested blocks recursively and records dynamic block types', () => {
    const main = `resource "aws_security_group" "sg" {
  ingress {
    from_port = 443
    cidr_blocks = ["0.0.0.0/0"]
  }
  dynamic "egress" {
    for_each = var.rules
    content {
      cidr_blocks = [egress.value.cidr, aws_vpc.main.cidr_block]
    }
  }
  lifecycle {
    create_before_destroy = true
  }
  provisioner "local-exec" {
    command = "echo \${self.id}"
  }
}
`;
    const mod = buildMain(main);
    const r = resource(mod, 'aws_security_group.sg');
    assert.deepEqual(r.body.blocks.map((b) => [b.type, b.labels]), [
      ['ingress', []],
      ['lifecycle', []],
      ['provisioner', ['local-exec']],
    ]);
    assert.deepEqual(r.body.dynamicBlockTypes, ['egress']);
    assert.equal(plain(r.body.blocks[0].body.attributes[0].value), 443);
    assert.equal(r.body.blocks[2].body.attributes[0].value.kind, 'unknown');
  });

  it('reports duplicate addresses at the second header', () => {
    const a = 'resource "aws_s3_bucket" "b" {}\n';
    const b = '\nresource "aws_s3_bucket" "b" {\n}\n';
    const mod = build({ 'a.tf': a, 'b.tf': b });
    assert.equal(mod.problems.length, 1);
    const p = mod.problems[0];
    assert.equal(p.file, 'b.tf');
    assert.equal(p.severity, 'warning');
    assert.equal(text(b, p.range), 'resource "aws_s3_bucket" "b"');
    assert.match(p.message, /aws_s3_bucket\.b/);
  });

  it('survives half-typed files', () => {
    const mod = buildMain('resource "aws_s3_bucket" "b" {\n  bucket = \n  acl = "private"\n\nresource "aws_s3_bucket"\n');
    assert.ok(mod.resources.some((r) => r.address === 'aws_s3_bucket.b'));
  });
});
