/**
 * HTML rendering of the compliance report: one self-contained file (inline CSS, no scripts, no
 * fonts, images or other requests) that reads well on screen and prints on A4. Every status has a
 * symbol and a border as well as a colour, so nothing is lost in black and white or when a browser
 * drops backgrounds. Every string that comes from the analysed code, the catalogs or the caller is
 * escaped.
 */
import {
  anchor,
  ASSESSABILITY_LABEL,
  controlList,
  controlAnchor,
  controlLabel,
  DETAILED_STATUSES,
  displayDate,
  frameworkAnchor,
  location,
  plural,
  SEVERITIES_DESC,
  SEVERITY_LABEL,
  STATUS_LABEL,
  STATUS_SYMBOL,
} from './format';
import type { Severity } from '../rules/types';
import type { ComplianceReport, ReportControl, ReportControlStatus, ReportFramework, StatusCounts } from './report';
import type { RankedRule } from './prioritise';

/** Evidence rows shown per control; the rest is counted (the JSON report has all). */
const MAX_EVIDENCE = 25;

/** Escapes text for element content and double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const esc = escapeHtml;

/** Only http(s) documentation links become links; anything else (javascript:, data:) is shown as text. */
function safeUrl(url: string | undefined): string | undefined {
  return url && /^https?:\/\/[^\s"'<>]+$/i.test(url) ? url : undefined;
}

function badge(status: ReportControlStatus): string {
  return `<span class="badge st-${status}"><span class="sym" aria-hidden="true">${STATUS_SYMBOL[status]}</span> ${STATUS_LABEL[status]}</span>`;
}

function severityBadge(severity: Severity): string {
  return `<span class="sev sev-${severity}">${SEVERITY_LABEL[severity]}</span>`;
}

function ruleRef(report: ComplianceReport, ruleId: string): string {
  const url = safeUrl(report.rules.find((r) => r.id === ruleId)?.docsUrl);
  const code = `<code class="rule">${esc(ruleId)}</code>`;
  return url ? `<a href="${esc(url)}" rel="noopener">${code}</a>` : code;
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

function findingAnchor(findingId: string): string {
  return anchor('finding', findingId);
}

function findingRef(findingId: string): string {
  return `<a class="fid" href="#${findingAnchor(findingId)}">${esc(findingId)}</a>`;
}

function loc(file: string, line: number): string {
  return `<code class="loc">${esc(location(file, line))}</code>`;
}

function countsList(counts: StatusCounts, extraClass = ''): string {
  const item = (cls: string, label: string, value: string): string =>
    `<div class="count ${cls}"><dt>${label}</dt><dd>${value}</dd></div>`;
  return (
    `<dl class="counts${extraClass ? ` ${extraClass}` : ''}">` +
    item('c-assessable', 'Assessable', `${counts.assessable}<span class="of"> / ${counts.total}</span>`) +
    item('c-violated', `<span aria-hidden="true">${STATUS_SYMBOL.violated}</span> Violated`, String(counts.violated)) +
    item('c-waived', `<span aria-hidden="true">${STATUS_SYMBOL.waived}</span> Waived`, String(counts.waived)) +
    item('c-passing', `<span aria-hidden="true">${STATUS_SYMBOL.passing}</span> Passing`, String(counts.passing)) +
    `</dl>`
  );
}

/** A proportional bar of the assessable controls; the numbers next to it carry the same facts. */
function statusBar(counts: StatusCounts): string {
  const parts: Array<[ReportControlStatus, number]> = [
    ['violated', counts.violated],
    ['waived', counts.waived],
    ['passing', counts.passing],
    ['not-assessed', counts.notAssessed],
  ];
  const total = counts.assessable;
  const label =
    total === 0
      ? 'No assessable controls'
      : `Of ${total} assessable controls: ${counts.violated} violated, ${counts.waived} waived, ${counts.passing} passing, ${counts.notAssessed} not assessed`;
  const segments =
    total === 0
      ? ''
      : parts
          .filter(([, n]) => n > 0)
          .map(([status, n]) => `<span class="seg seg-${status}" style="width:${((n / total) * 100).toFixed(2)}%"></span>`)
          .join('');
  return `<div class="bar" role="img" aria-label="${esc(label)}">${segments}</div>`;
}

function cover(report: ComplianceReport): string {
  const frameworks =
    report.frameworks.length > 0 ? `<ul class="fw-names">${report.frameworks.map((f) => `<li>${esc(f.name)}</li>`).join('')}</ul>` : 'none';
  return `<header class="cover">
<p class="brand"><span class="logo" aria-hidden="true">◆</span> TrustLint</p>
<h1>${esc(report.title)}</h1>
<dl class="meta">
<div><dt>Root</dt><dd><code>${esc(report.root)}</code></dd></div>
<div><dt>Generated</dt><dd>${esc(displayDate(report.generatedAt))}</dd></div>
<div><dt>Tool version</dt><dd>TrustLint ${esc(report.toolVersion)}</dd></div>
<div class="wide"><dt>Frameworks</dt><dd>${frameworks}</dd></div>
</dl>
<p class="scope"><strong>Scope.</strong> ${esc(report.scope)}</p>
${
  report.unknownFrameworks.length > 0
    ? `<p class="note">Unknown frameworks left out: ${report.unknownFrameworks.map((id) => `<code>${esc(id)}</code>`).join(', ')}.</p>\n`
    : ''
}</header>`;
}

function summary(report: ComplianceReport): string {
  const t = report.totals;
  const severities = SEVERITIES_DESC.filter((s) => t.bySeverity[s] > 0)
    .map((s) => `<span class="sevc">${severityBadge(s)} ${t.bySeverity[s]}</span>`)
    .join(' ');
  const tiles = report.frameworks
    .map(
      (fw) => `<article class="tile">
<h3><a href="#${frameworkAnchor(fw)}">${esc(fw.name)}</a></h3>
<p class="tile-sub">${esc(fw.summary)}</p>
${countsList(fw.counts)}
${statusBar(fw.counts)}
<p class="tile-foot">${plural(fw.counts.notAssessableFromIac, 'control')} outside IaC scope · ${plural(fw.counts.noRule, 'control')} without a rule yet</p>
</article>`,
    )
    .join('\n');
  return `<section class="summary" aria-labelledby="summary-h">
<h2 id="summary-h">Summary</h2>
<ul class="figures">
<li><span class="fig">${t.resources}</span> <span class="fig-label">resources in ${plural(t.files, 'file')}, checked by ${plural(t.rulesRun, 'rule')}</span></li>
<li class="fig-open"><span class="fig">${t.openFindings}</span> <span class="fig-label">open findings${severities ? `<br>${severities}` : ''}</span></li>
<li><span class="fig">${t.waivedFindings}</span> <span class="fig-label">waived findings${t.expiredWaivers > 0 ? `<br>${plural(t.expiredWaivers, 'waiver')} expired` : ''}</span></li>
<li><span class="fig">${t.safeFixes}</span> <span class="fig-label">findings with a safe automatic fix</span></li>
</ul>
<div class="tiles">
${tiles}
</div>
<p class="legend">Status of each control: ${(['violated', 'waived', 'passing', 'not-assessed'] as const).map(badge).join(' ')}. A control is <em>violated</em> when an open finding of a mapped rule exists, <em>waived</em> when its only findings are accepted with a reason, <em>passing</em> when mapped rules found compliant resources, and <em>not assessed</em> when nothing they check was found.</p>
</section>`;
}

function priorities(report: ComplianceReport): string {
  const rows = report.priorities.top
    .map(
      (r: RankedRule) => `<tr>
<td class="num">${r.rank}</td>
<td>${ruleRef(report, r.ruleId)}<br><span class="muted">${esc(r.title)}</span></td>
<td>${severityBadge(r.severity)}</td>
<td class="num">${r.findings}</td>
<td><strong class="score${r.score === 0 ? ' score-0' : ''}">${r.score}</strong>${
        r.controlsCleared.length > 0
          ? ` <span class="tags">${r.controlsCleared.map((c) => `<span class="tag">${esc(controlLabel(report, c))}</span>`).join(' ')}</span>`
          : ''
      }</td>
<td class="num">${r.controlsTouched.length}</td>
<td class="num">${r.fixAvailable} / ${r.findings}</td>
</tr>`,
    )
    .join('\n');
  const more =
    report.priorities.total > report.priorities.top.length
      ? `<p class="muted">${plural(report.priorities.total - report.priorities.top.length, 'more rule')} with open findings not listed.</p>`
      : '';
  const body =
    report.priorities.top.length === 0
      ? '<p>No open findings.</p>'
      : `<table class="data prio">
<caption>Rules ranked by requirements cleared when all their findings are fixed</caption>
<thead><tr><th scope="col" class="num">#</th><th scope="col">Rule</th><th scope="col">Severity</th><th scope="col" class="num">Findings</th><th scope="col">Requirements cleared</th><th scope="col" class="num">Touched</th><th scope="col" class="num">Safe fixes</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
${more}`;
  return `<section class="priorities" aria-labelledby="prio-h">
<h2 id="prio-h">Prioritised fixes</h2>
<p class="lead">A requirement is <em>cleared</em> when fixing every finding of the rule leaves it without violations, because no other rule violates it. Ties are broken by the requirements the rule touches, then severity, then the number of findings.</p>
${body}
</section>`;
}

function controlTable(fw: ReportFramework, controls: ReportControl[]): string {
  const rows = controls
    .map((c) => {
      const detailed = DETAILED_STATUSES.includes(c.status);
      const id = detailed ? `<a href="#${controlAnchor(fw, c.id)}">${esc(c.id)}</a>` : esc(c.id);
      return `<tr class="row-${c.status}"><td>${badge(c.status)}</td><th scope="row">${id}</th><td>${esc(c.title)}</td><td class="num">${c.violations.length}</td><td class="num">${c.waivers.length}</td><td class="num">${c.evidence.length}</td></tr>`;
    })
    .join('\n');
  return `<table class="data controls">
<caption>Controls that rules assess (${controls.length})</caption>
<thead><tr><th scope="col">Status</th><th scope="col">Control</th><th scope="col">Title</th><th scope="col" class="num">Open findings</th><th scope="col" class="num">Waived</th><th scope="col" class="num">Passing checks</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
}

function controlDetail(report: ComplianceReport, fw: ReportFramework, c: ReportControl): string {
  const parts: string[] = [];
  parts.push(`<section class="control st-box-${c.status}" id="${controlAnchor(fw, c.id)}" aria-labelledby="${controlAnchor(fw, c.id)}-h">
<h4 id="${controlAnchor(fw, c.id)}-h">${badge(c.status)} <span class="cid">${esc(c.id)}</span> ${esc(c.title)}</h4>
<p class="assess"><span class="assess-tag as-${c.assessable}">${ASSESSABILITY_LABEL[c.assessable]}</span> ${esc(c.assessableNote)}</p>`);
  if (c.rationale.length > 0) {
    parts.push(`<div class="why"><h5>Why these checks evidence it</h5><ul>
${c.rationale.map((r) => `<li>${esc(r.text)} <span class="muted">(${r.rules.map((id) => esc(id)).join(', ')})</span></li>`).join('\n')}
</ul></div>`);
  }
  if (c.violations.length > 0) {
    const groups = byRule(c.violations);
    parts.push(`<h5>Violations: ${plural(c.violations.length, 'open finding')} of ${plural(groups.length, 'rule')}</h5>
<table class="data sub grouped">
<thead><tr><th scope="col">Rule</th><th scope="col">Severity</th><th scope="col">Resources</th></tr></thead>
<tbody>
${groups
  .map(
    ([ruleId, items]) =>
      `<tr><td>${ruleRef(report, ruleId)}<br><span class="muted">${esc(items[0].ruleTitle)}</span></td><td>${severityBadge(items[0].severity)}</td><td><ul class="res">${items
        .map((v) => {
          const notes: string[] = [];
          if (v.fix === 'safe') notes.push('<span class="fixnote">safe fix</span>');
          if (v.expiredWaiver) notes.push(`<span class="expired">waiver expired ${esc(v.expiredWaiver.expires ?? '')}</span>`);
          return `<li>${findingRef(v.findingId)} <code class="addr">${esc(v.address)}</code> ${loc(v.file, v.line)}${notes.length ? ` ${notes.join(' ')}` : ''}</li>`;
        })
        .join('')}</ul></td></tr>`,
  )
  .join('\n')}
</tbody>
</table>`);
  }
  if (c.waivers.length > 0) {
    parts.push(`<h5>Waivers (${c.waivers.length})</h5>
<table class="data sub waivers">
<thead><tr><th scope="col">Resource</th><th scope="col">Rule</th><th scope="col">Reason</th><th scope="col">Expires</th><th scope="col">Written at</th></tr></thead>
<tbody>
${c.waivers
  .map(
    (w) =>
      `<tr><td>${findingRef(w.findingId)} <code class="addr">${esc(w.address)}</code><br>${loc(w.file, w.line)}</td><td>${ruleRef(report, w.ruleId)} ${severityBadge(w.severity)}</td><td class="reason">${
        w.suppression.reason ? esc(w.suppression.reason) : '<em>No reason given</em>'
      }</td><td class="date">${w.suppression.expires ? esc(w.suppression.expires) : 'Never'}</td><td>${loc(w.suppression.file, w.suppression.line)}<br><span class="muted">${esc(w.suppression.source)}</span></td></tr>`,
  )
  .join('\n')}
</tbody>
</table>`);
  }
  if (c.evidence.length > 0) {
    const groups = byRule(c.evidence.slice(0, MAX_EVIDENCE));
    parts.push(`<h5>Evidence: ${plural(c.evidence.length, 'passing check')}</h5>
<table class="data sub grouped evidence">
<thead><tr><th scope="col">Rule</th><th scope="col">Compliant resources</th></tr></thead>
<tbody>
${groups
  .map(
    ([ruleId, items]) =>
      `<tr><td>${ruleRef(report, ruleId)}</td><td><ul class="res flow">${items
        .map((e) => `<li><span class="ok" aria-hidden="true">✓</span> <code class="addr">${esc(e.address)}</code> ${loc(e.file, e.line)}</li>`)
        .join('')}</ul></td></tr>`,
  )
  .join('\n')}
</tbody>
</table>${c.evidence.length > MAX_EVIDENCE ? `\n<p class="muted">and ${c.evidence.length - MAX_EVIDENCE} more (all are in the JSON report)</p>` : ''}`);
  }
  parts.push('</section>');
  return parts.join('\n');
}

function frameworkSection(report: ComplianceReport, fw: ReportFramework): string {
  const all = fw.groups.flatMap((g) => g.controls);
  const assessed = all.filter((c) => c.status !== 'not-assessable');
  const parts: string[] = [];
  const id = frameworkAnchor(fw);
  parts.push(`<section class="framework" id="${id}" aria-labelledby="${id}-h">
<h2 id="${id}-h">${esc(fw.name)}</h2>
<p class="fw-meta">${[fw.publisher, fw.version ? `version ${fw.version}` : ''].filter(Boolean).map((s) => esc(s ?? '')).join(' · ')}</p>
<p class="fw-summary">${esc(fw.summary)}</p>
<div class="fw-stats">${countsList(fw.counts, 'wide')}${statusBar(fw.counts)}
<p class="muted">${plural(fw.openFindings, 'open finding')} and ${plural(fw.waivedFindings, 'waived finding')} affect this framework.</p></div>`);

  if (assessed.length > 0) {
    parts.push(`<h3>Controls</h3>`, controlTable(fw, assessed));
  } else {
    parts.push(`<h3>Controls</h3>`, '<p>No enabled rule maps to this framework.</p>');
  }

  for (const group of fw.groups) {
    const detailed = group.controls.filter((c) => DETAILED_STATUSES.includes(c.status));
    if (detailed.length === 0) continue;
    parts.push(`<h3 class="group-h"><span class="gid">${esc(group.id)}</span> ${esc(group.title)}</h3>`);
    for (const c of detailed) parts.push(controlDetail(report, fw, c));
  }

  const notAssessed = all.filter((c) => c.status === 'not-assessed');
  const noRule = all.filter((c) => c.reason === 'no-rule');
  const outOfScope = fw.groups.filter((g) => g.cannotAssess.length > 0);
  if (notAssessed.length > 0 || noRule.length > 0 || outOfScope.length > 0) {
    parts.push('<div class="condensed">');
    if (notAssessed.length > 0) {
      parts.push(`<h3>Not assessed</h3>
<p class="muted">Rules map to these controls, but no resource they check was found.</p>
<ul class="compact">
${notAssessed.map((c) => `<li><span class="cid">${esc(c.id)}</span> ${esc(c.title)} <span class="muted">(${c.rules.map((r) => esc(r.ruleId)).join(', ')})</span></li>`).join('\n')}
</ul>`);
    }
    if (noRule.length > 0) {
      parts.push(`<h3>No rule yet</h3>
<p class="muted">Infrastructure code could show part of these, but no enabled rule checks them.</p>
<ul class="compact cols">
${noRule.map((c) => `<li><span class="cid">${esc(c.id)}</span> ${esc(c.title)}</li>`).join('\n')}
</ul>`);
    }
    if (outOfScope.length > 0) {
      const titles = new Map(all.map((c) => [c.id, c.title]));
      parts.push(`<h3>What IaC cannot assess</h3>
<p class="muted">People, physical and organisational controls: evidence for them comes from policies, records and interviews, not from infrastructure code.</p>
<dl class="oos">
${outOfScope
  .map(
    (g) =>
      `<div><dt>${esc(g.id)} ${esc(g.title)} <span class="muted">(${g.cannotAssess.length})</span></dt><dd>${g.cannotAssess
        .map((cid) => `<span title="${esc(titles.get(cid) ?? '')}">${esc(cid)}</span>`)
        .join(' · ')}</dd></div>`,
  )
  .join('\n')}
</dl>`);
    }
    parts.push('</div>');
  }
  parts.push('</section>');
  return parts.join('\n');
}

function registerSection(report: ComplianceReport): string {
  if (report.findings.length === 0) return '';
  const open = report.findings.filter((f) => f.status === 'open');
  const waived = report.findings.filter((f) => f.status === 'waived');
  const parts: string[] = [];
  parts.push(`<section class="register" id="findings" aria-labelledby="findings-h">
<h2 id="findings-h">Findings register</h2>
<p class="lead">Every finding once, most severe first. The control sections refer to these ids.</p>`);
  if (open.length > 0) {
    parts.push(`<table class="data sub register-table">
<caption>Open findings (${open.length})</caption>
<colgroup><col class="w-id"><col class="w-sev"><col class="w-res"><col class="w-msg"><col class="w-ctl"></colgroup>
<thead><tr><th scope="col">Id</th><th scope="col">Severity</th><th scope="col">Resource and location</th><th scope="col">Rule and message</th><th scope="col">Controls</th></tr></thead>
<tbody>
${open
  .map((f) => {
    const notes: string[] = [];
    if (f.fix === 'safe') notes.push('<span class="fixnote">Safe fix available</span>');
    else if (f.fix === 'suggestion') notes.push('<span class="fixnote">Suggested fix available</span>');
    if (f.viaModuleCall) notes.push(`<span class="muted">with the inputs of <code>${esc(f.viaModuleCall)}</code></span>`);
    if (f.expiredWaiver) {
      notes.push(
        `<span class="expired">Waiver expired ${esc(f.expiredWaiver.expires ?? '')}: ${esc(f.expiredWaiver.reason ?? 'no reason given')}</span>`,
      );
    }
    return `<tr id="${findingAnchor(f.id)}"><th scope="row" class="fid-cell">${esc(f.id)}</th><td>${severityBadge(f.severity)}</td><td><code class="addr">${esc(f.address)}</code><br><span class="muted">${esc(f.resourceType)}</span><br>${loc(f.file, f.line)}</td><td>${ruleRef(report, f.ruleId)}<br>${esc(f.message)}${notes.length ? `<br>${notes.join(' ')}` : ''}</td><td class="ctl-list">${esc(controlList(report, f.controls))}</td></tr>`;
  })
  .join('\n')}
</tbody>
</table>`);
  }
  if (waived.length > 0) {
    parts.push(`<table class="data sub waivers">
<caption>Waived findings (${waived.length})</caption>
<thead><tr><th scope="col">Id</th><th scope="col">Resource</th><th scope="col">Rule</th><th scope="col">Reason</th><th scope="col">Expires</th><th scope="col">Written at</th></tr></thead>
<tbody>
${waived
  .map(
    (f) =>
      `<tr id="${findingAnchor(f.id)}"><th scope="row" class="fid-cell">${esc(f.id)}</th><td><code class="addr">${esc(f.address)}</code><br>${loc(f.file, f.line)}</td><td>${ruleRef(report, f.ruleId)} ${severityBadge(f.severity)}<br><span class="ctl-list">${esc(controlList(report, f.controls))}</span></td><td class="reason">${
        f.suppression?.reason ? esc(f.suppression.reason) : '<em>No reason given</em>'
      }</td><td class="date">${f.suppression?.expires ? esc(f.suppression.expires) : 'Never'}</td><td>${f.suppression ? `${loc(f.suppression.file, f.suppression.line)}<br><span class="muted">${esc(f.suppression.source)}</span>` : ''}</td></tr>`,
  )
  .join('\n')}
</tbody>
</table>`);
  }
  parts.push('</section>');
  return parts.join('\n');
}

function problemsSection(report: ComplianceReport): string {
  if (report.problems.length === 0) return '';
  return `<section class="problems" aria-labelledby="problems-h">
<h2 id="problems-h">Analysis problems</h2>
<p>Files with errors may be assessed only in part.</p>
<table class="data sub">
<thead><tr><th scope="col">Severity</th><th scope="col">Location</th><th scope="col">Message</th></tr></thead>
<tbody>
${report.problems.map((p) => `<tr><td>${p.severity === 'error' ? 'Error' : 'Warning'}</td><td>${loc(p.file, p.line)}</td><td>${esc(p.message)}</td></tr>`).join('\n')}
</tbody>
</table>
</section>`;
}

function toc(report: ComplianceReport): string {
  const items = [
    '<li><a href="#summary-h">Summary</a></li>',
    '<li><a href="#prio-h">Prioritised fixes</a></li>',
    ...report.frameworks.map((fw) => `<li><a href="#${frameworkAnchor(fw)}">${esc(fw.name)}</a></li>`),
    ...(report.findings.length > 0 ? ['<li><a href="#findings-h">Findings register</a></li>'] : []),
    ...(report.problems.length > 0 ? ['<li><a href="#problems-h">Analysis problems</a></li>'] : []),
  ];
  return `<nav class="toc" aria-label="Contents"><h2 class="toc-h">Contents</h2><ol>${items.join('')}</ol></nav>`;
}

const CSS = `
:root{--ink:#1b2430;--muted:#55606e;--line:#d3d9e1;--soft:#f4f6f9;--accent:#1f4e8c;
--v-fg:#a8231b;--v-bg:#fdecea;--v-bd:#d9534a;--w-fg:#7f4d00;--w-bg:#fff3da;--w-bd:#d99a2b;
--p-fg:#1c6535;--p-bg:#e5f4ea;--p-bd:#49a067;--n-fg:#414d5b;--n-bg:#eef1f5;--n-bd:#9aa6b4}
*{box-sizing:border-box;-webkit-print-color-adjust:exact;print-color-adjust:exact}
html{font-size:15px}
body{margin:0;color:var(--ink);background:#fff;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"DejaVu Sans",sans-serif;line-height:1.45}
.page{max-width:1120px;margin:0 auto;padding:32px 40px 48px}
h1,h2,h3,h4,h5{line-height:1.25;margin:0}
h2{font-size:1.5rem;margin:2.2rem 0 .8rem;padding-bottom:.35rem;border-bottom:2px solid var(--ink)}
h3{font-size:1.12rem;margin:1.6rem 0 .6rem}
h4{font-size:1rem;margin:0 0 .4rem;display:flex;flex-wrap:wrap;align-items:center;gap:.5rem}
h5{font-size:.82rem;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);margin:.9rem 0 .35rem}
p{margin:.4rem 0}
a{color:var(--accent)}
code{font-family:"DejaVu Sans Mono",ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.86em;overflow-wrap:anywhere}
.muted{color:var(--muted)}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.cover{border-bottom:1px solid var(--line);padding-bottom:1.2rem}
.brand{font-weight:700;letter-spacing:.08em;text-transform:uppercase;font-size:.8rem;color:var(--accent);margin:0 0 .3rem}
.logo{display:inline-block;margin-right:.2rem}
h1{font-size:2.1rem;margin:.1rem 0 1rem}
.meta{display:grid;grid-template-columns:repeat(3,minmax(0,auto));gap:.5rem 2.5rem;margin:0 0 1rem;justify-content:start}
.meta .wide{grid-column:1/-1}
.fw-names{margin:0;padding:0;list-style:none;display:flex;flex-wrap:wrap;gap:.2rem .5rem}
.fw-names li{border:1px solid var(--line);border-radius:3px;padding:0 .4rem;font-weight:600;font-size:.9rem;background:var(--soft)}
.meta dt{font-size:.75rem;text-transform:uppercase;letter-spacing:.05em;color:var(--muted)}
.meta dd{margin:.1rem 0 0;font-weight:600}
.scope{border:1px solid var(--accent);border-left-width:5px;background:#eef3fa;padding:.6rem .9rem;border-radius:4px;max-width:62rem}
.note{color:var(--w-fg)}
.toc{margin:1rem 0 0}
.toc-h{font-size:.75rem;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);border:0;margin:0 0 .2rem;padding:0}
.toc ol{margin:0;padding:0;list-style:none;display:flex;flex-wrap:wrap;gap:.3rem 1.2rem}
.toc li{counter-increment:toc}
.toc li::before{content:counter(toc) ". ";color:var(--muted)}
.figures{list-style:none;margin:0 0 1rem;padding:0;display:grid;grid-template-columns:repeat(4,1fr);gap:12px}
.figures li{border:1px solid var(--line);border-radius:6px;padding:.6rem .8rem;background:var(--soft);display:flex;gap:.6rem;align-items:center}
.fig{font-size:1.8rem;font-weight:700;font-variant-numeric:tabular-nums;line-height:1}
.fig-label{font-size:.85rem;color:var(--muted)}
.fig-open{border-color:var(--v-bd)!important}
.sevc{display:inline-block;white-space:nowrap;margin:.15rem .3rem 0 0;color:var(--ink)}
.tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:14px}
.tile{border:1px solid var(--line);border-top:4px solid var(--accent);border-radius:6px;padding:.8rem 1rem;break-inside:avoid}
.tile h3{margin:0 0 .2rem;font-size:1rem}
.tile h3 a{color:var(--ink);text-decoration:none}
.tile-sub{font-size:.82rem;color:var(--muted);margin:0 0 .6rem}
.tile-foot{font-size:.78rem;color:var(--muted);margin:.5rem 0 0}
.counts{display:grid;grid-template-columns:repeat(4,minmax(0,1fr));gap:6px;margin:0}
.counts .count{border:1px solid var(--line);border-radius:4px;padding:.3rem .3rem;text-align:center;min-width:0}
.counts dt{font-size:.72rem;font-weight:600;line-height:1.2}
.counts dd{margin:0;font-size:1.35rem;font-weight:700;font-variant-numeric:tabular-nums}
.counts .of{font-size:.8rem;font-weight:400;color:var(--muted)}
.c-violated{background:var(--v-bg);border-color:var(--v-bd)!important;color:var(--v-fg)}
.c-waived{background:var(--w-bg);border-color:var(--w-bd)!important;color:var(--w-fg)}
.c-passing{background:var(--p-bg);border-color:var(--p-bd)!important;color:var(--p-fg)}
.counts.wide{max-width:40rem}
.bar{display:flex;height:10px;border:1px solid var(--n-bd);border-radius:5px;overflow:hidden;margin:.6rem 0 0;background:#fff}
.fw-stats .bar{max-width:40rem}
.seg{display:block;height:100%}
.seg-violated{background:var(--v-bd)}.seg-waived{background:var(--w-bd)}.seg-passing{background:var(--p-bd)}.seg-not-assessed{background:repeating-linear-gradient(45deg,#c5cdd7 0 3px,#fff 3px 6px)}
.legend{font-size:.82rem;color:var(--muted);margin-top:1rem}
.badge{display:inline-block;white-space:nowrap;font-size:.75rem;font-weight:600;padding:.08rem .45rem;border-radius:3px;border:1px solid}
.st-violated{color:var(--v-fg);background:var(--v-bg);border-color:var(--v-bd)}
.st-waived{color:var(--w-fg);background:var(--w-bg);border-color:var(--w-bd)}
.st-passing{color:var(--p-fg);background:var(--p-bg);border-color:var(--p-bd)}
.st-not-assessed{color:var(--n-fg);background:var(--n-bg);border-color:var(--n-bd)}
.st-not-assessable{color:var(--n-fg);background:#fff;border-color:var(--n-bd);border-style:dashed}
.sev{display:inline-block;font-size:.72rem;font-weight:700;text-transform:uppercase;letter-spacing:.03em;padding:.05rem .4rem;border-radius:3px;border:1px solid;white-space:nowrap}
.sev-critical{color:#fff;background:#8c1d16;border-color:#8c1d16}
.sev-high{color:var(--v-fg);background:var(--v-bg);border-color:var(--v-bd)}
.sev-medium{color:var(--w-fg);background:var(--w-bg);border-color:var(--w-bd)}
.sev-low{color:#1f4e8c;background:#e8f0fb;border-color:#7da0cf}
table.data{width:100%;border-collapse:collapse;font-size:.86rem;margin:.4rem 0 .8rem}
table.data caption{text-align:left;font-size:.8rem;color:var(--muted);padding:0 0 .3rem}
table.data th,table.data td{border-bottom:1px solid var(--line);padding:.38rem .5rem;vertical-align:top;text-align:left}
table.data thead th{border-bottom:2px solid var(--ink);font-size:.75rem;text-transform:uppercase;letter-spacing:.03em;color:var(--muted);background:var(--soft)}
table.data tbody th{font-weight:600;white-space:nowrap}
table.data td.num,table.data th.num{text-align:right}
table.sub{font-size:.82rem}
table.prio td:nth-child(2){min-width:16rem}
.tags{display:inline}
.tag{display:inline-block;font-size:.72rem;border:1px solid var(--line);background:var(--soft);border-radius:3px;padding:0 .3rem;margin:.1rem 0;white-space:nowrap}
.score{font-size:1.05rem}
.lead{max-width:62rem}
.framework{margin-top:2.5rem}
.fw-meta{color:var(--muted);font-size:.85rem;margin-top:-.4rem}
.fw-summary{font-weight:600;font-size:1.05rem}
.group-h{border-bottom:1px solid var(--line);padding-bottom:.25rem}
.gid,.cid{font-family:"DejaVu Sans Mono",ui-monospace,Menlo,Consolas,monospace;font-size:.92em}
.control{border:1px solid var(--line);border-left:5px solid var(--n-bd);border-radius:4px;padding:.7rem .9rem .3rem;margin:.7rem 0}
.st-box-violated{border-left-color:var(--v-bd)}.st-box-waived{border-left-color:var(--w-bd)}.st-box-passing{border-left-color:var(--p-bd)}
.assess{font-size:.85rem}
.assess-tag{font-size:.72rem;font-weight:600;border:1px solid var(--n-bd);border-radius:3px;padding:0 .35rem;margin-right:.3rem;white-space:nowrap}
.as-iac{border-style:solid}.as-partial{border-style:dashed}
.why ul{margin:.2rem 0;padding-left:1.2rem;font-size:.86rem}
.fixnote{font-size:.75rem;color:var(--p-fg);border:1px solid var(--p-bd);border-radius:3px;padding:0 .3rem}
.expired{font-size:.78rem;color:var(--v-fg);font-weight:600}
.reason{max-width:22rem}
ul.res{list-style:none;margin:0;padding:0}
ul.res li{margin:.05rem 0}
ul.res.flow li{display:inline;margin:0 .9rem 0 0}
ul.res.flow li{display:inline-block;max-width:100%}
code.loc,.fixnote,.expired,.date{white-space:nowrap}
.fid{display:inline-block;min-width:2.4em;font-size:.72rem;font-weight:600;text-align:center;border:1px solid var(--line);border-radius:3px;padding:0 .25rem;text-decoration:none;color:var(--accent);background:var(--soft)}
.fid-cell{font-family:"DejaVu Sans Mono",ui-monospace,Menlo,Consolas,monospace;font-size:.8rem}
.ctl-list{font-size:.75rem;color:var(--muted)}
.score-0{color:var(--muted);font-weight:400}
table.grouped td:first-child{width:34%}
table.register-table{table-layout:fixed}
.w-id{width:4.5%}.w-sev{width:10%}.w-res{width:27%}.w-msg{width:33.5%}.w-ctl{width:25%}
table.register-table code.loc{white-space:normal}
table.evidence td:first-child{width:34%}
.ok{color:var(--p-fg);font-weight:700}
.condensed h3{font-size:1rem}
ul.compact{margin:.2rem 0;padding-left:1.2rem;font-size:.86rem}
ul.cols{columns:2;column-gap:2rem}
ul.cols li{break-inside:avoid}
.oos{margin:.3rem 0;font-size:.84rem}
.oos div{display:grid;grid-template-columns:16rem 1fr;gap:1rem;border-bottom:1px solid var(--line);padding:.3rem 0}
.oos dt{font-weight:600}
.oos dd{margin:0;font-family:"DejaVu Sans Mono",ui-monospace,Menlo,Consolas,monospace;font-size:.92em;color:var(--muted)}
footer{margin-top:3rem;border-top:1px solid var(--line);padding-top:.8rem;font-size:.8rem;color:var(--muted)}
@page{size:A4;margin:16mm 14mm 18mm}
@media print{
html{font-size:9.5pt}
.page{max-width:none;padding:0}
.framework,.register{break-before:page;margin-top:0}
.register>h2:first-child{margin-top:0}
.framework>h2:first-child{margin-top:0}
.toc{display:none}
a{color:inherit;text-decoration:none}
.tile,.figures li,.control h4,.why,tr,.oos div{break-inside:avoid}
h2,h3,h4,h5{break-after:avoid}
thead{display:table-header-group}
.figures{grid-template-columns:repeat(4,1fr)}
.tiles{grid-template-columns:repeat(2,1fr)}
}
@media screen and (max-width:760px){.page{padding:16px}.figures,.meta{grid-template-columns:1fr 1fr}.oos div{grid-template-columns:1fr}}
`;

/** The report as one self-contained HTML document. */
export function renderReportHtml(report: ComplianceReport): string {
  const body = [
    cover(report),
    toc(report),
    '<main>',
    summary(report),
    priorities(report),
    ...report.frameworks.map((fw) => frameworkSection(report, fw)),
    registerSection(report),
    problemsSection(report),
    '</main>',
    `<footer><p>Generated by TrustLint ${esc(report.toolVersion)} on ${esc(displayDate(report.generatedAt))} for <code>${esc(report.root)}</code>. ${esc(report.scope)}</p></footer>`,
  ]
    .filter((s) => s !== '')
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="TrustLint ${esc(report.toolVersion)}">
<title>${esc(report.title)} — ${esc(report.root)}</title>
<style>${CSS}</style>
</head>
<body>
<div class="page">
${body}
</div>
</body>
</html>
`;
}
