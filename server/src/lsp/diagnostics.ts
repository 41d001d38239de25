/**
 * Findings and problems -> LSP diagnostics.
 */
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver/node';
import type { Finding } from '../findings';
import type { ParseProblem } from '../model/types';
import type { DiagnosticData, EditorSeverity, TrustlintSettings } from '../protocol';
import type { Severity } from '../rules/types';
import { ruleDocsUri } from '../workspace/hostInfo';
import { toLspRange } from './convert';

export const SOURCE = 'trustlint';

const EDITOR_SEVERITY: Record<EditorSeverity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** critical/high -> Error, medium -> Warning, low -> Information. */
export function severityOf(severity: Severity): DiagnosticSeverity {
  switch (severity) {
    case 'critical':
    case 'high':
      return DiagnosticSeverity.Error;
    case 'medium':
      return DiagnosticSeverity.Warning;
    default:
      return DiagnosticSeverity.Information;
  }
}

const docsCache = new Map<string, string>();
function docsHref(ruleId: string): string {
  let href = docsCache.get(ruleId);
  if (!href) {
    href = ruleDocsUri(ruleId);
    docsCache.set(ruleId, href);
  }
  return href;
}

export function findingToDiagnostic(finding: Finding, settings: TrustlintSettings, uriOf: (file: string) => string): Diagnostic | undefined {
  const suppressed = finding.suppressed !== undefined;
  if (suppressed && !settings.showSuppressed) return undefined;
  const data: DiagnosticData = {
    ruleId: finding.ruleId,
    controls: finding.controls.map((c) => ({ framework: c.framework, id: c.id, title: c.title })),
    fixes: finding.fixes.map((f) => ({
      title: f.title,
      safety: f.safety,
      edits: f.edits.map((e) => ({ uri: uriOf(e.file), range: toLspRange(e.range), newText: e.newText })),
    })),
  };
  const override = settings.severityOverrides[finding.ruleId];
  const diagnostic: Diagnostic = {
    range: toLspRange(finding.range),
    severity: override ? EDITOR_SEVERITY[override] : severityOf(finding.severity),
    code: finding.ruleId,
    codeDescription: { href: docsHref(finding.ruleId) },
    source: SOURCE,
    message: finding.message,
    data,
  };
  if (suppressed) {
    data.suppressed = true;
    diagnostic.severity = DiagnosticSeverity.Hint;
    diagnostic.tags = [DiagnosticTag.Unnecessary];
    const reason = finding.suppressed?.reason?.trim();
    diagnostic.message = `${finding.message} (suppressed${reason ? `: ${reason}` : ''})`;
  }
  return diagnostic;
}

const PROBLEM_SEVERITY: Record<ParseProblem['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function problemToDiagnostic(problem: ParseProblem, code: 'syntax' | 'model'): Diagnostic {
  return {
    range: toLspRange(problem.range),
    severity: PROBLEM_SEVERITY[problem.severity] ?? DiagnosticSeverity.Error,
    code,
    source: SOURCE,
    message: problem.message,
  };
}
