/**
 * Human-readable report: findings and problems grouped by file, one line each
 * (`path:line:col  severity  rule-id  message`, 1-based), then a summary line.
 */
import type { Finding } from '../findings';
import type { ScanReport, ReportProblem } from './scan';
import { cmp, failingFindings } from './scan';
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
