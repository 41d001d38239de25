import * as assert from 'assert';
import { asBool } from '../../server/src/model/access';
import { parse, prop, propJson, resource, shape, template } from './helpers';

const PARAMS = `Parameters:
  WithDefault:
    Type: String
    Default: abc
  NoDefault:
    Type: String
  Port:
    Type: Number
    Default: 443
  Flag:
    Type: String
    Default: true
  Cidrs:
    Type: CommaDelimitedList
    Default: " 10.0.0.0/8 , 192.168.0.0/16"
  Ids:
    Type: List<AWS::EC2::Subnet::Id>
    Default: subnet-1,subnet-2
  Ami:
    Type: AWS::SSM::Parameter::Value<String>
    Default: /aws/service/ami
Mappings:
  Sizes:
    prod:
      Instance: m5.large
      "8080": port-key
    dev:
      Instance: t3.micro
Conditions:
  Known: !Equals [!Ref WithDefault, abc]
  KnownFalse: !Not [!Condition Known]
  Unknown: !Equals [!Ref NoDefault, x]
  AndUnknownFalse: !And [!Condition Unknown, !Condition KnownFalse]
  OrUnknownTrue: !Or [!Condition Unknown, !Condition Known]
  AndUnknownTrue: !And [!Condition Unknown, !Condition Known]
  NumberEq: !Equals [!Ref Port, 443]
`;

function props(body: string): ReturnType<typeof parse> {
  return parse(template(`  R:\n    Type: AWS::EC2::Instance\n    Properties:\n${body}\n  Other:\n    Type: AWS::SQS::Queue\n`, PARAMS));
}

describe('value resolution', function () {
  this.timeout(30000);
  it('Ref to a parameter with a default resolves to it, as a string', () => {
    const r = props('      A: !Ref WithDefault\n      B: !Ref Port\n      C: !Ref Flag');
    assert.deepStrictEqual(propJson(r, 'R', 'A'), 'abc');
    assert.deepStrictEqual(propJson(r, 'R', 'B'), '443');
    assert.deepStrictEqual(propJson(r, 'R', 'C'), 'true');
    assert.strictEqual(asBool(prop(r, 'R', 'C')), true);
  });

  it('Ref to a parameter without default, or read from SSM, is unknown without refs', () => {
    const r = props('      A: !Ref NoDefault\n      B: !Ref Ami');
    assert.deepStrictEqual(shape(prop(r, 'R', 'A')), { kind: 'unknown' });
    assert.deepStrictEqual(shape(prop(r, 'R', 'B')), { kind: 'unknown' });
  });

  it('list parameters resolve to lists (members trimmed)', () => {
    const r = props('      A: !Ref Cidrs\n      B: !Ref Ids\n      C: !Join [",", !Ref Ids]');
    assert.deepStrictEqual(propJson(r, 'R', 'A'), ['10.0.0.0/8', '192.168.0.0/16']);
    assert.deepStrictEqual(propJson(r, 'R', 'B'), ['subnet-1', 'subnet-2']);
    assert.deepStrictEqual(propJson(r, 'R', 'C'), 'subnet-1,subnet-2');
  });

  it('Ref to a resource is unknown with refs; pseudo parameters are unknown', () => {
    const r = props('      A: !Ref Other\n      B: !Ref AWS::AccountId\n      C: !GetAtt Other.Arn');
    assert.deepStrictEqual(shape(prop(r, 'R', 'A')), { kind: 'unknown', refs: ['Other'] });
    assert.deepStrictEqual(shape(prop(r, 'R', 'B')), { kind: 'unknown' });
    assert.deepStrictEqual(shape(prop(r, 'R', 'C')), { kind: 'unknown', refs: ['Other'] });
  });

  it('GetAtt with a dotted attribute name, and an attribute from a parameter', () => {
    const r = props('      A: !GetAtt Other.Endpoint.Address\n      B: !GetAtt [Other, !Ref WithDefault]\n      C: !Ref ""');
    assert.deepStrictEqual(shape(prop(r, 'R', 'A')), { kind: 'unknown', refs: ['Other'] });
    assert.strictEqual((prop(r, 'R', 'A') as { reason?: string }).reason, 'attribute Other.Endpoint.Address');
    assert.strictEqual((prop(r, 'R', 'B') as { reason?: string }).reason, 'attribute Other.abc');
    assert.deepStrictEqual(shape(prop(r, 'R', 'C')), { kind: 'unknown' });
    assert.ok(r.problems.some((p) => /Ref needs the name/.test(p.message)));
  });

  it('AWS::NoValue removes the property, the map key or the list item', () => {
    const r = props(
      [
        '      Gone: !Ref AWS::NoValue',
        '      GoneIf: !If [Known, !Ref AWS::NoValue, x]',
        '      Map:',
        '        Keep: 1',
        '        Drop: !Ref AWS::NoValue',
        '      List:',
        '        - a',
        '        - !If [KnownFalse, b, !Ref AWS::NoValue]',
        '        - !Ref AWS::NoValue',
        '        - c',
      ].join('\n'),
    );
    const names = resource(r, 'R').body.attributes.map((a) => a.name);
    assert.deepStrictEqual(names, ['Map', 'List']);
    assert.deepStrictEqual(propJson(r, 'R', 'Map'), { Keep: 1 });
    assert.deepStrictEqual(propJson(r, 'R', 'List'), ['a', 'c']);
  });

  it('If: known condition takes the branch; unknown condition is unknown unless both branches agree', () => {
    const r = props(
      [
        '      T: !If [Known, yes-branch, no-branch]',
        '      F: !If [KnownFalse, yes-branch, no-branch]',
        '      U: !If [Unknown, {Status: Enabled}, {Status: Suspended}]',
        '      Same: !If [Unknown, {Status: Enabled}, {Status: Enabled}]',
        '      Partly: !If [Unknown, !Ref Other, x]',
        '      OptionalKey: !If [Unknown, !Ref AWS::NoValue, x]',
        '      Both: !If [Unknown, !Ref AWS::NoValue, !Ref AWS::NoValue]',
        '      Undefined: !If [Missing, a, a]',
      ].join('\n'),
    );
    assert.deepStrictEqual(propJson(r, 'R', 'T'), 'yes-branch');
    assert.deepStrictEqual(propJson(r, 'R', 'F'), 'no-branch');
    assert.deepStrictEqual(shape(prop(r, 'R', 'U')), { kind: 'unknown' });
    assert.deepStrictEqual(propJson(r, 'R', 'Same'), { Status: 'Enabled' });
    assert.deepStrictEqual(shape(prop(r, 'R', 'Partly')), { kind: 'unknown', refs: ['Other'] });
    assert.deepStrictEqual(shape(prop(r, 'R', 'OptionalKey')), { kind: 'unknown' });
    assert.strictEqual(prop(r, 'R', 'Both'), undefined);
    assert.deepStrictEqual(propJson(r, 'R', 'Undefined'), 'a');
    assert.ok(r.problems.some((p) => /Condition 'Missing' is not defined/.test(p.message)));
  });

  it('evaluates conditions with three-valued logic', () => {
    const r = props('      A: x');
    const values = Object.fromEntries(r.conditions.map((c) => [c.name, c.value]));
    assert.deepStrictEqual(values, {
      Known: true,
      KnownFalse: false,
      Unknown: undefined,
      AndUnknownFalse: false,
      OrUnknownTrue: true,
      AndUnknownTrue: undefined,
      NumberEq: true,
    });
  });

  it('reports a condition that refers to itself and treats it as unknown', () => {
    const r = parse('Conditions:\n  A: !Condition B\n  B: !Not [!Condition A]\nResources:\n  X:\n    Type: AWS::S3::Bucket\n    Condition: A\n');
    assert.strictEqual(r.resources.length, 1);
    assert.ok(r.problems.some((p) => /refers to itself/.test(p.message)));
  });

  it('Sub: known parts give a string; unknown parts give unknown with refs', () => {
    const r = props(
      [
        '      A: !Sub "${WithDefault}-${Port}"',
        '      B: !Sub "arn:aws:s3:::${WithDefault}/${!Keep} ${ WithDefault }"',
        '      C: !Sub "${Other}-${Other.Arn}-${AWS::Region}"',
        '      D: !Sub ["${X}-${Y}", {X: !Ref WithDefault, Y: !GetAtt Other.Url}]',
        '      E: !Sub "no variables"',
        '      F: !Sub "${NoDefault}"',
      ].join('\n'),
    );
    assert.deepStrictEqual(propJson(r, 'R', 'A'), 'abc-443');
    assert.deepStrictEqual(propJson(r, 'R', 'B'), 'arn:aws:s3:::abc/${Keep} abc');
    assert.deepStrictEqual(shape(prop(r, 'R', 'C')), { kind: 'unknown', refs: ['Other'] });
    assert.deepStrictEqual(shape(prop(r, 'R', 'D')), { kind: 'unknown', refs: ['Other'] });
    assert.deepStrictEqual(propJson(r, 'R', 'E'), 'no variables');
    assert.deepStrictEqual(shape(prop(r, 'R', 'F')), { kind: 'unknown' });
  });

  it('FindInMap: literal and resolvable keys; missing entries are unknown with a warning', () => {
    const r = props(
      [
        '      A: !FindInMap [Sizes, prod, Instance]',
        '      B: !FindInMap [Sizes, !If [Known, dev, prod], Instance]',
        '      C: !FindInMap [Sizes, !Ref NoDefault, Instance]',
        '      D: !FindInMap [Sizes, staging, Instance]',
        '      E: !FindInMap [Sizes, staging, Instance, {DefaultValue: t3.small}]',
        '      F: !FindInMap [Sizes, prod, 8080]',
      ].join('\n'),
    );
    assert.deepStrictEqual(propJson(r, 'R', 'A'), 'm5.large');
    assert.deepStrictEqual(propJson(r, 'R', 'B'), 't3.micro');
    assert.deepStrictEqual(shape(prop(r, 'R', 'C')), { kind: 'unknown' });
    assert.deepStrictEqual(shape(prop(r, 'R', 'D')), { kind: 'unknown' });
    assert.ok(r.problems.some((p) => /no entry staging\/Instance/.test(p.message)));
    assert.deepStrictEqual(propJson(r, 'R', 'E'), 't3.small');
    assert.deepStrictEqual(propJson(r, 'R', 'F'), 'port-key');
  });

  it('booleans written as strings stay strings', () => {
    const r = props('      A: "true"\n      B: true\n      C: "false"\n      D: yes');
    assert.deepStrictEqual(shape(prop(r, 'R', 'A')), { kind: 'string', value: 'true' });
    assert.deepStrictEqual(shape(prop(r, 'R', 'B')), { kind: 'bool', value: true });
    assert.strictEqual(asBool(prop(r, 'R', 'C')), false);
    assert.deepStrictEqual(shape(prop(r, 'R', 'D')), { kind: 'bool', value: true }, 'YAML 1.1 boolean, as cfn-lint reads it');
  });

  it('dates and version strings stay strings', () => {
    const r = props('      Version: 2012-10-17\n      Zero: 0777\n      Null: ~');
    assert.deepStrictEqual(propJson(r, 'R', 'Version'), '2012-10-17');
    assert.deepStrictEqual(shape(prop(r, 'R', 'Null')), { kind: 'null' });
  });

  it('resources whose Condition is known false are dropped; unknown and true are kept', () => {
    const r = parse(
      template(
        [
          '  OnlyIfFalse:\n    Type: AWS::S3::Bucket\n    Condition: KnownFalse',
          '  OnlyIfTrue:\n    Type: AWS::S3::Bucket\n    Condition: Known',
          '  OnlyIfUnknown:\n    Type: AWS::S3::Bucket\n    Condition: Unknown',
          '',
        ].join('\n'),
        PARAMS,
      ),
    );
    assert.deepStrictEqual(
      r.resources.map((x) => x.name),
      ['OnlyIfTrue', 'OnlyIfUnknown'],
    );
    assert.deepStrictEqual(r.excluded.map((x) => x.name), ['OnlyIfFalse']);
    assert.strictEqual(r.resourceAttributes.get('OnlyIfUnknown')?.condition, 'Unknown');
  });

  it('Properties that cannot be known leave the resource out (rules would see every property missing)', () => {
    const r = parse(template('  R:\n    Type: AWS::S3::Bucket\n    Properties: !If [Unknown, {A: 1}, {A: 2}]\n', PARAMS));
    assert.deepStrictEqual(r.resources, []);
    assert.ok(r.problems.some((p) => p.severity === 'info' && /cannot be determined/.test(p.message)));
    const known = parse(template('  R:\n    Type: AWS::S3::Bucket\n    Properties: !If [Known, {A: 1}, {A: 2}]\n', PARAMS));
    assert.deepStrictEqual(propJson(known, 'R', 'A'), 1);
  });

  it('resource attributes outside Properties', () => {
    const r = parse(
      template('  R:\n    Type: AWS::RDS::DBInstance\n    DependsOn: [A, B]\n    DeletionPolicy: !If [Known, Snapshot, Delete]\n    UpdateReplacePolicy: Retain\n  A:\n    Type: AWS::SNS::Topic\n  B:\n    Type: AWS::SNS::Topic\n', PARAMS),
    );
    const attrs = r.resourceAttributes.get('R');
    assert.deepStrictEqual(attrs?.dependsOn, ['A', 'B']);
    assert.deepStrictEqual(shape(attrs?.deletionPolicy), { kind: 'string', value: 'Snapshot' });
    assert.deepStrictEqual(shape(attrs?.updateReplacePolicy), { kind: 'string', value: 'Retain' });
  });

  it('reports references to undefined names and resources without Type', () => {
    const r = parse(template('  R:\n    Type: AWS::S3::Bucket\n    Properties:\n      A: !Ref Nope\n      B: !GetAtt Nope2.Arn\n  NoType:\n    Properties: {}\n  Half:\n'));
    const messages = r.problems.map((p) => p.message);
    assert.ok(messages.some((m) => /'Nope' is not a parameter or resource/.test(m)), messages.join('\n'));
    assert.ok(messages.some((m) => /'Nope2' is not a resource/.test(m)));
    assert.ok(messages.some((m) => /Resource 'NoType' has no Type/.test(m)));
    assert.ok(messages.some((m) => /Resource 'Half' has no Type/.test(m)));
    assert.deepStrictEqual(shape(prop(r, 'R', 'A')), { kind: 'unknown', refs: ['Nope'] });
  });

  it('exposes parameters with their defaults and transforms', () => {
    const r = parse(`Transform: [AWS::Serverless-2016-10-31, {Name: AWS::Include}]\n${PARAMS}Resources: {}\n`);
    assert.deepStrictEqual(r.transforms, ['AWS::Serverless-2016-10-31', 'AWS::Include']);
    const p = r.parameters.find((x) => x.name === 'Port');
    assert.strictEqual(p?.type, 'Number');
    assert.deepStrictEqual(shape(p?.default), { kind: 'number', value: 443 });
    assert.strictEqual(r.parameters.find((x) => x.name === 'NoDefault')?.default, undefined);
  });
});
