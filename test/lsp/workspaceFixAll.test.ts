/**
 * Workspace fix-all over the protocol (`dist/server.js --stdio`, run `npm run build` first): the
 * command gathers every safe fix of a multi-file workspace (Terraform root and child module,
 * CloudFormation YAML and JSON, one file open with unsaved changes) into ONE workspace/applyEdit
 * whose edits carry change annotations needing confirmation. The test applies that edit the way an
 * editor does, feeds the results back and checks what is left.
 */
import * as assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type {
  AnnotatedTextEdit,
  Diagnostic,
  InitializeResult,
  PublishDiagnosticsParams,
  TextDocumentEdit,
  WorkspaceEdit,
} from 'vscode-languageserver/node';
import { Engine } from '../../server/src/engine';
import type { DiagnosticData, FixAllResult, RulesResult } from '../../server/src/protocol';
import { applyEdits, editsFor, TestClient } from './client';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const serverJs = path.join(repoRoot, 'dist', 'server.js');
const fixture = path.join(repoRoot, 'test', 'lsp', 'fixtures', 'fixall-workspace');
const COMMAND = 'trustlint.applyFixAllInWorkspace';
const FILES = ['main.tf', 'modules/logs/main.tf', 'cloudformation/keys.yaml', 'cloudformation/queue.json'];
const KMS = 'aws-kms-key-rotation-enabled';

/** A key added in the editor and not saved: only the open document has it. */
const UNSAVED_KEY = '\nresource "aws_kms_key" "unsaved" {\n  description = "typed, not saved"\n}\n';

function hasSafeFix(d: Diagnostic): boolean {
  return ((d.data as DiagnosticData | undefined)?.fixes ?? []).some((f) => f.safety === 'safe');
}

/** Rule ids of the findings without a safe fix, with their counts, e.g. `{ ssh: 2 }`. */
function unsafeCounts(p: PublishDiagnosticsParams): Record<string, number> {
  const out: Record<string, number> = {};
  for (const d of p.diagnostics) if (d.source === 'trustlint' && !hasSafeFix(d)) out[String(d.code)] = (out[String(d.code)] ?? 0) + 1;
  return out;
}

function startWorkspace(prefix: string): string {
  const ws = mkdtempSync(path.join(tmpdir(), prefix));
  cpSync(fixture, ws, { recursive: true });
  return ws;
}

async function startClient(ws: string, workspaceEdit: Record<string, unknown>): Promise<{ client: TestClient; init: InitializeResult }> {
  const client = TestClient.start(serverJs);
  const init = await client.request<InitializeResult>('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(ws).href,
    workspaceFolders: [{ uri: pathToFileURL(ws).href, name: 'ws' }],
    capabilities: {
      workspace: { configuration: true, workspaceEdit, didChangeWatchedFiles: { dynamicRegistration: false } },
      textDocument: { publishDiagnostics: { versionSupport: true, dataSupport: true } },
    },
  });
  await client.notify('initialized', {});
  return { client, init };
}

describe('workspace fix-all (trustlint.applyFixAllInWorkspace)', function () {
  this.timeout(30_000);
  let ws: string;
  let client: TestClient;
  let init: InitializeResult;
  const uri = (rel: string) => pathToFileURL(path.join(ws, rel)).href;
  const initial = new Map<string, PublishDiagnosticsParams>();
  let openText = '';
  let edit: WorkspaceEdit;

  before(async function () {
    assert.ok(existsSync(serverJs), `${serverJs} is missing: run \`npm run build\` first`);
    ws = startWorkspace('trustlint-fixall-');
    ({ client, init } = await startClient(ws, { documentChanges: true, changeAnnotationSupport: { groupsOnLabel: true } }));
    for (const rel of FILES) await client.diagnostics(uri(rel));
    await client.waitFor((e) => e.method === 'trustlint/findingsChanged');
    openText = readFileSync(path.join(ws, 'main.tf'), 'utf8') + UNSAVED_KEY;
    const from = client.mark();
    await client.notify('textDocument/didOpen', { textDocument: { uri: uri('main.tf'), languageId: 'terraform', version: 1, text: openText } });
    await client.diagnostics(uri('main.tf'), from, (p) => p.version === 1);
    for (const rel of FILES) initial.set(rel, client.latest(uri(rel))!);
  });

  after(function () {
    client?.kill();
    if (ws) rmSync(ws, { recursive: true, force: true });
  });

  it('is advertised as a server command', function () {
    assert.ok(init.capabilities.executeCommandProvider?.commands.includes(COMMAND), JSON.stringify(init.capabilities.executeCommandProvider));
  });

  it('sends one workspace/applyEdit with every safe fix, annotated per rule and needing confirmation', async function () {
    const safeBefore = FILES.flatMap((rel) => initial.get(rel)!.diagnostics.filter(hasSafeFix).map((d) => `${rel}:${String(d.code)}`));
    assert.ok(safeBefore.length >= 7, `the fixture must have safe findings in several files: ${safeBefore.join(', ')}`);
    assert.equal(new Set(safeBefore.map((s) => s.split(':')[0])).size, 4, 'safe findings in all four files');

    const result = await client.request<FixAllResult>('workspace/executeCommand', { command: COMMAND, arguments: [] });
    assert.equal(client.applyEditRequests.length, 1, 'exactly one workspace/applyEdit');
    assert.deepEqual(result, { applied: true, count: safeBefore.length, files: 4 });
    const request = client.applyEditRequests[0];
    assert.match(request.label ?? '', /TrustLint/);
    edit = request.edit;

    // Annotations: one per rule, labelled with the rule title, needing confirmation.
    const annotations = edit.changeAnnotations ?? {};
    const rules = new Map((await client.request<RulesResult>('trustlint/rules', {})).rules.map((r) => [r.id, r]));
    const fixedRules = [...new Set(safeBefore.map((s) => s.split(':')[1]))].sort();
    assert.deepEqual(Object.keys(annotations).sort(), fixedRules);
    for (const [id, a] of Object.entries(annotations)) {
      assert.equal(a.needsConfirmation, true, id);
      assert.equal(a.label, rules.get(id)!.title);
      assert.ok(a.description && a.description.includes(id), a.description);
    }
    assert.match(annotations[KMS].description!, /^Enable automatic key rotation: 4 resources in 3 files/);

    // documentChanges: every edit annotated; the open document carries its version, the others null.
    const changes = (edit.documentChanges ?? []) as TextDocumentEdit[];
    assert.deepEqual(changes.map((c) => c.textDocument.uri).sort(), FILES.map(uri).sort());
    for (const c of changes) {
      assert.equal(c.textDocument.version, c.textDocument.uri === uri('main.tf') ? 1 : null, c.textDocument.uri);
      for (const e of c.edits as AnnotatedTextEdit[]) assert.ok(annotations[e.annotationId], JSON.stringify(e));
    }
    assert.equal(edit.changes, undefined);
  });

  it('edits open documents from their unsaved text and other files from disk, leaving waived findings alone', function () {
    const fixedMain = applyEdits(openText, editsFor(edit, uri('main.tf')));
    // The unsaved key and the first key are fixed; the waived key keeps its suppression and no rotation.
    assert.match(fixedMain, /resource "aws_kms_key" "unsaved" \{\n {2}description = "typed, not saved"\n {2}enable_key_rotation = true\n\}/);
    assert.match(fixedMain, /resource "aws_kms_key" "data" \{\n {2}description = "data key"\n {2}enable_key_rotation = true\n\}/);
    assert.match(fixedMain, /# trustlint:ignore aws-kms-key-rotation-enabled [^\n]*\n {2}description = "legacy key"\n\}/);
    // Three separate S3 resources inserted at the same point all made it, each once.
    for (const type of ['aws_s3_bucket_versioning', 'aws_s3_bucket_public_access_block', 'aws_s3_bucket_server_side_encryption_configuration']) {
      assert.equal(fixedMain.split(`resource "${type}" "uploads"`).length, 2, `${type} added once:\n${fixedMain}`);
    }
    const json = applyEdits(readFileSync(path.join(ws, 'cloudformation/queue.json'), 'utf8'), editsFor(edit, uri('cloudformation/queue.json')));
    assert.equal((JSON.parse(json) as { Resources: { QueueKey: { Properties: { EnableKeyRotation: boolean } } } }).Resources.QueueKey.Properties.EnableKeyRotation, true);
  });

  it('leaves a workspace that parses, without safe findings, with the suggestion-level findings intact', async function () {
    const fixedTexts = new Map<string, string>();
    for (const rel of FILES) {
      const base = rel === 'main.tf' ? openText : readFileSync(path.join(ws, rel), 'utf8');
      fixedTexts.set(rel, applyEdits(base, editsFor(edit, uri(rel))));
    }
    // The files not open are edited on disk (as VS Code does in the background), the open one in the editor.
    let from = client.mark();
    const onDisk = FILES.filter((rel) => rel !== 'main.tf');
    for (const rel of onDisk) writeFileSync(path.join(ws, rel), fixedTexts.get(rel)!);
    await client.notify('workspace/didChangeWatchedFiles', { changes: onDisk.map((rel) => ({ uri: uri(rel), type: 2 })) });
    const after = new Map<string, PublishDiagnosticsParams>();
    for (const rel of onDisk) after.set(rel, await client.diagnostics(uri(rel), from));
    from = client.mark();
    await client.notify('textDocument/didChange', { textDocument: { uri: uri('main.tf'), version: 2 }, contentChanges: [{ text: fixedTexts.get('main.tf') }] });
    after.set('main.tf', await client.diagnostics(uri('main.tf'), from, (p) => p.version === 2));
    // The child module is re-analysed with its caller: take its latest publish.
    after.set('modules/logs/main.tf', client.latest(uri('modules/logs/main.tf'))!);

    for (const rel of FILES) {
      const diags = after.get(rel)!.diagnostics;
      assert.deepEqual(diags.filter((d) => d.code === 'syntax').map((d) => d.message), [], `${rel} parses`);
      assert.deepEqual(diags.filter(hasSafeFix).map((d) => d.code), [], `${rel}: no safe finding left`);
      assert.deepEqual(unsafeCounts(after.get(rel)!), unsafeCounts(initial.get(rel)!), `${rel}: suggestion-level findings remain`);
    }
    // Parsed again outside the server: no error anywhere, JSON still JSON.
    const engine = new Engine();
    for (const [rel, text] of fixedTexts) engine.setFile(rel, text);
    const result = engine.analyzeAll();
    assert.deepEqual(result.problems.filter((p) => p.severity === 'error').map((p) => `${p.file}: ${p.message}`), []);
    assert.equal(result.findings.filter((f) => f.ruleId === KMS && f.suppressed).length, 1, 'the waived key is still waived');
  });

  it('offers nothing on a second run', async function () {
    const result = await client.request<FixAllResult>('workspace/executeCommand', { command: COMMAND, arguments: [] });
    assert.deepEqual(result, { applied: false, count: 0, files: 0 });
    assert.equal(client.applyEditRequests.length, 1, 'no second workspace/applyEdit');
  });
});

describe('workspace fix-all with clients without change annotations', function () {
  this.timeout(30_000);
  let ws: string;
  let client: TestClient | undefined;

  afterEach(function () {
    client?.kill();
    client = undefined;
    if (ws) rmSync(ws, { recursive: true, force: true });
  });

  it('sends the same fixes without annotations (documentChanges only)', async function () {
    ws = startWorkspace('trustlint-fixall-plain-');
    ({ client } = await startClient(ws, { documentChanges: true }));
    await client.diagnostics(pathToFileURL(path.join(ws, 'cloudformation/queue.json')).href);
    const result = await client.request<FixAllResult>('workspace/executeCommand', { command: COMMAND, arguments: [] });
    assert.equal(result.applied, true);
    const sent = client.applyEditRequests[0].edit;
    assert.equal(sent.changeAnnotations, undefined);
    const changes = sent.documentChanges as TextDocumentEdit[];
    assert.equal(changes.length, 4);
    for (const c of changes) {
      assert.equal(c.textDocument.version, null);
      for (const e of c.edits) assert.equal((e as Partial<AnnotatedTextEdit>).annotationId, undefined);
    }
  });

  it('uses `changes` for clients without documentChanges, and reports a declined preview', async function () {
    ws = startWorkspace('trustlint-fixall-changes-');
    ({ client } = await startClient(ws, {}));
    await client.diagnostics(pathToFileURL(path.join(ws, 'cloudformation/queue.json')).href);
    client.applyEditAnswer = { applied: false, failureReason: 'declined in preview' };
    const result = await client.request<FixAllResult>('workspace/executeCommand', { command: COMMAND, arguments: [] });
    assert.equal(result.applied, false);
    assert.ok(result.count > 0);
    const sent = client.applyEditRequests[0].edit;
    assert.equal(sent.documentChanges, undefined);
    assert.equal(Object.keys(sent.changes ?? {}).length, 4);
    await client.waitFor((e) => e.method === 'window/logMessage' && /Workspace fix-all not applied: declined in preview/.test((e.params as { message: string }).message));
  });
});
