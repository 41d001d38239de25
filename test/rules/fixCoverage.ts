/**
 * Which rules offer a quick fix, found by running each rule on its own fail fixtures: a rule
 * counts as fixable when at least one of its findings there carries a fix.
 */
import { join } from 'node:path';
import { DEFAULT_POLICY } from '../../server/src/config/policy';
import { Engine } from '../../server/src/engine';
import type { SourceFormat } from '../../server/src/model/types';
import type { Rule } from '../../server/src/rules/types';
import { RULES_SRC } from '../util/paths';
import { loadFixtures } from './fixtureHarness';

export function fixableRuleIds(rules: readonly Rule[], format?: 'terraform' | 'cloudformation'): Set<string> {
  const out = new Set<string>();
  for (const rule of rules) {
    for (const fixture of loadFixtures(join(RULES_SRC(), rule.meta.id))) {
      if (fixture.kind !== 'fail' || (format && fixture.format !== format)) continue;
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

/** Rules that check the format at all (a check for it and resource types in it). */
export function capableRuleIds(rules: readonly Rule[], format: SourceFormat): Set<string> {
  return new Set(rules.filter((r) => r.check[format] && (r.meta.resourceTypes[format]?.length ?? 0) > 0).map((r) => r.meta.id));
}

export interface FormatCoverage {
  format: 'terraform' | 'cloudformation';
  capable: number;
  fixable: number;
  /** Rules of the format without a fix for it, sorted. */
  missing: string[];
}

/** Per format: how many of the rules that check it offer a fix on its fail fixtures. */
export function fixCoverageByFormat(rules: readonly Rule[]): FormatCoverage[] {
  return (['terraform', 'cloudformation'] as const).map((format) => {
    const capable = capableRuleIds(rules, format);
    const fixable = fixableRuleIds(
      rules.filter((r) => capable.has(r.meta.id)),
      format,
    );
    return { format, capable: capable.size, fixable: fixable.size, missing: [...capable].filter((id) => !fixable.has(id)).sort() };
  });
}
