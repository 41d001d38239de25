/**
 * The reference index evaluates only resources whose syntactic superset of refs (mayRefer.ts)
 * holds the address asked about. These tests hold that superset to its promise on every Terraform
 * file the repository has (corpus, examples, rule fixtures, generated workspaces): whatever
 * evaluation finds a resource refers to is in its superset, and the index answers exactly what
 * evaluating every resource would.
 */
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Resource } from '../../server/src/model/types';
import { parseHcl } from '../../server/src/parsing/terraform/parser';
import { buildModule, mayReferOf, moduleIdOf, ReferenceIndex, referencesOf, scopeOf, type TerraformSourceFile } from '../../server/src/terraform';
import { generateTerraformCorpus } from '../../scripts/genCorpus';
import { repoRoot } from '../util/paths';
import { loadTerraformDir } from './helpers';

function source(path: string, text: string): TerraformSourceFile {
  return { path, text, ast: parseHcl(text) };
}

/** Workspaces of the rule fixtures: each `.tf` file alone, each fixture folder as a workspace. */
function fixtureWorkspaces(): Array<{ name: string; files: Map<string, TerraformSourceFile> }> {
  const rules = join(repoRoot(), 'server', 'src', 'rules');
  const out: Array<{ name: string; files: Map<string, TerraformSourceFile> }> = [];
  for (const rule of readdirSync(rules).sort()) {
    const dir = join(rules, rule, 'fixtures', 'terraform');
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) out.push({ name: `${rule}/${name}`, files: loadTerraformDir(full) });
      else if (name.endsWith('.tf')) out.push({ name: `${rule}/${name}`, files: new Map([['main.tf', source('main.tf', readFileSync(full, 'utf8'))]]) });
    }
  }
  return out;
}

interface Checked {
  resources: number;
  bounded: number;
  lookups: number;
}

/** Build every module of a workspace and check supersets and index answers; returns counts. */
function check(name: string, files: Map<string, TerraformSourceFile>, into: Checked): void {
  const modules = new Set([...files.keys()].filter((p) => p.endsWith('.tf')).map(moduleIdOf));
  for (const id of modules) {
    const { resources } = buildModule(id, files);
    for (const r of resources) {
      const may = mayReferOf(r);
      assert.ok(may !== undefined, `${name}: ${r.address} has no superset`);
      into.resources++;
      if (may === 'any') continue;
      into.bounded++;
      for (const ref of referencesOf(r)) {
        assert.ok(may.has(ref), `${name}: ${r.address}${r.viaModuleCall ? ` (via ${r.viaModuleCall})` : ''} refers to ${ref}, missing from its superset [${[...may].join(', ')}]`);
      }
    }
    // The index, against evaluating every resource.
    const index = new ReferenceIndex(resources);
    const brute = new Map<string, Resource[]>();
    for (const r of resources) {
      for (const target of referencesOf(r)) {
        const key = `${scopeOf(r)}\u0000${target}`;
        const list = brute.get(key) ?? [];
        list.push(r);
        brute.set(key, list);
      }
    }
    const asked = new Set<string>();
    for (const r of resources) asked.add(`${scopeOf(r)}\u0000${r.address}`);
    for (const key of brute.keys()) asked.add(key);
    for (const key of asked) {
      const [scope, address] = key.split('\u0000');
      const got = index.referencesTo(address, scope).map((r) => r.address);
      const want = (brute.get(key) ?? []).map((r) => r.address);
      assert.deepEqual(got, want, `${name}: referencesTo(${address}) in scope '${scope}'`);
      into.lookups++;
    }
  }
}

describe('terraform: what a resource may refer to (syntactic superset)', function () {
  this.timeout(120_000);

  it('covers every reference evaluation finds, and the index answers as a full evaluation does, on the corpus and examples', () => {
    const counts: Checked = { resources: 0, bounded: 0, lookups: 0 };
    for (const folder of [join('test', 'corpus', 'terraform'), join('examples', 'terraform')]) {
      check(folder, loadTerraformDir(join(repoRoot(), folder)), counts);
    }
    assert.ok(counts.resources > 300, `${counts.resources} resources`);
    assert.ok(counts.bounded > counts.resources * 0.95, `${counts.bounded} of ${counts.resources} bounded`);
    assert.ok(counts.lookups > 300, `${counts.lookups} lookups`);
  });

  it('on every Terraform fixture of every rule', () => {
    const counts: Checked = { resources: 0, bounded: 0, lookups: 0 };
    const workspaces = fixtureWorkspaces();
    assert.ok(workspaces.length > 500, `${workspaces.length} fixture workspaces`);
    for (const w of workspaces) check(w.name, w.files, counts);
    assert.ok(counts.resources > 1000, `${counts.resources} resources`);
  });

  it('on a generated 300-file workspace of modules calling modules', () => {
    const files = new Map(generateTerraformCorpus({ files: 300, seed: 11 }).map((f) => [f.path, source(f.path, f.text)]));
    const counts: Checked = { resources: 0, bounded: 0, lookups: 0 };
    check('generated', files, counts);
    assert.ok(counts.resources > 1000, `${counts.resources} resources`);
  });

  it('follows locals, policy documents, variable defaults, dynamic blocks, index keys and providers', () => {
    const text = `
variable "bucket" {
  default = aws_s3_bucket.from_default.id
}
locals {
  a = local.b
  b = "\${aws_s3_bucket.via_locals.arn}/*"
  key = aws_kms_key.k.arn
}
data "aws_iam_policy_document" "d" {
  statement {
    resources = [local.b, aws_sqs_queue.q.arn]
  }
}
resource "aws_s3_bucket_policy" "p" {
  bucket = var.bucket
  policy = data.aws_iam_policy_document.d.json
  provider = aws.west
}
resource "aws_instance" "i" {
  ami = true ? "x" : aws_ami.never_taken.id
  subnet_id = aws_subnet.s[local.key].id
  dynamic "ebs_block_device" {
    for_each = aws_ebs_volume.v
    content {
      kms_key_id = ebs_block_device.value.kms
    }
  }
}
`;
    const files = new Map([['main.tf', source('main.tf', text)]]);
    const { resources } = buildModule('.', files);
    const byAddress = new Map(resources.map((r) => [r.address, r]));
    const policy = mayReferOf(byAddress.get('aws_s3_bucket_policy.p')!);
    assert.ok(policy instanceof Set);
    for (const a of ['aws_s3_bucket.from_default', 'aws_s3_bucket.via_locals', 'aws_sqs_queue.q', 'data.aws_iam_policy_document.d', 'provider.aws.west']) {
      assert.ok(policy.has(a), `${a} in [${[...policy].join(', ')}]`);
    }
    const instance = mayReferOf(byAddress.get('aws_instance.i')!);
    assert.ok(instance instanceof Set);
    // A superset: the branch the condition never takes is in it, evaluation leaves it out.
    assert.ok(instance.has('aws_ami.never_taken'));
    assert.ok(!referencesOf(byAddress.get('aws_instance.i')!).includes('aws_ami.never_taken'));
    for (const a of ['aws_subnet.s', 'aws_kms_key.k', 'aws_ebs_volume.v']) assert.ok(instance.has(a), a);
    check('handmade', files, { resources: 0, bounded: 0, lookups: 0 });
  });

  it('is unbounded when locals refer to each other in a cycle', () => {
    const text = `
locals {
  a = local.b
  b = "\${local.a}-\${aws_s3_bucket.x.id}"
}
resource "aws_s3_bucket_versioning" "v" {
  bucket = local.a
}
resource "aws_s3_bucket" "x" {}
`;
    const files = new Map([['main.tf', source('main.tf', text)]]);
    const { resources } = buildModule('.', files);
    const v = resources.find((r) => r.address === 'aws_s3_bucket_versioning.v')!;
    assert.equal(mayReferOf(v), 'any');
    check('cycle', files, { resources: 0, bounded: 0, lookups: 0 });
  });
});
