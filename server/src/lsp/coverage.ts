/**
 * The answers to `trustlint/coverage`, `trustlint/prioritised` and `trustlint/report`, computed from
 * the engines of several analysis roots together (a multi-root workspace is one audit scope). The
 * engines' results are merged with files made distinct per root (URIs for the editor, folder-name
 * prefixes for the report), and then the engine's own coverage, ranking and report code runs on the
 * merged result, so the editor says exactly what `trustlint report` says.
 */
import { getFramework, listFrameworks } from '../controls/catalog';
import { computeCoverage } from '../controls/coverage';
import { defaultControlIndex, DEFAULT_FRAMEWORKS, formatControlsShort } from '../controls/mapping';
import type { AnalysisResult, Finding } from '../findings';
import type {
  CoverageControlInfo,
  CoverageFindingLocation,
  CoverageFrameworkInfo,
  CoverageResult,
  CoverageRuleInfo,
  FrameworkChoice,
  PrioritisedResult,
  RankedRuleInfo,
  ReportFormat,
  ReportResult,
} from '../protocol';
import { generateReport } from '../report';
import { rankFindings, rankRules } from '../report/prioritise';
import type { Rule } from '../rules/types';
import { ruleReadmeUrl, TRUSTLINT_VERSION } from '../workspace/hostInfo';
import type { AnalysisRoot } from './analysisRoot';
import { toLspRange } from './convert';

/** What the handlers need of a root: its engine, its name and how its paths become URIs. */
export type CoverageRoot = Pick<AnalysisRoot, 'engine' | 'name' | 'uriOf'>;

/** One analysis of several roots, with every file renamed by `fileOf` so that files of different roots never collide. */
interface MergedAnalysis {
  result: AnalysisResult;
  /** The enabled rules of every root, by id (a rule enabled in any root counts). */
  rules: Rule[];
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The frameworks to report on: the requested ones (known ids only) when any are given, else the
 * union of what each root's engine runs with (settings > policy file > default), in catalog order.
 */
export function resolveFrameworks(roots: readonly CoverageRoot[], requested: readonly string[] | undefined, fallback: readonly string[]): string[] {
  const known = listFrameworks().map((f) => f.id);
  const wanted = new Set<string>();
  if (requested && requested.length > 0) {
    for (const id of requested) wanted.add(id);
  } else if (roots.length > 0) {
    for (const root of roots) for (const id of root.engine.currentPolicy.frameworks) wanted.add(id);
  } else {
    for (const id of fallback) wanted.add(id);
  }
  const resolved = known.filter((id) => wanted.has(id));
  // A policy naming only unknown frameworks still gets a coverage view: the defaults.
  return resolved.length > 0 ? resolved : known.filter((id) => DEFAULT_FRAMEWORKS.includes(id));
}

/** Every root analysed (cached units are reused) and merged; `fileOf` renames each root's relative paths. */
function mergeAnalyses(roots: readonly CoverageRoot[], fileOf: (root: CoverageRoot, rel: string) => string): MergedAnalysis {
  const result: AnalysisResult = { findings: [], problems: [], resources: [], passes: [] };
  const rules = new Map<string, Rule>();
  for (const root of roots) {
    const engine = root.engine;
    for (const rule of engine.allRules) if (engine.isRuleEnabled(rule) && !rules.has(rule.meta.id)) rules.set(rule.meta.id, rule);
    const analysis = engine.analyzeAll();
    const file = (rel: string) => fileOf(root, rel);
    for (const f of analysis.findings) result.findings.push(relocateFinding(f, file));
    for (const p of analysis.passes) result.passes.push({ ...p, file: file(p.file) });
    for (const p of analysis.problems) result.problems.push({ ...p, file: file(p.file) });
    for (const r of analysis.resources) result.resources.push({ ...r, file: file(r.file) });
  }
  return { result, rules: [...rules.values()].sort((a, b) => compareStrings(a.meta.id, b.meta.id)) };
}

function relocateFinding(f: Finding, file: (rel: string) => string): Finding {
  const out: Finding = { ...f, file: file(f.file), resource: { ...f.resource, file: file(f.resource.file) } };
  if (f.suppressed) out.suppressed = { ...f.suppressed, file: file(f.suppressed.file) };
  if (f.expiredSuppression) out.expiredSuppression = { ...f.expiredSuppression, file: file(f.expiredSuppression.file) };
  return out;
}

/** The engine appends the controls to messages for diagnostics; views show them as a tree. */
function plainMessage(f: Finding): string {
  const controls = formatControlsShort(f.controls);
  return controls ? f.message.replace(` — ${controls}`, '') : f.message;
}

function compareFindings(a: Finding, b: Finding): number {
  return (
    compareStrings(a.file, b.file) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    compareStrings(a.ruleId, b.ruleId)
  );
}

function frameworkChoices(enabled: readonly string[]): FrameworkChoice[] {
  return listFrameworks().map((f) => ({
    id: f.id,
    name: f.name,
    shortName: f.shortName,
    enabled: enabled.includes(f.id),
    defaultEnabled: f.defaultEnabled,
  }));
}

/** `trustlint/coverage` over `roots`; findings carry the URIs the roots publish diagnostics under. */
export function buildCoverage(roots: readonly CoverageRoot[], frameworks: readonly string[], inEffect: readonly string[] = frameworks): CoverageResult {
  const { result, rules } = mergeAnalyses(roots, (root, rel) => root.uriOf(rel));
  const coverage = computeCoverage({ rules: rules.map((r) => r.meta), findings: result.findings, passes: result.passes }, frameworks);

  // Per rule: its findings (open first) and the distinct resources it passed on.
  const findingsByRule = new Map<string, Finding[]>();
  for (const f of result.findings) {
    const list = findingsByRule.get(f.ruleId) ?? [];
    list.push(f);
    findingsByRule.set(f.ruleId, list);
  }
  const passesByRule = new Map<string, Set<string>>();
  for (const p of result.passes) {
    const set = passesByRule.get(p.ruleId) ?? new Set<string>();
    set.add(`${p.file}\u0000${p.address}`);
    passesByRule.set(p.ruleId, set);
  }
  const ruleById = new Map(rules.map((r) => [r.meta.id, r]));
  const ruleInfo = new Map<string, CoverageRuleInfo>();
  const infoOf = (ruleId: string): CoverageRuleInfo => {
    let info = ruleInfo.get(ruleId);
    if (info) return info;
    const findings = [...(findingsByRule.get(ruleId) ?? [])].sort(
      (a, b) => Number(a.suppressed !== undefined) - Number(b.suppressed !== undefined) || compareFindings(a, b),
    );
    info = {
      ruleId,
      title: ruleById.get(ruleId)?.meta.title ?? ruleId,
      findings: findings.map(toLocation),
      passes: passesByRule.get(ruleId)?.size ?? 0,
    };
    ruleInfo.set(ruleId, info);
    return info;
  };

  const frameworksOut: CoverageFrameworkInfo[] = coverage.map((fw) => {
    const catalog = getFramework(fw.framework);
    const controlsById = new Map((catalog?.controls ?? []).map((c) => [c.id, c]));
    const groups = new Map<string, CoverageFrameworkInfo['groups'][number]>();
    for (const g of catalog?.groups ?? []) groups.set(g.id, { id: g.id, title: g.title, controls: [] });
    for (const c of fw.controls) {
      const rationale: string[] = [];
      for (const ruleId of c.rules) {
        const rule = ruleById.get(ruleId);
        if (!rule) continue;
        for (const text of defaultControlIndex.rationaleFor(rule.meta.themes, fw.framework, c.id, ruleId)) {
          if (!rationale.includes(text)) rationale.push(text);
        }
      }
      const control: CoverageControlInfo = {
        id: c.id,
        title: c.title,
        status: c.status,
        ...(c.reason ? { reason: c.reason } : {}),
        assessable: c.assessable,
        assessableNote: controlsById.get(c.id)?.assessableNote ?? '',
        rationale,
        counts: { findings: c.findings, waived: c.waived, passes: c.passes },
        rules: c.rules.map(infoOf),
      };
      let group = groups.get(c.group);
      if (!group) groups.set(c.group, (group = { id: c.group, title: c.group, controls: [] }));
      group.controls.push(control);
    }
    return {
      id: fw.framework,
      name: fw.name,
      shortName: fw.shortName,
      summary: fw.summary,
      counts: {
        total: fw.total,
        assessable: fw.assessable,
        violated: fw.violated,
        passing: fw.passing,
        notAssessed: fw.notAssessed,
        notAssessable: fw.notAssessable,
        noRule: fw.noRule,
        notAssessableFromIac: fw.notAssessableFromIac,
      },
      groups: [...groups.values()].filter((g) => g.controls.length > 0),
    };
  });

  const files = roots.reduce((n, root) => n + root.engine.filePaths().length, 0);
  return { frameworks: frameworksOut, available: frameworkChoices(inEffect), analysisEnabled: true, files };
}

function toLocation(f: Finding): CoverageFindingLocation {
  const out: CoverageFindingLocation = {
    uri: f.file,
    range: toLspRange(f.range),
    message: plainMessage(f),
    severity: f.severity,
    address: f.resource.address,
  };
  if (f.suppressed) out.suppressed = { reason: f.suppressed.reason?.trim() ?? '', ...(f.suppressed.expires ? { expires: f.suppressed.expires } : {}) };
  return out;
}

/** The answer when analysis is switched off: no coverage, but the framework list for pickers. */
export function disabledCoverage(inEffect: readonly string[]): CoverageResult {
  return { frameworks: [], available: frameworkChoices(inEffect), analysisEnabled: false, files: 0 };
}

/** `trustlint/prioritised` over `roots`. */
export function buildPrioritised(roots: readonly CoverageRoot[], frameworks: readonly string[], limit?: number): PrioritisedResult {
  const { result, rules } = mergeAnalyses(roots, (root, rel) => root.uriOf(rel));
  const ranked = rankRules(result, rules, frameworks);
  // Each rule's findings in the order the finding ranking puts them: the first is the one to fix first.
  const locations = new Map<string, RankedRuleInfo['locations']>();
  for (const rf of rankFindings(result, rules, frameworks)) {
    const list = locations.get(rf.ruleId) ?? [];
    list.push({ uri: rf.finding.file, range: toLspRange(rf.finding.range), message: plainMessage(rf.finding) });
    locations.set(rf.ruleId, list);
  }
  const order = listFrameworks().map((f) => f.id);
  const shown = limit !== undefined && limit >= 0 ? ranked.slice(0, limit) : ranked;
  return {
    frameworks: [...frameworks],
    rules: shown.map((r) => ({
      rank: r.rank,
      ruleId: r.ruleId,
      title: r.title,
      severity: r.severity,
      findings: r.findings,
      fixAvailable: r.fixAvailable,
      score: r.score,
      controlsCleared: r.controlsCleared.map((c) => ({ framework: c.framework, id: c.id, title: c.title })),
      controlsTouched: r.controlsTouched.map((c) => ({ framework: c.framework, id: c.id, title: c.title })),
      frameworksCleared: order.filter((id) => r.controlsCleared.some((c) => c.framework === id)),
      locations: locations.get(r.ruleId) ?? [],
    })),
  };
}

/** File name a client suggests when saving a report. */
export function reportFileName(format: ReportFormat): string {
  return `trustlint-compliance-report.${format}`;
}

/**
 * `trustlint/report` over `roots`. Paths are relative to the folder; with several folders they
 * start with the folder's name. Rule links point at the online documentation, since a report is
 * read away from this machine.
 */
export function buildReport(roots: readonly CoverageRoot[], frameworks: readonly string[], format: ReportFormat, generatedAt: string): ReportResult {
  const prefixed = roots.length > 1;
  const { result, rules } = mergeAnalyses(roots, (root, rel) => (prefixed ? `${root.name}/${rel}` : rel));
  const content = generateReport(format, {
    result,
    rules,
    frameworks,
    root: roots.map((r) => r.name).join(', ') || '(no folder)',
    generatedAt,
    toolVersion: TRUSTLINT_VERSION,
    ruleDocsUrl: ruleReadmeUrl,
  });
  return { format, content, fileName: reportFileName(format) };
}
