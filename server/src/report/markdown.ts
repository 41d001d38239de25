/**
 * Markdown rendering of the compliance report (GitHub-flavoured: tables, no raw HTML). Headings per
 * framework, a summary table, then a section per control that is violated, waived or passing;
 * controls that are not assessed or not assessable are condensed into lists.
 */
import {
  ASSESSABILITY_LABEL,
  controlList,
  DETAILED_STATUSES,
  displayDate,
  location,
  plural,
  SEVERITIES_DESC,
  SEVERITY_LABEL,
  STATUS_LABEL,
  STATUS_SYMBOL,
} from './format';
import type { ComplianceReport, ReportControl, ReportFramework } from './report';

/** Evidence entries listed per control; the rest is counted. */
const MAX_EVIDENCE = 20;

/** Escapes text so that Markdown shows it literally (no emphasis, links, HTML or table breaks). */
export function mdText(text: string): string {
  return text
    .replace(/\r?\n/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/[\\`*_[\]<>|#!~]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : `\\${c}`));
}

/** A code span that holds any text, pipes escaped for tables. */
export function mdCode(text: string): string {
  const clean = text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(clean.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = clean.startsWith('`') || clean.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${clean}${pad}${fence}`;
}

/** Items grouped by rule id, groups in the order of their first item. */
function byRule<T extends { ruleId: string }>(items: readonly T[]): Array<[string, T[]]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const list = groups.get(item.ruleId) ?? [];
    list.push(item);
    groups.set(item.ruleId, list);
  }
  return [...groups];
}

function table(header: string[], rows: string[][]): string[] {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

function ruleRef(report: ComplianceReport, ruleId: string): string {
  const url = report.rules.find((r) => r.id === ruleId)?.docsUrl;
  // Only http(s) documentation links; characters that would end the link target are percent-encoded.
  if (!url || !/^https?:\/\//i.test(url)) return mdCode(ruleId);
  const target = url.replace(/[()<>\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return `[${mdCode(ruleId)}](${target})`;
}

function controlSection(report: ComplianceReport, control: ReportControl): string[] {
  const out: string[] = [];
  out.push(`#### ${STATUS_SYMBOL[control.status]} ${mdText(control.id)} ${mdText(control.title)} — ${STATUS_LABEL[control.status]}`, '');
  out.push(`*${ASSESSABILITY_LABEL[control.assessable]}.* ${mdText(control.assessableNote)}`, '');
  if (control.rationale.length > 0) {
    out.push('Why the rules evidence this control:', '');
    for (const r of control.rationale) out.push(`- ${mdText(r.text)} (${r.rules.map((id) => mdCode(id)).join(', ')})`);
    out.push('');
  }
  if (control.violations.length > 0) {
    const groups = byRule(control.violations);
    out.push(`**Violations: ${plural(control.violations.length, 'open finding')} of ${plural(groups.length, 'rule')}**`, '');
    out.push(
      ...table(
        ['Rule', 'Severity', 'Resources'],
        groups.map(([ruleId, items]) => [
          `${ruleRef(report, ruleId)} ${mdText(items[0].ruleTitle)}`,
          SEVERITY_LABEL[items[0].severity],
          items
            .map(
              (v) =>
                `${v.findingId} ${mdCode(v.address)} at ${mdCode(location(v.file, v.line))}` +
                (v.expiredWaiver ? ` (waiver expired ${mdText(v.expiredWaiver.expires ?? '')})` : ''),
            )
            .join('; '),
        ]),
      ),
      '',
    );
  }
  if (control.waivers.length > 0) {
    out.push(`**Waivers (${control.waivers.length})**`, '');
    out.push(
      ...table(
        ['Rule', 'Resource', 'Reason', 'Expires', 'Suppression'],
        control.waivers.map((w) => [
          ruleRef(report, w.ruleId),
          `${w.findingId} ${mdCode(w.address)} (${mdCode(location(w.file, w.line))})`,
          w.suppression.reason ? mdText(w.suppression.reason) : '*no reason given*',
          w.suppression.expires ? mdText(w.suppression.expires) : 'never',
          `${mdCode(location(w.suppression.file, w.suppression.line))} (${mdText(w.suppression.source)})`,
        ]),
      ),
      '',
    );
  }
  if (control.evidence.length > 0) {
    out.push(`**Evidence: ${plural(control.evidence.length, 'passing check')}**`, '');
    for (const [ruleId, items] of byRule(control.evidence.slice(0, MAX_EVIDENCE))) {
      out.push(`- ${mdCode(ruleId)}: ${items.map((e) => `${mdCode(e.address)} (${mdCode(location(e.file, e.line))})`).join(', ')}`);
    }
    if (control.evidence.length > MAX_EVIDENCE) out.push(`- … and ${control.evidence.length - MAX_EVIDENCE} more (see the JSON report)`);
    out.push('');
  }
  return out;
}

function frameworkSection(report: ComplianceReport, fw: ReportFramework): string[] {
  const out: string[] = [];
  out.push(`## ${mdText(fw.name)}`, '');
  out.push(`**${mdText(fw.summary)}**`, '');
  const c = fw.counts;
  out.push(
    `${plural(c.total, 'control')}: ${c.violated} violated, ${c.waived} waived, ${c.passing} passing, ${c.notAssessed} not assessed; ` +
      `${c.notAssessableFromIac} not assessable from IaC, ${c.noRule} without a rule yet. ` +
      `${plural(fw.openFindings, 'open finding')}, ${plural(fw.waivedFindings, 'waived finding')}.`,
    '',
  );

  const all = fw.groups.flatMap((g) => g.controls);
  const assessed = all.filter((ctl) => ctl.status !== 'not-assessable');
  if (assessed.length > 0) {
    out.push(
      ...table(
        ['Status', 'Control', 'Title', 'Open findings', 'Waived', 'Passing checks'],
        assessed.map((ctl) => [
          `${STATUS_SYMBOL[ctl.status]} ${STATUS_LABEL[ctl.status]}`,
          mdText(ctl.id),
          mdText(ctl.title),
          String(ctl.violations.length),
          String(ctl.waivers.length),
          String(ctl.evidence.length),
        ]),
      ),
      '',
    );
  }

  for (const group of fw.groups) {
    const detailed = group.controls.filter((ctl) => DETAILED_STATUSES.includes(ctl.status));
    if (detailed.length === 0) continue;
    out.push(`### ${mdText(group.id)} ${mdText(group.title)}`, '');
    for (const ctl of detailed) out.push(...controlSection(report, ctl));
  }

  const notAssessed = all.filter((ctl) => ctl.status === 'not-assessed');
  if (notAssessed.length > 0) {
    out.push('### Not assessed', '', 'Rules map to these controls, but no resource they look at was found.', '');
    for (const ctl of notAssessed) out.push(`- ${mdText(ctl.id)} ${mdText(ctl.title)} (${ctl.rules.map((r) => mdCode(r.ruleId)).join(', ')})`);
    out.push('');
  }
  const noRule = all.filter((ctl) => ctl.reason === 'no-rule');
  if (noRule.length > 0) {
    out.push('### No rule yet', '', 'Infrastructure code could show part of these, but no enabled rule checks them.', '');
    for (const ctl of noRule) out.push(`- ${mdText(ctl.id)} ${mdText(ctl.title)}`);
    out.push('');
  }
  const outOfScope = fw.groups.filter((g) => g.cannotAssess.length > 0);
  if (outOfScope.length > 0) {
    out.push('### What IaC cannot assess', '', 'People, physical and organisational controls: evidence comes from policies, records and interviews.', '');
    for (const g of outOfScope) out.push(`- **${mdText(g.id)} ${mdText(g.title)}** (${g.cannotAssess.length}): ${g.cannotAssess.map(mdText).join(', ')}`);
    out.push('');
  }
  return out;
}

function registerSection(report: ComplianceReport): string[] {
  if (report.findings.length === 0) return [];
  const out: string[] = ['## Findings register', '', 'Every finding once, most severe first. The control sections refer to these ids.', ''];
  const open = report.findings.filter((f) => f.status === 'open');
  const waived = report.findings.filter((f) => f.status === 'waived');
  if (open.length > 0) {
    out.push(`### Open findings (${open.length})`, '');
    out.push(
      ...table(
        ['Id', 'Severity', 'Resource', 'Location', 'Rule', 'Message', 'Controls'],
        open.map((f) => [
          f.id,
          SEVERITY_LABEL[f.severity],
          mdCode(f.address),
          mdCode(location(f.file, f.line)),
          ruleRef(report, f.ruleId),
          mdText(f.message) +
            (f.expiredWaiver ? ` (waiver expired ${mdText(f.expiredWaiver.expires ?? '')}: ${mdText(f.expiredWaiver.reason ?? 'no reason')})` : '') +
            (f.fix === 'safe' ? ' — safe fix available' : f.fix === 'suggestion' ? ' — suggested fix available' : ''),
          mdText(controlList(report, f.controls)),
        ]),
      ),
      '',
    );
  }
  if (waived.length > 0) {
    out.push(`### Waived findings (${waived.length})`, '');
    out.push(
      ...table(
        ['Id', 'Resource', 'Rule', 'Reason', 'Expires', 'Suppression'],
        waived.map((f) => [
          f.id,
          `${mdCode(f.address)} (${mdCode(location(f.file, f.line))})`,
          ruleRef(report, f.ruleId),
          f.suppression?.reason ? mdText(f.suppression.reason) : '*no reason given*',
          f.suppression?.expires ? mdText(f.suppression.expires) : 'never',
          f.suppression ? `${mdCode(location(f.suppression.file, f.suppression.line))} (${mdText(f.suppression.source)})` : '',
        ]),
      ),
      '',
    );
  }
  return out;
}

/** The report as Markdown (ends with a newline). */
export function renderReportMarkdown(report: ComplianceReport): string {
  const out: string[] = [];
  out.push(`# ${mdText(report.title)}`, '');
  out.push(
    `- **Root:** ${mdCode(report.root)}`,
    `- **Generated:** ${mdText(displayDate(report.generatedAt))}`,
    `- **Tool version:** TrustLint ${mdText(report.toolVersion)}`,
    `- **Frameworks:** ${report.frameworks.map((f) => mdText(f.name)).join('; ') || 'none'}`,
    '',
  );
  out.push(`> **Scope:** ${mdText(report.scope)}`, '');
  if (report.unknownFrameworks.length > 0) {
    out.push(`Unknown frameworks left out: ${report.unknownFrameworks.map(mdCode).join(', ')}.`, '');
  }

  const t = report.totals;
  out.push('## Summary', '');
  out.push(
    `${plural(t.resources, 'resource')} in ${plural(t.files, 'file')}, checked by ${plural(t.rulesRun, 'rule')}. ` +
      `${plural(t.openFindings, 'open finding')} (${SEVERITIES_DESC.map((s) => `${t.bySeverity[s]} ${s}`).join(', ')}), ` +
      `${t.waivedFindings} waived${t.expiredWaivers > 0 ? `, ${t.expiredWaivers} with an expired waiver` : ''}; ` +
      `${t.safeFixes} can be fixed automatically.`,
    '',
  );
  if (report.frameworks.length > 0) {
    out.push(
      ...table(
        ['Framework', 'Controls', 'Assessable', '✗ Violated', '⚑ Waived', '✓ Passing', '○ Not assessed', 'Not assessable'],
        report.frameworks.map((fw) => [
          mdText(fw.name),
          String(fw.counts.total),
          String(fw.counts.assessable),
          String(fw.counts.violated),
          String(fw.counts.waived),
          String(fw.counts.passing),
          String(fw.counts.notAssessed),
          String(fw.counts.notAssessable),
        ]),
      ),
      '',
    );
    for (const fw of report.frameworks) out.push(`- ${mdText(fw.summary)}`);
    out.push('');
  }

  out.push('## Prioritised fixes', '');
  if (report.priorities.top.length === 0) {
    out.push('No open findings.', '');
  } else {
    out.push(
      'Rules ranked by how many requirements fixing all of their findings would clear (no other rule violates them), ' +
        'then by requirements touched, severity and number of findings.',
      '',
    );
    out.push(
      ...table(
        ['#', 'Rule', 'Severity', 'Findings', 'Clears', 'Touches', 'Safe fixes'],
        report.priorities.top.map((r) => [
          String(r.rank),
          `${ruleRef(report, r.ruleId)} ${mdText(r.title)}`,
          SEVERITY_LABEL[r.severity],
          String(r.findings),
          r.controlsCleared.length > 0 ? `${r.score}: ${mdText(controlList(report, r.controlsCleared))}` : '0',
          String(r.controlsTouched.length),
          `${r.fixAvailable} of ${r.findings}`,
        ]),
      ),
      '',
    );
    if (report.priorities.total > report.priorities.top.length) {
      out.push(`${report.priorities.total - report.priorities.top.length} more rules with open findings are not listed.`, '');
    }
  }

  for (const fw of report.frameworks) out.push(...frameworkSection(report, fw));

  out.push(...registerSection(report));

  if (report.problems.length > 0) {
    out.push('## Analysis problems', '', 'Files with errors may be assessed only in part.', '');
    for (const p of report.problems) out.push(`- ${p.severity}: ${mdCode(location(p.file, p.line))} ${mdText(p.message)}`);
    out.push('');
  }
  out.push('---', '', `Generated by TrustLint ${mdText(report.toolVersion)}. ${mdText(report.scope)}`);
  return out.join('\n') + '\n';
}
