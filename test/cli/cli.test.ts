/**
 * CLI tests against the bundled `dist/cli.js` (run `npm run build` first).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { InitializeResult } from 'vscode-languageserver/node';
import { TestClient } from '../lsp/client';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const cliJs = path.join(repoRoot, 'dist', 'cli.js');
const fixtures = path.join(repoRoot, 'test', 'cli', 'fixtures');
const pkgVersion = (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;

const SSH = 'aws-security-group-no-public-ssh';
const KMS = 'aws-kms-key-rotation-enabled';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], cwd = fixtures, env: NodeJS.ProcessEnv = {}): Run {
  const r = spawnSync(process.execPath, [cliJs, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '', ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonReport {
  version: number;
  tool: { name: string; version: string };
  summary: { filesScanned: number; resources: number; findings: Record<string, number>; suppressed: number; failing: number };
  findings: Array<{ ruleId: string; file: string; severity: string; suppressed: boolean; range: { startLine: number; startColumn: number }; controls: Array<{ tag: string }> }>;
  problems: Array<{ file: string; code: string; severity: string; range: { startLine: number } }>;
}

interface Sarif {
  $schema: string;
  version: string;
  runs: Array<{
    tool: { driver: { name: string; version: string; informationUri: string; rules: Array<Record<string, any>> } };
    results: Array<Record<string, any>>;
    invocations: Array<{ executionSuccessful: boolean }>;
    columnKind: string;
  }>;
}

describe('trustlint CLI (dist/cli.js)', function () {
  this.timeout(20_000);

  before(function () {
    assert.ok(existsSync(cliJs), `${cliJs} is missing: run \`npm run build\` before the CLI tests`);
  });

  it('prints the version and help', function () {
    const v = run(['--version']);
    assert.equal(v.status, 0);
    assert.equal(v.stdout.trim(), pkgVersion);
    const h = run(['--help']);
    assert.equal(h.status, 0);
    assert.match(h.stdout, /Usage: trustlint/);
    assert.match(h.stdout, /--fail-on/);
  });

  it('scans a folder and prints findings grouped by file, with a summary', function () {
    const r = run(['scan', 'project']);
    assert.equal(r.status, 1, r.stderr);
    assert.doesNotMatch(r.stdout, /\u001b\[/, 'no colours when not on a TTY');
    assert.match(r.stdout, new RegExp(`^network\\.tf$`, 'm'));
    assert.match(r.stdout, new RegExp(`^  network\\.tf:10:5  critical  ${SSH}  .*ISO 27001 A\\.\\d+\\.\\d+`, 'm'));
    assert.match(r.stdout, new RegExp(`^  keys\\.tf:3:3  medium    ${KMS}  `, 'm'));
    assert.match(r.stdout, new RegExp(`^  template\\.yaml:7:7  medium    ${KMS}  `, 'm'));
    assert.doesNotMatch(r.stdout, /notes\.yaml/);
    assert.doesNotMatch(r.stdout, /imported/i, 'suppressed findings are hidden by default');
    assert.match(r.stdout, /^3 files scanned, \d+ resources: 3 findings \(1 critical, 2 medium\), 1 suppressed$/m);
  });

  it('shows suppressed findings with --include-suppressed', function () {
    const r = run(['scan', 'project', '--include-suppressed']);
    assert.match(r.stdout, /keys\.tf:7:1  waived\s+aws-kms-key-rotation-enabled .*\[suppressed: Imported key material cannot rotate; tracked in RISK-42\]/);
  });

  it('writes stable JSON', function () {
    const r = run(['scan', 'project', '--format', 'json']);
    assert.equal(r.status, 1);
    const report = JSON.parse(r.stdout) as JsonReport;
    assert.equal(report.version, 1);
    assert.deepEqual(report.tool, { name: 'TrustLint', version: pkgVersion });
    assert.equal(report.summary.filesScanned, 3);
    assert.deepEqual(report.summary.findings, { total: 3, critical: 1, high: 0, medium: 2, low: 0 });
    assert.equal(report.summary.suppressed, 1);
    assert.deepEqual(
      report.findings.map((f) => `${f.file}:${f.range.startLine}:${f.range.startColumn}:${f.ruleId}`),
      [`keys.tf:3:3:${KMS}`, `network.tf:10:5:${SSH}`, `template.yaml:7:7:${KMS}`],
    );
    assert.ok(report.findings.every((f) => !f.suppressed));
    assert.ok(report.findings[1].controls.some((c) => /^ISO27001:A\.8\.\d+$/.test(c.tag)));
    const again = run(['scan', 'project', '--format', 'json']);
    assert.equal(again.stdout, r.stdout, 'output is deterministic');
    const withSuppressed = JSON.parse(run(['scan', 'project', '--format', 'json', '--include-suppressed']).stdout) as JsonReport;
    assert.equal(withSuppressed.findings.filter((f) => f.suppressed).length, 1);
  });

  it('writes valid SARIF 2.1.0 with controls, fingerprints and suppressions', function () {
    const r = run(['scan', 'project', '--format', 'sarif']);
    assert.equal(r.status, 1);
    const sarif = JSON.parse(r.stdout) as Sarif;
    assert.equal(sarif.version, '2.1.0');
    assert.match(sarif.$schema, /sarif-2\.1\.0/);
    const [runObj] = sarif.runs;
    assert.equal(runObj.columnKind, 'utf16CodeUnits');
    const driver = runObj.tool.driver;
    assert.equal(driver.name, 'TrustLint');
    assert.equal(driver.version, pkgVersion);
    assert.ok(driver.informationUri.startsWith('https://'));
    const ids = driver.rules.map((x) => x.id as string);
    assert.equal(new Set(ids).size, ids.length);
    for (const rule of driver.rules) {
      assert.ok(rule.shortDescription.text && rule.fullDescription.text && rule.help.text && rule.help.markdown);
      assert.match(rule.helpUri, /^https:\/\//);
      assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level));
      assert.match(rule.properties['security-severity'], /^\d+\.\d$/);
      assert.ok(Array.isArray(rule.properties.controls) && Array.isArray(rule.properties.tags));
    }
    assert.equal(runObj.results.length, 4, 'suppressed findings are included, marked');
    for (const res of runObj.results) {
      assert.equal(driver.rules[res.ruleIndex].id, res.ruleId);
      assert.ok(['error', 'warning', 'note'].includes(res.level));
      assert.ok(res.message.text);
      const loc = res.locations[0].physicalLocation;
      assert.equal(loc.artifactLocation.uriBaseId, '%SRCROOT%');
      assert.doesNotMatch(loc.artifactLocation.uri, /^\/|\\|^file:/);
      assert.ok(loc.region.startLine >= 1 && loc.region.startColumn >= 1 && loc.region.endLine >= loc.region.startLine);
      assert.ok(res.properties.controls.length > 0);
      for (const c of res.properties.controls) assert.match(c, /^(ISO27001|SOC2|NIS2|C5|DORA|GDPR):\S+/);
      assert.ok(Object.values(res.partialFingerprints as Record<string, string>).every((v) => v.length > 0));
    }
    const ssh = runObj.results.find((x) => x.ruleId === SSH)!;
    assert.equal(ssh.level, 'error');
    assert.deepEqual(
      { startLine: ssh.locations[0].physicalLocation.region.startLine, startColumn: ssh.locations[0].physicalLocation.region.startColumn },
      { startLine: 10, startColumn: 5 },
    );
    const suppressed = runObj.results.filter((x) => x.suppressions);
    assert.equal(suppressed.length, 1);
    assert.equal(suppressed[0].suppressions[0].kind, 'inSource');
    assert.match(suppressed[0].suppressions[0].justification, /RISK-42/);
    assert.equal(runObj.invocations[0].executionSuccessful, true);
    const prints = runObj.results.map((x) => JSON.stringify(x.partialFingerprints));
    assert.equal(new Set(prints).size, prints.length, 'fingerprints are unique');
  });

  it('writes the report to --output', function () {
    const dir = mkdtempSync(path.join(tmpdir(), 'trustlint-cli-'));
    try {
      const out = path.join(dir, 'report.sarif');
      const r = run(['scan', 'project', '--format=sarif', '--output', out]);
      assert.equal(r.status, 1);
      assert.equal(r.stdout, '');
      assert.equal((JSON.parse(readFileSync(out, 'utf8')) as Sarif).version, '2.1.0');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits by the --fail-on threshold', function () {
    assert.equal(run(['scan', 'clean']).status, 0);
    assert.equal(run(['scan', 'medium-only']).status, 1);
    assert.equal(run(['scan', 'medium-only', '--fail-on', 'medium']).status, 1);
    assert.equal(run(['scan', 'medium-only', '--fail-on', 'high']).status, 0);
    assert.equal(run(['scan', 'medium-only', '--fail-on', 'none']).status, 0);
    assert.equal(run(['scan', 'project', '--fail-on', 'critical']).status, 1);
  });

  it('exits 2 on usage errors and unreadable input', function () {
    const missing = run(['scan', 'does-not-exist']);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /path not found: does-not-exist/);
    const badFlag = run(['scan', 'project', '--bogus']);
    assert.equal(badFlag.status, 2);
    assert.match(badFlag.stderr, /unknown option: --bogus/);
    assert.equal(run(['scan', '--fail-on', 'severe']).status, 2);
    assert.equal(run(['scan', '--format', 'xml']).status, 2);
    assert.equal(run(['frobnicate']).status, 2);
    const fw = run(['scan', 'project', '--frameworks', 'iso9001']);
    assert.equal(fw.status, 2);
    assert.match(fw.stderr, /unknown framework 'iso9001'/);
    const notIac = run(['scan', 'project/notes.yaml']);
    assert.equal(notIac.status, 2);
    assert.match(notIac.stderr, /not a Terraform file or CloudFormation template/);
  });

  it('reports syntax errors as problems and exits 2', function () {
    const r = run(['scan', 'broken', '--format', 'json']);
    assert.equal(r.status, 2);
    const report = JSON.parse(r.stdout) as JsonReport;
    assert.ok(report.problems.some((p) => p.code === 'syntax' && p.file === 'main.tf' && p.severity === 'error'), r.stdout);
    const text = run(['scan', 'broken']);
    assert.match(text.stdout, /main\.tf:2:\d+  error\s+syntax  /);
  });

  it('scans single files with paths relative to their folder, and --frameworks', function () {
    const r = run(['scan', 'project/keys.tf', '--format', 'json', '--frameworks', 'nis2-art21']);
    const report = JSON.parse(r.stdout) as JsonReport;
    assert.deepEqual(report.findings.map((f) => f.file), ['keys.tf']);
    assert.ok(report.findings[0].controls.length > 0 && report.findings[0].controls.every((c) => c.tag.startsWith('NIS2:')), r.stdout);
  });

  it('lists rules as JSON', function () {
    const r = run(['rules', '--format', 'json']);
    assert.equal(r.status, 0);
    const out = JSON.parse(r.stdout) as { rules: Array<{ id: string; title: string; severity: string; controls: unknown[] }> };
    const ids = out.rules.map((x) => x.id);
    assert.ok(ids.includes(SSH) && ids.includes(KMS));
    assert.deepEqual(ids, [...ids].sort());
    assert.ok(out.rules.every((x) => x.title && x.severity && Array.isArray(x.controls)));
    const text = run(['rules']);
    assert.match(text.stdout, new RegExp(`^${SSH}\\s+critical\\s+`, 'm'));
  });

  it('starts the language server with `lsp --stdio`', async function () {
    const client = TestClient.start(cliJs, ['lsp', '--stdio']);
    try {
      const init = await client.request<InitializeResult>('initialize', {
        processId: process.pid,
        rootUri: pathToFileURL(path.join(fixtures, 'clean')).href,
        capabilities: {},
      });
      assert.equal(init.serverInfo?.name, 'TrustLint');
      await client.notify('initialized', {});
      assert.equal(await client.stop(), 0);
    } finally {
      client.kill();
    }
  });
});
