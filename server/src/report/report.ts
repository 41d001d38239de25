/**
 * The compliance report: one analysis seen per framework -> group -> control, with the evidence an
 * auditor asks for (what passes, what fails, what is waived and why, what infrastructure code cannot
 * show), summary numbers and the fixes that clear the most requirements. `buildComplianceReport`
 * computes the data model; the renderers (JSON, Markdown, HTML) only format it. Like the rest of the
 * engine this never touches the file system: hosts pass the analysis in and write the string out.
 */
import { getFramework } from '../controls/catalog';
import { computeCoverage, type CoverageStatus, type NotAssessableReason } from '../controls/coverage';
import { defaultControlIndex, formatControlsShort, type ControlIndex } from '../controls/mapping';
import type { Assessability } from '../controls/types';
import type { AnalysisResult, Finding } from '../findings';
import type { Suppression } from '../model/types';
import type { Rule, Severity } from '../rules/types';
import { compareSeverity, hasSafeFix, rankRules, type RankedRule } from './prioritise';

/** Bumped on any incompatible change of the JSON shape; fields are only ever added otherwise. */
export const REPORT_SCHEMA_VERSION = 1;

export const REPORT_TITLE = 'TrustLint compliance report';

/** What the report can and cannot speak for: printed on every rendering. */
export const REPORT_SCOPE =
  'Evidence from infrastructure code only; organisational, people and physical controls are out of scope of this report.';

export interface ComplianceReportInput {
  result: AnalysisResult;
  /** The rules that ran (the enabled rules): only their findings and passes count. */
  rules: readonly Rule[];
  /** Framework ids to report on, e.g. the policy's `frameworks`; shown in catalog order. */
  frameworks: readonly string[];
  /** The analysed folder as the user knows it (display only). */
  root: string;
  /** When the analysis ran, ISO 8601 (display only; the engine never reads the clock for reports). */
  generatedAt: string;
  toolVersion: string;
  /** How many ranked rules `priorities.top` keeps (default 10). */
  topPriorities?: number;
  /** Where a rule's documentation lives; rendered as links when given. */
  ruleDocsUrl?: (ruleId: string) => string | undefined;
  /** The rule -> controls index (default: the shipped catalogs and mapping). */
  index?: ControlIndex;
}

/**
 * Status of a control in the report. Like coverage, but a control that passes only because
 * findings are waived (or that has waived findings next to passes) is `waived`, so waivers are
 * never hidden among passes:
 * - `violated`: at least one open finding of a mapped rule;
 * - `waived`: no open finding, at least one waived finding;
 * - `passing`: no open or waived finding, at least one passing resource;
 * - `not-assessed`: rules map to it but nothing they look at was analysed;
 * - `not-assessable`: no rule maps to it (`reason` says whether IaC could ever evidence it).
 */
export type ReportControlStatus = 'violated' | 'waived' | 'passing' | 'not-assessed' | 'not-assessable';

/** Disjoint counts: `violated + waived + passing + notAssessed = assessable`, `assessable + notAssessable = total`. */
export interface StatusCounts {
  total: number;
  assessable: number;
  violated: number;
  waived: number;
  passing: number;
  notAssessed: number;
  notAssessable: number;
  /** Not assessable because no rule maps to it yet (IaC could show something). */
  noRule: number;
  /** Not assessable from infrastructure code at all (people, physical, organisational). */
  notAssessableFromIac: number;
}

export type FixAvailability = 'safe' | 'suggestion' | 'none';

/** An open finding under a control. Lines and columns are 1-based. */
export interface ReportViolation {
  /** The finding's id in `ComplianceReport.findings`. */
  findingId: string;
  ruleId: string;
  ruleTitle: string;
  severity: Severity;
  file: string;
  line: number;
  column: number;
  resourceType: string;
  address: string;
  /** The finding's message without the list of controls (the report shows those itself). */
  message: string;
  fix: FixAvailability;
  viaModuleCall?: string;
  /** A waiver existed but expired, so the finding counts again. */
  expiredWaiver?: ReportSuppression;
}

export interface ReportSuppression {
  reason?: string;
  expires?: string;
  /** Syntax it was written in: `trustlint`, `checkov`, `cfn-metadata`, ... */
  source: string;
  /** Where the suppression is written. */
  file: string;
  line: number;
}

/** A waived (suppressed) finding under a control. */
export interface ReportWaiver {
  /** The finding's id in `ComplianceReport.findings`. */
  findingId: string;
  ruleId: string;
  ruleTitle: string;
  severity: Severity;
  file: string;
  line: number;
  resourceType: string;
  address: string;
  suppression: ReportSuppression;
}

/**
 * One finding in the register: every finding of the rules that ran, open and waived, listed once.
 * Ids (`F1`, `F2`, ...) follow the register order: open before waived, then severity (highest
 * first), file, line, column and rule id. They are stable for the same input, not across edits.
 */
export interface ReportFinding {
  id: string;
  status: 'open' | 'waived';
  ruleId: string;
  ruleTitle: string;
  severity: Severity;
  file: string;
  line: number;
  column: number;
  resourceType: string;
  address: string;
  message: string;
  fix: FixAvailability;
  viaModuleCall?: string;
  /** Set when `status` is `waived`. */
  suppression?: ReportSuppression;
  /** A waiver existed but expired, so the finding is open again. */
  expiredWaiver?: ReportSuppression;
  /** Controls of the reported frameworks the finding affects, in framework then catalog order. */
  controls: Array<{ framework: string; id: string }>;
}

/** A resource a mapped rule passed on. */
export interface ReportEvidence {
  ruleId: string;
  file: string;
  line: number;
  address: string;
}

/** One line of why the mapped rules evidence the control, with the rules it applies to. */
export interface ReportRationale {
  text: string;
  rules: string[];
}

/** A rule mapped to a control, with its outcome in this analysis. */
export interface ReportControlRule {
  ruleId: string;
  title: string;
  openFindings: number;
  waivedFindings: number;
  passes: number;
}

export interface ReportControl {
  id: string;
  title: string;
  group: string;
  status: ReportControlStatus;
  /** The coverage status (as in the CLI and the editor's coverage view). */
  coverageStatus: CoverageStatus;
  /** Set when `status` is `not-assessable`. */
  reason?: NotAssessableReason;
  assessable: Assessability;
  /** What IaC can show for this control, or why it cannot. */
  assessableNote: string;
  rules: ReportControlRule[];
  rationale: ReportRationale[];
  violations: ReportViolation[];
  waivers: ReportWaiver[];
  evidence: ReportEvidence[];
}

export interface ReportGroup {
  id: string;
  title: string;
  counts: StatusCounts;
  /** Every control of the group, in catalog order. */
  controls: ReportControl[];
  /** Ids of the controls infrastructure code cannot evidence (`assessable: "no"`), compactly. */
  cannotAssess: string[];
}

export interface ReportFramework {
  id: string;
  name: string;
  shortName: string;
  version: string;
  publisher?: string;
  /** The coverage summary line, e.g. `Annex A: 19 of 93 assessable, 4 violated, 15 passing`. */
  summary: string;
  counts: StatusCounts;
  /** Open findings of rules mapped to at least one control of this framework. */
  openFindings: number;
  /** Waived findings of rules mapped to at least one control of this framework. */
  waivedFindings: number;
  groups: ReportGroup[];
}

/** A rule that ran. */
export interface ReportRule {
  id: string;
  title: string;
  severity: Severity;
  docsUrl?: string;
}

export interface ReportProblem {
  file: string;
  line: number;
  severity: 'error' | 'warning';
  message: string;
}

export interface ComplianceReport {
  schemaVersion: number;
  title: string;
  scope: string;
  root: string;
  generatedAt: string;
  toolVersion: string;
  /** Requested framework ids that no catalog knows (left out of the report). */
  unknownFrameworks: string[];
  totals: {
    /** Distinct files with analysed resources. */
    files: number;
    resources: number;
    rulesRun: number;
    openFindings: number;
    waivedFindings: number;
    /** Open findings whose waiver expired. */
    expiredWaivers: number;
    /** Open findings per severity. */
    bySeverity: Record<Severity, number>;
    /** Open findings with a safe fix. */
    safeFixes: number;
    problems: { errors: number; warnings: number };
  };
  priorities: {
    /** Rules with open findings (the length of the full ranking). */
    total: number;
    top: RankedRule[];
  };
  frameworks: ReportFramework[];
  /** Every finding once (open, then waived); controls refer to them by id. */
  findings: ReportFinding[];
  /** Rules that ran, by id. */
  rules: ReportRule[];
  /** Parse and model problems: a file with errors may be assessed only in part. */
  problems: ReportProblem[];
}

type WaivedFinding = Finding & { suppressed: Suppression };

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The engine appends the controls (` — ISO 27001 A.8.24 · SOC 2 CC6.1`), the module call and an
 * expired waiver to messages for editors; the report shows those as fields of their own.
 */
function messageWithoutControls(finding: Finding): string {
  let message = finding.message;
  const controls = formatControlsShort(finding.controls);
  if (controls) message = message.replace(` — ${controls}`, '');
  if (finding.viaModuleCall) message = message.replace(` (with the inputs of ${finding.viaModuleCall})`, '');
  if (finding.expiredSuppression?.expires) message = message.replace(` (waiver expired ${finding.expiredSuppression.expires})`, '');
  return message;
}

function fixAvailability(finding: Finding): FixAvailability {
  if (hasSafeFix(finding)) return 'safe';
  return finding.fixes.length > 0 ? 'suggestion' : 'none';
}

function suppressionOf(s: Suppression): ReportSuppression {
  // Optional keys only when set, so JSON has no `undefined` holes and a fixed key order.
  return {
    ...(s.reason !== undefined ? { reason: s.reason } : {}),
    ...(s.expires !== undefined ? { expires: s.expires } : {}),
    source: s.source,
    file: s.file,
    line: s.range.start.line + 1,
  };
}

function violationOf(finding: Finding, findingId: string, ruleTitle: string): ReportViolation {
  const v: ReportViolation = {
    findingId,
    ruleId: finding.ruleId,
    ruleTitle,
    severity: finding.severity,
    file: finding.file,
    line: finding.range.start.line + 1,
    column: finding.range.start.character + 1,
    resourceType: finding.resource.type,
    address: finding.resource.address,
    message: messageWithoutControls(finding),
    fix: fixAvailability(finding),
  };
  if (finding.viaModuleCall) v.viaModuleCall = finding.viaModuleCall;
  if (finding.expiredSuppression) v.expiredWaiver = suppressionOf(finding.expiredSuppression);
  return v;
}

function waiverOf(finding: WaivedFinding, findingId: string, ruleTitle: string): ReportWaiver {
  return {
    findingId,
    ruleId: finding.ruleId,
    ruleTitle,
    severity: finding.severity,
    file: finding.file,
    line: finding.range.start.line + 1,
    resourceType: finding.resource.type,
    address: finding.resource.address,
    suppression: suppressionOf(finding.suppressed),
  };
}

function reportStatus(coverage: { status: CoverageStatus; waived: number }): ReportControlStatus {
  if (coverage.status === 'passing' && coverage.waived > 0) return 'waived';
  return coverage.status;
}

function emptyCounts(): StatusCounts {
  return { total: 0, assessable: 0, violated: 0, waived: 0, passing: 0, notAssessed: 0, notAssessable: 0, noRule: 0, notAssessableFromIac: 0 };
}

function addToCounts(counts: StatusCounts, control: ReportControl): void {
  counts.total++;
  switch (control.status) {
    case 'violated':
      counts.violated++;
      break;
    case 'waived':
      counts.waived++;
      break;
    case 'passing':
      counts.passing++;
      break;
    case 'not-assessed':
      counts.notAssessed++;
      break;
    case 'not-assessable':
      counts.notAssessable++;
      if (control.reason === 'not-assessable-from-iac') counts.notAssessableFromIac++;
      else counts.noRule++;
      break;
  }
  counts.assessable = counts.violated + counts.waived + counts.passing + counts.notAssessed;
}

/** The finding register in its order, with ids assigned. */
function buildRegister(
  findings: readonly Finding[],
  ruleById: ReadonlyMap<string, Rule>,
  frameworks: readonly string[],
  index: ControlIndex,
): Array<{ finding: Finding; entry: ReportFinding }> {
  const sorted = [...findings].sort(
    (a, b) =>
      Number(a.suppressed !== undefined) - Number(b.suppressed !== undefined) ||
      compareSeverity(a.severity, b.severity) ||
      compareStrings(a.file, b.file) ||
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character ||
      compareStrings(a.ruleId, b.ruleId),
  );
  return sorted.map((finding, i) => {
    const rule = ruleById.get(finding.ruleId);
    const v = violationOf(finding, `F${i + 1}`, rule?.meta.title ?? finding.title);
    const entry: ReportFinding = {
      id: v.findingId,
      status: finding.suppressed ? 'waived' : 'open',
      ruleId: v.ruleId,
      ruleTitle: v.ruleTitle,
      severity: v.severity,
      file: v.file,
      line: v.line,
      column: v.column,
      resourceType: v.resourceType,
      address: v.address,
      message: v.message,
      fix: v.fix,
      ...(v.viaModuleCall ? { viaModuleCall: v.viaModuleCall } : {}),
      ...(finding.suppressed ? { suppression: suppressionOf(finding.suppressed) } : {}),
      ...(v.expiredWaiver ? { expiredWaiver: v.expiredWaiver } : {}),
      controls: rule ? index.controlsForRule(rule.meta, frameworks).map((c) => ({ framework: c.framework, id: c.id })) : [],
    };
    return { finding, entry };
  });
}

/**
 * Builds the report data. Pure: the same input gives the same report (every list is sorted), so
 * JSON output can be diffed between runs.
 */
export function buildComplianceReport(input: ComplianceReportInput): ComplianceReport {
  const { result, rules } = input;
  const index = input.index ?? defaultControlIndex;
  const known = new Set(index.catalogs.map((c) => c.framework.id));
  const frameworks = input.frameworks.filter((id) => known.has(id));
  const ruleById = new Map(rules.map((rule) => [rule.meta.id, rule]));

  const findings = result.findings.filter((f) => ruleById.has(f.ruleId));
  const open = findings.filter((f) => !f.suppressed);
  const waived = findings.filter((f): f is WaivedFinding => f.suppressed !== undefined);
  const passes = result.passes.filter((p) => ruleById.has(p.ruleId));

  const perRule = new Map<string, { open: Finding[]; waived: WaivedFinding[]; passes: typeof passes }>();
  const bucket = (ruleId: string) => {
    let b = perRule.get(ruleId);
    if (!b) perRule.set(ruleId, (b = { open: [], waived: [], passes: [] }));
    return b;
  };
  for (const f of open) bucket(f.ruleId).open.push(f);
  for (const f of waived) bucket(f.ruleId).waived.push(f);
  for (const p of passes) bucket(p.ruleId).passes.push(p);

  const register = buildRegister(findings, ruleById, frameworks, index);
  const ids = new Map(register.map(({ finding, entry }) => [finding, entry.id]));
  const idOf = (finding: Finding): string => ids.get(finding) ?? '';

  const coverage = computeCoverage(
    { rules: rules.map((r) => r.meta), findings, passes },
    frameworks,
    index,
  );

  const frameworkReports: ReportFramework[] = coverage.map((fw) => {
    const catalog = index.catalogs.find((c) => c.framework.id === fw.framework) ?? getFramework(fw.framework);
    const info = catalog?.framework;
    const noteOf = new Map((catalog?.controls ?? []).map((c) => [c.id, c.assessableNote]));
    const groups = new Map<string, ReportGroup>();
    for (const g of catalog?.groups ?? []) groups.set(g.id, { id: g.id, title: g.title, counts: emptyCounts(), controls: [], cannotAssess: [] });
    const counts = emptyCounts();
    const rulesInFramework = new Set<string>();

    for (const cov of fw.controls) {
      const mapped = cov.rules.map((id) => ruleById.get(id)).filter((r): r is Rule => r !== undefined);
      for (const r of mapped) rulesInFramework.add(r.meta.id);

      const rationale: ReportRationale[] = [];
      for (const rule of mapped) {
        for (const text of index.rationaleFor(rule.meta.themes, fw.framework, cov.id, rule.meta.id)) {
          const existing = rationale.find((r) => r.text === text);
          if (existing) existing.rules.push(rule.meta.id);
          else rationale.push({ text, rules: [rule.meta.id] });
        }
      }

      const violations: ReportViolation[] = [];
      const waivers: ReportWaiver[] = [];
      const evidence: ReportEvidence[] = [];
      const evidenceSeen = new Set<string>();
      const controlRules: ReportControlRule[] = [];
      for (const rule of mapped) {
        const b = perRule.get(rule.meta.id);
        const rulePasses = new Set<string>();
        for (const f of b?.open ?? []) violations.push(violationOf(f, idOf(f), rule.meta.title));
        for (const f of b?.waived ?? []) waivers.push(waiverOf(f, idOf(f), rule.meta.title));
        for (const p of b?.passes ?? []) {
          const key = `${p.ruleId}\u0000${p.file}\u0000${p.address}`;
          rulePasses.add(key);
          if (evidenceSeen.has(key)) continue;
          evidenceSeen.add(key);
          evidence.push({ ruleId: p.ruleId, file: p.file, line: p.range.start.line + 1, address: p.address });
        }
        controlRules.push({
          ruleId: rule.meta.id,
          title: rule.meta.title,
          openFindings: b?.open.length ?? 0,
          waivedFindings: b?.waived.length ?? 0,
          passes: rulePasses.size,
        });
      }
      violations.sort(
        (a, b) =>
          compareSeverity(a.severity, b.severity) ||
          compareStrings(a.file, b.file) ||
          a.line - b.line ||
          a.column - b.column ||
          compareStrings(a.ruleId, b.ruleId),
      );
      waivers.sort((a, b) => compareStrings(a.file, b.file) || a.line - b.line || compareStrings(a.ruleId, b.ruleId));
      evidence.sort(
        (a, b) => compareStrings(a.file, b.file) || a.line - b.line || compareStrings(a.address, b.address) || compareStrings(a.ruleId, b.ruleId),
      );

      const control: ReportControl = {
        id: cov.id,
        title: cov.title,
        group: cov.group,
        status: reportStatus(cov),
        coverageStatus: cov.status,
        ...(cov.reason ? { reason: cov.reason } : {}),
        assessable: cov.assessable,
        assessableNote: noteOf.get(cov.id) ?? '',
        rules: controlRules,
        rationale,
        violations,
        waivers,
        evidence,
      };
      let group = groups.get(cov.group);
      if (!group) groups.set(cov.group, (group = { id: cov.group, title: cov.group, counts: emptyCounts(), controls: [], cannotAssess: [] }));
      group.controls.push(control);
      if (control.reason === 'not-assessable-from-iac') group.cannotAssess.push(control.id);
      addToCounts(group.counts, control);
      addToCounts(counts, control);
    }

    let openInFramework = 0;
    let waivedInFramework = 0;
    for (const id of rulesInFramework) {
      openInFramework += perRule.get(id)?.open.length ?? 0;
      waivedInFramework += perRule.get(id)?.waived.length ?? 0;
    }

    const out: ReportFramework = {
      id: fw.framework,
      name: fw.name,
      shortName: fw.shortName,
      version: info?.version ?? '',
      ...(info?.publisher ? { publisher: info.publisher } : {}),
      summary: fw.summary,
      counts,
      openFindings: openInFramework,
      waivedFindings: waivedInFramework,
      groups: [...groups.values()].filter((g) => g.controls.length > 0),
    };
    return out;
  });

  const ranked = rankRules(result, rules, frameworks, index);
  const bySeverity: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0 };
  for (const f of open) bySeverity[f.severity]++;

  const problems: ReportProblem[] = result.problems
    .filter((p): p is typeof p & { severity: 'error' | 'warning' } => p.severity === 'error' || p.severity === 'warning')
    .map((p) => ({ file: p.file, line: p.range.start.line + 1, severity: p.severity, message: p.message }))
    .sort((a, b) => compareStrings(a.file, b.file) || a.line - b.line || compareStrings(a.message, b.message));

  const analysed = result.resources.filter((r) => r.kind === 'resource' && !r.viaModuleCall);

  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    title: REPORT_TITLE,
    scope: REPORT_SCOPE,
    root: input.root,
    generatedAt: input.generatedAt,
    toolVersion: input.toolVersion,
    unknownFrameworks: input.frameworks.filter((id) => !known.has(id)),
    totals: {
      files: new Set(analysed.map((r) => r.file)).size,
      resources: analysed.length,
      rulesRun: ruleById.size,
      openFindings: open.length,
      waivedFindings: waived.length,
      expiredWaivers: open.filter((f) => f.expiredSuppression).length,
      bySeverity,
      safeFixes: open.filter(hasSafeFix).length,
      problems: {
        errors: problems.filter((p) => p.severity === 'error').length,
        warnings: problems.filter((p) => p.severity === 'warning').length,
      },
    },
    priorities: { total: ranked.length, top: ranked.slice(0, Math.max(0, input.topPriorities ?? 10)) },
    frameworks: frameworkReports,
    findings: register.map(({ entry }) => entry),
    rules: [...ruleById.values()]
      .map((rule) => {
        const docsUrl = input.ruleDocsUrl?.(rule.meta.id);
        return { id: rule.meta.id, title: rule.meta.title, severity: rule.meta.severity, ...(docsUrl ? { docsUrl } : {}) };
      })
      .sort((a, b) => compareStrings(a.id, b.id)),
    problems,
  };
}

/**
 * JSON rendering: the report model as it is (see the README of this folder for the shape),
 * indented by two spaces, with a final newline. Key order is fixed by the builder, so two runs
 * on the same input give the same bytes.
 */
export function renderReportJson(report: ComplianceReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}

export { renderReportHtml } from './html';
export { renderReportMarkdown } from './markdown';
