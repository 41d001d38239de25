/**
 * `trustlint report` and `trustlint scan --prioritise` against the bundled `dist/cli.js` (run
 * `npm run build` first), on the fixtures in test/cli/fixtures.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const cliJs = path.join(repoRoot, 'dist', 'cli.js');
const fixtures = path.join(repoRoot, 'test', 'cli', 'fixtures');

const SSH = 'aws-security-group-no-public-ssh';
const KMS = 'aws-kms-key-rotation-enabled';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], env: NodeJS.ProcessEnv = {}): Run {
  const r = spawnSync(process.execPath, [cliJs, ...args], { cwd: fixtures, encoding: 'utf8', env: { ...process.env, NO_COLOR: '', ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonComplianceReport {
  schemaVersion: number;
  root: string;
  generatedAt: string;
  frameworks: Array<{ id: string; summary: string; counts: { total: number; violated: number; waived: number } }>;
  findings: Array<{ ruleId: string; status: string; file: string; suppression?: { reason?: string } }>;
  priorities: { total: number; top: Array<{ ruleId: string; rank: number }> };
}

interface RankedJson {
  rank: number;
  ruleId: string;
  severity: string;
  findings: number;
  score: number;
  controlsCleared: Array<{ framework: string; id: string; tag: string }>;
  controlsTouched: Array<{ tag: string }>;
}

describe('trustlint report and scan --prioritise (dist/cli.js)', function () {
  this.timeout(20_000);
  let tmp: string;

  before(function () {
    assert.ok(existsSync(cliJs), `${cliJs} is missing: run \`npm run build\` before the CLI tests`);
    tmp = mkdtempSync(path.join(tmpdir(), 'trustlint-report-'));
  });

  after(function () {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  function jsonReport(args: string[] = [], env: NodeJS.ProcessEnv = {}): JsonComplianceReport {
    const r = run(['report', 'project', '--format', 'json', ...args], env);
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout) as JsonComplianceReport;
  }

  it('writes a JSON report that parses, with the policy frameworks and waivers (exit 0 despite findings)', function () {
    const report = jsonReport();
    assert.equal(report.schemaVersion, 1);
    assert.equal(report.root, 'project');
    assert.deepEqual(report.frameworks.map((f) => f.id), ['iso27001-2022', 'soc2-2017']);
    assert.match(report.frameworks[0].summary, /^Annex A: \d+ of 93 assessable, \d+ violated, \d+ passing/);
    assert.equal(report.frameworks[0].counts.total, 93);
    const waived = report.findings.filter((f) => f.status === 'waived');
    assert.deepEqual(waived.map((f) => [f.ruleId, f.file, f.suppression?.reason]), [[KMS, 'keys.tf', 'Imported key material cannot rotate; tracked in RISK-42']]);
    assert.equal(report.priorities.top[0].ruleId, SSH);
  });

  it('writes an HTML report containing every framework summary', function () {
    const summaries = jsonReport().frameworks.map((f) => f.summary);
    const r = run(['report', 'project', '--format', 'html']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^<!DOCTYPE html>/i);
    for (const summary of summaries) assert.ok(r.stdout.includes(summary), `HTML lacks "${summary}"`);
    assert.match(r.stdout, /<\/html>\s*$/);
  });

  it('writes Markdown by default', function () {
    const summaries = jsonReport().frameworks.map((f) => f.summary);
    const r = run(['report', 'project']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^# TrustLint compliance report$/m);
    for (const summary of summaries) assert.ok(r.stdout.includes(summary));
    assert.match(r.stdout, new RegExp(SSH));
  });

  it('writes to --output, reports on --frameworks, and is reproducible with SOURCE_DATE_EPOCH', function () {
    const out = path.join(tmp, 'report.html');
    const r = run(['report', 'project', '--format=html', '--output', out, '--frameworks', 'nis2-art21,gdpr-art32']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '');
    const html = readFileSync(out, 'utf8');
    assert.match(html, /NIS2/);
    assert.doesNotMatch(html, /Annex A:/);
    const report = jsonReport(['--frameworks', 'dora']);
    assert.deepEqual(report.frameworks.map((f) => f.id), ['dora']);

    const env = { SOURCE_DATE_EPOCH: '1700000000' };
    const a = run(['report', 'project', '--format', 'json'], env);
    const b = run(['report', 'project', '--format', 'json'], env);
    assert.equal(a.stdout, b.stdout, 'byte-identical');
    assert.equal((JSON.parse(a.stdout) as JsonComplianceReport).generatedAt, '2023-11-14T22:13:20.000Z');
  });

  it('exits 2 on usage errors and on files that do not parse (after writing the report)', function () {
    assert.equal(run(['report', 'project', '--format', 'sarif']).status, 2);
    assert.equal(run(['report', 'project', '--fail-on', 'high']).status, 2);
    assert.equal(run(['report', 'project', '--prioritise']).status, 2, '--prioritise belongs to scan');
    assert.equal(run(['report', 'project', '--frameworks', 'nope']).status, 2);
    assert.equal(run(['report', 'no-such-folder']).status, 2);
    const broken = run(['report', 'broken', '--format', 'json']);
    assert.equal(broken.status, 2);
    assert.ok(JSON.parse(broken.stdout), 'the report is still written');
    assert.match(broken.stderr, /main\.tf:\d+:\d+/);
    const clean = run(['report', 'clean', '--format', 'md']);
    assert.equal(clean.status, 0, clean.stderr);
  });

  it('lists report in the help', function () {
    const r = run(['--help']);
    assert.match(r.stdout, /report \[PATH\.\.\.\]/);
    assert.match(r.stdout, /--prioritise, --rank/);
  });

  it('prints the ranked rules table with scan --prioritise', function () {
    const r = run(['scan', 'project', '--prioritise']);
    assert.equal(r.status, 1, 'findings still fail the scan');
    const lines = r.stdout.split('\n');
    const start = lines.indexOf('Fixes that satisfy the most controls:');
    assert.ok(start > 0, r.stdout);
    assert.match(lines[start + 1], /^ {2}# {2}rule +severity {2}findings {2}clears {2}controls cleared$/);
    assert.match(lines[start + 2], new RegExp(`^  1  ${SSH} +critical +1 +\\d+  ISO 27001 A\\.`));
    assert.match(lines[start + 3], new RegExp(`^  2  ${KMS} +medium +2 +\\d+  `));
    assert.match(r.stdout, /^3 files scanned, \d+ resources: 3 findings \(1 critical, 2 medium\), 1 suppressed$/m, 'the summary stays');
    assert.doesNotMatch(run(['scan', 'project']).stdout, /Fixes that satisfy/, 'only on request');
    const clean = run(['scan', 'clean', '--rank']);
    assert.equal(clean.status, 0);
    assert.match(clean.stdout, /Fixes that satisfy the most controls:\n {2}none: no open findings/);
  });

  it('adds a prioritised array to JSON output with scan --rank', function () {
    const r = run(['scan', 'project', '--rank', '--format', 'json']);
    assert.equal(r.status, 1);
    const out = JSON.parse(r.stdout) as { prioritised?: RankedJson[] };
    assert.ok(out.prioritised);
    assert.deepEqual(out.prioritised.map((p) => [p.rank, p.ruleId, p.severity, p.findings]), [
      [1, SSH, 'critical', 1],
      [2, KMS, 'medium', 2],
    ]);
    for (const p of out.prioritised) {
      assert.equal(p.score, p.controlsCleared.length);
      assert.ok(p.controlsTouched.length >= p.controlsCleared.length);
      assert.ok(p.controlsCleared.every((c) => /^(ISO27001|SOC2):/.test(c.tag)));
    }
    const plain = JSON.parse(run(['scan', 'project', '--format', 'json']).stdout) as Record<string, unknown>;
    assert.equal('prioritised' in plain, false, 'the shape without the flag is unchanged');
  });
});
