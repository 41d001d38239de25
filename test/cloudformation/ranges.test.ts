import * as assert from 'assert';
import { Engine } from '../../server/src/engine';
import type { Range } from '../../server/src/model/types';
import { fixture, parse, prop, resource, template, textAt } from './helpers';

function at(r: Range): [number, number, number, number] {
  return [r.start.line, r.start.character, r.end.line, r.end.character];
}

describe('source ranges', function () {
  this.timeout(30000);
  const text = template(
    [
      '  Bucket:',
      '    Type: AWS::S3::Bucket',
      '    Properties:',
      '      BucketName: "logs"',
      '      Tags:',
      '        - Key: a',
      '          Value: !Ref AWS::Region',
      '      Versioning: {Status: Enabled}',
      '  Empty:',
      '    Type: AWS::SNS::Topic',
      '',
    ].join('\n'),
  );
  const result = parse(text);
  const bucket = resource(result, 'Bucket');

  it('resource, header and body', () => {
    assert.deepStrictEqual(at(bucket.headerRange), [2, 2, 2, 8]);
    assert.strictEqual(textAt(text, bucket.headerRange), 'Bucket');
    assert.deepStrictEqual(at(bucket.range), [2, 2, 9, 35]);
    assert.ok(textAt(text, bucket.range).startsWith('Bucket:\n'));
    assert.ok(textAt(text, bucket.range).endsWith('{Status: Enabled}'));
    assert.deepStrictEqual(at(bucket.body.range), [5, 6, 9, 35]);
    assert.strictEqual(bucket.moduleId, 'template.yaml');
    assert.strictEqual(bucket.file, 'template.yaml');
    assert.strictEqual(bucket.address, 'Bucket');
    assert.strictEqual(bucket.kind, 'resource');
    assert.strictEqual(bucket.format, 'cloudformation');
  });

  it('body range is the resource map when there are no Properties', () => {
    const empty = resource(result, 'Empty');
    assert.deepStrictEqual(empty.body.attributes, []);
    assert.strictEqual(textAt(text, empty.body.range), 'Type: AWS::SNS::Topic');
  });

  it('attribute names, values and whole entries', () => {
    const name = bucket.body.attributes[0];
    assert.strictEqual(name.name, 'BucketName');
    assert.deepStrictEqual(at(name.nameRange), [5, 6, 5, 16]);
    assert.deepStrictEqual(at(name.value.range), [5, 18, 5, 24]);
    assert.strictEqual(textAt(text, name.value.range), '"logs"');
    assert.strictEqual(textAt(text, name.range), 'BucketName: "logs"');
    const tags = bucket.body.attributes[1];
    assert.strictEqual(textAt(text, tags.value.range), '- Key: a\n          Value: !Ref AWS::Region');
    const region = tags.value.kind === 'list' && tags.value.items[0].kind === 'object' ? tags.value.items[0].entries[1] : undefined;
    assert.ok(region);
    assert.strictEqual(textAt(text, region.keyRange), 'Value');
    assert.strictEqual(textAt(text, region.value.range), '!Ref AWS::Region', 'short form range includes the tag');
    assert.strictEqual(textAt(text, region.range), 'Value: !Ref AWS::Region');
    const versioning = bucket.body.attributes[2];
    assert.strictEqual(textAt(text, versioning.value.range), '{Status: Enabled}');
    const status = versioning.value.kind === 'object' ? versioning.value.entries[0] : undefined;
    assert.ok(status);
    assert.deepStrictEqual(at(status.keyRange), [9, 19, 9, 25]);
    assert.strictEqual(textAt(text, status.value.range), 'Enabled');
  });

  it('offsets are consistent with line/character everywhere', () => {
    const lines = text.split('\n');
    const check = (r: Range): void => {
      for (const p of [r.start, r.end]) {
        let offset = 0;
        for (let l = 0; l < p.line; l++) offset += lines[l].length + 1;
        assert.strictEqual(offset + p.character, p.offset);
      }
    };
    for (const r of result.resources) {
      check(r.range);
      check(r.headerRange);
      for (const a of r.body.attributes) {
        check(a.range);
        check(a.nameRange);
        check(a.value.range);
      }
    }
  });

  it('characters are UTF-16 code units (astral characters count 2)', () => {
    const t = template('  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tag: "🪣 bucket"\n      Next: x # 🪣\n      After: !Sub "${AWS::Region}"\n');
    const r = parse(t);
    const tag = prop(r, 'B', 'Tag');
    assert.ok(tag && tag.kind === 'string');
    assert.strictEqual(tag.value, '🪣 bucket');
    assert.strictEqual(tag.range.end.character - tag.range.start.character, '"🪣 bucket"'.length);
    assert.strictEqual('"🪣 bucket"'.length, 11);
    assert.strictEqual(textAt(t, tag.range), '"🪣 bucket"');
    assert.strictEqual(textAt(t, prop(r, 'B', 'After')!.range), '!Sub "${AWS::Region}"');
  });

  it('CRLF line endings', () => {
    const t = template('  B:\r\n    Type: AWS::S3::Bucket\r\n    Properties:\r\n      Name: x\r\n').replace(/(?<!\r)\n/g, '\r\n');
    const r = parse(t);
    const b = resource(r, 'B');
    assert.deepStrictEqual(at(b.headerRange), [2, 2, 2, 3]);
    const name = b.body.attributes[0];
    assert.deepStrictEqual(at(name.range), [5, 6, 5, 13]);
    assert.strictEqual(textAt(t, name.value.range), 'x');
  });

  it('JSON ranges', () => {
    const json = fixture('realistic.json');
    const r = parse(json, 'realistic.json');
    const vpc = resource(r, 'Vpc');
    assert.strictEqual(textAt(json, vpc.headerRange), '"Vpc"');
    const cidr = vpc.body.attributes.find((a) => a.name === 'CidrBlock')!;
    assert.strictEqual(textAt(json, cidr.nameRange), '"CidrBlock"');
    assert.strictEqual(textAt(json, cidr.value.range).replace(/\s+/g, ''), '{"Ref":"VpcCidr"}');
    assert.strictEqual(textAt(json, vpc.range).slice(0, 7), '"Vpc": ');
    assert.ok(textAt(json, vpc.range).endsWith('}'));
  });

  it('a value from a parameter default keeps the range of the use site', () => {
    const t = template('  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Ref Name\n', 'Parameters:\n  Name:\n    Type: String\n    Default: my-bucket\n');
    const v = prop(parse(t), 'B', 'BucketName');
    assert.ok(v && v.kind === 'string');
    assert.strictEqual(v.value, 'my-bucket');
    assert.strictEqual(textAt(t, v.range), '!Ref Name');
  });

  it('values serialise like plain ranges, and what leaves an analysis is plain (clonable to another thread)', () => {
    const t = template(
      [
        '  Open:',
        '    Type: AWS::EC2::SecurityGroup',
        '    Properties:',
        '      GroupDescription: open',
        '      SecurityGroupIngress:',
        '        - IpProtocol: tcp',
        '          FromPort: 22',
        '          ToPort: 22',
        '          CidrIp: 0.0.0.0/0',
        '',
      ].join('\n'),
    );
    const name = resource(parse(t), 'Open').body.attributes[0];
    assert.deepStrictEqual(JSON.parse(JSON.stringify(name.value.range)), { start: name.value.range.start, end: name.value.range.end });
    const engine = new Engine();
    engine.setFile('template.yaml', t);
    const result = engine.analyzeAll();
    const ssh = result.findings.find((f) => f.ruleId === 'aws-security-group-no-public-ssh');
    assert.ok(ssh, 'the open SSH rule fires');
    assert.strictEqual(textAt(t, ssh.range), 'CidrIp: 0.0.0.0/0');
    assert.ok(ssh.fixes.some((f) => f.edits.length > 0), 'the finding has a fix with edits');
    assert.ok(result.passes.length > 0);
    const plain = (r: Range): boolean => Object.getPrototypeOf(r) === Object.prototype;
    for (const f of result.findings) {
      assert.ok(plain(f.range), `${f.ruleId}: finding range`);
      for (const fix of f.fixes) for (const e of fix.edits) assert.ok(plain(e.range), `${f.ruleId}: fix edit range`);
    }
    for (const p of result.passes) assert.ok(plain(p.range), `${p.ruleId}: pass range`);
    // A worker thread's results reach the server by structured clone: positions must survive it.
    const cloned = structuredClone({ findings: result.findings, passes: result.passes });
    assert.deepStrictEqual(cloned.findings.map((f) => at(f.range)), result.findings.map((f) => at(f.range)));
    assert.deepStrictEqual(
      cloned.findings.flatMap((f) => f.fixes.flatMap((x) => x.edits.map((e) => at(e.range)))),
      result.findings.flatMap((f) => f.fixes.flatMap((x) => x.edits.map((e) => at(e.range)))),
    );
    assert.deepStrictEqual(cloned.passes.map((p) => at(p.range)), result.passes.map((p) => at(p.range)));
  });
});
