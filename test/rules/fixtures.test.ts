import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DEFAULT_POLICY } from '../../server/src/config/policy';
import { Engine, routingType } from '../../server/src/engine';
import { ALL_RULES } from '../../server/src/rules/index.generated';
import type { Rule } from '../../server/src/rules/types';
import { RULES_SRC } from '../util/paths';
import type { TextEdit } from '../../server/src/model/types';
import { applyEdits, expectedLines, loadFixtures, type Fixture, type FixtureFile } from './fixtureHarness';

function analyse(rule: Rule, files: Array<{ path: string; text: string }>) {
  const engine = new Engine({ rules: [rule], today: '2026-01-01', policy: { ...DEFAULT_POLICY, enabledRules: [rule.meta.id] } });
  for (const f of files) engine.setFile(f.path, f.text);
  return engine.analyzeAll();
}

/** Apply edits (of any files) to a fixture's files; the edits' files are fixture paths. */
function applyToFiles(files: readonly FixtureFile[], edits: readonly TextEdit[]): FixtureFile[] {
  return files.map((f) => {
    const own = edits.filter((e) => e.file === f.path);
    return own.length ? { path: f.path, text: applyEdits(f.text, own) } : f;
  });
}

function ownFindings(rule: Rule, fixture: Fixture, files = fixture.files) {
  const result = analyse(rule, files);
  return { result, findings: result.findings.filter((f) => f.ruleId === rule.meta.id && !f.suppressed) };
}

describe('rule fixtures', () => {
  for (const rule of ALL_RULES) {
    describe(rule.meta.id, () => {
      const fixtures = loadFixtures(join(RULES_SRC(), rule.meta.id));
      for (const fixture of fixtures) {
        it(`${fixture.name}`, () => {
          const { result, findings } = ownFindings(rule, fixture);
          const types = new Set(Object.values(rule.meta.resourceTypes).flat());
          assert.ok(
            result.resources.some((r) => types.has(routingType(r))),
            `fixture has no resource of the rule's types (${[...types].join(', ')}): it would pass without the rule looking`,
          );
          const syntax = result.problems.filter((p) => p.severity === 'error');
          assert.deepEqual(syntax.map((p) => `${p.file}:${p.range.start.line + 1}: ${p.message}`), [], 'fixture must parse cleanly');
          const expected = expectedLines(fixture, rule.meta.id);
          const actual = new Map<string, number[]>();
          for (const f of findings) actual.set(f.file, [...(actual.get(f.file) ?? []), f.range.start.line].sort((a, b) => a - b));
          if (fixture.kind === 'pass') {
            assert.deepEqual(findings.map((f) => `${f.file}:${f.range.start.line + 1} ${f.message}`), [], 'pass fixture must have no finding');
          } else {
            assert.ok(expected.size > 0, 'fail fixture must mark its expected findings with `expect: <rule-id>`');
            const show = (m: Map<string, number[]>) => Object.fromEntries([...m].map(([k, v]) => [k, v.map((l) => l + 1)]));
            assert.deepEqual(show(actual), show(expected), 'findings on exactly the marked lines (1-based)');
          }
        });
        if (fixture.kind === 'fail' && fixture.fixed) {
          it(`${fixture.name} is fixed by its quick fix`, () => {
            const { findings } = ownFindings(rule, fixture);
            const file = fixture.files[0];
            const edits = findings.flatMap((f) => f.fixes[0]?.edits ?? []).filter((e) => e.file === file.path);
            assert.ok(edits.length > 0, 'the rule offers a fix for this fixture');
            const fixedText = applyEdits(file.text, edits);
            assert.equal(fixedText, fixture.fixed!.text, 'fixed text equals the golden .fixed file');
            const after = ownFindings(rule, fixture, [{ path: file.path, text: fixedText }]);
            assert.deepEqual(after.result.problems.filter((p) => p.severity === 'error').map((p) => p.message), [], 'fixed file parses');
            assert.deepEqual(after.findings.map((f) => f.message), [], 'finding is gone after the fix');
            // The fix must not trade one finding for another: run every rule before and after.
            const countByRule = (text: string) => {
              const engine = new Engine({ today: '2026-01-01' });
              engine.setFile(file.path, text);
              const counts = new Map<string, number>();
              for (const f of engine.analyzeAll().findings) counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
              return counts;
            };
            const before = countByRule(file.text);
            const newOnes = [...countByRule(fixedText)].filter(([id, n]) => n > (before.get(id) ?? 0)).map(([id]) => id);
            assert.deepEqual(newOnes, [], 'the fix introduces no new finding of any rule');
          });
        }
        // Decided while loading, so fixtures without a fix add no empty test.
        if (fixture.kind === 'fail' && ownFindings(rule, fixture).findings.some((f) => f.fixes.length > 0)) {
          it(`${fixture.name}: applying its fix twice changes nothing`, () => {
            const { findings } = ownFindings(rule, fixture);
            const fixed = findings.filter((f) => f.fixes.length > 0);
            const once = applyToFiles(fixture.files, fixed.flatMap((f) => f.fixes[0].edits));
            // Re-analysed, the rule offers no fix for those resources, or only fixes that change nothing.
            const addresses = new Set(fixed.map((f) => f.resource.address));
            const again = analyse(rule, once).findings.filter((f) => f.ruleId === rule.meta.id && addresses.has(f.resource.address));
            for (const f of again) {
              for (const fix of f.fixes) {
                assert.deepEqual(applyToFiles(once, fix.edits), once, `"${fix.title}" on ${f.resource.address} changes the fixed text again`);
              }
            }
          });
        }
      }
    });
  }
});
