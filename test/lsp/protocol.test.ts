/**
 * Protocol tests against the real bundled language server (`dist/server.js --stdio`), on a copy of
 * test/lsp/fixtures/workspace. Run `npm run build` first.
 */
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, cpSync, writeFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic, Hover, InitializeResult, MarkupContent, PublishDiagnosticsParams, TextEdit } from 'vscode-languageserver/node';
import { writeCorpus } from '../../scripts/benchLib';
import { generateCloudFormationTemplate, generateTerraformCorpus } from '../../scripts/genCorpus';
import { applyEdits, editsFor, TestClient } from './client';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const serverJs = path.join(repoRoot, 'dist', 'server.js');
const fixture = path.join(repoRoot, 'test', 'lsp', 'fixtures', 'workspace');

const SSH = 'aws-security-group-no-public-ssh';
const KMS = 'aws-kms-key-rotation-enabled';
const RDS_ENCRYPTED = 'aws-rds-storage-encrypted';
const RDS_PUBLIC = 'aws-rds-not-publicly-accessible';

function byCode(p: PublishDiagnosticsParams | undefined, code: string): Diagnostic[] {
  return (p?.diagnostics ?? []).filter((d) => d.code === code);
}

describe('language server protocol (dist/server.js --stdio)', function () {
  this.timeout(20_000);
  let ws: string;
  let outside: string;
  let client: TestClient;
  let init: InitializeResult;
  const uri = (rel: string) => pathToFileURL(path.join(ws, rel)).href;
  const disk = (rel: string) => readFileSync(path.join(ws, rel), 'utf8');
  const docs = new Map<string, { version: number; text: string }>();

  async function open(rel: string, text = disk(rel), languageId = rel.endsWith('.tf') ? 'terraform' : 'yaml'): Promise<PublishDiagnosticsParams> {
    const from = client.mark();
    docs.set(rel, { version: 1, text });
    await client.notify('textDocument/didOpen', { textDocument: { uri: uri(rel), languageId, version: 1, text } });
    return client.diagnostics(uri(rel), from, (p) => p.version === 1);
  }

  async function change(rel: string, text: string): Promise<PublishDiagnosticsParams> {
    const doc = docs.get(rel)!;
    const version = doc.version + 1;
    docs.set(rel, { version, text });
    const from = client.mark();
    await client.notify('textDocument/didChange', { textDocument: { uri: uri(rel), version }, contentChanges: [{ text }] });
    return client.diagnostics(uri(rel), from, (p) => p.version === version);
  }

  /** Send edits as incremental changes (ranges), the way editors do. */
  async function changeIncremental(rel: string, edits: TextEdit[]): Promise<PublishDiagnosticsParams> {
    const doc = docs.get(rel)!;
    const version = doc.version + 1;
    docs.set(rel, { version, text: applyEdits(doc.text, edits) });
    const from = client.mark();
    await client.notify('textDocument/didChange', {
      textDocument: { uri: uri(rel), version },
      contentChanges: edits.map((e) => ({ range: e.range, text: e.newText })),
    });
    return client.diagnostics(uri(rel), from, (p) => p.version === version);
  }

  async function codeActions(rel: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: uri(rel) },
      range,
      context: { diagnostics, only },
    });
  }

  before(async function () {
    assert.ok(existsSync(serverJs), `${serverJs} is missing: run \`npm run build\` before the protocol tests`);
    ws = mkdtempSync(path.join(tmpdir(), 'trustlint-lsp-'));
    cpSync(fixture, ws, { recursive: true });
    // Never analysed: dependency folders (git ignores node_modules, so it is created here).
    mkdirSync(path.join(ws, 'node_modules', 'pkg'), { recursive: true });
    writeFileSync(path.join(ws, 'node_modules', 'pkg', 'main.tf'), 'resource "aws_kms_key" "dep" {\n  enable_key_rotation = false\n}\n');
    // A binary file with a candidate extension is skipped.
    writeFileSync(path.join(ws, 'config', 'blob.json'), Buffer.from([0x7b, 0x00, 0x01, 0x02, 0x7d]));
    outside = mkdtempSync(path.join(tmpdir(), 'trustlint-single-'));

    client = TestClient.start(serverJs);
    init = await client.request<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(ws).href,
      workspaceFolders: [{ uri: pathToFileURL(ws).href, name: 'ws' }],
      capabilities: {
        workspace: {
          configuration: true,
          didChangeWatchedFiles: { dynamicRegistration: true },
          didChangeConfiguration: { dynamicRegistration: true },
          workspaceEdit: { documentChanges: true },
          workspaceFolders: true,
        },
        window: { workDoneProgress: true },
        textDocument: { publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true, dataSupport: true } },
      },
      initializationOptions: {},
    });
    await client.notify('initialized', {});
  });

  after(async function () {
    client?.kill();
    if (ws) rmSync(ws, { recursive: true, force: true });
    if (outside) rmSync(outside, { recursive: true, force: true });
  });

  it('advertises its capabilities', function () {
    assert.equal(init.serverInfo?.name, 'TrustLint');
    assert.equal(init.capabilities.hoverProvider, true);
    const kinds = (init.capabilities.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds;
    assert.deepEqual(kinds, ['quickfix', 'source.fixAll.trustlint']);
  });

  it('publishes diagnostics for every file with findings, including files never opened', async function () {
    const network = await client.diagnostics(uri('infra/network.tf'));
    const database = await client.diagnostics(uri('infra/database.tf'));
    const storage = await client.diagnostics(uri('infra/storage.tf'));
    const template = await client.diagnostics(uri('cloudformation/database.yaml'));
    assert.ok(byCode(network, SSH).length === 1, JSON.stringify(network));
    assert.ok(byCode(database, KMS).length === 1, JSON.stringify(database));
    assert.ok(storage.diagnostics.length > 0);
    assert.equal(byCode(template, RDS_ENCRYPTED).length, 1, JSON.stringify(template));
    assert.equal(byCode(database, RDS_ENCRYPTED).length, 1);
    assert.equal(byCode(database, RDS_PUBLIC).length, 1);
    // The scan ends with a findingsChanged notification; nothing else is published.
    await client.waitFor((e) => e.method === 'trustlint/findingsChanged');
    await client.waitFor((e) => e.method === '$/progress' && (e.params as { value: { kind: string } }).value.kind === 'end');
    for (const rel of ['compliant/main.tf', 'config/app.yaml', 'ignored/main.tf', 'node_modules/pkg/main.tf', 'config/blob.json']) {
      assert.equal(client.latest(uri(rel)), undefined, `${rel} must not get diagnostics`);
    }
    // Watchers were registered dynamically and progress was reported.
    assert.ok(client.events.some((e) => e.method === 'client/registerCapability'));
    const progress = client.events.filter((e) => e.method === '$/progress').map((e) => (e.params as { value: { kind: string } }).value.kind);
    assert.equal(progress[0], 'begin');
    assert.equal(progress[progress.length - 1], 'end');
    assert.ok(client.logs.some((l) => /config\/blob\.json: binary file/.test(l)), client.logs.join('\n'));
  });

  it('gives diagnostics code, source, docs link, severity and the exact attribute range', async function () {
    const network = client.latest(uri('infra/network.tf'))!;
    const [ssh] = byCode(network, SSH);
    assert.equal(ssh.source, 'trustlint');
    assert.equal(ssh.severity, 1); // critical -> Error
    assert.match(ssh.codeDescription!.href, new RegExp(`${SSH}(/README)?\\.md$`));
    assert.match(ssh.message, /ISO 27001 A\.\d+\.\d+/);
    assert.deepEqual(ssh.range.start, { line: 9, character: 4 });
    assert.equal(ssh.range.end.line, 9);
    const data = ssh.data as { ruleId: string; controls: Array<{ framework: string }>; fixes: unknown[] };
    assert.equal(data.ruleId, SSH);
    assert.ok(data.controls.some((c) => c.framework === 'iso27001-2022'));

    const database = client.latest(uri('infra/database.tf'))!;
    const [kms] = byCode(database, KMS);
    assert.equal(kms.severity, 2); // medium -> Warning
    assert.deepEqual(kms.range, { start: { line: 12, character: 2 }, end: { line: 12, character: 29 } });
    const [encrypted] = byCode(database, RDS_ENCRYPTED);
    assert.deepEqual(encrypted.range, { start: { line: 6, character: 2 }, end: { line: 6, character: 29 } });
    assert.equal(encrypted.severity, 1); // high -> Error
    const [pub] = byCode(database, RDS_PUBLIC);
    assert.deepEqual(pub.range, { start: { line: 7, character: 2 }, end: { line: 7, character: 28 } });
    const template = client.latest(uri('cloudformation/database.yaml'))!;
    const [cfn] = byCode(template, RDS_ENCRYPTED);
    assert.deepEqual(cfn.range.start, { line: 11, character: 6 });
  });

  it('keeps the findings of intact blocks and adds a syntax diagnostic when an edit breaks the file', async function () {
    const rel = 'infra/database.tf';
    const original = disk(rel);
    await open(rel);
    const lines = original.split('\n');
    // An unterminated string in a new block between the two resources.
    lines.splice(9, 0, 'locals {', '  name = "oops', '}');
    const broken = await change(rel, lines.join('\n'));
    const syntax = byCode(broken, 'syntax');
    assert.ok(syntax.length >= 1, JSON.stringify(broken.diagnostics));
    assert.equal(syntax[0].source, 'trustlint');
    assert.equal(syntax[0].severity, 1);
    assert.equal(syntax[0].range.start.line, 10);
    const [kms] = byCode(broken, KMS);
    assert.ok(kms, 'the block after the broken one is still analysed');
    assert.equal(kms.range.start.line, 15);

    const fixed = await change(rel, original);
    assert.equal(byCode(fixed, 'syntax').length, 0);
    assert.equal(byCode(fixed, KMS)[0].range.start.line, 12);
  });

  it('hovers over a resource with its findings, rationale and controls', async function () {
    const hover = await client.request<Hover | null>('textDocument/hover', {
      textDocument: { uri: uri('infra/database.tf') },
      position: { line: 11, character: 14 },
    });
    assert.ok(hover, 'hover expected on aws_kms_key.data');
    const value = (hover.contents as MarkupContent).value;
    assert.match(value, /aws_kms_key\.data/);
    assert.match(value, /Key rotation|rotat/i);
    assert.match(value, /A\.8\.24/);
    assert.match(value, /ISO\/IEC 27001:2022/);
    assert.match(value, /Quick fix available/);
    const rds = await client.request<Hover | null>('textDocument/hover', {
      textDocument: { uri: uri('infra/database.tf') },
      position: { line: 0, character: 12 },
    });
    const rdsText = (rds!.contents as MarkupContent).value;
    assert.match(rdsText, /aws_db_instance\.main/);
    assert.match(rdsText, /RDS database storage is encrypted/);
    assert.match(rdsText, /RDS database instance is not publicly accessible/);
    assert.match(rdsText, /A\.8\.24/);
    assert.match(rdsText, /\*Why:\*/);
    const none = await client.request<Hover | null>('textDocument/hover', {
      textDocument: { uri: uri('infra/database.tf') },
      position: { line: 9, character: 0 },
    });
    assert.equal(none, null, 'nothing between resources');
  });

  it('offers the rule fix as preferred quick fix, and applying it clears the diagnostic', async function () {
    const rel = 'infra/database.tf';
    const current = client.latest(uri(rel))!;
    const kms = byCode(current, KMS);
    const actions = await codeActions(rel, kms);
    const fix = actions.find((a) => a.kind === 'quickfix' && a.edit && a.isPreferred);
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(fix.diagnostics?.[0].code, KMS);
    assert.ok(fix.edit!.documentChanges, 'documentChanges used when the client supports them');
    const docChange = fix.edit!.documentChanges![0] as { textDocument: { version: number | null } };
    assert.equal(docChange.textDocument.version, docs.get(rel)!.version);
    assert.ok(actions.some((a) => a.command?.command === 'trustlint.showRuleDocs' && a.command.arguments?.[0] === KMS));
    const text = applyEdits(docs.get(rel)!.text, editsFor(fix.edit!, uri(rel)));
    assert.match(text, /enable_key_rotation = true/);
    const after = await change(rel, text);
    assert.equal(byCode(after, KMS).length, 0);
  });

  it('offers suggestion fixes without marking them preferred', async function () {
    const rel = 'infra/database.tf';
    const pub = byCode(client.latest(uri(rel)), RDS_PUBLIC);
    const actions = await codeActions(rel, pub);
    const fix = actions.find((a) => a.edit && !a.title.startsWith('Suppress'));
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    assert.ok(!fix.isPreferred);
    const text = applyEdits(docs.get(rel)!.text, editsFor(fix.edit!, uri(rel)));
    assert.match(text, /publicly_accessible = false/);
    const after = await change(rel, text);
    assert.equal(byCode(after, RDS_PUBLIC).length, 0);
    assert.equal(byCode(after, RDS_ENCRYPTED).length, 1);
  });

  it('suppresses a CloudFormation YAML finding with a comment above the logical id', async function () {
    const rel = 'cloudformation/database.yaml';
    const opened = await open(rel);
    const actions = await codeActions(rel, byCode(opened, RDS_ENCRYPTED));
    const suppress = actions.find((a) => a.title === `Suppress ${RDS_ENCRYPTED} for this resource`);
    assert.ok(suppress?.edit, JSON.stringify(actions.map((a) => a.title)));
    const text = applyEdits(docs.get(rel)!.text, editsFor(suppress.edit, uri(rel)));
    const lines = text.split('\n');
    assert.equal(lines[3], `  # trustlint:ignore ${RDS_ENCRYPTED} TODO: reason`);
    assert.equal(lines[4], '  AppDatabase:');
    const after = await change(rel, text);
    assert.equal(byCode(after, RDS_ENCRYPTED).length, 0, JSON.stringify(after.diagnostics));
  });

  it('offers no comment suppression in CloudFormation JSON (JSON has no comments)', async function () {
    const rel = 'cloudformation/keys.json';
    const diagnostics = byCode(client.latest(uri(rel)), KMS);
    assert.equal(diagnostics.length, 1);
    const actions = await codeActions(rel, diagnostics);
    assert.ok(actions.some((a) => a.command?.command === 'trustlint.showRuleDocs'));
    assert.ok(!actions.some((a) => a.title.startsWith('Suppress')), JSON.stringify(actions.map((a) => a.title)));
  });

  it('suppresses a finding with a comment above the resource', async function () {
    const rel = 'infra/network.tf';
    const diags = (await open(rel)).diagnostics.filter((d) => d.code === SSH);
    const actions = await codeActions(rel, diags);
    const suppress = actions.find((a) => a.title === `Suppress ${SSH} for this resource`);
    assert.ok(suppress?.edit, JSON.stringify(actions.map((a) => a.title)));
    const edits = editsFor(suppress.edit, uri(rel));
    const after = await changeIncremental(rel, edits);
    assert.equal(docs.get(rel)!.text.split('\n')[0], `# trustlint:ignore ${SSH} TODO: reason`);
    assert.equal(byCode(after, SSH).length, 0, JSON.stringify(after.diagnostics));
  });

  it('lists suppressed findings through trustlint/findings', async function () {
    const result = await client.request<{ findings: Array<{ ruleId: string; uri: string; suppressed?: { reason?: string } }> }>('trustlint/findings', {
      uri: uri('infra/network.tf'),
    });
    const ssh = result.findings.find((f) => f.ruleId === SSH);
    assert.ok(ssh?.suppressed, JSON.stringify(result));
    assert.equal(ssh.suppressed.reason, 'TODO: reason');
    const all = await client.request<{ findings: Array<{ uri: string }> }>('trustlint/findings', {});
    assert.ok(all.findings.some((f) => f.uri === uri('cloudformation/database.yaml')));
  });

  it('reverts to the disk content on didClose', async function () {
    const rel = 'infra/network.tf';
    const from = client.mark();
    await client.notify('textDocument/didClose', { textDocument: { uri: uri(rel) } });
    const after = await client.diagnostics(uri(rel), from, (p) => p.version === undefined);
    assert.equal(byCode(after, SSH).length, 1);
    docs.delete(rel);
  });

  it('applies every safe fix of a file with source.fixAll', async function () {
    const rel = 'infra/fixall.tf';
    const text = [
      'resource "aws_kms_key" "a" {',
      '  enable_key_rotation = false',
      '}',
      '',
      'resource "aws_kms_key" "b" {',
      '  description = "no rotation"',
      '}',
      '',
    ].join('\n');
    writeFileSync(path.join(ws, rel), text);
    const opened = await open(rel, text);
    assert.equal(byCode(opened, KMS).length, 2);
    const actions = await codeActions(rel, [], ['source.fixAll']);
    assert.equal(actions.length, 1, JSON.stringify(actions));
    assert.equal(actions[0].kind, 'source.fixAll.trustlint');
    const fixed = applyEdits(text, editsFor(actions[0].edit!, uri(rel)));
    const after = await change(rel, fixed);
    assert.equal(byCode(after, KMS).length, 0, fixed);
  });

  it('re-analyses files changed on disk (didChangeWatchedFiles)', async function () {
    const rel = 'compliant/new.tf';
    writeFileSync(path.join(ws, rel), 'resource "aws_kms_key" "new" {\n  enable_key_rotation = false\n}\n');
    let from = client.mark();
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(rel), type: 1 }] });
    const created = await client.diagnostics(uri(rel), from, (p) => p.diagnostics.length > 0);
    assert.equal(byCode(created, KMS).length, 1);
    unlinkSync(path.join(ws, rel));
    from = client.mark();
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(rel), type: 3 }] });
    const deleted = await client.diagnostics(uri(rel), from, (p) => p.diagnostics.length === 0);
    assert.equal(deleted.diagnostics.length, 0);
  });

  it('rescans when the policy file changes', async function () {
    const policy = path.join(ws, '.trustlint.yaml');
    writeFileSync(policy, `${readFileSync(policy, 'utf8')}disabledRules:\n  - ${SSH}\n`);
    const from = client.mark();
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(policy).href, type: 2 }] });
    // Earlier publishes may still be in flight: wait for the one without the disabled rule.
    const after = await client.diagnostics(uri('infra/network.tf'), from, (p) => byCode(p, SSH).length === 0);
    assert.equal(byCode(after, SSH).length, 0);
  });

  it('applies settings: severity overrides, disabled rules, showSuppressed', async function () {
    const rel = 'infra/fixall.tf';
    let d = await change(rel, 'resource "aws_kms_key" "a" {\n  enable_key_rotation = false\n}\n');
    assert.equal(byCode(d, KMS)[0].severity, 2);

    client.settings = { debounceMs: 0, severityOverrides: { [KMS]: 'hint' } };
    let from = client.mark();
    await client.notify('workspace/didChangeConfiguration', { settings: { trustlint: client.settings } });
    d = await client.diagnostics(uri(rel), from, (p) => byCode(p, KMS)[0]?.severity === 4);
    assert.equal(byCode(d, KMS)[0].severity, 4);

    client.settings = { debounceMs: 0, disabledRules: [KMS] };
    from = client.mark();
    await client.notify('workspace/didChangeConfiguration', { settings: { trustlint: client.settings } });
    d = await client.diagnostics(uri(rel), from, (p) => byCode(p, KMS).length === 0);
    assert.equal(byCode(d, KMS).length, 0);

    client.settings = { debounceMs: 0 };
    from = client.mark();
    await client.notify('workspace/didChangeConfiguration', { settings: { trustlint: client.settings } });
    d = await client.diagnostics(uri(rel), from, (p) => byCode(p, KMS).length === 1);
    assert.equal(byCode(d, KMS)[0].severity, 2);

    // Suppressed findings appear as hints tagged Unnecessary when asked for.
    const suppressedText = `# trustlint:ignore ${KMS} Test waiver\n${docs.get(rel)!.text}`;
    d = await change(rel, suppressedText);
    assert.equal(byCode(d, KMS).length, 0);
    client.settings = { debounceMs: 0, showSuppressed: true };
    from = client.mark();
    await client.notify('workspace/didChangeConfiguration', { settings: { trustlint: client.settings } });
    d = await client.diagnostics(uri(rel), from, (p) => byCode(p, KMS).length === 1);
    const [hint] = byCode(d, KMS);
    assert.equal(hint.severity, 4);
    assert.deepEqual(hint.tags, [1]);
    assert.match(hint.message, /suppressed: Test waiver/);
  });

  it('analyses a file opened outside every workspace folder on its own', async function () {
    const file = path.join(outside, 'lonely.tf');
    const text = 'resource "aws_kms_key" "lonely" {\n  enable_key_rotation = false\n}\n';
    writeFileSync(file, text);
    const u = pathToFileURL(file).href;
    const from = client.mark();
    await client.notify('textDocument/didOpen', { textDocument: { uri: u, languageId: 'terraform', version: 1, text } });
    const d = await client.diagnostics(u, from);
    assert.equal(byCode(d, KMS).length, 1);
  });

  it('survives nonsense: unknown documents, binary-looking text, odd positions', async function () {
    const hover = await client.request('textDocument/hover', { textDocument: { uri: 'untitled:Untitled-1' }, position: { line: 0, character: 0 } });
    assert.equal(hover, null);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: uri('nope/missing.tf') },
      range: { start: { line: 99, character: 0 }, end: { line: 99, character: 0 } },
      context: { diagnostics: [] },
    });
    assert.deepEqual(actions, []);
    const rel = 'infra/garbage.tf';
    const d = await open(rel, 'resource "x" {{{ \u0000 "\n = = =\n}}}}');
    assert.ok(d.diagnostics.every((x) => x.source === 'trustlint'));
    const far = await client.request('textDocument/hover', { textDocument: { uri: uri(rel) }, position: { line: 500, character: 500 } });
    assert.equal(far, null);
  });

  it('adds and removes workspace folders, one engine each', async function () {
    const second = mkdtempSync(path.join(tmpdir(), 'trustlint-second-'));
    try {
      writeFileSync(path.join(second, 'main.tf'), 'resource "aws_kms_key" "second" {\n  enable_key_rotation = false\n}\n');
      const folder = { uri: pathToFileURL(second).href, name: 'second' };
      const u = pathToFileURL(path.join(second, 'main.tf')).href;
      let from = client.mark();
      await client.notify('workspace/didChangeWorkspaceFolders', { event: { added: [folder], removed: [] } });
      const d = await client.diagnostics(u, from);
      assert.equal(byCode(d, KMS).length, 1);
      from = client.mark();
      await client.notify('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [folder] } });
      const cleared = await client.diagnostics(u, from);
      assert.equal(cleared.diagnostics.length, 0);
    } finally {
      rmSync(second, { recursive: true, force: true });
    }
  });

  it('lists the rules through trustlint/rules', async function () {
    const result = await client.request<{ rules: Array<{ id: string; title: string; docsUri: string; controls: unknown[] }> }>('trustlint/rules', {});
    const ids = result.rules.map((r) => r.id);
    assert.ok(ids.includes(KMS) && ids.includes(SSH));
    assert.deepEqual(ids, [...ids].sort());
  });

  it('shuts down cleanly', async function () {
    const code = await client.stop();
    assert.equal(code, 0);
  });

  // Reference these so the RDS checks are easy to enable once those rules exist.
  void RDS_ENCRYPTED;
  void RDS_PUBLIC;
});

describe('language server with a minimal client (no optional capabilities)', function () {
  this.timeout(20_000);
  let ws: string;
  let client: TestClient;
  const uri = (rel: string) => pathToFileURL(path.join(ws, rel)).href;

  before(async function () {
    assert.ok(existsSync(serverJs), `${serverJs} is missing: run \`npm run build\` before the protocol tests`);
    ws = mkdtempSync(path.join(tmpdir(), 'trustlint-lsp-min-'));
    cpSync(fixture, ws, { recursive: true });
    client = TestClient.start(serverJs);
    await client.request<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(ws).href,
      capabilities: {},
      // Scanned in a worker thread (big workspaces are; this small one is made to be), so the tests
      // below also cover edits, fixes and policy changes on results adopted from the worker.
      initializationOptions: { settings: { debounceMs: 0 }, experimental: { trustlintSuppressCommand: true, scanWorkerMinFiles: 0 } },
    });
    await client.notify('initialized', {});
  });

  after(function () {
    client?.kill();
    if (ws) rmSync(ws, { recursive: true, force: true });
  });

  it('scans the root folder without registrations or progress', async function () {
    const d = await client.diagnostics(uri('infra/database.tf'));
    assert.equal(byCode(d, KMS).length, 1);
    assert.ok(client.logs.some((l) => /candidate files analysed, .*\(in a worker thread\)/.test(l)), client.logs.join('\n'));
    assert.ok(!client.events.some((e) => e.method === 'client/registerCapability' || e.method === '$/progress'));
  });

  it('uses `changes` edits and the suppress command the client declared', async function () {
    const rel = 'infra/database.tf';
    const diagnostics = byCode(client.latest(uri(rel)), KMS);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: uri(rel) },
      range: diagnostics[0].range,
      context: { diagnostics },
    });
    const fix = actions.find((a) => a.isPreferred)!;
    assert.ok(fix.edit?.changes?.[uri(rel)], JSON.stringify(fix));
    const suppress = actions.find((a) => a.title.startsWith('Suppress'))!;
    assert.equal(suppress.edit, undefined);
    assert.equal(suppress.command?.command, 'trustlint.suppressWithReason');
    assert.deepEqual(suppress.command?.arguments?.[0], { uri: uri(rel), ruleId: KMS, line: 10, indent: '' });
  });

  it('applies all safe fixes through workspace/executeCommand', async function () {
    const result = await client.request<{ applied: boolean; count: number }>('workspace/executeCommand', {
      command: 'trustlint.applyFixAll',
      arguments: [{ uri: uri('infra/database.tf') }],
    });
    assert.equal(result.applied, true);
    assert.ok(result.count >= 1);
    const edits = editsFor(client.appliedEdits[0], uri('infra/database.tf'));
    const fixed = applyEdits(readFileSync(path.join(ws, 'infra/database.tf'), 'utf8'), edits);
    assert.match(fixed, /enable_key_rotation = true/);
  });

  it('re-reads the policy when it is saved in the editor', async function () {
    const policy = path.join(ws, '.trustlint.yaml');
    const text = `${readFileSync(policy, 'utf8')}disabledRules:\n  - ${KMS}\n`;
    await client.notify('textDocument/didOpen', { textDocument: { uri: pathToFileURL(policy).href, languageId: 'yaml', version: 1, text: readFileSync(policy, 'utf8') } });
    writeFileSync(policy, text);
    const from = client.mark();
    await client.notify('textDocument/didSave', { textDocument: { uri: pathToFileURL(policy).href } });
    const d = await client.diagnostics(uri('infra/database.tf'), from, (p) => byCode(p, KMS).length === 0);
    assert.equal(byCode(d, KMS).length, 0);
  });

  it('clears every diagnostic when disabled through pushed settings', async function () {
    const from = client.mark();
    await client.notify('workspace/didChangeConfiguration', { settings: { trustlint: { enable: false } } });
    const d = await client.diagnostics(uri('infra/network.tf'), from, (p) => p.diagnostics.length === 0);
    assert.equal(d.diagnostics.length, 0);
    const hover = await client.request('textDocument/hover', { textDocument: { uri: uri('infra/network.tf') }, position: { line: 0, character: 12 } });
    assert.equal(hover, null);
  });
});

describe('language server scanning in a worker thread, with progress', function () {
  this.timeout(20_000);
  let ws: string;
  let client: TestClient;

  before(async function () {
    assert.ok(existsSync(serverJs), `${serverJs} is missing: run \`npm run build\` before the protocol tests`);
    ws = mkdtempSync(path.join(tmpdir(), 'trustlint-lsp-worker-'));
    cpSync(fixture, ws, { recursive: true });
    client = TestClient.start(serverJs);
    await client.request<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(ws).href,
      capabilities: { window: { workDoneProgress: true } },
      initializationOptions: { settings: { debounceMs: 0 }, experimental: { scanWorkerMinFiles: 0 } },
    });
    await client.notify('initialized', {});
  });

  after(function () {
    client?.kill();
    if (ws) rmSync(ws, { recursive: true, force: true });
  });

  it('reports reading, then the worker analysing, with rising percentages, and publishes the same findings', async function () {
    await client.waitFor((e) => e.method === '$/progress' && (e.params as { value: { kind: string } }).value.kind === 'end');
    const values = client.events
      .filter((e) => e.method === '$/progress')
      .map((e) => (e.params as { value: { kind: string; message?: string; percentage?: number } }).value);
    const reports = values.filter((v) => v.kind === 'report');
    assert.ok(reports.some((v) => /modules and templates analysed/.test(v.message ?? '')), JSON.stringify(reports));
    const percentages = reports.map((v) => v.percentage ?? 0);
    assert.deepEqual(percentages, [...percentages].sort((a, b) => a - b), 'percentages never go down');
    assert.equal(percentages[percentages.length - 1], 100);
    assert.ok(client.logs.some((l) => /\(in a worker thread\)/.test(l)), client.logs.join('\n'));
    const d = await client.diagnostics(pathToFileURL(path.join(ws, 'infra/database.tf')).href);
    assert.equal(byCode(d, KMS).length, 1);
    assert.equal(byCode(d, RDS_ENCRYPTED).length, 1);
  });
});

/** `$/progress` ending a workspace scan. */
function progressEnded(e: { method: string; params: unknown }): boolean {
  return e.method === '$/progress' && (e.params as { value: { kind: string } }).value.kind === 'end';
}

/**
 * A server on `ws` scanning in its worker thread whatever the folder's size; resolves once the
 * files were read and the worker analyses them (the window in which disk changes race the scan).
 */
async function startWorkerScan(ws: string, capabilities: object): Promise<TestClient> {
  const client = TestClient.start(serverJs);
  await client.request<InitializeResult>('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(ws).href,
    capabilities,
    initializationOptions: { settings: { debounceMs: 0 }, experimental: { scanWorkerMinFiles: 0 } },
  });
  await client.notify('initialized', {});
  await client.waitFor(
    (e) => e.method === '$/progress' && /modules and templates analysed/.test((e.params as { value: { message?: string } }).value.message ?? ''),
    0,
    60_000,
  );
  return client;
}

describe('language server: a file changed on disk while the scan worker runs', function () {
  this.timeout(90_000);
  let ws: string;
  let client: TestClient;

  after(function () {
    client?.kill();
    if (ws) rmSync(ws, { recursive: true, force: true });
  });

  it('is analysed with its new content once the scan is adopted', async function () {
    ws = mkdtempSync(path.join(tmpdir(), 'trustlint-lsp-race-'));
    // Many units, so the worker's analysis takes a while after the files were read.
    writeCorpus(ws, generateTerraformCorpus({ files: 400, seed: 9 }));
    const templates = Array.from({ length: 1500 }, (_, i) => ({
      path: `stacks-cfn/t${i}.yaml`,
      text: generateCloudFormationTemplate({ resources: 4, seed: i, format: 'yaml' }),
    }));
    writeCorpus(ws, templates);
    const rel = 'race/main.tf';
    mkdirSync(path.join(ws, 'race'), { recursive: true });
    writeFileSync(path.join(ws, rel), 'resource "aws_kms_key" "k" {\n  enable_key_rotation = true\n}\n');
    client = await startWorkerScan(ws, { window: { workDoneProgress: true } });
    // The files were read and the worker analyses them: now the file changes on disk.
    writeFileSync(path.join(ws, rel), 'resource "aws_kms_key" "k" {\n  enable_key_rotation = false\n}\n');
    const uri = pathToFileURL(path.join(ws, rel)).href;
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 2 }] });
    assert.ok(!client.events.some(progressEnded), 'the change was sent while the scan ran');
    await client.waitFor(progressEnded, 0, 60_000);
    // A request answered means every notification before it was handled.
    await client.request('trustlint/rules', {});
    assert.ok(client.logs.some((l) => /\(in a worker thread\)/.test(l)), client.logs.join('\n'));
    assert.equal(byCode(client.latest(uri), KMS).length, 1, JSON.stringify(client.latest(uri)));
  });
});

describe('language server: the policy file changed on disk while the scan worker runs', function () {
  this.timeout(120_000);
  let ws: string;
  let client: TestClient;

  after(function () {
    client?.kill();
    if (ws) rmSync(ws, { recursive: true, force: true });
  });

  // A scan replays the disk changes reported while it ran. A policy change among them starts a
  // rescan, which queues behind the running scan: awaited from inside that scan, neither ever
  // ended (found by the protocol fuzzer: a workspace fix-all waiting for the scan got no answer).
  // Here the watcher's event comes before the write (the policy it reads then is unchanged), so
  // only the replay at the scan's end sees the new policy.
  it('rescans with the new policy after the scan, and stays answering', async function () {
    ws = mkdtempSync(path.join(tmpdir(), 'trustlint-lsp-policy-race-'));
    writeCorpus(ws, generateTerraformCorpus({ files: 400, seed: 9 }));
    const rel = 'race/main.tf';
    mkdirSync(path.join(ws, 'race'), { recursive: true });
    writeFileSync(path.join(ws, rel), 'resource "aws_kms_key" "k" {\n  enable_key_rotation = false\n}\n');
    const policy = path.join(ws, '.trustlint.yaml');
    writeFileSync(policy, 'frameworks: [iso27001-2022, soc2-2017]\n');
    // The scan read the policy and the files; the worker analyses them.
    client = await startWorkerScan(ws, { window: { workDoneProgress: true }, workspace: { workspaceEdit: { documentChanges: true } } });
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(policy).href, type: 2 }] });
    // Answered once the notification was handled; its policy read is done shortly after.
    await client.request('trustlint/rules', {});
    await new Promise((resolve) => setTimeout(resolve, 300));
    writeFileSync(policy, `frameworks: [iso27001-2022, soc2-2017]\ndisabledRules:\n  - ${KMS}\n`);
    assert.ok(!client.events.some(progressEnded), 'the change was reported while the scan ran');
    const uri = pathToFileURL(path.join(ws, rel)).href;
    // A workspace fix-all waits for every scan queued before it: the scan and the rescan.
    const fixAll = await Promise.race([
      client.request<{ applied: boolean }>('workspace/executeCommand', { command: 'trustlint.applyFixAllInWorkspace', arguments: [] }),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`fix-all unanswered; logs:\n${client.logs.join('\n')}`)), 60_000)),
    ]);
    assert.equal(typeof fixAll.applied, 'boolean');
    assert.ok(client.logs.some((l) => /Policy \.trustlint\.yaml changed for .*: rescanning/.test(l)), client.logs.join('\n'));
    // The rescan read the new policy: the rule is off.
    const findings = await client.request<{ findings: Array<{ ruleId: string }> }>('trustlint/findings', { uri });
    assert.deepEqual(findings.findings.map((f) => f.ruleId), []);
    assert.equal(byCode(client.latest(uri), KMS).length, 0, JSON.stringify(client.latest(uri)));
  });
});
