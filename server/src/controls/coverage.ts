/**
 * Coverage per control, computed from one analysis (never stored): which controls the scan shows
 * as violated or passing, which it could assess but found nothing to look at, and which IaC cannot
 * evidence at all.
 */
import type { Range, Suppression } from '../model/types';
import { defaultControlIndex, DEFAULT_FRAMEWORKS } from './mapping';
import type { ControlIndex, RuleLike } from './mapping';
import type { Assessability } from './types';

/**
 * - `violated`: at least one active (not waived) finding of a rule mapped to the control;
 * - `passing`: no active finding, and passes or waived findings of mapped rules;
 * - `not-assessed`: rules map to the control but no resource they apply to was analysed;
 * - `not-assessable`: no rule maps to the control (see `reason`).
 */
export type CoverageStatus = 'violated' | 'passing' | 'not-assessed' | 'not-assessable';

/**
 * Why a control is not assessable: `not-assessable-from-iac` for people, physical and
 * organisational controls (`assessable: "no"`); `no-rule` when IaC could give evidence but no
 * enabled rule maps to it yet.
 */
export type NotAssessableReason = 'no-rule' | 'not-assessable-from-iac';

export interface CoverageFinding {
  ruleId: string;
  file: string;
  /** Not used for counting; accepted so that engine findings can be passed as they are. */
  range?: Range;
  /** Truthy when the finding is waived by a valid suppression (the engine passes the suppression). */
  suppressed?: boolean | Suppression;
}

export interface CoveragePass {
  ruleId: string;
  file: string;
  address: string;
}

export interface CoverageInput {
  /** The rules that ran (enabled rules): only their findings and passes count. */
  rules: ReadonlyArray<RuleLike>;
  findings: ReadonlyArray<CoverageFinding>;
  passes: ReadonlyArray<CoveragePass>;
}

export interface ControlCoverage {
  framework: string;
  id: string;
  title: string;
  group: string;
  assessable: Assessability;
  status: CoverageStatus;
  /** Set when `status` is `not-assessable`. */
  reason?: NotAssessableReason;
  /** Ids of the rules that map to this control, sorted. */
  rules: string[];
  /** Active findings of those rules. */
  findings: number;
  /** Findings of those rules waived by a suppression. */
  waived: number;
  /** Distinct resources those rules passed on. */
  passes: number;
}

export interface FrameworkCoverage {
  framework: string;
  name: string;
  shortName: string;
  /** Controls in the catalog. */
  total: number;
  /** Controls at least one rule maps to (violated + passing + not assessed). */
  assessable: number;
  violated: number;
  passing: number;
  notAssessed: number;
  /** Controls no rule maps to: `noRule` + `notAssessableFromIac`. */
  notAssessable: number;
  noRule: number;
  notAssessableFromIac: number;
  /** E.g. `Annex A: 19 of 93 assessable, 4 violated, 15 passing`. */
  summary: string;
  /** In catalog order. */
  controls: ControlCoverage[];
}

interface Tally {
  rules: Set<string>;
  findings: number;
  waived: number;
  passes: Set<string>;
}

/**
 * Computes coverage for the given frameworks (default `DEFAULT_FRAMEWORKS`), in framework order.
 * Unknown framework ids are ignored; findings and passes of rules not in `input.rules` do not count.
 */
export function computeCoverage(
  input: CoverageInput,
  frameworks: readonly string[] = DEFAULT_FRAMEWORKS,
  index: ControlIndex = defaultControlIndex,
): FrameworkCoverage[] {
  // frameworkId -> controlId -> tally
  const tallies = new Map<string, Map<string, Tally>>();
  const tallyFor = (frameworkId: string, controlId: string): Tally => {
    let perControl = tallies.get(frameworkId);
    if (!perControl) tallies.set(frameworkId, (perControl = new Map()));
    let tally = perControl.get(controlId);
    if (!tally) perControl.set(controlId, (tally = { rules: new Set(), findings: 0, waived: 0, passes: new Set() }));
    return tally;
  };

  const refsByRule = new Map<string, ReturnType<ControlIndex['controlsForRule']>>();
  for (const rule of input.rules) {
    const refs = index.controlsForRule(rule, frameworks);
    refsByRule.set(rule.id, refs);
    for (const ref of refs) tallyFor(ref.framework, ref.id).rules.add(rule.id);
  }
  for (const finding of input.findings) {
    for (const ref of refsByRule.get(finding.ruleId) ?? []) {
      const tally = tallyFor(ref.framework, ref.id);
      if (finding.suppressed) tally.waived++;
      else tally.findings++;
    }
  }
  for (const pass of input.passes) {
    for (const ref of refsByRule.get(pass.ruleId) ?? []) {
      tallyFor(ref.framework, ref.id).passes.add(`${pass.ruleId}\u0000${pass.file}\u0000${pass.address}`);
    }
  }

  const result: FrameworkCoverage[] = [];
  for (const catalog of index.catalogs) {
    const info = catalog.framework;
    if (!frameworks.includes(info.id)) continue;
    const controls: ControlCoverage[] = catalog.controls.map((control) => {
      const tally = tallies.get(info.id)?.get(control.id);
      const coverage: ControlCoverage = {
        framework: info.id,
        id: control.id,
        title: control.title,
        group: control.group,
        assessable: control.assessable,
        status: 'not-assessable',
        rules: tally ? [...tally.rules].sort() : [],
        findings: tally?.findings ?? 0,
        waived: tally?.waived ?? 0,
        passes: tally?.passes.size ?? 0,
      };
      if (coverage.findings > 0) coverage.status = 'violated';
      else if (coverage.passes > 0 || coverage.waived > 0) coverage.status = 'passing';
      else if (coverage.rules.length > 0) coverage.status = 'not-assessed';
      else coverage.reason = control.assessable === 'no' ? 'not-assessable-from-iac' : 'no-rule';
      return coverage;
    });

    const count = (predicate: (c: ControlCoverage) => boolean): number => controls.filter(predicate).length;
    const violated = count((c) => c.status === 'violated');
    const passing = count((c) => c.status === 'passing');
    const notAssessed = count((c) => c.status === 'not-assessed');
    const assessable = violated + passing + notAssessed;
    const label = info.coverageLabel ?? info.shortName;
    const summary =
      `${label}: ${assessable} of ${controls.length} assessable, ${violated} violated, ${passing} passing` +
      (notAssessed > 0 ? `, ${notAssessed} not assessed` : '');
    result.push({
      framework: info.id,
      name: info.name,
      shortName: info.shortName,
      total: controls.length,
      assessable,
      violated,
      passing,
      notAssessed,
      notAssessable: controls.length - assessable,
      noRule: count((c) => c.reason === 'no-rule'),
      notAssessableFromIac: count((c) => c.reason === 'not-assessable-from-iac'),
      summary,
      controls,
    });
  }
  return result;
}
