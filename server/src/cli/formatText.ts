/**
 * Human-readable report: findings and problems grouped by file, one line each
 * (`path:line:col  severity  rule-id  message`, 1-based), with `--prioritise` a table of the rules
 * ranked by the controls fixing them clears, then a summary line.
 */
import { formatControlsShort } from '../controls/mapping';
import type { Finding } from '../findings';
import type { RankedRule } from '../report/prioritise';
import type { ScanReport, ReportProblem } from './scan';
import { cmp, failingFindings, prioritisedRules } from './scan';
import type { ScanOptions } from './args';

const ANSI = {
  reset: '\u001b[0m',
  bold: '\u001b[1m',
  dim: '\u001b[2m',
  red: '\u001b[31m',
  yellow: '\u001b[33m',
  blue: '\u001b[34m',
  magenta: '\u001b[35m',
  cyan: '\u001b[36m',
  underline: '\u001b[4m',
};

type Paint = (code: keyof typeof ANSI, text: string) => string;

function painter(color: boolean): Paint {
  return (code, text) => (color ? `${ANSI[code]}${text}${ANSI.reset}` : text);
}

const SEVERITY_COLOR: Record<string, keyof typeof ANSI> = {
  critical: 'magenta',
  high: 'red',
  medium: 'yellow',
  low: 'blue',
  error: 'red',
  warning: 'yellow',
  info: 'blue',
  suppressed: 'dim',
};

function pos(r: { start: { line: number; character: number } }): string {
  return `${r.start.line + 1}:${r.start.character + 1}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function formatText(report: ScanReport, opts: ScanOptions, color: boolean): string {
  const paint = painter(color);
  type Row = { file: string; offset: number; order: number; text: string };
  const rows: Row[] = [];
  const width = Math.max(8, ...report.findings.map((f) => f.severity.length));
  const sev = (label: string, key: string) => paint(SEVERITY_COLOR[key] ?? 'reset', label.padEnd(width));

  const visible = report.findings.filter((f) => opts.includeSuppressed || !f.suppressed);
  for (const f of visible) rows.push({ file: f.file, offset: f.range.start.offset, order: 1, text: findingLine(f, sev, paint) });
  for (const p of report.problems) rows.push({ file: p.file, offset: p.range.start.offset, order: 0, text: problemLine(p, sev, paint) });
  rows.sort((a, b) => cmp(a.file, b.file) || a.offset - b.offset || a.order - b.order);

  const out: string[] = [];
  let current: string | undefined;
  for (const row of rows) {
    if (row.file !== current) {
      if (current !== undefined) out.push('');
      out.push(paint('underline', row.file));
      current = row.file;
    }
    out.push(`  ${row.text}`);
  }
  if (rows.length > 0) out.push('');
  if (opts.prioritise) out.push(...prioritisedTable(prioritisedRules(report), paint), '');

  const active = report.findings.filter((f) => !f.suppressed);
  const suppressed = report.findings.length - active.length;
  const counts = ['critical', 'high', 'medium', 'low'].map((s) => [s, active.filter((f) => f.severity === s).length] as const).filter(([, n]) => n > 0);
  const bySeverity = counts.length ? ` (${counts.map(([s, n]) => `${n} ${s}`).join(', ')})` : '';
  const errors = report.problems.filter((p) => p.severity === 'error').length;
  const summary =
    `${plural(report.filesAnalysed.length, 'file')} scanned, ${plural(report.resourceCount, 'resource')}: ` +
    `${plural(active.length, 'finding')}${bySeverity}, ${suppressed} suppressed` +
    (report.problems.length ? `, ${plural(report.problems.length, 'problem')}${errors ? ` (${errors} error${errors === 1 ? '' : 's'})` : ''}` : '');
  out.push(paint('bold', summary));
  const failing = failingFindings(report.findings, opts.failOn).length;
  if (opts.failOn !== 'none' && failing > 0) out.push(`${plural(failing, 'finding')} at or above '${opts.failOn}'`);
  if (report.filesAnalysed.length === 0) out.push('No Terraform files or CloudFormation templates found.');
  return `${out.join('\n')}\n`;
}

/**
 * `--prioritise`: one row per rule with open findings, best first.
 *
 * ```
 * Fixes that satisfy the most controls:
 *   #  rule                              severity  findings  clears  controls cleared
 *   1  aws-security-group-no-public-ssh  critical         1       3  ISO 27001 A.8.20, A.8.21 · SOC 2 CC6.6
 * ```
 */
export function prioritisedTable(ranked: readonly RankedRule[], paint: Paint = painter(false)): string[] {
  const title = paint('bold', 'Fixes that satisfy the most controls:');
  if (ranked.length === 0) return [title, '  none: no open findings'];
  const rankWidth = Math.max(1, String(ranked.length).length);
  const ruleWidth = Math.max(4, ...ranked.map((r) => r.ruleId.length));
  const sevWidth = 8;
  const header = `  ${'#'.padStart(rankWidth)}  ${'rule'.padEnd(ruleWidth)}  ${'severity'.padEnd(sevWidth)}  findings  clears  controls cleared`;
  const lines = [title, paint('dim', header)];
  for (const r of ranked) {
    const cleared =
      r.controlsCleared.length > 0
        ? formatControlsShort(r.controlsCleared, 6)
        : `— (its ${r.controlsTouched.length === 1 ? 'control stays' : `${r.controlsTouched.length} controls stay`} violated by other rules)`;
    lines.push(
      `  ${String(r.rank).padStart(rankWidth)}  ${paint('cyan', r.ruleId.padEnd(ruleWidth))}  ${paint(SEVERITY_COLOR[r.severity] ?? 'reset', r.severity.padEnd(sevWidth))}  ` +
        `${String(r.findings).padStart(8)}  ${String(r.score).padStart(6)}  ${cleared}`,
    );
  }
  return lines;
}

function findingLine(f: Finding, sev: (label: string, key: string) => string, paint: Paint): string {
  const loc = `${f.file}:${pos(f.range)}`;
  if (f.suppressed) {
    const reason = f.suppressed.reason?.trim();
    return `${loc}  ${sev('waived', 'suppressed')}  ${paint('dim', f.ruleId)}  ${paint('dim', `${f.message}${reason ? ` [suppressed: ${reason}]` : ' [suppressed]'}`)}`;
  }
  return `${loc}  ${sev(f.severity, f.severity)}  ${paint('cyan', f.ruleId)}  ${f.message}`;
}

function problemLine(p: ReportProblem, sev: (label: string, key: string) => string, paint: Paint): string {
  return `${p.file}:${pos(p.range)}  ${sev(p.severity, p.severity)}  ${paint('dim', p.code)}  ${p.message}`;
}
