/**
 * How fix-all composes fixes that were each computed alone (FixComposer): insertions at one point
 * that open the same YAML map are merged, identical edits apply once, edits that would add the same
 * key twice are refused, and the result always parses.
 */
import assert from 'node:assert/strict';
import { Engine } from '../../server/src/engine';
import type { Finding } from '../../server/src/findings';
import { FixComposer } from '../../server/src/lsp/codeActions';
import { mergeUnderSharedHeader } from '../../server/src/lsp/convert';
import type { Position, TextEdit } from '../../server/src/model/types';
import type { Fix } from '../../server/src/rules/types';
import { applyEditsInOrder } from '../rules/fixtureHarness';

const S3_RULES = ['aws-s3-bucket-encryption-configured', 'aws-s3-bucket-versioning-enabled'];

function fixAllOnce(path: string, text: string): { text: string; applied: string[] } {
  const engine = new Engine({ today: '2026-01-01' });
  engine.setFile(path, text);
  const composer = new FixComposer();
  composer.addSafeFixes(engine.fileResult(path).findings);
  return { text: applyEditsInOrder(text, composer.edits), applied: composer.accepted.map((a) => a.finding.ruleId).sort() };
}

function analyse(path: string, text: string) {
  const engine = new Engine({ today: '2026-01-01' });
  engine.setFile(path, text);
  return engine.analyzeAll();
}

const at = (offset: number): Position => ({ line: 0, character: offset, offset });
const insert = (offset: number, newText: string): TextEdit => ({ file: 'f', range: { start: at(offset), end: at(offset) }, newText });
const fakeFinding = (ruleId: string) => ({ ruleId, suppressed: undefined, fixes: [] }) as unknown as Finding;
const fix = (...edits: TextEdit[]): Fix => ({ title: 't', safety: 'safe', edits });

describe('fix-all composition (FixComposer)', () => {
  it('merges fixes that each add Properties to a YAML resource that has none', () => {
    const text = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Uploads:\n    Type: AWS::S3::Bucket\n  Other:\n    Type: AWS::SNS::Topic\n';
    const once = fixAllOnce('t.yaml', text);
    for (const id of S3_RULES) assert.ok(once.applied.includes(id), `${id} applied in the first fix-all: ${once.applied.join(', ')}`);
    assert.equal(once.text.split('Properties:').length - 1, 1, once.text);
    const after = analyse('t.yaml', once.text);
    assert.deepEqual(after.problems.filter((p) => p.severity === 'error'), []);
    assert.deepEqual(after.findings.filter((f) => S3_RULES.includes(f.ruleId)).map((f) => f.ruleId), []);
    assert.deepEqual(fixAllOnce('t.yaml', once.text).applied, [], 'nothing left for a second fix-all');
  });

  it('in JSON refuses the second Properties insertion instead of breaking the template (a second fix-all adds it)', () => {
    const text = '{\n  "Resources": {\n    "Uploads": {\n      "Type": "AWS::S3::Bucket"\n    }\n  }\n}\n';
    const once = fixAllOnce('t.json', text);
    assert.doesNotThrow(() => JSON.parse(once.text), once.text);
    assert.equal(once.text.split('"Properties"').length - 1, 1, once.text);
    const twice = fixAllOnce('t.json', once.text);
    assert.doesNotThrow(() => JSON.parse(twice.text), twice.text);
    const after = analyse('t.json', twice.text);
    assert.deepEqual(after.findings.filter((f) => S3_RULES.includes(f.ruleId)).map((f) => f.ruleId), []);
  });

  it('applies an edit two fixes share once', () => {
    const composer = new FixComposer();
    const parameter = insert(5, 'Parameters:\n  AdminCidrIp:\n    Type: String\n');
    assert.ok(composer.add(fakeFinding('a'), fix(parameter, insert(20, '!Ref AdminCidrIp'))));
    assert.ok(composer.add(fakeFinding('b'), fix({ ...parameter }, insert(40, '!Ref AdminCidrIp'))));
    assert.equal(composer.edits.filter((e) => e.newText.startsWith('Parameters:')).length, 1);
    assert.equal(composer.edits.length, 3);
  });

  it('refuses a fix that would add a key already added at the same point', () => {
    const composer = new FixComposer();
    assert.ok(composer.add(fakeFinding('a'), fix(insert(10, '      KmsKeyId: !Ref A\n'))));
    assert.ok(!composer.add(fakeFinding('b'), fix(insert(10, '      KmsKeyId: !Ref B\n'))));
    assert.ok(composer.add(fakeFinding('c'), fix(insert(10, '      Tags: []\n'))), 'a different key at the same point is fine');
  });

  it('merges only under a shared map header, never when the keys below it collide', () => {
    const a = '\n    Properties:\n      BucketEncryption:\n        X: 1';
    assert.equal(mergeUnderSharedHeader(a, '\n    Properties:\n      VersioningConfiguration:\n        Status: Enabled'), '\n      VersioningConfiguration:\n        Status: Enabled');
    assert.equal(mergeUnderSharedHeader(a, '\n    Properties:\n      BucketEncryption:\n        Y: 2'), undefined);
    assert.equal(mergeUnderSharedHeader('\n    Properties: {}', '\n    Properties: {}'), undefined);
    assert.equal(mergeUnderSharedHeader('resource "x" "y" {\n  a = 1\n}', 'resource "x" "y" {\n  b = 2\n}'), undefined);
  });
});
