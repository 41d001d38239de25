/**
 * Account-level findings through the real language server (`dist/server.js --stdio`): the finding
 * sits in a file other than the one being edited, so the server must republish that file when an
 * edit elsewhere changes the workspace verdict. Run `npm run build` first.
 */
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { TestClient } from './client';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const serverJs = path.join(repoRoot, 'dist', 'server.js');
const RULE = 'aws-account-guardduty-enabled';
const PROVIDER = 'provider "aws" {\n  region = "eu-central-1"\n}\n';

function count(p: PublishDiagnosticsParams): number {
  return p.diagnostics.filter((d) => d.code === RULE).length;
}

describe('language server: account-level findings', function () {
  this.timeout(30_000);
  let ws: string;
  let client: TestClient;
  const uri = (rel: string) => pathToFileURL(path.join(ws, rel)).href;

  before(async function () {
    assert.ok(existsSync(serverJs), `${serverJs} is missing: run \`npm run build\` first`);
    ws = mkdtempSync(path.join(tmpdir(), 'trustlint-account-'));
    writeFileSync(path.join(ws, '.trustlint.json'), JSON.stringify({ enabledRules: [RULE] }));
    for (const env of ['prod', 'staging']) {
      mkdirSync(path.join(ws, 'envs', env), { recursive: true });
      writeFileSync(path.join(ws, 'envs', env, 'main.tf'), PROVIDER);
    }
    client = TestClient.start(serverJs);
    await client.request('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(ws).href,
      workspaceFolders: [{ uri: pathToFileURL(ws).href, name: 'ws' }],
      capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } },
      initializationOptions: {},
    });
    await client.notify('initialized', {});
  });

  after(function () {
    client?.kill();
    if (ws) rmSync(ws, { recursive: true, force: true });
  });

  it('publishes one finding for the workspace, at the first root module provider block', async function () {
    const prod = await client.diagnostics(uri('envs/prod/main.tf'), 0, (p) => count(p) > 0);
    assert.equal(count(prod), 1);
    assert.equal(prod.diagnostics.find((d) => d.code === RULE)?.range.start.line, 0);
    assert.equal(count(client.latest(uri('envs/staging/main.tf')) ?? { uri: '', diagnostics: [] }), 0);
  });

  it('republishes the provider file when a detector is added in another module, and again when it goes', async function () {
    const rel = 'envs/staging/main.tf';
    let from = client.mark();
    await client.notify('textDocument/didOpen', { textDocument: { uri: uri(rel), languageId: 'terraform', version: 1, text: PROVIDER } });
    await client.notify('textDocument/didChange', {
      textDocument: { uri: uri(rel), version: 2 },
      contentChanges: [{ text: PROVIDER + 'resource "aws_guardduty_detector" "this" {\n  enable = true\n}\n' }],
    });
    const cleared = await client.diagnostics(uri('envs/prod/main.tf'), from, (p) => count(p) === 0);
    assert.equal(count(cleared), 0);

    from = client.mark();
    await client.notify('textDocument/didChange', { textDocument: { uri: uri(rel), version: 3 }, contentChanges: [{ text: PROVIDER }] });
    const back = await client.diagnostics(uri('envs/prod/main.tf'), from, (p) => count(p) > 0);
    assert.equal(count(back), 1);
  });
});
