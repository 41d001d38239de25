/**
 * What to fix first: open findings, and the rules they belong to, ranked by how many requirements
 * of the enabled frameworks fixing them would satisfy.
 *
 * Scoring (the same definition is in the report README, keep them in step):
 *
 * - A finding is *open* when it is not waived (`suppressed` unset). A finding whose waiver expired
 *   is open. Only findings of the rules passed in (the rules that ran) count, as in coverage.
 * - A requirement is one (framework, control) pair of an enabled framework. It is *violated* when
 *   at least one open finding belongs to a rule that maps to it (the coverage definition).
 * - For a rule R with open findings:
 *   - `controlsTouched`: every requirement R maps to. All of them are violated, since R has an
 *     open finding.
 *   - `controlsCleared`: the touched requirements that R alone violates: once every open finding
 *     of R is fixed, they have no open finding left and become passing (the fixed resources pass).
 *   - `score` = number of requirements cleared.
 *   - Order: score, then touched requirements, then severity (the highest of R's open findings,
 *     policy overrides included), then number of open findings, all descending; then rule id.
 * - For one open finding F of rule R:
 *   - `controlsCleared`: requirements of R in which F is the only open finding at all, so fixing F
 *     alone clears them; `score` = their number.
 *   - Order: score, then the rank of R, then severity, then whether F has a safe fix (quick wins
 *     first), then file, line, column.
 *
 * Every requirement weighs the same whatever the framework: a GDPR article counts as much as an
 * ISO control, because each is one line in an auditor's checklist.
 */
import { defaultControlIndex, type ControlIndex } from '../controls/mapping';
import type { ControlRef, AnalysisResult, Finding } from '../findings';
import type { Rule, Severity } from '../rules/types';

/** One rule, ranked. */
export interface RankedRule {
  /** 1-based position in the ranking. */
  rank: number;
  ruleId: string;
  title: string;
  /** The highest severity among its open findings. */
  severity: Severity;
  /** Open findings of the rule. */
  findings: number;
  /** Requirements the rule maps to in the enabled frameworks (all currently violated). */
  controlsTouched: ControlRef[];
  /** Requirements that become non-violated once every open finding of the rule is fixed. */
  controlsCleared: ControlRef[];
  /** `controlsCleared.length`. */
  score: number;
  /** How many of its open findings have a safe fix (fix-all applies them without asking). */
  fixAvailable: number;
}

/** One open finding, ranked. */
export interface RankedFinding {
  /** 1-based position in the ranking. */
  rank: number;
  finding: Finding;
  ruleId: string;
  severity: Severity;
  /** Requirements that fixing this finding alone makes non-violated. */
  controlsCleared: ControlRef[];
  /** `controlsCleared.length`. */
  score: number;
  /** Rank of the finding's rule in `rankRules`. */
  ruleRank: number;
  /** Whether a safe fix exists. */
  safeFix: boolean;
}

const SEVERITY_WEIGHT: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1 };

/** Higher first. */
export function compareSeverity(a: Severity, b: Severity): number {
  return SEVERITY_WEIGHT[b] - SEVERITY_WEIGHT[a];
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function controlKey(ref: { framework: string; id: string }): string {
  return `${ref.framework}\u0000${ref.id}`;
}

/** Whether a finding has at least one fix that fix-all may apply. */
export function hasSafeFix(finding: Finding): boolean {
  return finding.fixes.some((fix) => fix.safety === 'safe');
}

/** Open findings of the given rules, grouped by rule id. */
function openFindingsByRule(result: AnalysisResult, rules: readonly Rule[]): Map<string, Finding[]> {
  const ruleIds = new Set(rules.map((rule) => rule.meta.id));
  const byRule = new Map<string, Finding[]>();
  for (const finding of result.findings) {
    if (finding.suppressed || !ruleIds.has(finding.ruleId)) continue;
    const list = byRule.get(finding.ruleId) ?? [];
    list.push(finding);
    byRule.set(finding.ruleId, list);
  }
  return byRule;
}

interface Violations {
  /** Requirement -> rules with open findings mapped to it. */
  rulesPerControl: Map<string, Set<string>>;
  /** Requirement -> number of open findings mapped to it. */
  findingsPerControl: Map<string, number>;
  /** Rule id -> requirements it maps to. */
  controlsPerRule: Map<string, ControlRef[]>;
}

function violations(
  byRule: Map<string, Finding[]>,
  rules: readonly Rule[],
  frameworks: readonly string[],
  index: ControlIndex,
): Violations {
  const rulesPerControl = new Map<string, Set<string>>();
  const findingsPerControl = new Map<string, number>();
  const controlsPerRule = new Map<string, ControlRef[]>();
  for (const rule of rules) {
    const refs = index.controlsForRule(rule.meta, frameworks);
    controlsPerRule.set(rule.meta.id, refs);
    const open = byRule.get(rule.meta.id)?.length ?? 0;
    if (open === 0) continue;
    for (const ref of refs) {
      const key = controlKey(ref);
      const set = rulesPerControl.get(key) ?? new Set<string>();
      set.add(rule.meta.id);
      rulesPerControl.set(key, set);
      findingsPerControl.set(key, (findingsPerControl.get(key) ?? 0) + open);
    }
  }
  return { rulesPerControl, findingsPerControl, controlsPerRule };
}

function highestSeverity(findings: readonly Finding[], fallback: Severity): Severity {
  let best: Severity | undefined;
  for (const f of findings) if (!best || SEVERITY_WEIGHT[f.severity] > SEVERITY_WEIGHT[best]) best = f.severity;
  return best ?? fallback;
}

/**
 * Rules with at least one open finding, best first (see the scoring at the top of this file).
 * `frameworks` are the enabled framework ids; unknown ids contribute nothing.
 */
export function rankRules(
  result: AnalysisResult,
  rules: readonly Rule[],
  frameworks: readonly string[],
  index: ControlIndex = defaultControlIndex,
): RankedRule[] {
  const byRule = openFindingsByRule(result, rules);
  const { rulesPerControl, controlsPerRule } = violations(byRule, rules, frameworks, index);
  const ranked: RankedRule[] = [];
  const seen = new Set<string>();
  for (const rule of rules) {
    const id = rule.meta.id;
    const findings = byRule.get(id);
    if (!findings || seen.has(id)) continue;
    seen.add(id);
    const touched = controlsPerRule.get(id) ?? [];
    const cleared = touched.filter((ref) => {
      const violators = rulesPerControl.get(controlKey(ref));
      return violators !== undefined && violators.size === 1 && violators.has(id);
    });
    ranked.push({
      rank: 0,
      ruleId: id,
      title: rule.meta.title,
      severity: highestSeverity(findings, rule.meta.severity),
      findings: findings.length,
      controlsTouched: touched.map(copyRef),
      controlsCleared: cleared.map(copyRef),
      score: cleared.length,
      fixAvailable: findings.filter(hasSafeFix).length,
    });
  }
  ranked.sort(
    (a, b) =>
      b.score - a.score ||
      b.controlsTouched.length - a.controlsTouched.length ||
      compareSeverity(a.severity, b.severity) ||
      b.findings - a.findings ||
      compareStrings(a.ruleId, b.ruleId),
  );
  ranked.forEach((r, i) => (r.rank = i + 1));
  return ranked;
}

/**
 * Open findings, best first (see the scoring at the top of this file). Each finding keeps a
 * reference to the engine's `Finding`.
 */
export function rankFindings(
  result: AnalysisResult,
  rules: readonly Rule[],
  frameworks: readonly string[],
  index: ControlIndex = defaultControlIndex,
): RankedFinding[] {
  const byRule = openFindingsByRule(result, rules);
  const { findingsPerControl, controlsPerRule } = violations(byRule, rules, frameworks, index);
  const ruleRank = new Map(rankRules(result, rules, frameworks, index).map((r) => [r.ruleId, r.rank]));
  const ranked: RankedFinding[] = [];
  for (const [ruleId, findings] of byRule) {
    const refs = controlsPerRule.get(ruleId) ?? [];
    // With one open finding per requirement, that finding is the requirement's only violation.
    const cleared = refs.filter((ref) => findingsPerControl.get(controlKey(ref)) === 1);
    for (const finding of findings) {
      ranked.push({
        rank: 0,
        finding,
        ruleId,
        severity: finding.severity,
        controlsCleared: cleared.map(copyRef),
        score: cleared.length,
        ruleRank: ruleRank.get(ruleId) ?? Number.MAX_SAFE_INTEGER,
        safeFix: hasSafeFix(finding),
      });
    }
  }
  ranked.sort(
    (a, b) =>
      b.score - a.score ||
      a.ruleRank - b.ruleRank ||
      compareSeverity(a.severity, b.severity) ||
      Number(b.safeFix) - Number(a.safeFix) ||
      compareStrings(a.finding.file, b.finding.file) ||
      a.finding.range.start.line - b.finding.range.start.line ||
      a.finding.range.start.character - b.finding.range.start.character,
  );
  ranked.forEach((r, i) => (r.rank = i + 1));
  return ranked;
}

/** Catalog refs are frozen and shared: hand out plain copies so callers may annotate them. */
function copyRef(ref: ControlRef): ControlRef {
  return { framework: ref.framework, id: ref.id, title: ref.title };
}
