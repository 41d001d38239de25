/**
 * Machine-readable report (`--format json`). The shape is stable: fields are only ever added, and
 * `version` is bumped on any incompatible change. Positions are 1-based; columns count UTF-16 code
 * units (the same as SARIF's default and LSP). Arrays are sorted: findings by file, position and
 * rule id; problems by file and position. See server/src/cli/README.md.
 */
import type { Finding } from '../findings';
import type { Range } from '../model/types';
import { controlTag } from '../workspace/controlInfo';
import { TOOL_NAME, TRUSTLINT_VERSION } from '../workspace/hostInfo';
import type { ScanOptions } from './args';
import { failingFindings, prioritisedRules, type ScanReport } from './scan';

/** Version of the JSON report format. */
export const JSON_REPORT_VERSION = 1;

export interface JsonRange {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export interface JsonFinding {
  ruleId: string;
  title: string;
  severity: 'critical' | 'high' | 'medium' | 'low';
  message: string;
  file: string;
  range: JsonRange;
  resource: { type: string; name: string; address: string; range: JsonRange };
  controls: Array<{ framework: string; id: string; title: string; tag: string }>;
  fixable: boolean;
  suppressed: boolean;
  suppression?: { reason?: string; expires?: string; source: string };
  expiredSuppression?: { reason?: string; expires?: string; source: string };
  viaModuleCall?: string;
}

export interface JsonReport {
  version: number;
  tool: { name: string; version: string };
  summary: {
    filesScanned: number;
    filesConsidered: number;
    resources: number;
    findings: { total: number; critical: number; high: number; medium: number; low: number };
    suppressed: number;
    problems: { total: number; errors: number };
    failOn: string;
    failing: number;
    frameworks: string[];
    policyFile?: string;
  };
  findings: JsonFinding[];
  problems: Array<{ file: string; range: JsonRange; severity: 'error' | 'warning' | 'info'; code: string; message: string }>;
  skipped: Array<{ path: string; reason: string }>;
  /** With `--prioritise`: rules with open findings, best first. */
  prioritised?: JsonRankedRule[];
}

export interface JsonControlRef {
  framework: string;
  id: string;
  title: string;
  tag: string;
}

/** A rule in the `--prioritise` ranking (scoring: server/src/report/prioritise.ts). */
export interface JsonRankedRule {
  rank: number;
  ruleId: string;
  title: string;
  /** Highest severity among its open findings. */
  severity: 'critical' | 'high' | 'medium' | 'low';
  /** Open findings. */
  findings: number;
  /** Open findings with a safe fix. */
  fixAvailable: number;
  /** Number of controls cleared. */
  score: number;
  /** Controls no longer violated once every open finding of the rule is fixed. */
  controlsCleared: JsonControlRef[];
  /** Every control of the enabled frameworks the rule maps to. */
  controlsTouched: JsonControlRef[];
}

export function jsonRange(r: Range): JsonRange {
  return { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
}

function jsonFinding(f: Finding): JsonFinding {
  const out: JsonFinding = {
    ruleId: f.ruleId,
    title: f.title,
    severity: f.severity,
    message: f.message,
    file: f.file,
    range: jsonRange(f.range),
    resource: { type: f.resource.type, name: f.resource.name, address: f.resource.address, range: jsonRange(f.resource.range) },
    controls: f.controls.map((c) => ({ framework: c.framework, id: c.id, title: c.title, tag: controlTag(c) })),
    fixable: f.fixes.length > 0,
    suppressed: f.suppressed !== undefined,
  };
  if (f.suppressed) out.suppression = { reason: f.suppressed.reason, expires: f.suppressed.expires, source: f.suppressed.source };
  if (f.expiredSuppression) {
    out.expiredSuppression = { reason: f.expiredSuppression.reason, expires: f.expiredSuppression.expires, source: f.expiredSuppression.source };
  }
  if (f.viaModuleCall) out.viaModuleCall = f.viaModuleCall;
  return out;
}

export function buildJsonReport(report: ScanReport, opts: ScanOptions): JsonReport {
  const active = report.findings.filter((f) => !f.suppressed);
  const count = (s: string) => active.filter((f) => f.severity === s).length;
  const listed = report.findings.filter((f) => opts.includeSuppressed || !f.suppressed);
  return {
    version: JSON_REPORT_VERSION,
    tool: { name: TOOL_NAME, version: TRUSTLINT_VERSION },
    summary: {
      filesScanned: report.filesAnalysed.length,
      filesConsidered: report.filesConsidered,
      resources: report.resourceCount,
      findings: { total: active.length, critical: count('critical'), high: count('high'), medium: count('medium'), low: count('low') },
      suppressed: report.findings.length - active.length,
      problems: { total: report.problems.length, errors: report.problems.filter((p) => p.severity === 'error').length },
      failOn: opts.failOn,
      failing: failingFindings(report.findings, opts.failOn).length,
      frameworks: [...report.policy.frameworks],
      ...(report.policyFile ? { policyFile: report.policyFile } : {}),
    },
    findings: listed.map(jsonFinding),
    problems: report.problems.map((p) => ({ file: p.file, range: jsonRange(p.range), severity: p.severity, code: p.code, message: p.message })),
    skipped: report.skipped.map((s) => ({ path: s.path, reason: s.reason })),
    ...(opts.prioritise ? { prioritised: prioritisedJson(report) } : {}),
  };
}

function controlRef(c: { framework: string; id: string; title: string }): JsonControlRef {
  return { framework: c.framework, id: c.id, title: c.title, tag: controlTag(c) };
}

function prioritisedJson(report: ScanReport): JsonRankedRule[] {
  return prioritisedRules(report).map((r) => ({
    rank: r.rank,
    ruleId: r.ruleId,
    title: r.title,
    severity: r.severity,
    findings: r.findings,
    fixAvailable: r.fixAvailable,
    score: r.score,
    controlsCleared: r.controlsCleared.map(controlRef),
    controlsTouched: r.controlsTouched.map(controlRef),
  }));
}

export function formatJson(report: ScanReport, opts: ScanOptions): string {
  return `${JSON.stringify(buildJsonReport(report, opts), null, 2)}\n`;
}
