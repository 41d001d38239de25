/**
 * The TrustLint extension inside a real VS Code extension host (code-server, or VS Code desktop
 * through @vscode/test-electron), on a copy of test/e2e/workspace. Everything goes through the
 * public `vscode` API: language ids, diagnostics, hovers, code actions, commands, settings.
 * The tests run in order and build on each other's edits (the workspace is a throwaway copy).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  codeActions,
  codeOf,
  describeDiagnostics,
  diagnostics,
  EXTENSION_ID,
  has,
  hoverText,
  lacks,
  open,
  rangeTuple,
  replaceInDocument,
  skipWith,
  waitForDiagnostics,
  wsUri,
  type RangeTuple,
} from './helpers';

const KMS = 'aws-kms-key-rotation-enabled';
const SSH = 'aws-security-group-no-public-ssh';
const EBS = 'aws-ebs-volume-encrypted';
const RDS = 'aws-rds-storage-encrypted';
const SQS = 'aws-sqs-queue-encrypted';
const S3_RULES = [
  'aws-s3-bucket-access-logging-enabled',
  'aws-s3-bucket-encryption-configured',
  'aws-s3-bucket-public-access-blocked',
  'aws-s3-bucket-versioning-enabled',
];

interface Expected {
  code: string;
  range: RangeTuple;
  severity: vscode.DiagnosticSeverity;
  message: RegExp;
}
const E = vscode.DiagnosticSeverity.Error;
const W = vscode.DiagnosticSeverity.Warning;
const I = vscode.DiagnosticSeverity.Information;
const ISO_SOC_KEYS = /ISO 27001 A\.8\.24 · SOC 2 CC6\.1, C1\.1/;

/** What the first scan must publish, per file (zero-based ranges, as the API gives them). */
const EXPECTED: Record<string, Expected[]> = {
  'platform/main.tf': [{ code: KMS, range: [6, 2, 6, 29], severity: W, message: /^KMS key does not rotate its key material — ISO 27001 A\.8\.24 · SOC 2 CC6\.1, C1\.1$/ }],
  'platform/network.tf': [{ code: SSH, range: [9, 4, 9, 31], severity: E, message: /^Security group opens SSH \(port 22\) to 0\.0\.0\.0\/0 — ISO 27001 A\.5\.15, A\.8\.3, .* · SOC 2 CC6\.1, CC6\.6$/ }],
  'platform/storage.tf': [{ code: EBS, range: [3, 2, 3, 27], severity: E, message: /^encrypted is false: .* — ISO 27001 A\.8\.24 · SOC 2 CC6\.1, C1\.1$/ }],
  'platform/modules/db/main.tf': [{ code: RDS, range: [19, 2, 19, 45], severity: E, message: /^storage_encrypted is false: .*ISO 27001 A\.8\.24.* \(with the inputs of module\.orders_db\)$/ }],
  'cloudformation/app.yaml': [
    { code: RDS, range: [12, 6, 12, 29], severity: E, message: /^StorageEncrypted is false: .*— ISO 27001 A\.8\.24 · SOC 2 CC6\.1, C1\.1$/ },
    { code: SQS, range: [16, 6, 16, 33], severity: W, message: ISO_SOC_KEYS },
  ],
  'cloudformation/keys.json': [{ code: KMS, range: [8, 8, 8, 34], severity: W, message: ISO_SOC_KEYS }],
  'wip/half-typed.tf': [
    { code: KMS, range: [2, 2, 2, 29], severity: W, message: ISO_SOC_KEYS },
    ...S3_RULES.map((code) => ({ code, range: [5, 0, 5, 32] as RangeTuple, severity: code.includes('encryption') || code.includes('public') ? I : W, message: /ISO 27001 A\.\d+\.\d+/ })),
    { code: 'syntax', range: [6, 11, 6, 20], severity: E, message: /^Unterminated string/ },
    { code: 'syntax', range: [6, 20, 6, 20], severity: E, message: /^Missing "}" to close the "resource" block opened at line 6$/ },
  ],
  'compliant/main.tf': [],
};

/**
 * The rules (and problem codes) these expectations are about. New rules keep arriving and may fire
 * on the fixture too; their diagnostics are listed in the log but not compared here (rules have
 * their own fixture tests).
 */
const IN_SCOPE = new Set([KMS, SSH, EBS, RDS, SQS, ...S3_RULES, 'syntax']);

function sortKey(d: { code?: string; range: RangeTuple }): string {
  return `${d.range.map((n) => String(n).padStart(4, '0')).join(':')}|${d.code}`;
}

describe('TrustLint in a real VS Code extension host', function () {
  let api: unknown;

  before(async function () {
    this.timeout(60_000);
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
    await open('platform/main.tf');
    api = await ext.activate();
    // The first scan publishes every file at once; wait for the last one we look at.
    await waitForDiagnostics('platform/modules/db/main.tf', has(RDS), 'the first workspace scan', { timeoutMs: 45_000 });
    await waitForDiagnostics('wip/half-typed.tf', has('syntax'), 'the first workspace scan', { timeoutMs: 10_000 });
  });

  after(async function () {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('gives .tf files the terraform language id (and .tfvars, YAML, JSON theirs)', async function () {
    const ids: Record<string, string> = {};
    for (const rel of ['platform/main.tf', 'platform/terraform.tfvars', 'cloudformation/app.yaml', 'cloudformation/keys.json']) {
      ids[rel] = (await vscode.workspace.openTextDocument(wsUri(rel))).languageId;
    }
    assert.deepEqual(ids, {
      'platform/main.tf': 'terraform',
      'platform/terraform.tfvars': 'terraform-vars',
      'cloudformation/app.yaml': 'yaml',
      'cloudformation/keys.json': 'json',
    });
  });

  it('registers every command of the manifest, incl. restart and rule docs', async function () {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const contributed = ((ext.packageJSON.contributes?.commands ?? []) as Array<{ command: string }>).map((c) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.ok(contributed.includes('trustlint.restartServer'));
    assert.ok(contributed.includes('trustlint.showRuleDocs'));
    const missing = contributed.filter((c) => !registered.has(c));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
    const coverage = contributed.filter((c) => /coverage/i.test(c));
    console.log(`[e2e] registered: ${contributed.join(', ')}${coverage.length ? '' : ' (no coverage commands contributed yet)'}`);
  });

  it('publishes diagnostics per file with rule ids, exact ranges, severities and controls in the message', function () {
    const others: string[] = [];
    for (const [rel, expected] of Object.entries(EXPECTED)) {
      for (const d of diagnostics(rel)) if (!IN_SCOPE.has(codeOf(d) ?? '')) others.push(`${rel}:${d.range.start.line + 1} ${codeOf(d)}`);
      const actual = diagnostics(rel)
        .filter((d) => IN_SCOPE.has(codeOf(d) ?? ''))
        .map((d) => ({ code: codeOf(d), range: rangeTuple(d.range), severity: d.severity, message: d.message, d }))
        .sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
      const want = [...expected].sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
      assert.deepEqual(
        actual.map((a) => `${a.code}@${a.range.join(',')}`),
        want.map((w) => `${w.code}@${w.range.join(',')}`),
        `${rel}: ${describeDiagnostics(rel)}`,
      );
      want.forEach((w, i) => {
        const a = actual[i];
        assert.equal(a.severity, w.severity, `${rel} ${w.code} severity`);
        assert.match(a.message, w.message, `${rel} ${w.code} message`);
        assert.equal(a.d.source, 'trustlint');
        if (w.code !== 'syntax') {
          const target = typeof a.d.code === 'object' ? a.d.code.target.toString() : '';
          assert.match(target, new RegExp(`${w.code}(/README)?\\.md$`), `${rel} ${w.code} docs link`);
        }
      });
    }
    if (others.length) console.log(`[e2e] not compared (rules outside this suite's scope): ${others.join(', ')}`);
  });

  it('leaves the compliant folder clean, and says so in the hover', async function () {
    assert.deepEqual(diagnostics('compliant/main.tf').filter((d) => IN_SCOPE.has(codeOf(d) ?? '')).map(codeOf), []);
    const text = await hoverText('compliant/main.tf', 0, 12);
    assert.match(text, /TrustLint: \d+ checks? pass(es)? on `aws_kms_key\.logs`/, text);
  });

  it('hovers over a resource with the rule title, rule id and controls by framework', async function () {
    const text = await hoverText('platform/main.tf', 4, 12);
    assert.match(text, /aws_kms_key\.data/);
    assert.match(text, /KMS customer-managed key rotates automatically/);
    assert.match(text, new RegExp(`\\(\`${KMS}\`\\)`));
    assert.match(text, /\*\*ISO\/IEC 27001:2022 Annex A\*\*: A\.8\.24/);
    assert.match(text, /\*\*SOC 2 [^*]*\*\*: CC6\.1/);
    assert.match(text, /Quick fix available: Enable automatic key rotation/);
    const cfn = await hoverText('cloudformation/app.yaml', 3, 4);
    assert.match(cfn, /RDS database storage is encrypted/);
    assert.match(cfn, /A\.8\.24/);
  });

  it('offers a preferred quick fix, a suppression and the docs as code actions', async function () {
    const [kms] = diagnostics('platform/main.tf', KMS);
    const actions = await codeActions('platform/main.tf', kms.range);
    const titles = actions.map((a) => a.title);
    const fix = actions.find((a) => a.title === 'Enable automatic key rotation');
    assert.ok(fix, JSON.stringify(titles));
    assert.equal(fix.kind?.value, 'quickfix');
    assert.equal(fix.isPreferred, true);
    assert.ok(fix.edit && fix.edit.size > 0);
    const suppress = actions.find((a) => a.title === `Suppress ${KMS} for this resource`);
    assert.equal(suppress?.command?.command, 'trustlint.suppressWithReason', JSON.stringify(titles));
    const docs = actions.find((a) => a.title === `Show documentation for ${KMS}`);
    assert.equal(docs?.command?.command, 'trustlint.showRuleDocs');
    assert.deepEqual(docs.command.arguments, [KMS]);
  });

  it('applies the quick fix with workspace.applyEdit and the diagnostic disappears', async function () {
    const editor = await open('platform/main.tf');
    const [kms] = diagnostics('platform/main.tf', KMS);
    const fix = (await codeActions('platform/main.tf', kms.range)).find((a) => a.title === 'Enable automatic key rotation');
    assert.ok(fix?.edit);
    const gone = waitForDiagnostics('platform/main.tf', lacks(KMS), `${KMS} gone after the quick fix`, { afterChange: true });
    assert.equal(await vscode.workspace.applyEdit(fix.edit), true);
    await gone;
    assert.match(editor.document.lineAt(6).text, /^\s*enable_key_rotation = true$/);
  });

  it('re-analyses a local module when its caller changes (across files)', async function () {
    await open('platform/main.tf');
    const gone = waitForDiagnostics('platform/modules/db/main.tf', lacks(RDS), `${RDS} gone in the module`, { afterChange: true });
    await replaceInDocument('platform/main.tf', 'encrypted = false', 'encrypted = true');
    await gone;
  });

  it('suppresses a finding with a reason (the comment the suppress action inserts) and it disappears', async function () {
    await open('platform/network.tf');
    const [ssh] = diagnostics('platform/network.tf', SSH);
    const suppress = (await codeActions('platform/network.tf', ssh.range)).find((a) => a.title === `Suppress ${SSH} for this resource`);
    assert.equal(suppress?.command?.command, 'trustlint.suppressWithReason');
    const args = suppress.command.arguments?.[0] as { uri: string; ruleId: string; line: number; indent: string };
    assert.equal(args.ruleId, SSH);
    assert.equal(args.line, 0);
    assert.equal(vscode.Uri.parse(args.uri).toString(), wsUri('platform/network.tf').toString());
    // The command asks for the reason in an input box, which the API cannot answer (the UI test
    // types into it); insert what it inserts.
    const reason = 'Bastion reachable over VPN only, approved in RISK-42';
    const edit = new vscode.WorkspaceEdit();
    edit.insert(wsUri('platform/network.tf'), new vscode.Position(args.line, 0), `${args.indent}# trustlint:ignore ${SSH} ${reason}\n`);
    const gone = waitForDiagnostics('platform/network.tf', lacks(SSH), `${SSH} suppressed`, { afterChange: true });
    assert.equal(await vscode.workspace.applyEdit(edit), true);
    await gone;
    const text = await hoverText('platform/network.tf', 1, 12);
    assert.match(text, new RegExp(`waived\\*: ${reason.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}`), text);
  });

  it('offers no comment suppression in a CloudFormation JSON template', async function () {
    const [kms] = diagnostics('cloudformation/keys.json', KMS);
    const titles = (await codeActions('cloudformation/keys.json', kms.range)).map((a) => a.title);
    assert.ok(titles.includes('Enable automatic key rotation'), JSON.stringify(titles));
    assert.ok(!titles.some((t) => t.startsWith('Suppress')), JSON.stringify(titles));
  });

  it('fixes all safe issues of the active file (TrustLint: Fix All Safe Issues in File)', async function () {
    await open('cloudformation/keys.json');
    const gone = waitForDiagnostics('cloudformation/keys.json', lacks(KMS), `${KMS} gone after fix-all`, { afterChange: true });
    await vscode.commands.executeCommand('trustlint.fixAllInFile');
    await gone;
    const doc = await vscode.workspace.openTextDocument(wsUri('cloudformation/keys.json'));
    assert.match(doc.getText(), /"EnableKeyRotation": true/);
  });

  it('keeps findings of intact blocks in a half-typed file, and drops the syntax error once typing is done', async function () {
    const editor = await open('wip/half-typed.tf');
    assert.ok(diagnostics('wip/half-typed.tf', KMS).length === 1);
    const done = waitForDiagnostics('wip/half-typed.tf', (ds) => lacks('syntax')(ds) && has(KMS)(ds), 'syntax errors gone', { afterChange: true });
    // Finish the line `  bucket = "acme-dra` and close the block.
    const end = editor.document.lineAt(6).range.end;
    assert.equal(editor.document.lineAt(6).text, '  bucket = "acme-dra');
    assert.equal(await editor.edit((b) => b.insert(end, 'ft"\n}')), true);
    const ds = await done;
    assert.equal(ds.filter((d) => S3_RULES.includes(codeOf(d) ?? '')).length, 4, describeDiagnostics('wip/half-typed.tf'));
  });

  describe('settings', function () {
    const config = () => vscode.workspace.getConfiguration('trustlint');

    afterEach(async function () {
      await config().update('disabledRules', undefined, vscode.ConfigurationTarget.Workspace);
      await config().update('frameworks', undefined, vscode.ConfigurationTarget.Workspace);
    });

    it('trustlint.disabledRules removes that rule\'s diagnostics, and they return when it is cleared', async function () {
      const gone = waitForDiagnostics('platform/storage.tf', lacks(EBS), `${EBS} disabled`, { afterChange: true });
      await config().update('disabledRules', [EBS], vscode.ConfigurationTarget.Workspace);
      await gone;
      assert.equal(diagnostics('cloudformation/app.yaml', RDS).length, 1, 'other rules still run');
      const back = waitForDiagnostics('platform/storage.tf', has(EBS), `${EBS} back`, { afterChange: true });
      await config().update('disabledRules', undefined, vscode.ConfigurationTarget.Workspace);
      await back;
    });

    it('trustlint.frameworks changes the controls named in messages and hovers', async function () {
      const nis2 = (ds: vscode.Diagnostic[]) => ds.some((d) => codeOf(d) === EBS && / — NIS2 Art\. 21\(2\)\(h\)$/.test(d.message));
      const switched = waitForDiagnostics('platform/storage.tf', nis2, 'NIS2 controls in the message', { afterChange: true });
      await config().update('frameworks', ['nis2-art21'], vscode.ConfigurationTarget.Workspace);
      const ds = await switched;
      assert.ok(!ds.some((d) => /ISO 27001/.test(d.message)), describeDiagnostics('platform/storage.tf'));
      const hover = await hoverText('platform/storage.tf', 0, 12);
      assert.match(hover, /\*\*NIS2 Directive[^*]*\*\*: Art\. 21\(2\)\(h\)/, hover);
      assert.doesNotMatch(hover, /ISO\/IEC 27001/);
      const back = waitForDiagnostics('platform/storage.tf', (d) => d.some((x) => codeOf(x) === EBS && /ISO 27001 A\.8\.24/.test(x.message)), 'ISO 27001 back', { afterChange: true });
      await config().update('frameworks', undefined, vscode.ConfigurationTarget.Workspace);
      await back;
    });
  });

  it('opens a rule\'s documentation (trustlint.showRuleDocs)', async function () {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const local = path.join(ext.extensionPath, 'dist', 'docs', 'rules', `${KMS}.md`);
    if (!fs.existsSync(local)) {
      skipWith(this, `${local} does not exist (the command would open the repository in a browser)`);
    }
    const label = (t: vscode.Tab) => t.label.includes(KMS);
    const opened = new Promise<void>((resolve) => {
      const check = () => vscode.window.tabGroups.all.some((g) => g.tabs.some(label));
      if (check()) return resolve();
      const sub = vscode.window.tabGroups.onDidChangeTabs(() => {
        if (check()) {
          sub.dispose();
          resolve();
        }
      });
    });
    await vscode.commands.executeCommand('trustlint.showRuleDocs', KMS);
    await opened;
  });

  it('restarts the server (trustlint.restartServer) and gets the diagnostics back', async function () {
    const back = waitForDiagnostics('platform/storage.tf', has(EBS), 'diagnostics after the restart', { afterChange: true, timeoutMs: 30_000 });
    await vscode.commands.executeCommand('trustlint.restartServer');
    await back;
    // Open, edited documents are re-sent: the earlier quick fix still holds.
    await waitForDiagnostics('platform/main.tf', lacks(KMS), 'the quick fix still applied after the restart');
  });

  it('answers trustlint/coverage through the extension\'s language client (coverage tree data)', async function () {
    const client = languageClientOf(api);
    assert.ok(client, `activate() must return the TrustLint API with sendRequest (got ${api === undefined ? 'undefined' : Object.keys(api as object).join(', ')})`);
    const result = await client.sendRequest('trustlint/coverage', {});
    assert.ok(result && typeof result === 'object', `trustlint/coverage returned ${JSON.stringify(result)}`);
    const json = JSON.stringify(result);
    assert.match(json, /A\.8\.24/, 'ISO 27001 A.8.24 is among the covered controls');
    assert.match(json, /CC6\.1/, 'SOC 2 CC6.1 is among the covered controls');
  });
});

interface RequestSender {
  sendRequest(method: string, params: unknown): Promise<unknown>;
}

/** The extension's LanguageClient, if its activate() exposes it (as `client`, `languageClient` or `getClient()`). */
function languageClientOf(api: unknown): RequestSender | undefined {
  if (!api || typeof api !== 'object') return undefined;
  const a = api as Record<string, unknown>;
  const candidates = [a, a.client, a.languageClient, typeof a.getClient === 'function' ? (a.getClient as () => unknown)() : undefined];
  for (const c of candidates) {
    if (c && typeof (c as RequestSender).sendRequest === 'function') return c as RequestSender;
  }
  return undefined;
}
