/**
 * Coverage over the protocol: `trustlint/coverage`, `trustlint/coverageChanged`,
 * `trustlint/prioritised` and `trustlint/report`, against the bundled server (`dist/server.js
 * --stdio`) on a copy of test/lsp/fixtures/workspace. Run `npm run build` first.
 */
import * as assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type {
  CoverageChangedParams,
  CoverageControlInfo,
  CoverageResult,
  PrioritisedResult,
  ReportResult,
} from '../../server/src/protocol';
import { TestClient } from './client';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const serverJs = path.join(repoRoot, 'dist', 'server.js');
const fixture = path.join(repoRoot, 'test', 'lsp', 'fixtures', 'workspace');

const RDS_ENCRYPTED = 'aws-rds-storage-encrypted';
const KMS = 'aws-kms-key-rotation-enabled';
const S3_ENCRYPTION = 'aws-s3-bucket-encryption-configured';
const ISO = 'iso27001-2022';
const SOC2 = 'soc2-2017';

/** Open (not waived) findings of a control, as `[file relative to ws, ruleId]`, sorted. */
function openFindings(control: CoverageControlInfo, ws: string): Array<[string, string]> {
  const base = pathToFileURL(ws).href + '/';
  const out: Array<[string, string]> = [];
  for (const rule of control.rules) for (const f of rule.findings) if (!f.suppressed) out.push([f.uri.slice(base.length), rule.ruleId]);
  return out.sort((a, b) => (a.join() < b.join() ? -1 : a.join() > b.join() ? 1 : 0));
}

function controlOf(result: CoverageResult, framework: string, id: string): CoverageControlInfo {
  const fw = result.frameworks.find((f) => f.id === framework);
  assert.ok(fw, `framework ${framework} missing: ${result.frameworks.map((f) => f.id).join(', ')}`);
  for (const g of fw.groups) for (const c of g.controls) if (c.id === id) return c;
  assert.fail(`control ${framework} ${id} missing`);
}

describe('coverage protocol (trustlint/coverage, coverageChanged, prioritised, report)', function () {
  this.timeout(20_000);
  let ws: string;
  let client: TestClient;
  const uri = (rel: string) => pathToFileURL(path.join(ws, rel)).href;
  const disk = (rel: string) => readFileSync(path.join(ws, rel), 'utf8');
  const versions = new Map<string, number>();

  const coverage = (frameworks?: string[]) => client.request<CoverageResult>('trustlint/coverage', frameworks ? { frameworks } : {});

  /** Waits for the coverage notification that an action causes. */
  async function afterCoverageChange(action: () => Promise<void>): Promise<CoverageChangedParams> {
    const from = client.mark();
    await action();
    const e = await client.waitFor((ev) => ev.method === 'trustlint/coverageChanged', from, 10_000, 'trustlint/coverageChanged');
    return e.params as CoverageChangedParams;
  }

  /** Opens (first time) or changes a document to `text`. */
  async function edit(rel: string, text: string): Promise<void> {
    const version = (versions.get(rel) ?? 0) + 1;
    versions.set(rel, version);
    if (version === 1) {
      const languageId = rel.endsWith('.tf') ? 'terraform' : rel.endsWith('.json') ? 'json' : 'yaml';
      await client.notify('textDocument/didOpen', { textDocument: { uri: uri(rel), languageId, version, text } });
    } else {
      await client.notify('textDocument/didChange', { textDocument: { uri: uri(rel), version }, contentChanges: [{ text }] });
    }
  }

  before(async function () {
    assert.ok(existsSync(serverJs), `${serverJs} is missing: run \`npm run build\` before the protocol tests`);
    ws = mkdtempSync(path.join(tmpdir(), 'trustlint-coverage-'));
    cpSync(fixture, ws, { recursive: true });
    client = TestClient.start(serverJs);
    await client.request('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(ws).href,
      workspaceFolders: [{ uri: pathToFileURL(ws).href, name: 'ws' }],
      capabilities: {
        workspace: {
          configuration: true,
          didChangeWatchedFiles: { dynamicRegistration: true },
          didChangeConfiguration: { dynamicRegistration: true },
          workspaceFolders: true,
        },
        window: { workDoneProgress: true },
        textDocument: { publishDiagnostics: { versionSupport: true } },
      },
      initializationOptions: {},
    });
    await client.notify('initialized', {});
    // The initial scan ends with a republish, so with a coverage notification, before progress ends.
    await client.waitFor((e) => e.method === 'trustlint/coverageChanged', 0, 10_000, 'coverageChanged after the scan');
    await client.waitFor((e) => e.method === '$/progress' && (e.params as { value: { kind: string } }).value.kind === 'end');
  });

  after(function () {
    client?.kill();
    if (ws) rmSync(ws, { recursive: true, force: true });
  });

  it('notifies after the initial scan, naming the workspace folder', function () {
    const e = client.events.find((ev) => ev.method === 'trustlint/coverageChanged');
    assert.deepEqual((e?.params as CoverageChangedParams).folders, [pathToFileURL(ws).href]);
  });

  it('answers coverage for the policy frameworks, with statuses, counts, groups and locations', async function () {
    const result = await coverage();
    assert.equal(result.analysisEnabled, true);
    assert.deepEqual(result.frameworks.map((f) => f.id), [ISO, SOC2], 'the .trustlint.yaml frameworks');
    assert.equal(result.available.length, 6, 'every framework is offered for picking');
    assert.deepEqual(result.available.filter((f) => f.enabled).map((f) => f.id), [ISO, SOC2]);
    assert.ok(result.files >= 6, `files analysed: ${result.files}`);

    const iso = result.frameworks[0];
    assert.equal(iso.name, 'ISO/IEC 27001:2022 Annex A');
    assert.equal(iso.shortName, 'ISO 27001');
    assert.match(iso.summary, /^Annex A: \d+ of 93 assessable, \d+ violated, \d+ passing/);
    assert.equal(iso.counts.total, 93);
    assert.equal(iso.counts.violated + iso.counts.passing + iso.counts.notAssessed, iso.counts.assessable);
    assert.deepEqual(iso.groups.map((g) => `${g.id} ${g.title}`), ['A.5 Organizational controls', 'A.6 People controls', 'A.7 Physical controls', 'A.8 Technological controls']);
    assert.equal(iso.groups.reduce((n, g) => n + g.controls.length, 0), 93);

    // Unencrypted RDS in Terraform and CloudFormation, keys without rotation, a bucket without encryption.
    const crypto = controlOf(result, ISO, 'A.8.24');
    assert.equal(crypto.title, 'Use of cryptography');
    assert.equal(crypto.status, 'violated');
    const open = openFindings(crypto, ws);
    // The rule pack grows, so: at least these, and counts that agree with the listed findings.
    for (const expected of [
      ['cloudformation/database.yaml', RDS_ENCRYPTED],
      ['cloudformation/keys.json', KMS],
      ['infra/database.tf', KMS],
      ['infra/database.tf', RDS_ENCRYPTED],
      ['infra/storage.tf', S3_ENCRYPTION],
    ]) {
      assert.ok(open.some((f) => f[0] === expected[0] && f[1] === expected[1]), `${expected.join(' ')} in ${JSON.stringify(open)}`);
    }
    assert.equal(crypto.counts.findings, open.length);
    assert.equal(crypto.counts.waived, 0);
    assert.ok(crypto.counts.passes >= 1);
    assert.ok(crypto.rationale.length > 0, 'the mapping rationale comes along for tooltips');
    const rds = crypto.rules.find((r) => r.ruleId === RDS_ENCRYPTED);
    assert.ok(rds, crypto.rules.map((r) => r.ruleId).join(', '));
    assert.deepEqual(rds.findings.map((f) => [f.uri, f.range.start.line]).sort(), [
      [uri('cloudformation/database.yaml'), 11],
      [uri('infra/database.tf'), 6],
    ]);
    assert.equal(rds.findings[0].severity, 'high');
    assert.doesNotMatch(rds.findings[0].message, / — ISO 27001/, 'no list of controls in the message');
    assert.equal(crypto.rules.find((r) => r.ruleId === KMS)?.passes, 1, 'compliant/main.tf rotates its key');
    for (const rule of crypto.rules) for (const f of rule.findings) assert.ok(!f.uri.includes('/ignored/'), 'policy exclusions apply');

    assert.equal(controlOf(result, ISO, 'A.8.13').status, 'violated', 'no backup retention on the RDS instances');
    // Every status agrees with its counts, and each kind occurs in this workspace.
    const seen = new Set<string>();
    for (const fw of result.frameworks) {
      for (const c of fw.groups.flatMap((g) => g.controls)) {
        seen.add(c.status);
        const where = `${fw.id} ${c.id} ${c.status} ${JSON.stringify(c.counts)}`;
        assert.equal(c.counts.findings, c.rules.reduce((n, r) => n + r.findings.filter((f) => !f.suppressed).length, 0), where);
        if (c.status === 'violated') assert.ok(c.counts.findings > 0, where);
        if (c.status === 'passing') assert.ok(c.counts.findings === 0 && c.counts.passes + c.counts.waived > 0, where);
        if (c.status === 'not-assessed') assert.ok(c.rules.length > 0 && c.counts.findings + c.counts.passes + c.counts.waived === 0, where);
        if (c.status === 'not-assessable') assert.ok(c.rules.length === 0 && c.reason !== undefined, where);
      }
    }
    assert.deepEqual([...seen].sort(), ['not-assessable', 'not-assessed', 'passing', 'violated']);
    const awareness = controlOf(result, ISO, 'A.6.3');
    assert.equal(awareness.status, 'not-assessable');
    assert.equal(awareness.reason, 'not-assessable-from-iac');
    assert.equal(awareness.assessable, 'no');
    assert.ok(awareness.assessableNote.length > 0);
    assert.equal(controlOf(result, SOC2, 'CC6.1').status, 'violated');
  });

  it('answers for the frameworks a request names, in catalog order, ignoring unknown ids', async function () {
    const result = await coverage(['gdpr-art32', 'no-such-framework', 'nis2-art21']);
    assert.deepEqual(result.frameworks.map((f) => f.id), ['nis2-art21', 'gdpr-art32']);
    assert.deepEqual(result.available.filter((f) => f.enabled).map((f) => f.id), [ISO, SOC2], 'what is in effect does not change');
    assert.ok(result.frameworks.every((f) => f.summary.length > 0 && f.groups.length > 0));
  });

  it('ranks rules by the controls fixing them clears (trustlint/prioritised)', async function () {
    const result = await client.request<PrioritisedResult>('trustlint/prioritised', {});
    assert.deepEqual(result.frameworks, [ISO, SOC2]);
    assert.ok(result.rules.length >= 5, JSON.stringify(result.rules.map((r) => r.ruleId)));
    assert.deepEqual(result.rules.map((r) => r.rank), result.rules.map((_, i) => i + 1));
    for (let i = 1; i < result.rules.length; i++) assert.ok(result.rules[i - 1].score >= result.rules[i].score, 'best first');
    for (const r of result.rules) {
      assert.equal(r.score, r.controlsCleared.length);
      assert.equal(r.locations.length, r.findings, `${r.ruleId}: one location per open finding`);
      assert.ok(r.locations[0].uri.startsWith(pathToFileURL(ws).href));
      for (const f of r.frameworksCleared) assert.ok(r.controlsCleared.some((c) => c.framework === f));
    }
    const rds = result.rules.find((r) => r.ruleId === RDS_ENCRYPTED);
    assert.equal(rds?.findings, 2);
    const limited = await client.request<PrioritisedResult>('trustlint/prioritised', { limit: 2 });
    assert.deepEqual(limited.rules.map((r) => r.ruleId), result.rules.slice(0, 2).map((r) => r.ruleId));
  });

  it('renders the compliance report in every format (trustlint/report)', async function () {
    const { frameworks } = await coverage();
    const html = await client.request<ReportResult>('trustlint/report', { format: 'html' });
    assert.equal(html.format, 'html');
    assert.equal(html.fileName, 'trustlint-compliance-report.html');
    assert.match(html.content, /^<!DOCTYPE html>/i);
    assert.ok(html.content.includes(frameworks[0].summary), 'the coverage summary is in the report');
    const md = await client.request<ReportResult>('trustlint/report', { format: 'md' });
    assert.match(md.content, /^# TrustLint compliance report/m);
    const json = await client.request<ReportResult>('trustlint/report', { format: 'json' });
    const parsed = JSON.parse(json.content) as { root: string; frameworks: Array<{ id: string; summary: string }>; findings: Array<{ file: string }> };
    assert.equal(parsed.root, 'ws');
    assert.deepEqual(parsed.frameworks.map((f) => [f.id, f.summary]), frameworks.map((f) => [f.id, f.summary]));
    assert.ok(parsed.findings.some((f) => f.file === 'infra/database.tf'), 'paths relative to the folder');
    const nis2 = JSON.parse((await client.request<ReportResult>('trustlint/report', { format: 'json', frameworks: ['nis2-art21'] })).content) as {
      frameworks: Array<{ id: string }>;
    };
    assert.deepEqual(nis2.frameworks.map((f) => f.id), ['nis2-art21']);
    await assert.rejects(client.request('trustlint/report', { format: 'pdf' }), /format must be one of md, html, json/);
  });

  it('notifies on each change, and A.8.24 flips to passing once the findings are fixed or waived', async function () {
    const fixedTf = disk('infra/database.tf').replace('storage_encrypted   = false', 'storage_encrypted   = true').replace('enable_key_rotation = false', 'enable_key_rotation = true');
    const initially = controlOf(await coverage(), ISO, 'A.8.24').counts.findings;
    await afterCoverageChange(() => edit('infra/database.tf', fixedTf));
    let crypto = controlOf(await coverage(), ISO, 'A.8.24');
    assert.equal(crypto.status, 'violated');
    assert.equal(crypto.counts.findings, initially - 2, 'the RDS instance and the key of database.tf are fixed');
    assert.ok(!openFindings(crypto, ws).some(([file]) => file === 'infra/database.tf'));

    await afterCoverageChange(() => edit('cloudformation/database.yaml', disk('cloudformation/database.yaml').replace('StorageEncrypted: false', 'StorageEncrypted: true')));
    await afterCoverageChange(() => edit('cloudformation/keys.json', disk('cloudformation/keys.json').replace('"EnableKeyRotation": false', '"EnableKeyRotation": true')));
    crypto = controlOf(await coverage(), ISO, 'A.8.24');
    assert.equal(crypto.status, 'violated');
    // Only the bucket is left (the unencrypted S3 bucket, and whatever else newer rules find on it).
    const left = openFindings(crypto, ws);
    assert.ok(left.some(([, rule]) => rule === S3_ENCRYPTION), JSON.stringify(left));
    assert.deepEqual([...new Set(left.map(([file]) => file))], ['infra/storage.tf'], JSON.stringify(left));

    // Those are waived, with a reason: auditors see why.
    const comments = [...new Set(left.map(([, rule]) => rule))].map((rule) => `# trustlint:ignore ${rule} static assets only, approved in RISK-7\n`).join('');
    const waived = `${comments}${disk('infra/storage.tf')}`;
    const params = await afterCoverageChange(() => edit('infra/storage.tf', waived));
    assert.deepEqual(params.folders, [pathToFileURL(ws).href]);
    const result = await coverage();
    crypto = controlOf(result, ISO, 'A.8.24');
    assert.equal(crypto.status, 'passing');
    assert.equal(crypto.counts.findings, 0);
    assert.equal(crypto.counts.waived, left.length);
    assert.ok(crypto.counts.passes >= 4, `passes: ${crypto.counts.passes}`);
    const s3 = crypto.rules.find((r) => r.ruleId === S3_ENCRYPTION);
    assert.deepEqual(s3?.findings.map((f) => [f.uri, f.suppressed]), [[uri('infra/storage.tf'), { reason: 'static assets only, approved in RISK-7' }]]);
    const prioritised = await client.request<PrioritisedResult>('trustlint/prioritised', {});
    assert.ok(!prioritised.rules.some((r) => [RDS_ENCRYPTED, KMS, S3_ENCRYPTION].includes(r.ruleId)), 'fixed and waived rules are not ranked');
  });

  it('notifies when only passes change (a compliant file added on disk)', async function () {
    const before = controlOf(await coverage(), ISO, 'A.8.24').rules.find((r) => r.ruleId === KMS)?.passes ?? 0;
    mkdirSync(path.join(ws, 'extra'), { recursive: true });
    writeFileSync(path.join(ws, 'extra', 'keys.tf'), 'resource "aws_kms_key" "extra" {\n  description         = "Extra key"\n  enable_key_rotation = true\n}\n');
    await afterCoverageChange(() => client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('extra/keys.tf'), type: 1 }] }));
    const after = controlOf(await coverage(), ISO, 'A.8.24').rules.find((r) => r.ruleId === KMS)?.passes ?? 0;
    assert.equal(after, before + 1);
  });

  it('follows the trustlint.frameworks setting and notifies when it changes', async function () {
    client.settings = { ...client.settings, frameworks: ['dora', 'iso27001-2022'] };
    await afterCoverageChange(() => client.notify('workspace/didChangeConfiguration', { settings: {} }));
    let result = await coverage();
    assert.deepEqual(result.frameworks.map((f) => f.id), [ISO, 'dora'], 'catalog order');
    assert.deepEqual(result.available.filter((f) => f.enabled).map((f) => f.id), [ISO, 'dora']);

    client.settings = { ...client.settings, enable: false };
    await afterCoverageChange(() => client.notify('workspace/didChangeConfiguration', { settings: {} }));
    result = await coverage();
    assert.equal(result.analysisEnabled, false);
    assert.deepEqual(result.frameworks, []);

    client.settings = { debounceMs: 0 };
    await afterCoverageChange(() => client.notify('workspace/didChangeConfiguration', { settings: {} }));
    assert.deepEqual((await coverage()).frameworks.map((f) => f.id), [ISO, SOC2], 'back to the policy file');
  });
});
