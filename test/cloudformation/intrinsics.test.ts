import * as assert from 'assert';
import type { Value } from '../../server/src/model/types';
import { parse, prop, shape } from './helpers';

/**
 * Every intrinsic in its short YAML form, its long YAML form and JSON must give the same value.
 * The template around the property provides a parameter with a default (Env = prod), one without
 * (Secret), a mapping, a known condition (IsProd = true) and an unknown one (HasSecret).
 */
const HEAD_YAML = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env:
    Type: String
    Default: prod
  Secret:
    Type: String
  Zones:
    Type: CommaDelimitedList
    Default: "a,b,c"
Mappings:
  M:
    prod:
      Size: large
      Count: 3
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  HasSecret: !Not [!Equals [!Ref Secret, ""]]
`;

const HEAD_JSON = {
  AWSTemplateFormatVersion: '2010-09-09',
  Parameters: {
    Env: { Type: 'String', Default: 'prod' },
    Secret: { Type: 'String' },
    Zones: { Type: 'CommaDelimitedList', Default: 'a,b,c' },
  },
  Mappings: { M: { prod: { Size: 'large', Count: 3 } } },
  Conditions: {
    IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] },
    HasSecret: { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'Secret' }, ''] }] },
  },
};

function indent(s: string, n: number): string {
  return s
    .split('\n')
    .map((l, i) => (i === 0 ? l : ' '.repeat(n) + l))
    .join('\n');
}

function yamlValue(valueYaml: string): Value | undefined {
  const text = `${HEAD_YAML}Resources:
  R:
    Type: AWS::S3::Bucket
    Properties:
      P: ${indent(valueYaml, 8)}
  Other:
    Type: AWS::SQS::Queue
`;
  const result = parse(text);
  assert.deepStrictEqual(
    result.problems.filter((p) => p.severity === 'error'),
    [],
    `errors for ${valueYaml}`,
  );
  return prop(result, 'R', 'P');
}

function jsonValue(value: unknown): Value | undefined {
  const tpl = { ...HEAD_JSON, Resources: { R: { Type: 'AWS::S3::Bucket', Properties: { P: value } }, Other: { Type: 'AWS::SQS::Queue' } } };
  const result = parse(JSON.stringify(tpl, null, 2), 'template.json');
  assert.deepStrictEqual(result.problems.filter((p) => p.severity === 'error'), []);
  return prop(result, 'R', 'P');
}

interface Case {
  name: string;
  short: string;
  long: string;
  json: unknown;
  expect: unknown;
}

const unknownRefs = (...refs: string[]): unknown => (refs.length ? { kind: 'unknown', refs } : { kind: 'unknown' });
const str = (value: string): unknown => ({ kind: 'string', value });

const CASES: Case[] = [
  { name: 'Ref parameter', short: '!Ref Env', long: '\nRef: Env', json: { Ref: 'Env' }, expect: str('prod') },
  { name: 'Ref resource', short: '!Ref Other', long: '\nRef: Other', json: { Ref: 'Other' }, expect: unknownRefs('Other') },
  { name: 'Ref pseudo parameter', short: '!Ref AWS::Region', long: '\nRef: AWS::Region', json: { Ref: 'AWS::Region' }, expect: unknownRefs() },
  { name: 'Sub scalar', short: '!Sub "${Env}-logs-${!Literal}"', long: '\nFn::Sub: "${Env}-logs-${!Literal}"', json: { 'Fn::Sub': '${Env}-logs-${!Literal}' }, expect: str('prod-logs-${Literal}') },
  {
    name: 'Sub list form',
    short: '!Sub\n- "${Name}-${Env}"\n- Name: !Select [1, !Ref Zones]',
    long: '\nFn::Sub:\n  - "${Name}-${Env}"\n  - Name:\n      Fn::Select: [1, {Ref: Zones}]',
    json: { 'Fn::Sub': ['${Name}-${Env}', { Name: { 'Fn::Select': [1, { Ref: 'Zones' }] } }] },
    expect: str('b-prod'),
  },
  { name: 'Sub with resource attribute', short: '!Sub "${Other.Arn}/x"', long: '\nFn::Sub: "${Other.Arn}/x"', json: { 'Fn::Sub': '${Other.Arn}/x' }, expect: unknownRefs('Other') },
  { name: 'GetAtt dotted', short: '!GetAtt Other.Arn', long: '\nFn::GetAtt: Other.Arn', json: { 'Fn::GetAtt': 'Other.Arn' }, expect: unknownRefs('Other') },
  { name: 'GetAtt list', short: '!GetAtt [Other, Arn]', long: '\nFn::GetAtt: [Other, Arn]', json: { 'Fn::GetAtt': ['Other', 'Arn'] }, expect: unknownRefs('Other') },
  { name: 'If known', short: '!If [IsProd, on-prod, off-prod]', long: '\nFn::If: [IsProd, on-prod, off-prod]', json: { 'Fn::If': ['IsProd', 'on-prod', 'off-prod'] }, expect: str('on-prod') },
  { name: 'If unknown, branches differ', short: '!If [HasSecret, a, b]', long: '\nFn::If: [HasSecret, a, b]', json: { 'Fn::If': ['HasSecret', 'a', 'b'] }, expect: unknownRefs() },
  { name: 'If unknown, branches equal', short: '!If [HasSecret, same, same]', long: '\nFn::If: [HasSecret, same, same]', json: { 'Fn::If': ['HasSecret', 'same', 'same'] }, expect: str('same') },
  { name: 'Join', short: '!Join [":", [a, !Ref Env, 3]]', long: '\nFn::Join: [":", [a, {Ref: Env}, 3]]', json: { 'Fn::Join': [':', ['a', { Ref: 'Env' }, 3]] }, expect: str('a:prod:3') },
  { name: 'Join unknown', short: '!Join ["", [a, !Ref Other]]', long: '\nFn::Join: ["", [a, {Ref: Other}]]', json: { 'Fn::Join': ['', ['a', { Ref: 'Other' }]] }, expect: unknownRefs('Other') },
  { name: 'Select', short: '!Select [2, !Ref Zones]', long: '\nFn::Select: [2, {Ref: Zones}]', json: { 'Fn::Select': [2, { Ref: 'Zones' }] }, expect: str('c') },
  { name: 'Select string index', short: '!Select ["0", [x, y]]', long: '\nFn::Select: ["0", [x, y]]', json: { 'Fn::Select': ['0', ['x', 'y']] }, expect: str('x') },
  {
    name: 'Split',
    short: '!Split [",", "x,y"]',
    long: '\nFn::Split: [",", "x,y"]',
    json: { 'Fn::Split': [',', 'x,y'] },
    expect: { kind: 'list', items: [str('x'), str('y')] },
  },
  { name: 'Split unknown', short: '!Split [",", !ImportValue Shared]', long: '\nFn::Split: [",", {Fn::ImportValue: Shared}]', json: { 'Fn::Split': [',', { 'Fn::ImportValue': 'Shared' }] }, expect: unknownRefs() },
  { name: 'FindInMap', short: '!FindInMap [M, !Ref Env, Size]', long: '\nFn::FindInMap: [M, {Ref: Env}, Size]', json: { 'Fn::FindInMap': ['M', { Ref: 'Env' }, 'Size'] }, expect: str('large') },
  { name: 'FindInMap number', short: '!FindInMap [M, prod, Count]', long: '\nFn::FindInMap: [M, prod, Count]', json: { 'Fn::FindInMap': ['M', 'prod', 'Count'] }, expect: { kind: 'number', value: 3 } },
  { name: 'Equals', short: '!Equals [!Ref Env, prod]', long: '\nFn::Equals: [{Ref: Env}, prod]', json: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] }, expect: { kind: 'bool', value: true } },
  { name: 'Not', short: '!Not [!Condition IsProd]', long: '\nFn::Not: [{Condition: IsProd}]', json: { 'Fn::Not': [{ Condition: 'IsProd' }] }, expect: { kind: 'bool', value: false } },
  { name: 'And', short: '!And [!Condition IsProd, !Equals [a, a]]', long: '\nFn::And: [{Condition: IsProd}, {Fn::Equals: [a, a]}]', json: { 'Fn::And': [{ Condition: 'IsProd' }, { 'Fn::Equals': ['a', 'a'] }] }, expect: { kind: 'bool', value: true } },
  { name: 'Or', short: '!Or [!Condition HasSecret, !Condition IsProd]', long: '\nFn::Or: [{Condition: HasSecret}, {Condition: IsProd}]', json: { 'Fn::Or': [{ Condition: 'HasSecret' }, { Condition: 'IsProd' }] }, expect: { kind: 'bool', value: true } },
  { name: 'Base64', short: '!Base64 "echo ${x}"', long: '\nFn::Base64: "echo ${x}"', json: { 'Fn::Base64': 'echo ${x}' }, expect: str(Buffer.from('echo ${x}').toString('base64')) },
  { name: 'Base64 of unknown', short: '!Base64\n  Fn::Sub: "${Other}"', long: '\nFn::Base64:\n  Fn::Sub: "${Other}"', json: { 'Fn::Base64': { 'Fn::Sub': '${Other}' } }, expect: unknownRefs('Other') },
  { name: 'Cidr', short: '!Cidr [!GetAtt Other.CidrBlock, 4, 8]', long: '\nFn::Cidr: [{Fn::GetAtt: [Other, CidrBlock]}, 4, 8]', json: { 'Fn::Cidr': [{ 'Fn::GetAtt': ['Other', 'CidrBlock'] }, 4, 8] }, expect: unknownRefs('Other') },
  { name: 'GetAZs', short: '!GetAZs ""', long: '\nFn::GetAZs: ""', json: { 'Fn::GetAZs': '' }, expect: unknownRefs() },
  { name: 'ImportValue', short: '!ImportValue\n  Fn::Sub: "${Env}-vpc"', long: '\nFn::ImportValue:\n  Fn::Sub: "${Env}-vpc"', json: { 'Fn::ImportValue': { 'Fn::Sub': '${Env}-vpc' } }, expect: unknownRefs() },
  { name: 'Transform', short: '!Transform {Name: AWS::Include, Parameters: {Location: s3://b/k}}', long: '\nFn::Transform: {Name: AWS::Include, Parameters: {Location: s3://b/k}}', json: { 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 's3://b/k' } } }, expect: unknownRefs() },
  { name: 'Condition', short: '!Condition IsProd', long: '\nCondition: IsProd', json: { Condition: 'IsProd' }, expect: 'skip-long' },
];

describe('intrinsic functions', function () {
  this.timeout(30000);
  for (const c of CASES) {
    it(`${c.name}: short, long and JSON forms agree`, () => {
      const short = yamlValue(c.short);
      const json = jsonValue(c.json);
      if (c.expect === 'skip-long') {
        // `{Condition: X}` is only a function inside Conditions; as a property it is a plain map.
        assert.deepStrictEqual(shape(short), { kind: 'bool', value: true });
        assert.strictEqual(json?.kind, 'object');
        return;
      }
      const long = yamlValue(c.long);
      assert.deepStrictEqual(shape(short), c.expect, 'short form');
      assert.deepStrictEqual(shape(long), c.expect, 'long YAML form');
      assert.deepStrictEqual(shape(json), c.expect, 'JSON form');
    });
  }

  it('Condition short and long forms agree inside Conditions', () => {
    const short = parse(`${HEAD_YAML.replace('Conditions:\n', 'Conditions:\n  X: !Not [!Condition IsProd]\n')}Resources: {}\n`);
    const long = parse(`${HEAD_YAML.replace('Conditions:\n', 'Conditions:\n  X:\n    Fn::Not:\n      - Condition: IsProd\n')}Resources: {}\n`);
    assert.strictEqual(short.conditions.find((c) => c.name === 'X')?.value, false);
    assert.strictEqual(long.conditions.find((c) => c.name === 'X')?.value, false);
  });

  it('an unknown short tag is an unknown value with a warning', () => {
    const result = parse(`${HEAD_YAML}Resources:\n  R:\n    Type: AWS::S3::Bucket\n    Properties:\n      P: !Bogus x\n`);
    assert.strictEqual(prop(result, 'R', 'P')?.kind, 'unknown');
    assert.ok(result.problems.some((p) => /Bogus/.test(p.message)));
  });

  it('a map with one Fn:: key is a function, with more keys it is data', () => {
    const result = parse(`${HEAD_YAML}Resources:\n  R:\n    Type: AWS::S3::Bucket\n    Properties:\n      A:\n        Fn::Sub: x\n        Other: y\n`);
    assert.deepStrictEqual(shape(prop(result, 'R', 'A')), {
      kind: 'object',
      entries: [
        { key: 'Fn::Sub', value: { kind: 'string', value: 'x' } },
        { key: 'Other', value: { kind: 'string', value: 'y' } },
      ],
    });
  });
});
