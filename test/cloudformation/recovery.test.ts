import * as assert from 'assert';
import type { Resource, Value } from '../../server/src/model/types';
import { fixture, parse, propJson, stripRanges, template } from './helpers';

const THREE = template(
  [
    '  First:',
    '    Type: AWS::S3::Bucket',
    '    Properties:',
    '      BucketName: first',
    '  Second:',
    '    Type: AWS::S3::Bucket',
    '    Properties:',
    '      BucketName: second',
    '  Third:',
    '    Type: AWS::SQS::Queue',
    '    Properties:',
    '      QueueName: third',
    '',
  ].join('\n'),
);

function names(rs: Resource[]): string[] {
  return rs.map((r) => r.name);
}

function assertBroken(text: string, expectNames: string[], problemLine?: number): ReturnType<typeof parse> {
  const r = parse(text);
  const errors = r.problems.filter((p) => p.severity === 'error');
  assert.ok(errors.length > 0, 'expected a syntax error');
  if (problemLine !== undefined) {
    assert.ok(
      errors.some((e) => e.range.start.line === problemLine),
      `expected an error on line ${problemLine}, got ${errors.map((e) => `${e.range.start.line}: ${e.message}`).join('; ')}`,
    );
  }
  for (const n of expectNames) assert.ok(names(r.resources).includes(n), `${n} missing from ${names(r.resources).join(', ')}`);
  return r;
}

describe('half-typed templates', function () {
  this.timeout(60000);
  it('the complete template parses cleanly', () => {
    const r = parse(THREE);
    assert.deepStrictEqual(r.problems, []);
    assert.deepStrictEqual(names(r.resources), ['First', 'Second', 'Third']);
    assert.strictEqual(r.recovered, false);
  });

  it('bad indentation of a resource key', () => {
    const r = assertBroken(THREE.replace('  Second:', '   Second:'), ['First', 'Third'], 6);
    assert.deepStrictEqual(propJson(r, 'Third', 'QueueName'), 'third');
  });

  it('bad indentation inside a resource', () => {
    const r = assertBroken(THREE.replace('    Properties:\n      BucketName: second', '    Properties:\n      BucketName: second\n     Extra: x'), ['First', 'Third']);
    assert.deepStrictEqual(propJson(r, 'First', 'BucketName'), 'first');
  });

  it('unclosed quote', () => {
    const r = assertBroken(THREE.replace('BucketName: second', 'BucketName: "second'), ['First', 'Third'], 9);
    assert.deepStrictEqual(propJson(r, 'Third', 'QueueName'), 'third');
    assert.strictEqual(r.recovered, true);
  });

  it('unclosed bracket', () => {
    const r = assertBroken(THREE.replace('BucketName: second', 'BucketName: [second'), ['First', 'Third']);
    assert.deepStrictEqual(propJson(r, 'Third', 'QueueName'), 'third');
  });

  it('unclosed flow map', () => {
    assertBroken(THREE.replace('BucketName: second', 'Tags: {Key: a, Value: b'), ['First', 'Third']);
  });

  it('a tab in the indentation', () => {
    const r = assertBroken(THREE.replace('      BucketName: second', '\tBucketName: second'), ['First', 'Third'], 9);
    assert.deepStrictEqual(propJson(r, 'Third', 'QueueName'), 'third');
  });

  it('a half-typed key', () => {
    assertBroken(THREE.replace('      BucketName: second', '      BucketNa'), ['First', 'Third']);
    assertBroken(THREE.replace('  Second:\n', '  Seco\n'), ['First', 'Third']);
    const r = parse(THREE.replace('  Third:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: third\n', '  Thi'));
    assert.deepStrictEqual(names(r.resources), ['First', 'Second']);
  });

  it('a half-typed intrinsic', () => {
    assertBroken(THREE.replace('BucketName: second', 'BucketName: !Sub "${'), ['First', 'Third']);
    const r = parse(THREE.replace('BucketName: second', 'BucketName: !Ref'));
    assert.deepStrictEqual(names(r.resources), ['First', 'Second', 'Third']);
  });

  it('broken JSON still yields the complete resources', () => {
    const json = JSON.stringify(
      {
        AWSTemplateFormatVersion: '2010-09-09',
        Resources: {
          First: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'first' } },
          Second: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'second' } },
          Third: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'third' } },
        },
      },
      null,
      2,
    );
    const broken = json.replace('"second"', '"second');
    const r = parse(broken, 'template.json');
    assert.ok(r.problems.some((p) => p.severity === 'error'));
    assert.ok(names(r.resources).includes('First'));
    assert.ok(names(r.resources).includes('Third'), names(r.resources).join(','));
    assert.deepStrictEqual(propJson(r, 'Third', 'QueueName'), 'third');
    const missingComma = json.replace('"second"\n      }\n    },', '"second"\n      }\n    }');
    const r2 = parse(missingComma, 'template.json');
    assert.ok(r2.problems.some((p) => p.severity === 'error'));
    assert.deepStrictEqual(names(r2.resources), ['First', 'Second', 'Third']);
  });

  it('syntax errors are reported where they are', () => {
    const r = parse(THREE.replace('QueueName: third', 'QueueName: "third'));
    const e = r.problems.find((p) => p.severity === 'error');
    assert.ok(e);
    assert.ok(e.range.start.line >= 13, `line ${e.range.start.line}`);
  });
});

/**
 * Feed every 7th prefix of the realistic YAML template (every 13th of its JSON twin, which is twice
 * as long): parsing never throws, and whenever a prefix holds
 * a complete resource followed by the start of the next resource's key, that resource is there
 * with the same type and properties as in the full parse.
 */
describe('typing replay', () => {
  for (const [name, step] of [['realistic.yaml', 7], ['realistic.json', 13]] as const) {
    it(`every ${step}th prefix of ${name}`, function () {
      this.timeout(300000);
      const full = fixture(name);
      const complete = parse(full, name);
      const byName = new Map(complete.resources.map((r) => [r.name, r]));
      // Where each resource's text ends, and where the next resource key starts.
      const order = complete.resources.map((r) => r.name).concat(complete.excluded.map((e) => e.name));
      const keyStarts = new Map<string, number>();
      for (const r of complete.resources) keyStarts.set(r.name, r.headerRange.start.offset);
      for (const e of complete.excluded) keyStarts.set(e.name, e.headerRange.start.offset);
      const sortedKeys = [...keyStarts.entries()].sort((a, b) => a[1] - b[1]);
      assert.strictEqual(sortedKeys.length, order.length);
      let checked = 0;
      let prefixes = 0;
      const t0 = Date.now();
      for (let len = 0; len <= full.length; len += step) {
        const prefix = full.slice(0, len);
        prefixes++;
        const r = parse(prefix, name);
        assert.ok(Array.isArray(r.resources) && Array.isArray(r.problems));
        for (const p of r.problems) assert.ok(!/Internal error/.test(p.message), p.message);
        // A resource is complete when the next resource's key has started in the prefix.
        for (let k = 0; k + 1 < sortedKeys.length; k++) {
          const [resName] = sortedKeys[k];
          const nextKey = sortedKeys[k + 1][1];
          if (nextKey + 1 > len) break;
          const expected = byName.get(resName);
          if (!expected) continue; // excluded by its condition
          const got = r.resources.find((x) => x.name === resName);
          assert.ok(got, `prefix ${len}: ${resName} missing`);
          assert.strictEqual(got.type, expected.type);
          assert.deepStrictEqual(stripRanges(got.body), stripRanges(expected.body), `prefix ${len}: ${resName} body`);
          assert.deepStrictEqual(got.range, expected.range, `prefix ${len}: ${resName} range`);
          checked++;
        }
      }
      console.log(`      ${prefixes} prefixes, ${checked} complete-resource checks, ${Date.now() - t0} ms`);
      assert.ok(checked > 100);
    });
  }
});

describe('hostile input', function () {
  this.timeout(60000);
  it('an alias bomb returns quickly with a problem', () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 12; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      lines.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const text = `${lines.join('\n')}\nResources:\n  Bomb:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags: *l\n`;
    const t0 = Date.now();
    const r = parse(text);
    const ms = Date.now() - t0;
    console.log(`      alias bomb (9^12 nodes if expanded): ${ms} ms`);
    assert.ok(ms < 10000, `${ms} ms`);
    assert.ok(r.problems.some((p) => /alias/i.test(p.message) && p.severity === 'error'));
    assert.deepStrictEqual(names(r.resources), ['Bomb']);
    // The expansion is bounded: count the nodes of the value.
    const count = (v: Value): number => 1 + (v.kind === 'list' ? v.items.reduce((n, i) => n + count(i), 0) : v.kind === 'object' ? v.entries.reduce((n, e) => n + count(e.value), 0) : 0);
    const tags = r.resources[0].body.attributes[0].value;
    assert.ok(count(tags) < 5000, `${count(tags)} nodes`);
  });

  it('deep nesting does not overflow the stack', () => {
    const depth = 100000;
    const text = `Resources:\n  Deep:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
    const r = parse(text);
    assert.ok(Array.isArray(r.resources));
    const moderate = `Resources:\n  Deep:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags: ${'['.repeat(1000)}${']'.repeat(1000)}\n`;
    const r2 = parse(moderate);
    assert.deepStrictEqual(names(r2.resources), ['Deep']);
    assert.ok(r2.problems.some((p) => /deeper/.test(p.message)));
  });

  it('recursive conditions and self-referencing aliases are contained', () => {
    const r = parse('Conditions:\n  A: !And [!Condition A, !Condition A]\nResources:\n  X:\n    Type: AWS::S3::Bucket\n    Condition: A\n    Properties:\n      P: &p [*p]\n');
    assert.deepStrictEqual(names(r.resources), ['X']);
  });

  it('garbage never throws', () => {
    const samples = ['', '\u0000', '{', '[', '- a', ': :', '!Ref', '%YAML 1.1\n---', 'Resources: !Ref X', 'Resources:\n  - a\n  - b', 'Resources:\n  A: [1, 2]', '\ufeffResources: {}', 'a: b\n---\nc: d', '? [a]\n: b'];
    for (const s of samples) {
      const r = parse(s);
      assert.ok(Array.isArray(r.resources), JSON.stringify(s));
      for (const p of r.problems) assert.ok(!/Internal error/.test(p.message), `${JSON.stringify(s)}: ${p.message}`);
    }
  });
});

describe('large templates', () => {
  function generate(n: number): string {
    const out = ['AWSTemplateFormatVersion: "2010-09-09"', 'Parameters:', '  Env:', '    Type: String', '    Default: prod', 'Resources:'];
    for (let i = 0; i < n; i++) {
      out.push(
        `  Bucket${i}:`,
        '    Type: AWS::S3::Bucket',
        '    Properties:',
        `      BucketName: !Sub "\${Env}-bucket-${i}"`,
        '      BucketEncryption:',
        '        ServerSideEncryptionConfiguration:',
        '          - ServerSideEncryptionByDefault:',
        '              SSEAlgorithm: aws:kms',
        `              KMSMasterKeyID: !Ref Key${i % 10}`,
        '      VersioningConfiguration:',
        '        Status: Enabled',
        '      Tags:',
        '        - Key: index',
        `          Value: "${i}"`,
      );
    }
    for (let k = 0; k < 10; k++) out.push(`  Key${k}:`, '    Type: AWS::KMS::Key', '    Properties:', '      EnableKeyRotation: true');
    return `${out.join('\n')}\n`;
  }

  it('parses a 5,000-resource template', function () {
    this.timeout(120000);
    const text = generate(5000);
    const t0 = process.hrtime.bigint();
    const r = parse(text);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    console.log(`      5,010 resources, ${(text.length / 1e6).toFixed(2)} MB, ${text.split('\n').length} lines: ${ms.toFixed(0)} ms`);
    assert.strictEqual(r.resources.length, 5010);
    assert.deepStrictEqual(r.problems, []);
    assert.deepStrictEqual(propJson(r, 'Bucket4999', 'BucketName'), 'prod-bucket-4999');

    // The same template with a syntax error in the middle goes through recovery.
    const broken = text.replace('BucketName: !Sub "${Env}-bucket-2500"', 'BucketName: !Sub "${Env}-bucket-2500');
    const t1 = process.hrtime.bigint();
    const rb = parse(broken);
    const msb = Number(process.hrtime.bigint() - t1) / 1e6;
    console.log(`      same with an unclosed quote in the middle (recovery): ${msb.toFixed(0)} ms, ${rb.resources.length} resources`);
    assert.ok(rb.recovered);
    assert.ok(rb.resources.length >= 5009);
  });
});
