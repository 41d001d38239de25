/**
 * `trustlint scan --jobs N`: the same output whatever N. Checked on the bundled CLI (`dist/cli.js`,
 * whose worker threads run the bundle itself) and on the split itself (`analyzeInWorkers`, which
 * must not fall back to one thread on a workspace of local module calls).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { analyzeInWorkers, resolveJobs } from '../../server/src/cli/parallel';
import { DEFAULT_POLICY } from '../../server/src/config/policy';
import { Engine } from '../../server/src/engine';
import { generateCloudFormationTemplate, generateTerraformCorpus } from '../../scripts/genCorpus';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const cliJs = path.join(repoRoot, 'dist', 'cli.js');

function scan(dir: string, jobs: number): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cliJs, 'scan', '.', '--format', 'json', '--fail-on', 'none', '--jobs', String(jobs)], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('cli: scan --jobs', function () {
  this.timeout(300_000);
  let dir: string;
  const files = [
    ...generateTerraformCorpus({ files: 150, seed: 11 }),
    { path: 'cfn/app.yaml', text: generateCloudFormationTemplate({ resources: 40, seed: 5, format: 'yaml' }) },
    { path: 'cfn/data.json', text: generateCloudFormationTemplate({ resources: 25, seed: 6, format: 'json' }) },
    // A syntax error and a module called through a path the textual guess cannot see.
    { path: 'broken/main.tf', text: 'resource "aws_s3_bucket" "b" {\n  bucket = \n}\n' },
  ];

  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'trustlint-jobs-'));
    for (const f of files) {
      mkdirSync(path.join(dir, path.dirname(f.path)), { recursive: true });
      writeFileSync(path.join(dir, f.path), f.text);
    }
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints identical JSON with --jobs 1, 2 and 3', () => {
    const one = scan(dir, 1);
    assert.equal(one.stderr.includes('internal error'), false, one.stderr);
    const report = JSON.parse(one.stdout) as { findings: unknown[]; summary: { filesScanned: number } };
    assert.ok(report.findings.length > 100, 'the workspace has findings');
    for (const jobs of [2, 3]) {
      const many = scan(dir, jobs);
      assert.equal(many.status, one.status);
      assert.equal(many.stdout, one.stdout, `--jobs ${jobs} differs from --jobs 1`);
    }
  });

  it('splits by analysis unit and merges to exactly what one Engine gives', async () => {
    const engine = new Engine({ today: '2026-01-01' });
    for (const f of files) engine.setFile(f.path, f.text);
    const single = engine.analyzeAll();
    const parallel = await analyzeInWorkers(files, { today: '2026-01-01' }, DEFAULT_POLICY, 3);
    assert.ok(parallel, 'the split was complete (no fallback to one thread)');
    assert.deepEqual(JSON.parse(JSON.stringify(parallel)), JSON.parse(JSON.stringify(single)));
  });

  it('falls back to one thread when a module call was not guessed from the text', async () => {
    const tricky = [
      // `\u002e` is "." once parsed: the call is local, but the textual guess does not see it.
      { path: 'root/main.tf', text: 'module "m" {\n  source = "\\u002e./child"\n  name = "x"\n}\n' },
      { path: 'child/main.tf', text: 'variable "name" {}\nresource "aws_s3_bucket" "b" {\n  bucket = var.name\n}\n' },
      { path: 'other/main.tf', text: 'resource "aws_s3_bucket" "o" {\n  bucket = "o"\n}\n' },
    ];
    const result = await analyzeInWorkers(tricky, { today: '2026-01-01' }, DEFAULT_POLICY, 3);
    assert.equal(result, undefined);
  });

  it('uses min(cores, 4) workers by default above 500 files with 3+ cores, else one', () => {
    assert.equal(resolveJobs(undefined, 500, 8), 1);
    assert.equal(resolveJobs(undefined, 501, 8), 4);
    assert.equal(resolveJobs(undefined, 501, 3), 3);
    assert.equal(resolveJobs(undefined, 5000, 2), 1);
    assert.equal(resolveJobs(7, 10, 2), 7);
  });
});
