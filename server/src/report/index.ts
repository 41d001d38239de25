/**
 * The compliance report: what hosts (the CLI's `trustlint report`, the editor command) call.
 *
 * ```ts
 * const result = analyzeFiles(files, { policy });
 * const html = generateReport('html', {
 *   result, rules: enabledRules, frameworks: policy.frameworks,
 *   root: 'infra/', generatedAt: new Date().toISOString(), toolVersion: TRUSTLINT_VERSION,
 * });
 * ```
 */
import { buildComplianceReport, renderReportHtml, renderReportJson, renderReportMarkdown, type ComplianceReportInput } from './report';

export type ReportFormat = 'md' | 'html' | 'json';

export const REPORT_FORMATS: readonly ReportFormat[] = ['md', 'html', 'json'];

/** Builds the report for one analysis and renders it in one format. */
export function generateReport(format: ReportFormat, input: ComplianceReportInput): string {
  const report = buildComplianceReport(input);
  switch (format) {
    case 'md':
      return renderReportMarkdown(report);
    case 'html':
      return renderReportHtml(report);
    case 'json':
      return renderReportJson(report);
  }
}

export * from './report';
export { rankFindings, rankRules, hasSafeFix } from './prioritise';
export type { RankedFinding, RankedRule } from './prioritise';
export { escapeHtml } from './html';
export { mdCode, mdText } from './markdown';
