/** Labels and small helpers the Markdown and HTML renderers share, so both say the same words. */
import type { Assessability } from '../controls/types';
import type { Severity } from '../rules/types';
import type { ComplianceReport, ReportControlStatus, ReportFramework } from './report';

/** Symbols next to every status so that it survives black-and-white printing and colour blindness. */
export const STATUS_SYMBOL: Record<ReportControlStatus, string> = {
  violated: '✗',
  waived: '⚑',
  passing: '✓',
  'not-assessed': '○',
  'not-assessable': '–',
};

export const STATUS_LABEL: Record<ReportControlStatus, string> = {
  violated: 'Violated',
  waived: 'Waived',
  passing: 'Passing',
  'not-assessed': 'Not assessed',
  'not-assessable': 'Not assessable',
};

export const SEVERITY_LABEL: Record<Severity, string> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low' };

export const SEVERITIES_DESC: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

export const ASSESSABILITY_LABEL: Record<Assessability, string> = {
  iac: 'Assessable from IaC',
  partial: 'Partly assessable from IaC',
  no: 'Not assessable from IaC',
};

/** Statuses that get a detail section per control. */
export const DETAILED_STATUSES: readonly ReportControlStatus[] = ['violated', 'waived', 'passing'];

export function location(file: string, line: number): string {
  return `${file}:${line}`;
}

/** `ISO 27001 A.8.24`, or the bare id when the framework is not in the report. */
export function controlLabel(report: ComplianceReport, ref: { framework: string; id: string }): string {
  const fw = report.frameworks.find((f) => f.id === ref.framework);
  return fw ? `${fw.shortName} ${ref.id}` : ref.id;
}

/** Short tags grouped per framework: `ISO 27001 A.8.24, A.8.20 · SOC 2 CC6.1`. */
export function controlList(report: ComplianceReport, refs: ReadonlyArray<{ framework: string; id: string }>): string {
  const byFramework = new Map<string, string[]>();
  for (const ref of refs) {
    const ids = byFramework.get(ref.framework) ?? [];
    ids.push(ref.id);
    byFramework.set(ref.framework, ids);
  }
  return [...byFramework]
    .map(([framework, ids]) => `${report.frameworks.find((f) => f.id === framework)?.shortName ?? framework} ${ids.join(', ')}`)
    .join(' · ');
}

/** A fragment id made of `[a-z0-9-]` only (safe in attributes and URLs). */
export function anchor(...parts: string[]): string {
  return parts
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export function frameworkAnchor(fw: ReportFramework): string {
  return anchor('fw', fw.id);
}

export function controlAnchor(fw: ReportFramework, controlId: string): string {
  return anchor('ctl', fw.id, controlId);
}

/** `2024-05-01T09:30:00.000Z` -> `2024-05-01 09:30 UTC`; anything else is shown as given. */
export function displayDate(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?Z$/.exec(iso);
  return m ? `${m[1]} ${m[2]} UTC` : iso;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
