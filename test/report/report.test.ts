import * as assert from 'node:assert/strict';
import { generateReport } from '../../server/src/report';
import {
  buildComplianceReport,
  renderReportHtml,
  renderReportJson,
  renderReportMarkdown,
  REPORT_SCHEMA_VERSION,
  type ComplianceReport,
  type ComplianceReportInput,
  type ReportControl,
} from '../../server/src/report/report';
import { analysis, FRAMEWORKS, INDEX, RULES, XSS_REASON } from './fixtures';
import { tagBalanceProblems } from './htmlBalance';

const DOCS = 'https://docs.example.org/rules/';

function input(overrides: Partial<ComplianceReportInput> = {}): ComplianceReportInput {
  return {
    result: analysis(),
    rules: RULES,
    frameworks: [...FRAMEWORKS, 'no-such-framework'],
    root: 'infra/<prod>',
    generatedAt: '2025-03-04T05:06:07.000Z',
    toolVersion: '1.2.3',
    index: INDEX,
    ruleDocsUrl: (id) => `${DOCS}${id}`,
    ...overrides,
  };
}

function control(report: ComplianceReport, framework: string, id: string): ReportControl {
  const found = report.frameworks.find((f) => f.id === framework)?.groups.flatMap((g) => g.controls).find((c) => c.id === id);
  assert.ok(found, `${framework} ${id}`);
  return found;
}

describe('report: model', () => {
  const report = buildComplianceReport(input());

  it('describes the run and its scope', () => {
    assert.equal(report.schemaVersion, REPORT_SCHEMA_VERSION);
    assert.equal(report.title, 'TrustLint compliance report');
    assert.match(report.scope, /infrastructure code only; organisational, people and physical controls are out of scope/);
    assert.equal(report.root, 'infra/<prod>');
    assert.deepEqual(report.unknownFrameworks, ['no-such-framework']);
    assert.deepEqual(
      report.frameworks.map((f) => f.id),
      ['fw-a', 'fw-b'],
    );
  });

  it('gives each control a status, with waived apart from passing', () => {
    const statuses = report.frameworks[0].groups.flatMap((g) => g.controls).map((c) => `${c.id}:${c.status}${c.reason ? `/${c.reason}` : ''}`);
    assert.deepEqual(statuses, [
      'C1:violated',
      'C2:violated',
      'C3:violated',
      'C4:waived',
      'C5:violated',
      'C6:violated',
      'C7:passing',
      'C8:not-assessed',
      'C9:not-assessable/no-rule',
      'O1:not-assessable/not-assessable-from-iac',
      'O2:not-assessable/not-assessable-from-iac',
    ]);
    assert.equal(control(report, 'fw-a', 'C4').coverageStatus, 'passing');
  });

  it('counts per framework and group, disjointly', () => {
    const a = report.frameworks[0];
    assert.deepEqual(a.counts, {
      total: 11,
      assessable: 8,
      violated: 5,
      waived: 1,
      passing: 1,
      notAssessed: 1,
      notAssessable: 3,
      noRule: 1,
      notAssessableFromIac: 2,
    });
    assert.equal(a.summary, 'Annex: 8 of 11 assessable, 5 violated, 2 passing, 1 not assessed');
    assert.deepEqual(
      a.groups.map((g) => [g.id, g.counts.total, g.cannotAssess]),
      [
        ['G1', 9, []],
        ['G2', 2, ['O1', 'O2']],
      ],
    );
    assert.equal(a.openFindings, 4);
    assert.equal(a.waivedFindings, 1);
  });

  it('lists violations, waivers, evidence and rationale per control', () => {
    const c1 = control(report, 'fw-a', 'C1');
    assert.deepEqual(
      c1.violations.map((v) => [v.ruleId, v.file, v.line, v.address, v.fix]),
      [
        ['enc', 'a.tf', 3, 'aws_s3_bucket.a', 'safe'],
        ['enc', 'b.tf', 10, 'aws_s3_bucket.b', 'suggestion'],
      ],
    );
    // The engine's list of controls is not repeated in a control's own section.
    assert.equal(c1.violations[0].message, 'Rule enc fails at aws_s3_bucket.a');
    assert.deepEqual(c1.evidence, [{ ruleId: 'enc', file: 'c.tf', line: 2, address: 'aws_s3_bucket.c' }]);
    assert.deepEqual(c1.rationale, [{ text: 'Encrypted storage protects data.', rules: ['enc'] }]);
    // One rationale line shared by two rules.
    assert.deepEqual(control(report, 'fw-a', 'C2').rationale, [{ text: 'Encryption is cryptography.', rules: ['enc', 'log'] }]);

    const c4 = control(report, 'fw-a', 'C4');
    assert.deepEqual(c4.violations, []);
    assert.equal(c4.waivers.length, 1);
    assert.deepEqual(c4.waivers[0].suppression, { reason: XSS_REASON, expires: '2099-01-01', source: 'trustlint', file: 'a.tf', line: 29 });
    assert.equal(c4.waivers[0].line, 30);
    assert.deepEqual(c4.rules, [{ ruleId: 'bak', title: 'Rule bak holds', openFindings: 0, waivedFindings: 1, passes: 1 }]);
    assert.equal(c4.assessableNote, 'IaC shows backup.');

    const log = control(report, 'fw-a', 'C3').violations[0];
    assert.deepEqual(log.expiredWaiver, { reason: 'old exception', expires: '2020-01-01', source: 'trustlint', file: 'a.tf', line: 19 });

    // Passes count distinct resources.
    assert.equal(control(report, 'fw-a', 'C7').evidence.length, 1);
  });

  it('keeps a register of every finding once, open first, most severe first', () => {
    assert.deepEqual(
      report.findings.map((f) => [f.id, f.status, f.ruleId, f.severity]),
      [
        ['F1', 'open', 'net', 'critical'],
        ['F2', 'open', 'enc', 'high'],
        ['F3', 'open', 'enc', 'high'],
        ['F4', 'open', 'log', 'medium'],
        ['F5', 'open', 'kms', 'low'],
        ['F6', 'waived', 'bak', 'low'],
      ],
    );
    assert.deepEqual(report.findings[1].controls, [
      { framework: 'fw-a', id: 'C1' },
      { framework: 'fw-a', id: 'C2' },
      { framework: 'fw-b', id: 'X1' },
    ]);
    assert.equal(control(report, 'fw-a', 'C1').violations[0].findingId, 'F2');
    assert.equal(control(report, 'fw-a', 'C4').waivers[0].findingId, 'F6');
  });

  it('sums totals and keeps the top of the ranking', () => {
    assert.deepEqual(report.totals.bySeverity, { critical: 1, high: 2, medium: 1, low: 1 });
    assert.equal(report.totals.openFindings, 5);
    assert.equal(report.totals.waivedFindings, 1);
    assert.equal(report.totals.expiredWaivers, 1);
    assert.equal(report.totals.safeFixes, 1);
    assert.equal(report.totals.rulesRun, 7);
    assert.deepEqual(report.totals.problems, { errors: 1, warnings: 0 });
    assert.deepEqual(report.priorities.top.map((r) => r.ruleId), ['kms', 'enc', 'net', 'log']);
    assert.equal(report.priorities.total, 4);
    const two = buildComplianceReport(input({ topPriorities: 2 }));
    assert.deepEqual(two.priorities.top.map((r) => r.ruleId), ['kms', 'enc']);
    assert.equal(two.priorities.total, 4);
  });
});

describe('report: JSON', () => {
  const json = renderReportJson(buildComplianceReport(input()));
  const parsed = JSON.parse(json) as Record<string, unknown>;

  it('has a stable, documented shape', () => {
    assert.deepEqual(Object.keys(parsed), [
      'schemaVersion',
      'title',
      'scope',
      'root',
      'generatedAt',
      'toolVersion',
      'unknownFrameworks',
      'totals',
      'priorities',
      'frameworks',
      'findings',
      'rules',
      'problems',
    ]);
    assert.equal(parsed.schemaVersion, 1);
    const fw = (parsed.frameworks as Array<Record<string, unknown>>)[0];
    assert.deepEqual(Object.keys(fw), ['id', 'name', 'shortName', 'version', 'summary', 'counts', 'openFindings', 'waivedFindings', 'groups']);
    const group = (fw.groups as Array<Record<string, unknown>>)[0];
    assert.deepEqual(Object.keys(group), ['id', 'title', 'counts', 'controls', 'cannotAssess']);
    const ctl = (group.controls as Array<Record<string, unknown>>)[0];
    assert.deepEqual(Object.keys(ctl), [
      'id',
      'title',
      'group',
      'status',
      'coverageStatus',
      'assessable',
      'assessableNote',
      'rules',
      'rationale',
      'violations',
      'waivers',
      'evidence',
    ]);
    assert.deepEqual(Object.keys((ctl.violations as object[])[0]), [
      'findingId',
      'ruleId',
      'ruleTitle',
      'severity',
      'file',
      'line',
      'column',
      'resourceType',
      'address',
      'message',
      'fix',
    ]);
    const top = (parsed.priorities as { top: Array<Record<string, unknown>> }).top[0];
    assert.deepEqual(Object.keys(top), ['rank', 'ruleId', 'title', 'severity', 'findings', 'controlsTouched', 'controlsCleared', 'score', 'fixAvailable']);
    assert.deepEqual((parsed.rules as Array<Record<string, unknown>>)[0], { id: 'bak', title: 'Rule bak holds', severity: 'low', docsUrl: `${DOCS}bak` });
  });

  it('is deterministic and ends with a newline', () => {
    assert.equal(renderReportJson(buildComplianceReport(input())), json);
    assert.ok(json.endsWith('}\n'));
    assert.equal(generateReport('json', input()), json);
  });
});

describe('report: Markdown', () => {
  const md = renderReportMarkdown(buildComplianceReport(input()));

  it('has the title, run facts, scope and a summary line per framework', () => {
    assert.ok(md.startsWith('# TrustLint compliance report\n'));
    assert.ok(md.includes('`infra/<prod>`'));
    assert.ok(md.includes('2025-03-04 05:06 UTC'));
    assert.ok(md.includes('TrustLint 1.2.3'));
    assert.ok(md.includes('Evidence from infrastructure code only; organisational, people and physical controls are out of scope of this report.'));
    assert.ok(md.includes('Annex: 8 of 11 assessable, 5 violated, 2 passing, 1 not assessed'));
    assert.ok(md.includes('FB: 2 of 3 assessable, 2 violated, 0 passing'));
    assert.ok(md.includes('## Framework A') && md.includes('## Framework B'));
  });

  it('shows the waiver with its reason, escaped, and where it is written', () => {
    assert.ok(md.includes('&lt;script&gt;alert("x")&lt;/script&gt; &amp; rebuilt nightly'));
    assert.ok(!md.includes('<script>'));
    assert.ok(md.includes('`a.tf:29`'));
    assert.ok(md.includes('2099-01-01'));
  });

  it('has sections only for violated, waived and passing controls; the rest condensed', () => {
    const headings = md.split('\n').filter((l) => l.startsWith('#### ')).map((l) => l.split(' ')[2]);
    assert.deepEqual(headings, ['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'X1', 'X2']);
    assert.ok(md.includes('### Not assessed\n'));
    assert.ok(md.includes('- C8 Redundancy (`dr`)'));
    assert.ok(md.includes('### What IaC cannot assess'));
    assert.ok(md.includes('- **G2 Organisational** (2): O1, O2'));
    assert.ok(md.includes('- C9 Capacity'));
  });

  it('ranks fixes and links rule docs', () => {
    assert.ok(md.includes(`| 1 | [\`kms\`](${DOCS}kms) Rule kms holds | Low | 1 | 2: FA C5, C6 | 2 | 0 of 1 |`));
    const odd = renderReportMarkdown(buildComplianceReport(input({ ruleDocsUrl: (id) => (id === 'kms' ? 'javascript:alert(1)' : `${DOCS}a (b)/${id}`) })));
    assert.ok(!odd.includes('javascript:'));
    assert.ok(odd.includes(`](${DOCS}a%20%28b%29/enc)`));
  });
});

describe('report: HTML', () => {
  const html = renderReportHtml(buildComplianceReport(input()));

  it('is balanced for its whole structure', () => {
    assert.deepEqual(tagBalanceProblems(html), []);
    assert.ok(html.startsWith('<!DOCTYPE html>\n<html lang="en">'));
    for (const tag of ['<head>', '</head>', '<body>', '</body>', '<main>', '</main>', '<footer>', '<title>']) assert.ok(html.includes(tag), tag);
  });

  it('escapes every user-derived string', () => {
    assert.ok(!/<script/i.test(html), 'no script element');
    assert.ok(!html.includes('<img'), 'no injected element');
    assert.ok(html.includes('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; rebuilt nightly'));
    assert.ok(html.includes('aws_security_group.&#60;img src=x onerror=alert(1)&#62;'));
    assert.ok(html.includes('infra/&#60;prod&#62;'));
  });

  it('loads nothing: no scripts, external resources or URLs other than documentation links', () => {
    assert.ok(!/\ssrc\s*=/i.test(html.replace(/&#60;img src=x/g, '')), 'no src attributes');
    assert.ok(!/url\(|@import|<link/i.test(html), 'no CSS loads');
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
    assert.ok(hrefs.length > 0);
    for (const href of hrefs) assert.ok(href.startsWith('#') || href.startsWith(DOCS), href);
    // Internal links land on ids that exist.
    for (const href of hrefs.filter((h) => h.startsWith('#'))) assert.ok(html.includes(`id="${href.slice(1)}"`), href);
  });

  it('has the title, scope, tiles, the prioritised fixes and a section per framework', () => {
    assert.ok(html.includes('<h1>TrustLint compliance report</h1>'));
    assert.ok(html.includes('Evidence from infrastructure code only; organisational, people and physical controls are out of scope of this report.'));
    assert.equal((html.match(/<article class="tile">/g) ?? []).length, 2);
    assert.ok(html.includes('<h2 id="prio-h">Prioritised fixes</h2>'));
    assert.ok(html.includes('<section class="framework" id="fw-fw-a"'));
    assert.ok(html.includes('<section class="framework" id="fw-fw-b"'));
    // Tables have header cells, statuses carry a symbol next to the colour.
    assert.ok(html.includes('<th scope="col">Status</th>'));
    assert.ok(html.includes('<span class="badge st-waived"><span class="sym" aria-hidden="true">⚑</span> Waived</span>'));
    assert.ok(html.includes('@media print') && html.includes('break-before:page') && html.includes('size:A4'));
  });

  it('shows waivers with reason, expiry and the place of the suppression', () => {
    const waivers = html.slice(html.indexOf('<h5>Waivers (1)</h5>'));
    assert.ok(waivers.includes('<code class="loc">a.tf:29</code>'));
    assert.ok(waivers.includes('2099-01-01'));
    assert.ok(html.includes('Waiver expired 2020-01-01: old exception'));
  });

  it('turns only http(s) documentation URLs into links', () => {
    const bad = renderReportHtml(buildComplianceReport(input({ ruleDocsUrl: () => 'javascript:alert(1)' })));
    assert.ok(!bad.includes('javascript:'));
    assert.deepEqual(tagBalanceProblems(bad), []);
  });

  it('renders an empty analysis', () => {
    const empty = renderReportHtml(
      buildComplianceReport(input({ result: { findings: [], problems: [], resources: [], passes: [] }, frameworks: [] })),
    );
    assert.deepEqual(tagBalanceProblems(empty), []);
    assert.ok(empty.includes('No open findings.'));
  });
});

describe('report: tag balance checker', () => {
  it('finds unclosed, crossed and stray tags, and skips void elements and styles', () => {
    assert.deepEqual(tagBalanceProblems('<p>a<br>b<img src="x"></p><style>a<b{}</style>'), []);
    assert.deepEqual(tagBalanceProblems('<div><p></div>'), ['</div> at offset 8 closes <p>', '<p> never closed', '<div> never closed']);
    assert.ok(tagBalanceProblems('<div>').includes('<div> never closed'));
    assert.ok(tagBalanceProblems('</span>')[0].includes('closes <nothing>'));
  });
});
