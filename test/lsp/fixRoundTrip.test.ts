/**
 * Every fixable rule, over the protocol: for each fail fixture with a `.fixed` golden, open it in ONE
 * running server (`dist/server.js --stdio`; run `npm run build` first), ask for code actions on the
 * rule's diagnostic, apply the rule's fix action the way an editor does, send didChange and wait for
 * the new diagnostics: the rule's finding on that resource is gone. Repeats until the rule has no
 * finding left in the file, whose text then equals the golden.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic, InitializeResult, PublishDiagnosticsParams, TextDocumentEdit } from 'vscode-languageserver/node';
import type { DiagnosticData, FindingsResult, ProtocolFinding } from '../../server/src/protocol';
import { ALL_RULES } from '../../server/src/rules/index.generated';
import { fixableRuleIds } from '../rules/fixCoverage';
import { loadFixtures, type Fixture } from '../rules/fixtureHarness';
import { RULES_SRC } from '../util/paths';
import { applyEdits, editsFor, TestClient } from './client';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const serverJs = path.join(repoRoot, 'dist', 'server.js');

interface Case {
  ruleId: string;
  fixture: Fixture;
}

function casesWithGoldens(): Case[] {
  const out: Case[] = [];
  for (const rule of ALL_RULES) {
    for (const fixture of loadFixtures(path.join(RULES_SRC(), rule.meta.id))) {
      if (fixture.kind === 'fail' && fixture.fixed) out.push({ ruleId: rule.meta.id, fixture });
    }
  }
  return out;
}

function languageOf(file: string): string {
  if (file.endsWith('.tf')) return 'terraform';
  return file.endsWith('.json') ? 'json' : 'yaml';
}

/** Rule's open findings with a fix, by resource address. */
function fixableFindings(result: FindingsResult, ruleId: string): ProtocolFinding[] {
  return result.findings.filter((f) => f.ruleId === ruleId && !f.suppressed && f.hasFix);
}

describe('quick fix round trip for every fixable rule (one stdio server)', function () {
  this.timeout(30_000);
  const cases = casesWithGoldens();
  let ws: string;
  let client: TestClient;
  const covered = { rules: new Set<string>(), terraform: 0, cloudformation: 0 };

  before(async function () {
    assert.ok(existsSync(serverJs), `${serverJs} is missing: run \`npm run build\` first`);
    ws = mkdtempSync(path.join(tmpdir(), 'trustlint-roundtrip-'));
    // Rules that are off by default (account-level checks) are switched on, as the fixture test does.
    const offByDefault = ALL_RULES.filter((r) => r.meta.defaultEnabled === false).map((r) => r.meta.id);
    writeFileSync(path.join(ws, '.trustlint.yaml'), `enabledRules:\n${offByDefault.map((id) => `  - ${id}\n`).join('') || '  []\n'}`);
    client = TestClient.start(serverJs);
    await client.request<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(ws).href,
      workspaceFolders: [{ uri: pathToFileURL(ws).href, name: 'roundtrip' }],
      capabilities: {
        workspace: { configuration: true, workspaceEdit: { documentChanges: true } },
        textDocument: { publishDiagnostics: { versionSupport: true, dataSupport: true } },
      },
    });
    await client.notify('initialized', {});
    await client.waitFor((e) => e.method === 'trustlint/coverageChanged');
  });

  after(async function () {
    if (client) assert.equal(await client.stop(), 0);
    if (ws) rmSync(ws, { recursive: true, force: true });
  });

  for (const { ruleId, fixture } of cases) {
    it(`${ruleId} ${fixture.name}`, async function () {
      const file = fixture.files[0];
      // Each fixture in a folder of its own: a Terraform module, or a template, on its own.
      const rel = `${ruleId}/${fixture.name.replace(/[/.]/g, '_')}/${file.path}`;
      const uri = pathToFileURL(path.join(ws, rel)).href;
      let version = 1;
      let text = file.text;
      let from = client.mark();
      await client.notify('textDocument/didOpen', { textDocument: { uri, languageId: languageOf(file.path), version, text } });
      let published = await client.diagnostics(uri, from, (p) => p.version === version);
      let open = fixableFindings(await client.request<FindingsResult>('trustlint/findings', { uri }), ruleId);
      assert.ok(open.length > 0, `no fixable ${ruleId} finding published: ${JSON.stringify(published.diagnostics.map((d) => d.code))}`);

      for (let round = 0; open.length > 0; round++) {
        assert.ok(round < 20, 'fixes do not converge');
        const target = open[0];
        const atResource = open.filter((f) => f.resource.address === target.resource.address).length;
        const diagnostic = diagnosticOf(published, target);
        const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
          textDocument: { uri },
          range: diagnostic.range,
          context: { diagnostics: [diagnostic] },
        });
        const wanted = (diagnostic.data as DiagnosticData).fixes[0].title;
        const action = actions.find((a) => a.kind === 'quickfix' && a.edit && a.title === wanted);
        assert.ok(action, `no "${wanted}" action among ${JSON.stringify(actions.map((a) => a.title))}`);
        assert.equal(action.diagnostics?.[0]?.code, ruleId);
        const change = (action.edit!.documentChanges as TextDocumentEdit[]).find((c) => c.textDocument.uri === uri);
        assert.equal(change?.textDocument.version, version, 'the edit is tied to the document version it was computed for');

        text = applyEdits(text, editsFor(action.edit!, uri));
        version++;
        from = client.mark();
        await client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
        published = await client.diagnostics(uri, from, (p) => p.version === version);
        assert.deepEqual(published.diagnostics.filter((d) => d.code === 'syntax').map((d) => d.message), [], 'the fixed file parses');
        open = fixableFindings(await client.request<FindingsResult>('trustlint/findings', { uri }), ruleId);
        const left = open.filter((f) => f.resource.address === target.resource.address).length;
        assert.ok(left < atResource, `${ruleId} on ${target.resource.address} is still reported after its fix`);
      }
      // Nothing of the rule is left, fixable or not, and the text is the golden's.
      const remaining = published.diagnostics.filter((d) => d.code === ruleId);
      assert.deepEqual(remaining.map((d) => d.message), [], 'the finding is gone');
      assert.equal(text, fixture.fixed!.text, 'fixing one finding after the other gives the golden .fixed text');

      from = client.mark();
      await client.notify('textDocument/didClose', { textDocument: { uri } });
      await client.diagnostics(uri, from);
      covered.rules.add(ruleId);
      covered[fixture.format]++;
    });
  }

  it('covered every fixable rule, in both formats', function () {
    const fixable = fixableRuleIds(ALL_RULES);
    const withoutGolden = [...fixable].filter((id) => !cases.some((c) => c.ruleId === id)).sort();
    assert.deepEqual(withoutGolden, [], 'every fixable rule has a fail fixture with a .fixed golden');
    assert.deepEqual([...fixable].filter((id) => !covered.rules.has(id)).sort(), [], 'every fixable rule went through the round trip');
    assert.ok(covered.terraform > 0 && covered.cloudformation > 0, JSON.stringify(covered));
  });
});

/** The published diagnostic of a finding (same rule, same range). */
function diagnosticOf(published: PublishDiagnosticsParams, finding: ProtocolFinding): Diagnostic {
  const d = published.diagnostics.find(
    (x) =>
      x.code === finding.ruleId &&
      x.range.start.line === finding.range.start.line &&
      x.range.start.character === finding.range.start.character &&
      x.range.end.line === finding.range.end.line &&
      x.range.end.character === finding.range.end.character,
  );
  assert.ok(d, `no diagnostic published for ${finding.ruleId} at ${JSON.stringify(finding.range)}`);
  return d;
}
