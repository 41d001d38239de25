/**
 * Positions under every line-break style: the line/character of each finding, problem and fix edit
 * must be where an LSP client puts its UTF-16 offset (lines end at `\n`, `\r\n` or a lone `\r`).
 * A fix computed with `\n` lines only landed a line too high in a file with a stray `\r` (the
 * protocol fuzzer's CR edits led here).
 */
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Engine } from '../../server/src/engine';
import type { Position } from '../../server/src/model/types';
import { repoRoot } from '../util/paths';
import { loadSeedCorpus } from './fuzzLib';

/** Line-break styles: all CRLF, a mix, and lone CRs (at the end of comment lines, where HCL allows them). */
const STYLES: Record<string, (text: string) => string> = {
  crlf: (t) => t.replace(/\r?\n/g, '\r\n'),
  mixed: (t) => {
    let i = 0;
    return t.replace(/\n/g, () => ['\n', '\r\n', '\n', '\r\n', '\r\n'][i++ % 5]);
  },
  loneCrAfterComments: (t) => t.replace(/(#[^\r\n]*)\n/g, '$1\r'),
};

function mismatch(doc: TextDocument, p: Position, what: string): string | undefined {
  const lsp = doc.positionAt(p.offset);
  return lsp.line === p.line && lsp.character === p.character ? undefined : `${what}: ${p.line}:${p.character} but offset ${p.offset} is ${lsp.line}:${lsp.character}`;
}

describe('robustness: positions under CRLF, mixed and lone-CR line breaks', function () {
  this.timeout(300_000);

  it('findings, problems and fix edits of the fail fixtures sit where the client counts their offsets', () => {
    const fixtures = loadSeedCorpus(repoRoot()).filter((s) => /\/fixtures\/.*\/fail-[^/]*$/.test(s.path) && !s.path.includes('.fixed.'));
    assert.ok(fixtures.length > 200, 'the fail fixtures are found');
    const errors: string[] = [];
    let edits = 0;
    let lonelyCrFixes = 0;
    for (const fixture of fixtures) {
      for (const [style, convert] of Object.entries(STYLES)) {
        const text = convert(fixture.text);
        if (text === fixture.text) continue;
        const name = `${fixture.path.split('/').pop()}`;
        const engine = new Engine({ today: '2026-01-01' });
        engine.setFile(name, text);
        const doc = TextDocument.create('file:///x', 'x', 1, text);
        const result = engine.analyzeAll();
        const check = (p: Position, what: string) => {
          const m = mismatch(doc, p, `${fixture.path} (${style}) ${what}`);
          if (m) errors.push(m);
        };
        for (const p of result.problems) {
          check(p.range.start, `problem "${p.message}" start`);
          check(p.range.end, `problem "${p.message}" end`);
        }
        for (const f of result.findings) {
          check(f.range.start, `finding ${f.ruleId} start`);
          check(f.range.end, `finding ${f.ruleId} end`);
          for (const fix of f.fixes) {
            for (const e of fix.edits) {
              if (e.file !== name) continue;
              edits++;
              if (style === 'loneCrAfterComments') lonelyCrFixes++;
              check(e.range.start, `fix of ${f.ruleId} start`);
              check(e.range.end, `fix of ${f.ruleId} end`);
            }
          }
        }
      }
    }
    assert.deepEqual(errors.slice(0, 20), []);
    // The check looked at fixes, also in files with lone CRs.
    assert.ok(edits > 500, `${edits} fix edits checked`);
    assert.ok(lonelyCrFixes > 20, `${lonelyCrFixes} fix edits in files with lone CRs checked`);
  });

  it('a YAML error that covers the \\r of a \\r\\n ends before the line break (found by the protocol fuzzer)', () => {
    const text = [
      'AWSTemplateFormatVersion: "2010-09-09"',
      'Resources:',
      '  AppDatabase:',
      '    Type: AWS::RDS::DBInstance',
      '    Properties:',
      '      DBInstanceClass: db.t3.micro',
      '      AllocatedStorage:\r',
      ' "20"',
      '      MasterUsername: app',
      '',
    ].join('\n');
    const engine = new Engine({ today: '2026-01-01' });
    engine.setFile('t.yaml', text);
    const doc = TextDocument.create('file:///t.yaml', 'yaml', 1, text);
    const problems = engine.analyzeAll().problems;
    assert.ok(problems.some((p) => p.range.start.line === 6), JSON.stringify(problems.map((p) => p.message)));
    for (const p of problems) {
      for (const end of [p.range.start, p.range.end]) assert.equal(mismatch(doc, end, p.message), undefined);
    }
  });
});
