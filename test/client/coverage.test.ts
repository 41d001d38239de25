/**
 * The coverage view's model (client/src/coverage/model.ts): tree building, the violated-only filter,
 * labels, descriptions, icons, waived findings and the quick-pick items. Runs without VS Code: the
 * model must not import `vscode` (checked below).
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  buildCoverageTree,
  controlFindingPicks,
  countsText,
  defaultDisplayPath,
  escapeMarkdown,
  frameworkPicks,
  prioritisedDetail,
  prioritisedPicks,
  REPORT_FORMAT_PICKS,
  viewMessage,
  walkNodes,
  type CoverageNode,
} from '../../client/src/coverage/model';
import type {
  CoverageControlInfo,
  CoverageFindingLocation,
  CoverageFrameworkInfo,
  CoverageResult,
  RankedRuleInfo,
} from '../../server/src/protocol';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const range = (line: number, character = 2) => ({ start: { line, character }, end: { line, character: character + 10 } });

const DB = 'file:///ws/infra/database.tf';
const BUCKET = 'file:///ws/infra/storage%20files/s3.tf';

const openRds: CoverageFindingLocation = {
  uri: DB,
  range: range(6),
  message: 'RDS storage is not encrypted',
  severity: 'high',
  address: 'aws_db_instance.main',
};
const waivedBucket: CoverageFindingLocation = {
  uri: BUCKET,
  range: range(0, 0),
  message: 'S3 bucket has no default encryption',
  severity: 'high',
  address: 'aws_s3_bucket.public_site',
  suppressed: { reason: 'public website, approved in RISK-12', expires: '2030-01-01' },
};

function control(partial: Partial<CoverageControlInfo> & Pick<CoverageControlInfo, 'id' | 'title' | 'status'>): CoverageControlInfo {
  return { assessable: 'iac', assessableNote: '', rationale: [], counts: { findings: 0, waived: 0, passes: 0 }, rules: [], ...partial };
}

const A_8_24 = control({
  id: 'A.8.24',
  title: 'Use of cryptography',
  status: 'violated',
  assessable: 'partial',
  assessableNote: 'IaC shows encryption settings; key handling is a process.',
  rationale: ['Encryption at rest is a cryptographic control (see *policy*).'],
  counts: { findings: 1, waived: 1, passes: 3 },
  rules: [
    { ruleId: 'aws-rds-storage-encrypted', title: 'RDS storage is encrypted', findings: [openRds], passes: 1 },
    { ruleId: 'aws-s3-bucket-encryption-configured', title: 'S3 bucket encrypts data at rest', findings: [waivedBucket], passes: 2 },
  ],
});
const A_8_13 = control({
  id: 'A.8.13',
  title: 'Information backup',
  status: 'passing',
  counts: { findings: 0, waived: 0, passes: 2 },
  rules: [{ ruleId: 'aws-rds-backup-retention-configured', title: 'RDS keeps automated backups', findings: [], passes: 2 }],
});
const A_8_15 = control({
  id: 'A.8.15',
  title: 'Logging',
  status: 'not-assessed',
  rules: [{ ruleId: 'aws-cloudtrail-multi-region-enabled', title: 'CloudTrail covers all regions', findings: [], passes: 0 }],
});
const A_8_9 = control({ id: 'A.8.9', title: 'Configuration management', status: 'not-assessable', reason: 'no-rule' });
const A_6_3 = control({ id: 'A.6.3', title: 'Information security awareness', status: 'not-assessable', reason: 'not-assessable-from-iac', assessable: 'no' });

const ISO: CoverageFrameworkInfo = {
  id: 'iso27001-2022',
  name: 'ISO/IEC 27001:2022 Annex A',
  shortName: 'ISO 27001',
  summary: 'Annex A: 3 of 5 assessable, 1 violated, 1 passing, 1 not assessed',
  counts: { total: 5, assessable: 3, violated: 1, passing: 1, notAssessed: 1, notAssessable: 2, noRule: 1, notAssessableFromIac: 1 },
  groups: [
    { id: 'A.6', title: 'People controls', controls: [A_6_3] },
    { id: 'A.8', title: 'Technological controls', controls: [A_8_9, A_8_13, A_8_15, A_8_24] },
  ],
};
const SOC2: CoverageFrameworkInfo = {
  id: 'soc2-2017',
  name: 'SOC 2 Trust Services Criteria',
  shortName: 'SOC 2',
  summary: 'Criteria: 1 of 1 assessable, 0 violated, 1 passing',
  counts: { total: 1, assessable: 1, violated: 0, passing: 1, notAssessed: 0, notAssessable: 0, noRule: 0, notAssessableFromIac: 0 },
  groups: [
    {
      id: 'A1',
      title: 'Additional criteria for availability',
      controls: [control({ id: 'A1.2', title: 'Recovery infrastructure', status: 'passing', counts: { findings: 0, waived: 0, passes: 2 } })],
    },
  ],
};

const RESULT: CoverageResult = {
  frameworks: [ISO, SOC2],
  available: [
    { id: 'iso27001-2022', name: 'ISO/IEC 27001:2022 Annex A', shortName: 'ISO 27001', enabled: true, defaultEnabled: true },
    { id: 'soc2-2017', name: 'SOC 2 Trust Services Criteria', shortName: 'SOC 2', enabled: true, defaultEnabled: true },
    { id: 'nis2-art21', name: 'NIS2 Article 21(2)', shortName: 'NIS2', enabled: false, defaultEnabled: false },
  ],
  analysisEnabled: true,
  files: 4,
};

function find(nodes: CoverageNode[], id: string): CoverageNode {
  for (const n of walkNodes(nodes)) if (n.id === id) return n;
  assert.fail(`no node ${id}`);
}

describe('coverage view model (client/src/coverage/model.ts)', function () {
  it('does not import vscode, so it runs outside the editor', function () {
    const source = readFileSync(path.join(repoRoot, 'client', 'src', 'coverage', 'model.ts'), 'utf8');
    assert.doesNotMatch(source, /from ['"]vscode['"]|require\(['"]vscode['"]\)/);
    assert.doesNotMatch(source, /from ['"]vscode-languageclient/);
  });

  it('builds framework → group → control → rule → finding, with the summary as the framework description', function () {
    const tree = buildCoverageTree(RESULT, { violatedOnly: false });
    assert.deepEqual(tree.map((n) => [n.kind, n.label, n.description]), [
      ['framework', 'ISO/IEC 27001:2022 Annex A', ISO.summary],
      ['framework', 'SOC 2 Trust Services Criteria', SOC2.summary],
    ]);
    const iso = tree[0];
    assert.equal(iso.collapsible, 'expanded');
    assert.deepEqual(iso.children.map((g) => [g.kind, g.label]), [
      ['group', 'A.6 People controls'],
      ['group', 'A.8 Technological controls'],
    ]);
    const a8 = iso.children[1];
    assert.equal(a8.description, '1 violated · 1 passing · 4 controls');
    assert.equal(a8.collapsible, 'collapsed', 'groups start collapsed so that every framework fits on screen');
    assert.equal(buildCoverageTree(RESULT, { violatedOnly: true })[0].children[0].collapsible, 'expanded', 'but not under the filter');
    assert.deepEqual(a8.children.map((c) => c.label), ['A.8.9 Configuration management', 'A.8.13 Information backup', 'A.8.15 Logging', 'A.8.24 Use of cryptography']);

    const crypto = find(tree, 'ctl:iso27001-2022:A.8.24');
    assert.equal(crypto.kind, 'control');
    assert.equal(crypto.control, A_8_24);
    assert.deepEqual(crypto.children.map((r) => [r.kind, r.label, r.description]), [
      ['rule', 'RDS storage is encrypted', 'aws-rds-storage-encrypted · 1 finding · 1 pass'],
      ['rule', 'S3 bucket encrypts data at rest', 'aws-s3-bucket-encryption-configured · 1 waived · 2 passes'],
    ]);
    const [finding] = crypto.children[0].children;
    assert.equal(finding.kind, 'finding');
    assert.equal(finding.label, 'infra/database.tf:7', '1-based line, last path segments');
    assert.equal(finding.description, 'aws_db_instance.main · high');
    assert.deepEqual(finding.location, { uri: DB, range: range(6) });
    assert.equal(finding.collapsible, 'none');
    assert.deepEqual(finding.icon, { id: 'error', color: 'problemsErrorIcon.foreground' });
  });

  it('labels, describes and iconifies controls by status', function () {
    const tree = buildCoverageTree(RESULT, { violatedOnly: false });
    const row = (id: string) => {
      const n = find(tree, `ctl:iso27001-2022:${id}`);
      return [n.description, n.icon?.id, n.contextValue, n.collapsible];
    };
    assert.deepEqual(row('A.8.24'), ['violated · 1 finding · 1 waived · 3 passes', 'error', 'control:violated:hasFindings', 'collapsed']);
    assert.deepEqual(row('A.8.13'), ['passing · 2 passes', 'pass', 'control:passing', 'collapsed']);
    assert.deepEqual(row('A.8.15'), ['not assessed · no matching resources', 'circle-outline', 'control:not-assessed', 'collapsed']);
    assert.deepEqual(row('A.8.9'), ['not assessable · no rule yet', 'dash', 'control:not-assessable', 'none']);
    assert.deepEqual(row('A.6.3'), ['not assessable from IaC', 'dash', 'control:not-assessable', 'none']);
    assert.equal(find(tree, 'ctl:iso27001-2022:A.8.24').icon?.color, 'problemsErrorIcon.foreground');
    assert.equal(find(tree, 'ctl:iso27001-2022:A.8.13').icon?.color, 'testing.iconPassed');
    assert.equal(find(tree, 'ctl:iso27001-2022:A.8.15').icon?.color, undefined);
  });

  it('gives controls a Markdown tooltip with status, assessability and rationale, escaped', function () {
    const tooltip = find(buildCoverageTree(RESULT, { violatedOnly: false }), 'ctl:iso27001-2022:A.8.24').tooltip ?? '';
    assert.match(tooltip, /\*\*ISO 27001 A\\\.8\\\.24\*\* Use of cryptography/);
    assert.match(tooltip, /\*\*Violated\*\*: 1 open finding, 1 waived, 3 passing resources\./);
    assert.match(tooltip, /\*Partly assessable from infrastructure code\.\* IaC shows encryption settings; key handling is a process\\\./);
    assert.match(tooltip, /- Encryption at rest is a cryptographic control \\\(see \\\*policy\\\*\\\)\\\./, 'rationale text is escaped');
    assert.match(tooltip, /\*\*Rules:\*\* `aws-rds-storage-encrypted`, `aws-s3-bucket-encryption-configured`/);
    const fromIac = find(buildCoverageTree(RESULT, { violatedOnly: false }), 'ctl:iso27001-2022:A.6.3').tooltip ?? '';
    assert.match(fromIac, /Not assessable from infrastructure code/);
  });

  it('shows waived findings with a shield and the reason', function () {
    const tree = buildCoverageTree(RESULT, { violatedOnly: false });
    const rule = find(tree, 'ctl:iso27001-2022:A.8.24/rule:aws-s3-bucket-encryption-configured');
    assert.equal(rule.icon?.id, 'pass', 'a rule whose only finding is waived does not violate');
    const [waived] = rule.children;
    assert.equal(waived.icon?.id, 'shield');
    assert.equal(waived.contextValue, 'finding:waived');
    assert.equal(waived.label, 'storage files/s3.tf:1', 'URI-decoded');
    assert.equal(waived.description, 'waived: public website, approved in RISK-12 (until 2030-01-01)');
    assert.match(waived.tooltip ?? '', /\*\*Waived\*\*: public website, approved in RISK\\-12 \(until 2030\\-01\\-01\)/);

    const noReason = buildCoverageTree(
      { ...RESULT, frameworks: [{ ...ISO, groups: [{ id: 'A.8', title: 'T', controls: [{ ...A_8_24, rules: [{ ...A_8_24.rules[1], findings: [{ ...waivedBucket, suppressed: { reason: '' } }] }] }] }] }] },
      { violatedOnly: false },
    );
    const [f] = find(noReason, 'ctl:iso27001-2022:A.8.24/rule:aws-s3-bucket-encryption-configured').children;
    assert.equal(f.description, 'waived: no reason given');
  });

  it('filters to violated controls, keeping frameworks and saying when one has none', function () {
    const tree = buildCoverageTree(RESULT, { violatedOnly: true });
    assert.equal(tree.length, 2, 'every framework stays');
    const iso = tree[0];
    assert.deepEqual(iso.children.map((g) => g.label), ['A.8 Technological controls']);
    assert.deepEqual(iso.children[0].children.map((c) => c.label), ['A.8.24 Use of cryptography']);
    assert.equal(iso.children[0].description, '1 violated · 1 passing · 4 controls', 'group counts describe the whole group');
    const soc2 = tree[1];
    assert.deepEqual(soc2.children.map((n) => [n.kind, n.label]), [['message', 'No violated controls']]);
    const controls = [...walkNodes(tree)].filter((n) => n.kind === 'control');
    assert.ok(controls.every((c) => c.control?.status === 'violated'));
  });

  it('keeps node ids unique and stable across rebuilds and filters', function () {
    const a = [...walkNodes(buildCoverageTree(RESULT, { violatedOnly: false }))].map((n) => n.id);
    const b = [...walkNodes(buildCoverageTree(structuredClone(RESULT), { violatedOnly: false }))].map((n) => n.id);
    assert.equal(new Set(a).size, a.length, 'unique');
    assert.deepEqual(a, b, 'stable');
    const filtered = [...walkNodes(buildCoverageTree(RESULT, { violatedOnly: true }))].filter((n) => n.kind !== 'message');
    for (const n of filtered) {
      // Groups change id under the filter so that they open although collapsed before.
      if (n.kind === 'group') assert.ok(n.id.endsWith(':violated') && !a.includes(n.id), n.id);
      else assert.ok(a.includes(n.id), `${n.id} keeps its id under the filter`);
    }
  });

  it('uses the display path it is given for findings', function () {
    const tree = buildCoverageTree(RESULT, { violatedOnly: false, displayPath: (uri) => `<${uri.length}>` });
    assert.equal(find(tree, 'ctl:iso27001-2022:A.8.24/rule:aws-rds-storage-encrypted').children[0].label, `<${DB.length}>:7`);
    assert.equal(defaultDisplayPath('file:///c%3A/work/infra/main.tf'), 'infra/main.tf');
  });

  it('handles no answer yet, analysis switched off and an empty workspace', function () {
    assert.deepEqual(buildCoverageTree(undefined, { violatedOnly: false }), []);
    assert.equal(viewMessage(undefined, { violatedOnly: false }), 'Waiting for the TrustLint language server…');
    const off: CoverageResult = { ...RESULT, frameworks: [], analysisEnabled: false, files: 0 };
    assert.deepEqual(buildCoverageTree(off, { violatedOnly: false }).map((n) => [n.kind, n.label]), [['message', 'TrustLint is switched off (trustlint.enable)']]);
    assert.equal(viewMessage(RESULT, { violatedOnly: false }), undefined);
    assert.equal(viewMessage(RESULT, { violatedOnly: true }), 'Showing violated controls only.');
    assert.match(viewMessage({ ...RESULT, files: 0 }, { violatedOnly: false }) ?? '', /No Terraform files or CloudFormation templates/);
  });

  it('lists a control\'s findings for the quick pick: open first, waived with their reason', function () {
    const picks = controlFindingPicks(A_8_24);
    assert.deepEqual(
      picks.map((p) => [p.label, p.description]),
      [
        ['$(error) infra/database.tf:7', 'aws-rds-storage-encrypted · high'],
        ['$(shield) storage files/s3.tf:1', 'aws-s3-bucket-encryption-configured · waived: public website, approved in RISK-12 (until 2030-01-01)'],
      ],
    );
    assert.deepEqual(picks[0].location, { uri: DB, range: range(6) });
    assert.equal(picks[0].detail, 'RDS storage is not encrypted');
    assert.deepEqual(controlFindingPicks(A_8_13), []);
  });

  it('describes ranked rules as "clears N controls across M frameworks · K findings"', function () {
    const rule: RankedRuleInfo = {
      rank: 1,
      ruleId: 'aws-rds-storage-encrypted',
      title: 'RDS storage is encrypted',
      severity: 'high',
      findings: 4,
      fixAvailable: 0,
      score: 3,
      controlsCleared: [
        { framework: 'iso27001-2022', id: 'A.8.24', title: 'Use of cryptography' },
        { framework: 'soc2-2017', id: 'CC6.1', title: 'Logical access' },
        { framework: 'soc2-2017', id: 'C1.1', title: 'Confidential information' },
      ],
      controlsTouched: [],
      frameworksCleared: ['iso27001-2022', 'soc2-2017'],
      locations: [{ uri: DB, range: range(6), message: 'RDS storage is not encrypted' }],
    };
    assert.equal(prioritisedDetail(rule), 'clears 3 controls across 2 frameworks · 4 findings');
    const touched = (...ids: string[]) => ids.map((id) => ({ framework: id.startsWith('A.') ? 'iso27001-2022' : 'soc2-2017', id, title: id }));
    assert.equal(
      prioritisedDetail({ score: 1, frameworksCleared: ['dora'], findings: 1, fixAvailable: 1, controlsTouched: touched('A.8.24') }),
      'clears 1 control across 1 framework · 1 finding · safe fix available',
    );
    assert.equal(
      prioritisedDetail({ score: 0, frameworksCleared: [], findings: 3, fixAvailable: 2, controlsTouched: touched('A.8.20', 'A.8.22', 'CC6.6') }),
      'clears no control on its own (other rules violate its 3 controls across 2 frameworks too) · 3 findings · 2 with a safe fix',
    );
    assert.equal(prioritisedDetail({ score: 0, frameworksCleared: [], findings: 1, fixAvailable: 0, controlsTouched: [] }), 'clears 0 controls across 0 frameworks · 1 finding');
    const [pick] = prioritisedPicks([rule, { ...rule, rank: 2, ruleId: 'x', locations: [] }]);
    assert.equal(pick.label, '1. RDS storage is encrypted');
    assert.equal(pick.description, 'aws-rds-storage-encrypted · high');
    assert.deepEqual(pick.location, { uri: DB, range: range(6) }, 'selecting opens the first finding');
    assert.equal(prioritisedPicks([{ ...rule, locations: [] }])[0].location, undefined);
  });

  it('offers every framework to pick, with the ones in effect picked, and the three report formats', function () {
    assert.deepEqual(
      frameworkPicks(RESULT.available).map((p) => [p.id, p.picked, p.description]),
      [
        ['iso27001-2022', true, 'ISO 27001'],
        ['soc2-2017', true, 'SOC 2'],
        ['nis2-art21', false, 'NIS2'],
      ],
    );
    assert.deepEqual(REPORT_FORMAT_PICKS.map((p) => p.format).sort(), ['html', 'json', 'md']);
  });

  it('formats counts and escapes Markdown', function () {
    assert.equal(countsText({ findings: 0, waived: 0, passes: 0 }), '');
    assert.equal(countsText({ findings: 2, waived: 0, passes: 1 }), '2 findings · 1 pass');
    assert.equal(escapeMarkdown('a_b *c* [d](e) <f>'), 'a\\_b \\*c\\* \\[d\\]\\(e\\) \\<f\\>');
  });
});
