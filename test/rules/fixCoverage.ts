/**
 * Which rules offer a quick fix, found by running each rule on its own fail fixtures: a rule
 * counts as fixable when at least one of its findings there carries a fix.
 */
import { join } from 'node:path';
import { DEFAULT_POLICY } from '../../server/src/config/policy';
import { Engine } from '../../server/src/engine';
import type { Rule } from '../../server/src/rules/types';
import { RULES_SRC } from '../util/paths';
import { loadFixtures } from './fixtureHarness';

export function fixableRuleIds(rules: readonly Rule[]): Set<string> {
  const out = new Set<string>();
  for (const rule of rules) {
    for (const fixture of loadFixtures(join(RULES_SRC(), rule.meta.id))) {
      if (fixture.kind !== 'fail') continue;
      const engine = new Engine({ rules: [rule], today: '2026-01-01', policy: { ...DEFAULT_POLICY, enabledRules: [rule.meta.id] } });
      for (const f of fixture.files) engine.setFile(f.path, f.text);
      if (engine.analyzeAll().findings.some((f) => f.fixes.length > 0)) {
        out.add(rule.meta.id);
        break;
      }
    }
  }
  return out;
}
