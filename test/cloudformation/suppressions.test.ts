import * as assert from 'assert';
import type { Suppression } from '../../server/src/model/types';
import { parseIgnoreComment } from '../../server/src/parsing/cloudformation/suppressions';
import { fixture, parse, resource, textAt } from './helpers';

function brief(s: Suppression[] | undefined): Array<Record<string, string | undefined>> {
  return (s ?? []).map((x) => ({ ruleId: x.ruleId, source: x.source, reason: x.reason, expires: x.expires }));
}

describe('suppressions', function () {
  this.timeout(30000);
  const text = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Ours:
    Type: AWS::S3::Bucket
    Metadata:
      trustlint:
        ignore:
          - id: aws-s3-bucket-versioning-enabled
            reason: Build artefacts are reproducible
            expires: "2030-12-31"
          - id: aws-s3-bucket-logging-enabled
          - aws-s3-bucket-replication-enabled
          - id: bad-date
            reason: r
            expires: 31/12/2030
  CfnLint:
    Type: AWS::S3::Bucket
    Metadata:
      cfn-lint:
        config:
          ignore_checks:
            - W3005
            - E3002
  CfnNag:
    Type: AWS::S3::Bucket
    Metadata:
      cfn_nag:
        rules_to_suppress:
          - id: W35
            reason: Access log bucket
          - id: W51
  Guard:
    Type: AWS::S3::Bucket
    Metadata:
      guard:
        SuppressedRules:
          - S3_BUCKET_LOGGING_ENABLED
  Checkov:
    Type: AWS::S3::Bucket
    Metadata:
      checkov:
        skip:
          - id: CKV_AWS_19
            comment: Encrypted by default since 2023
  # trustlint:ignore aws-s3-bucket-logging-enabled Logs would loop exp:2029-01-31
  # an unrelated comment
  # trustlint:ignore aws-s3-a,aws-s3-b shared reason
  Commented:
    Type: AWS::S3::Bucket # trustlint:ignore on-key-line reason here
    Properties:
      # trustlint:ignore inside-properties because
      BucketName: x
      Script: |
        # trustlint:ignore in-block-scalar not a comment
    # trustlint:ignore trailing-deeper still the resource above

  # trustlint:ignore not-directly-above blank line follows

  Next:
    Type: AWS::S3::Bucket
    # trustlint:ignore
    # trustlint:ignore dated bad exp:2020-02-30
Outputs:
    # trustlint:ignore in-outputs nothing
  X:
    Value: 1
`;
  const result = parse(text);

  it('reads trustlint Metadata (source cfn-metadata), with reason and expiry', () => {
    const s = resource(result, 'Ours').suppressions;
    assert.deepStrictEqual(brief(s), [
      { ruleId: 'aws-s3-bucket-versioning-enabled', source: 'cfn-metadata', reason: 'Build artefacts are reproducible', expires: '2030-12-31' },
      { ruleId: 'aws-s3-bucket-logging-enabled', source: 'cfn-metadata', reason: undefined, expires: undefined },
      { ruleId: 'aws-s3-bucket-replication-enabled', source: 'cfn-metadata', reason: undefined, expires: undefined },
      { ruleId: 'bad-date', source: 'cfn-metadata', reason: 'r', expires: undefined },
    ]);
    assert.ok(result.problems.some((p) => /31\/12\/2030/.test(p.message)));
    const first = s![0];
    assert.ok(textAt(text, first.range).startsWith('id: aws-s3-bucket-versioning-enabled'));
    assert.ok(textAt(text, first.range).endsWith('expires: "2030-12-31"'));
    assert.strictEqual(first.file, 'template.yaml');
  });

  it('reads cfn-lint ignore_checks', () => {
    const s = resource(result, 'CfnLint').suppressions;
    assert.deepStrictEqual(brief(s), [
      { ruleId: 'W3005', source: 'cfn-lint', reason: undefined, expires: undefined },
      { ruleId: 'E3002', source: 'cfn-lint', reason: undefined, expires: undefined },
    ]);
    assert.strictEqual(textAt(text, s![1].range), 'E3002');
  });

  it('reads cfn_nag rules_to_suppress', () => {
    assert.deepStrictEqual(brief(resource(result, 'CfnNag').suppressions), [
      { ruleId: 'W35', source: 'cfn-nag', reason: 'Access log bucket', expires: undefined },
      { ruleId: 'W51', source: 'cfn-nag', reason: undefined, expires: undefined },
    ]);
  });

  it('reads cfn-guard SuppressedRules', () => {
    assert.deepStrictEqual(brief(resource(result, 'Guard').suppressions), [
      { ruleId: 'S3_BUCKET_LOGGING_ENABLED', source: 'cfn-guard', reason: undefined, expires: undefined },
    ]);
  });

  it('reads Checkov skip', () => {
    assert.deepStrictEqual(brief(resource(result, 'Checkov').suppressions), [
      { ruleId: 'CKV_AWS_19', source: 'checkov', reason: 'Encrypted by default since 2023', expires: undefined },
    ]);
  });

  it('reads trustlint:ignore comments above the key and inside the resource', () => {
    const s = resource(result, 'Commented').suppressions;
    assert.deepStrictEqual(brief(s), [
      { ruleId: 'aws-s3-bucket-logging-enabled', source: 'trustlint', reason: 'Logs would loop', expires: '2029-01-31' },
      { ruleId: 'aws-s3-a', source: 'trustlint', reason: 'shared reason', expires: undefined },
      { ruleId: 'aws-s3-b', source: 'trustlint', reason: 'shared reason', expires: undefined },
      { ruleId: 'on-key-line', source: 'trustlint', reason: 'reason here', expires: undefined },
      { ruleId: 'inside-properties', source: 'trustlint', reason: 'because', expires: undefined },
      { ruleId: 'trailing-deeper', source: 'trustlint', reason: 'still the resource above', expires: undefined },
    ]);
    assert.strictEqual(textAt(text, s![0].range), '# trustlint:ignore aws-s3-bucket-logging-enabled Logs would loop exp:2029-01-31');
  });

  it('ignores comments separated by a blank line, in other sections, and reports malformed ones', () => {
    const next = resource(result, 'Next').suppressions ?? [];
    assert.deepStrictEqual(brief(next), [{ ruleId: 'dated', source: 'trustlint', reason: 'bad', expires: undefined }]);
    assert.ok(result.problems.some((p) => /needs a rule id/.test(p.message)));
    assert.ok(result.problems.some((p) => /2020-02-30/.test(p.message)));
    const all = result.resources.flatMap((r) => r.suppressions ?? []).map((x) => x.ruleId);
    assert.ok(!all.includes('not-directly-above'));
    assert.ok(!all.includes('in-outputs'));
    assert.ok(!all.includes('in-block-scalar'));
  });

  it('Metadata suppressions work the same in JSON', () => {
    const r = parse(fixture('realistic.json'), 'realistic.json');
    assert.deepStrictEqual(brief(resource(r, 'LogBucket').suppressions), [{ ruleId: 'W35', source: 'cfn-nag', reason: 'This is the access log bucket itself', expires: undefined }]);
    assert.deepStrictEqual(brief(resource(r, 'Database').suppressions), [
      { ruleId: 'aws-rds-iam-authentication-enabled', source: 'cfn-metadata', reason: 'Legacy application uses password authentication', expires: '2031-06-30' },
    ]);
  });

  it('a comment inside a block scalar is text, not a suppression', () => {
    const r = parse(fixture('realistic.yaml'), 'realistic.yaml');
    assert.deepStrictEqual(resource(r, 'AppFunction').suppressions, []);
  });

  it('parses the comment syntax', () => {
    assert.deepStrictEqual(parseIgnoreComment('# trustlint:ignore rule-a because x  y exp:2030-01-01'), { ruleIds: ['rule-a'], reason: 'because x  y', expires: '2030-01-01' });
    assert.deepStrictEqual(parseIgnoreComment('#trustlint:ignore rule-a'), { ruleIds: ['rule-a'] });
    assert.deepStrictEqual(parseIgnoreComment('# trustlint:ignore'), { ruleIds: [] });
    assert.strictEqual(parseIgnoreComment('# trustlint:ignored rule-a'), undefined);
    assert.strictEqual(parseIgnoreComment('# just a comment'), undefined);
  });
});
