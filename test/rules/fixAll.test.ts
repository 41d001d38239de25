/**
 * Fix-all on every fail fixture, with every rule running (as in the editor): the composed safe fixes
 * leave files that parse, and a second fix-all changes nothing. Fixes are composed exactly as the
 * language server composes them (`FixComposer`) and applied in LSP order.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Engine } from '../../server/src/engine';
import { FixComposer } from '../../server/src/lsp/codeActions';
import { ALL_RULES } from '../../server/src/rules/index.generated';
import { RULES_SRC } from '../util/paths';
import { applyEditsInOrder, loadFixtures, type FixtureFile } from './fixtureHarness';

interface FixAllRound {
  files: FixtureFile[];
  /** `rule-id address` of each fix applied. */
  applied: string[];
  errors: string[];
}

function errorsOf(engine: Engine): string[] {
  return engine
    .analyzeAll()
    .problems.filter((p) => p.severity === 'error')
    .map((p) => `${p.file}:${p.range.start.line + 1}: ${p.message}`);
}

/** One fix-all over all files: every file's safe fixes, composed per file as the server does. */
function fixAll(files: readonly FixtureFile[]): FixAllRound {
  const engine = new Engine({ today: '2026-01-01' });
  for (const f of files) engine.setFile(f.path, f.text);
  const composer = new FixComposer();
  for (const path of engine.filePaths().sort()) composer.addSafeFixes(engine.fileResult(path).findings);
  const edits = composer.edits;
  const out = files.map((f) => {
    const own = edits.filter((e) => e.file === f.path);
    return own.length ? { path: f.path, text: applyEditsInOrder(f.text, own) } : f;
  });
  const after = new Engine({ today: '2026-01-01' });
  for (const f of out) after.setFile(f.path, f.text);
  return {
    files: out,
    applied: composer.accepted.map((a) => `${a.finding.ruleId} ${a.finding.resource.address}`),
    errors: errorsOf(after),
  };
}

describe('fix-all on the rule fixtures', () => {
  let fixturesWithSafeFixes = 0;
  for (const rule of ALL_RULES) {
    for (const fixture of loadFixtures(join(RULES_SRC(), rule.meta.id))) {
      if (fixture.kind !== 'fail') continue;
      it(`${rule.meta.id} ${fixture.name}: parses after fix-all, and a second fix-all changes nothing`, () => {
        const engine = new Engine({ today: '2026-01-01' });
        for (const f of fixture.files) engine.setFile(f.path, f.text);
        const errorsBefore = errorsOf(engine);
        const first = fixAll(fixture.files);
        if (first.applied.length > 0) fixturesWithSafeFixes++;
        assert.deepEqual(first.errors, errorsBefore, `fix-all (${first.applied.join(', ')}) must not break parsing`);
        const second = fixAll(first.files);
        assert.deepEqual(second.applied, [], 'no safe fix is left after fix-all');
        assert.deepEqual(second.files, first.files);
      });
    }
  }
  it('covers fixtures that have safe fixes', () => {
    // Guards the loop above against silently finding nothing to fix (a loader or engine change).
    assert.ok(fixturesWithSafeFixes >= 100, `only ${fixturesWithSafeFixes} fixtures had safe fixes`);
  });
});
