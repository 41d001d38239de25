import * as assert from 'node:assert/strict';
import type { Suppression } from '../../server/src/model/types';
import { build, buildMain, resource, text } from './helpers';

function short(s: Suppression): Record<string, string | undefined> {
  return { ruleId: s.ruleId, source: s.source, reason: s.reason, expires: s.expires };
}

describe('terraform: suppressions', () => {
  it('parses every syntax, above and inside the block', () => {
    const main = `# unrelated comment
# trustlint:ignore aws-s3-bucket-versioning-enabled logs are immutable exp:2030-01-31
// trustlint:ignore aws-a,aws-b -- shared reason
resource "aws_s3_bucket" "b" { #tfsec:ignore:aws-s3-enable-bucket-encryption:exp:2029-12-31
  #checkov:skip=CKV_AWS_19:Encrypted by the bucket key
  # checkov:skip=CKV_AWS_21
  acl = "private" # trivy:ignore:AVD-AWS-0088 public by design
  /* tfsec:ignore:AVD-AWS-0086 tfsec:ignore:AVD-AWS-0087 */
}
`;
    const mod = buildMain(main);
    const sups = resource(mod, 'aws_s3_bucket.b').suppressions ?? [];
    assert.deepEqual(sups.map(short), [
      { ruleId: 'aws-s3-bucket-versioning-enabled', source: 'trustlint', reason: 'logs are immutable', expires: '2030-01-31' },
      { ruleId: 'aws-a', source: 'trustlint', reason: 'shared reason', expires: undefined },
      { ruleId: 'aws-b', source: 'trustlint', reason: 'shared reason', expires: undefined },
      { ruleId: 'aws-s3-enable-bucket-encryption', source: 'tfsec', reason: undefined, expires: '2029-12-31' },
      { ruleId: 'CKV_AWS_19', source: 'checkov', reason: 'Encrypted by the bucket key', expires: undefined },
      { ruleId: 'CKV_AWS_21', source: 'checkov', reason: undefined, expires: undefined },
      { ruleId: 'AVD-AWS-0088', source: 'trivy', reason: 'public by design', expires: undefined },
      { ruleId: 'AVD-AWS-0086', source: 'tfsec', reason: undefined, expires: undefined },
      { ruleId: 'AVD-AWS-0087', source: 'tfsec', reason: undefined, expires: undefined },
    ]);
    for (const s of sups) {
      assert.equal(s.file, 'main.tf');
      assert.match(text(main, s.range), /^(#|\/\/|\/\*)/);
    }
    assert.equal(text(main, sups[0].range).trimEnd(), '# trustlint:ignore aws-s3-bucket-versioning-enabled logs are immutable exp:2030-01-31');
  });

  it('does not attach comments separated by a blank line or belonging to another block', () => {
    const mod = buildMain(`# trustlint:ignore rule-far too far away

resource "t" "a" {
  # trustlint:ignore rule-inside-a reason
}
# trustlint:ignore rule-above-b reason
resource "t" "b" {}
x = 1 # trustlint:ignore rule-on-code-line reason
resource "t" "c" {}
`);
    assert.deepEqual((resource(mod, 't.a').suppressions ?? []).map((s) => s.ruleId), ['rule-inside-a']);
    assert.deepEqual((resource(mod, 't.b').suppressions ?? []).map((s) => s.ruleId), ['rule-above-b']);
    assert.equal(resource(mod, 't.c').suppressions, undefined);
  });

  it('applies suppressions on a module call to every resource created through it', () => {
    const mod = build({
      'main.tf': `# trustlint:ignore aws-ebs-encrypted test volumes
module "disk" {
  source = "./disk"
}
`,
      'disk/main.tf': `resource "aws_ebs_volume" "v" {
  # checkov:skip=CKV_AWS_3:own reason
}
`,
    });
    const r = resource(mod, 'aws_ebs_volume.v', 'module.disk');
    assert.deepEqual((r.suppressions ?? []).map((s) => [s.ruleId, s.file]), [
      ['CKV_AWS_3', 'disk/main.tf'],
      ['aws-ebs-encrypted', 'main.tf'],
    ]);
    const standalone = build({ 'disk/main.tf': 'resource "aws_ebs_volume" "v" {}\n' }, 'disk');
    assert.equal(standalone.resources[0].suppressions, undefined);
  });
});
