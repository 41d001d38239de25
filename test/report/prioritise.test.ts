import * as assert from 'node:assert/strict';
import { rankFindings, rankRules } from '../../server/src/report/prioritise';
import { analysis, FRAMEWORKS, INDEX, RULES, finding, rangeAt } from './fixtures';

const ids = (refs: Array<{ framework: string; id: string }>): string[] => refs.map((r) => `${r.framework}:${r.id}`);

describe('report: prioritise', () => {
  describe('rankRules', () => {
    const ranked = rankRules(analysis(), RULES, FRAMEWORKS, INDEX);

    it('ranks by requirements cleared, then touched, then severity', () => {
      assert.deepEqual(
        ranked.map((r) => [r.rank, r.ruleId, r.score, r.controlsTouched.length, r.severity]),
        [
          [1, 'kms', 2, 2, 'low'], // clears two controls nobody else violates, despite low severity
          [2, 'enc', 1, 3, 'high'], // one clear, touches three
          [3, 'net', 1, 2, 'critical'], // same clear and touched as log: severity decides
          [4, 'log', 1, 2, 'medium'],
        ],
      );
    });

    it('lists exactly the controls a rule alone violates as cleared', () => {
      const byId = new Map(ranked.map((r) => [r.ruleId, r]));
      assert.deepEqual(ids(byId.get('kms')!.controlsCleared), ['fw-a:C5', 'fw-a:C6']);
      // C2 is violated by log too, X1 by net too.
      assert.deepEqual(ids(byId.get('enc')!.controlsTouched), ['fw-a:C1', 'fw-a:C2', 'fw-b:X1']);
      assert.deepEqual(ids(byId.get('enc')!.controlsCleared), ['fw-a:C1']);
      assert.deepEqual(ids(byId.get('net')!.controlsCleared), ['fw-b:X2']);
      assert.deepEqual(ids(byId.get('log')!.controlsCleared), ['fw-a:C3']);
    });

    it('counts open findings and safe fixes; waived rules and rules that did not run are left out', () => {
      const enc = ranked.find((r) => r.ruleId === 'enc')!;
      assert.equal(enc.findings, 2);
      assert.equal(enc.fixAvailable, 1);
      assert.equal(enc.title, 'Rule enc holds');
      assert.ok(!ranked.some((r) => r.ruleId === 'bak'), 'only waived findings');
      assert.ok(!ranked.some((r) => r.ruleId === 'not-run'));
      // An expired waiver does not hide the finding.
      assert.equal(ranked.find((r) => r.ruleId === 'log')!.findings, 1);
    });

    it('only counts the enabled frameworks', () => {
      const onlyB = rankRules(analysis(), RULES, ['fw-b'], INDEX);
      assert.deepEqual(
        onlyB.map((r) => [r.ruleId, r.score, r.controlsTouched.length]),
        [
          ['net', 1, 2],
          ['enc', 0, 1],
          // No controls in fw-b: ordered by severity, then findings.
          ['log', 0, 0],
          ['kms', 0, 0],
        ],
      );
    });

    it('breaks remaining ties by number of findings, then rule id', () => {
      const result = analysis();
      result.findings = [
        finding('kms', 'k.tf', 0, 'aws_kms_key.k'),
        finding('mon', 'm.tf', 0, 'aws_cloudwatch_metric_alarm.a', { severity: 'low' }),
        finding('mon', 'm.tf', 5, 'aws_cloudwatch_metric_alarm.b', { severity: 'low' }),
        finding('dr', 'r.tf', 0, 'aws_rds_cluster.r', { severity: 'low' }),
      ];
      const ranked2 = rankRules(result, RULES, FRAMEWORKS, INDEX);
      assert.deepEqual(
        ranked2.map((r) => [r.ruleId, r.score, r.controlsTouched.length, r.findings]),
        [
          ['kms', 2, 2, 1],
          ['mon', 1, 1, 2],
          ['dr', 1, 1, 1],
        ],
      );
      // The severity of a rule is that of its findings (policy overrides included).
      assert.equal(ranked2[1].severity, 'low');
    });

    it('returns nothing when there are no open findings', () => {
      const result = analysis();
      result.findings = result.findings.filter((f) => f.suppressed);
      assert.deepEqual(rankRules(result, RULES, FRAMEWORKS, INDEX), []);
    });
  });

  describe('rankFindings', () => {
    const ranked = rankFindings(analysis(), RULES, FRAMEWORKS, INDEX);

    it('ranks single findings by what fixing that finding alone clears, then by their rule', () => {
      assert.deepEqual(
        ranked.map((r) => [r.rank, r.ruleId, r.finding.resource.address, r.score, r.ruleRank, r.safeFix]),
        [
          [1, 'kms', 'aws_kms_key.k', 2, 1, false],
          [2, 'net', 'aws_security_group.<img src=x onerror=alert(1)>', 1, 3, false],
          [3, 'log', 'aws_cloudtrail.main', 1, 4, false],
          // C1 has two open findings: neither clears it alone. The one with a safe fix comes first.
          [4, 'enc', 'aws_s3_bucket.a', 0, 2, true],
          [5, 'enc', 'aws_s3_bucket.b', 0, 2, false],
        ],
      );
      assert.deepEqual(ids(ranked[0].controlsCleared), ['fw-a:C5', 'fw-a:C6']);
    });

    it('orders equal findings by file and position', () => {
      const result = analysis();
      result.findings = [
        { ...finding('enc', 'b.tf', 3, 'aws_s3_bucket.x'), range: rangeAt(3, 9) },
        { ...finding('enc', 'b.tf', 3, 'aws_s3_bucket.y'), range: rangeAt(3, 1) },
        finding('enc', 'a.tf', 7, 'aws_s3_bucket.z'),
      ];
      assert.deepEqual(
        rankFindings(result, RULES, FRAMEWORKS, INDEX).map((r) => r.finding.resource.address),
        ['aws_s3_bucket.z', 'aws_s3_bucket.y', 'aws_s3_bucket.x'],
      );
    });
  });
});
