import * as assert from 'node:assert/strict';
import { computeCoverage } from '../../server/src/controls/coverage';
import type { ControlCoverage, CoverageInput, FrameworkCoverage } from '../../server/src/controls/coverage';
import { controlsForRule } from '../../server/src/controls/mapping';
import type { Range, Suppression } from '../../server/src/model/types';

const RANGE: Range = { start: { line: 0, character: 0, offset: 0 }, end: { line: 0, character: 1, offset: 1 } };
const SUPPRESSION: Suppression = { ruleId: 'r', reason: 'accepted', source: 'trustlint', file: 'main.tf', range: RANGE };

const rules = [
  { id: 'enc', themes: ['encryption-at-rest'] },
  { id: 'log', themes: ['logging'] },
  { id: 'bak', themes: ['backup'] },
  { id: 'net', themes: ['network-security-segmentation'] },
];

function control(coverage: FrameworkCoverage[], framework: string, id: string): ControlCoverage {
  const found = coverage.find((f) => f.framework === framework)?.controls.find((c) => c.id === id);
  assert.ok(found, `${framework} ${id} in coverage`);
  return found;
}

describe('controls: coverage', () => {
  const input: CoverageInput = {
    rules,
    findings: [
      { ruleId: 'enc', file: 'a.tf', range: RANGE },
      { ruleId: 'enc', file: 'b.tf', range: RANGE },
      { ruleId: 'net', file: 'a.tf', range: RANGE, suppressed: SUPPRESSION },
      { ruleId: 'unknown-rule', file: 'a.tf', range: RANGE },
    ],
    passes: [
      { ruleId: 'enc', file: 'c.tf', address: 'aws_s3_bucket.c' },
      { ruleId: 'log', file: 'a.tf', address: 'aws_cloudtrail.main' },
      { ruleId: 'log', file: 'a.tf', address: 'aws_cloudtrail.main' },
      { ruleId: 'log', file: 'a.tf', address: 'aws_cloudtrail.other' },
    ],
  };
  const coverage = computeCoverage(input);

  it('covers the default frameworks in framework order, every control of each', () => {
    assert.deepEqual(
      coverage.map((f) => [f.framework, f.total, f.controls.length]),
      [
        ['iso27001-2022', 93, 93],
        ['soc2-2017', 61, 61],
      ],
    );
    assert.equal(coverage[0].controls[0].id, 'A.5.1');
    assert.equal(coverage[0].controls.at(-1)?.id, 'A.8.34');
  });

  it('violated wins over passing: an active finding makes a control violated', () => {
    const c = control(coverage, 'iso27001-2022', 'A.8.24');
    assert.equal(c.status, 'violated');
    assert.equal(c.findings, 2);
    assert.equal(c.passes, 1);
    assert.deepEqual(c.rules, ['enc']);
  });

  it('passing when only passes exist; passes count distinct resources', () => {
    const c = control(coverage, 'iso27001-2022', 'A.8.15');
    assert.equal(c.status, 'passing');
    assert.equal(c.passes, 2);
    assert.equal(c.findings, 0);
  });

  it('waived findings are counted apart and do not violate', () => {
    const c = control(coverage, 'iso27001-2022', 'A.8.20');
    assert.equal(c.status, 'passing');
    assert.equal(c.waived, 1);
    assert.equal(c.findings, 0);
  });

  it('not assessed when rules map to the control but found nothing to look at', () => {
    const c = control(coverage, 'iso27001-2022', 'A.8.13');
    assert.equal(c.status, 'not-assessed');
    assert.deepEqual(c.rules, ['bak']);
    assert.equal(c.reason, undefined);
  });

  it('not assessable: from IaC for people/physical controls, for lack of a rule otherwise', () => {
    const physical = control(coverage, 'iso27001-2022', 'A.7.1');
    assert.equal(physical.status, 'not-assessable');
    assert.equal(physical.reason, 'not-assessable-from-iac');
    const noRule = control(coverage, 'iso27001-2022', 'A.8.8');
    assert.equal(noRule.status, 'not-assessable');
    assert.equal(noRule.reason, 'no-rule');
    assert.deepEqual(noRule.rules, []);
  });

  it('ignores findings of rules that did not run', () => {
    const total = coverage[0].controls.reduce((n, c) => n + c.findings, 0);
    // Only the two `enc` findings, once per ISO control `enc` maps to.
    assert.equal(total, 2 * controlsForRule(rules[0], ['iso27001-2022']).length);
  });

  it('summarises each framework', () => {
    const iso = coverage[0];
    const mapped = new Set(rules.flatMap((r) => controlsForRule(r, ['iso27001-2022']).map((c) => c.id)));
    assert.equal(iso.assessable, mapped.size);
    assert.equal(iso.violated + iso.passing + iso.notAssessed, iso.assessable);
    assert.equal(iso.notAssessable, 93 - iso.assessable);
    assert.equal(iso.noRule + iso.notAssessableFromIac, iso.notAssessable);
    assert.equal(iso.notAssessableFromIac, 43);
    assert.equal(
      iso.summary,
      `Annex A: ${iso.assessable} of 93 assessable, ${iso.violated} violated, ${iso.passing} passing, ${iso.notAssessed} not assessed`,
    );
    assert.ok(iso.violated >= 1 && iso.passing >= 1 && iso.notAssessed >= 1);
  });

  it('leaves "not assessed" out of the summary when there is none', () => {
    const [iso] = computeCoverage({ rules: [rules[0]], findings: [], passes: [{ ruleId: 'enc', file: 'a.tf', address: 'x' }] }, [
      'iso27001-2022',
    ]);
    assert.equal(iso.summary, 'Annex A: 1 of 93 assessable, 0 violated, 1 passing');
  });

  it('covers only the frameworks asked for, in framework order, ignoring unknown ids', () => {
    const result = computeCoverage(input, ['gdpr-art32', 'pci-dss-4', 'bsi-c5-2020']);
    assert.deepEqual(
      result.map((f) => f.framework),
      ['bsi-c5-2020', 'gdpr-art32'],
    );
    assert.equal(control(result, 'gdpr-art32', 'Art. 32(1)(a)').status, 'violated');
    assert.equal(control(result, 'gdpr-art32', 'Art. 32(2)').reason, 'not-assessable-from-iac');
    assert.equal(control(result, 'bsi-c5-2020', 'CRY-03').status, 'violated');
    assert.match(result[0].summary, /^Basic criteria: \d+ of 121 assessable/);
  });

  it('with no rules nothing is assessable', () => {
    const [iso] = computeCoverage({ rules: [], findings: [], passes: [] }, ['iso27001-2022']);
    assert.equal(iso.summary, 'Annex A: 0 of 93 assessable, 0 violated, 0 passing');
    assert.ok(iso.controls.every((c) => c.status === 'not-assessable' && c.reason !== undefined));
  });
});
