/**
 * Decisions taken when doubtful findings were reviewed (issue 7), which line-based fixture tests
 * cannot show: severities that depend on context, and dates judged against the engine's `today`.
 */
import assert from 'node:assert/strict';
import { DEFAULT_POLICY } from '../../server/src/config/policy';
import { Engine } from '../../server/src/engine';
import type { Finding } from '../../server/src/findings';
import { deprecatedOn } from '../../server/src/rules/aws-lambda-function-runtime-supported/rule';

function findings(files: Record<string, string>, ruleId: string, today = '2026-01-01'): Finding[] {
  const engine = new Engine({ today, policy: DEFAULT_POLICY });
  for (const [path, text] of Object.entries(files)) engine.setFile(path, text);
  return engine.analyzeAll().findings.filter((f) => f.ruleId === ruleId);
}

describe('reviewed findings', () => {
  describe('aws-s3-bucket-public-access-blocked: a missing block is low unless the bucket looks public', () => {
    const RULE = 'aws-s3-bucket-public-access-blocked';
    const bucket = 'resource "aws_s3_bucket" "b" {\n  bucket = "acme-b"\n}\n';

    it('a bucket with no sign of being public: low (S3 blocks public access on new buckets)', () => {
      const found = findings({ 'main.tf': bucket }, RULE);
      assert.deepEqual(found.map((f) => f.severity), ['low']);
      assert.match(found[0].message, /since April 2023/);
    });

    it('a public policy, ACL or website: high, naming the sign', () => {
      const policy =
        'resource "aws_s3_bucket_policy" "b" {\n  bucket = aws_s3_bucket.b.id\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "${aws_s3_bucket.b.arn}/*" }] })\n}\n';
      const acl = 'resource "aws_s3_bucket_acl" "b" {\n  bucket = aws_s3_bucket.b.id\n  acl    = "public-read"\n}\n';
      const website = 'resource "aws_s3_bucket_website_configuration" "b" {\n  bucket = aws_s3_bucket.b.id\n  index_document {\n    suffix = "index.html"\n  }\n}\n';
      for (const [extra, sign] of [[policy, 'policy open to everyone'], [acl, 'public ACL'], [website, 'hosts a website']]) {
        const found = findings({ 'main.tf': bucket + extra }, RULE);
        assert.deepEqual(found.map((f) => f.severity), ['high'], sign);
        assert.ok(found[0].message.includes(sign), found[0].message);
      }
    });

    it('an unknown policy never raises the severity', () => {
      const unknown = 'variable "policy" {}\nresource "aws_s3_bucket_policy" "b" {\n  bucket = aws_s3_bucket.b.id\n  policy = var.policy\n}\n';
      assert.deepEqual(findings({ 'main.tf': bucket + unknown }, RULE).map((f) => f.severity), ['low']);
    });

    it('CloudFormation: low without a sign, high with a public AccessControl', () => {
      const template = (props: string) => `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: acme-b\n${props}`;
      assert.deepEqual(findings({ 't.yaml': template('') }, RULE).map((f) => f.severity), ['low']);
      assert.deepEqual(findings({ 't.yaml': template('      AccessControl: PublicRead\n') }, RULE).map((f) => f.severity), ['high']);
    });
  });

  describe('aws-lambda-function-runtime-supported: judged against the engine today', () => {
    const RULE = 'aws-lambda-function-runtime-supported';
    const fn = (runtime: string) => `resource "aws_lambda_function" "f" {\n  function_name = "f"\n  role          = "arn:aws:iam::123456789012:role/f"\n  handler       = "index.handler"\n  filename      = "f.zip"\n  runtime       = "${runtime}"\n}\n`;

    it('a runtime counts from its deprecation date on', () => {
      assert.equal(findings({ 'main.tf': fn('nodejs20.x') }, RULE, '2026-04-29').length, 0);
      const found = findings({ 'main.tf': fn('nodejs20.x') }, RULE, '2026-04-30');
      assert.equal(found.length, 1);
      assert.match(found[0].message, /deprecated on 2026-04-30.*nodejs24\.x/);
    });

    it('long-deprecated runtimes are reported whatever the day; current ones are not', () => {
      assert.equal(findings({ 'main.tf': fn('python3.8') }, RULE, '2026-01-01').length, 1);
      assert.equal(findings({ 'main.tf': fn('python3.13') }, RULE, '2026-12-31').length, 0);
    });

    it('runtimes whose date is not confirmed, and odd names, are never reported', () => {
      for (const runtime of ['java17', 'java11', 'java8.al2', 'toString', '__proto__', 'constructor']) {
        assert.equal(deprecatedOn(runtime, '2030-01-01'), undefined, runtime);
      }
    });
  });
});
