/**
 * The report over a real analysis: a small in-memory Terraform + CloudFormation workspace run
 * through `analyzeFiles`, with a waiver written as a comment above a resource block.
 */
import * as assert from 'node:assert/strict';
import { controlsForRule } from '../../server/src/controls/mapping';
import { analyzeFiles } from '../../server/src/engine';
import { DEFAULT_POLICY } from '../../server/src/config/policy';
import { ALL_RULES } from '../../server/src/rules/index.generated';
import { buildComplianceReport, generateReport, type ComplianceReportInput } from '../../server/src/report';
import { tagBalanceProblems } from './htmlBalance';

const VERSIONING = 'aws-s3-bucket-versioning-enabled';
const REASON = 'Assets are rebuilt from git <script>alert(1)</script>';

const MAIN_TF = `resource "aws_security_group" "web" {
  name = "web"
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

# trustlint:ignore ${VERSIONING} ${REASON} exp:2099-12-31
resource "aws_s3_bucket" "<script>x" {
  bucket = "assets"
}

# trustlint:ignore aws-kms-key-rotation-enabled Legacy key, replaced next quarter exp:2020-01-01
resource "aws_kms_key" "legacy" {
  enable_key_rotation = false
}

resource "aws_kms_key" "data" {
  enable_key_rotation = true
}
`;

const STACK_YAML = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  DataBucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: data
      VersioningConfiguration:
        Status: Enabled
`;

const FRAMEWORKS = ['iso27001-2022', 'soc2-2017', 'gdpr-art32'];

describe('report: integration with analyzeFiles', () => {
  const result = analyzeFiles(
    [
      { path: 'infra/main.tf', text: MAIN_TF },
      { path: 'stack/app.yaml', text: STACK_YAML },
    ],
    { policy: { ...DEFAULT_POLICY, frameworks: FRAMEWORKS }, today: '2025-01-15' },
  );
  const rules = ALL_RULES.filter((r) => r.meta.defaultEnabled !== false);
  const input: ComplianceReportInput = {
    result,
    rules,
    frameworks: FRAMEWORKS,
    root: 'workspace',
    generatedAt: '2025-01-15T08:00:00Z',
    toolVersion: '0.1.0-test',
  };
  const report = buildComplianceReport(input);
  const commentLine = MAIN_TF.split('\n').findIndex((l) => l.includes(`trustlint:ignore ${VERSIONING}`)) + 1;

  it('analyses the workspace with a waived and an expired finding', () => {
    assert.deepEqual(result.problems.filter((p) => p.severity === 'error'), []);
    const waived = result.findings.filter((f) => f.suppressed);
    assert.deepEqual(waived.map((f) => [f.ruleId, f.suppressed?.reason]), [[VERSIONING, REASON]]);
    assert.ok(result.findings.some((f) => f.ruleId === 'aws-kms-key-rotation-enabled' && f.expiredSuppression && !f.suppressed));
  });

  it('registers the waiver with its reason, expiry and the line of the comment', () => {
    const entry = report.findings.find((f) => f.status === 'waived');
    assert.ok(entry);
    assert.equal(entry.ruleId, VERSIONING);
    assert.equal(entry.address, 'aws_s3_bucket.<script>x');
    assert.deepEqual(entry.suppression, { reason: REASON, expires: '2099-12-31', source: 'trustlint', file: 'infra/main.tf', line: commentLine });
    assert.equal(report.totals.waivedFindings, 1);
    assert.equal(report.totals.expiredWaivers, 1);
  });

  it('lists the waiver under every control the rule maps to, and waived only where nothing else violates', () => {
    const rule = rules.find((r) => r.meta.id === VERSIONING)!;
    const refs = controlsForRule(rule.meta, FRAMEWORKS);
    assert.ok(refs.length > 0);
    for (const ref of refs) {
      const ctl = report.frameworks.find((f) => f.id === ref.framework)!.groups.flatMap((g) => g.controls).find((c) => c.id === ref.id)!;
      assert.deepEqual(ctl.waivers.map((w) => w.ruleId), [VERSIONING], `${ref.framework} ${ref.id}`);
      assert.equal(ctl.status, ctl.violations.length > 0 ? 'violated' : 'waived', `${ref.framework} ${ref.id}`);
    }
  });

  it('uses passes as evidence, from both formats', () => {
    const evidence = report.frameworks.flatMap((f) => f.groups.flatMap((g) => g.controls.flatMap((c) => c.evidence)));
    assert.ok(evidence.some((e) => e.file === 'stack/app.yaml' && e.address === 'DataBucket'));
    assert.ok(evidence.some((e) => e.file === 'infra/main.tf' && e.address === 'aws_kms_key.data'));
  });

  it('ranks the open findings', () => {
    assert.ok(report.priorities.top.length > 0);
    assert.ok(!report.priorities.top.some((r) => r.ruleId === VERSIONING), 'only waived');
    const scores = report.priorities.top.map((r) => r.score);
    assert.deepEqual(scores, [...scores].sort((a, b) => b - a));
  });

  it('renders Markdown with each framework summary and the waiver reason', () => {
    const md = generateReport('md', input);
    for (const fw of report.frameworks) {
      assert.ok(md.includes(fw.summary), fw.summary);
      assert.ok(md.includes(`\n## ${fw.name}\n`), fw.name);
    }
    assert.ok(md.includes('Assets are rebuilt from git &lt;script&gt;alert(1)&lt;/script&gt;'));
    // The resource name shows literally inside code spans, which Markdown never renders as HTML.
    assert.ok(md.includes('`aws_s3_bucket.<script>x`'));
    assert.ok(!md.replace(/`[^`\n]*`/g, '').includes('<script>'));
  });

  it('renders balanced, escaped, self-contained HTML', () => {
    const html = generateReport('html', input);
    assert.deepEqual(tagBalanceProblems(html), []);
    assert.ok(!/<script/i.test(html));
    assert.ok(html.includes('Assets are rebuilt from git &#60;script&#62;alert(1)&#60;/script&#62;'));
    assert.ok(html.includes('aws_s3_bucket.&#60;script&#62;x'));
    assert.ok(!/\s(?:src|href)\s*=\s*"https?:/i.test(html), 'no external resources or links without docs URLs');
    for (const fw of report.frameworks) assert.ok(html.includes(fw.summary), fw.summary);
  });

  it('renders JSON that parses back to the model', () => {
    assert.deepEqual(JSON.parse(generateReport('json', input)), JSON.parse(JSON.stringify(report)));
  });
});
