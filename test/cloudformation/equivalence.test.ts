import * as assert from 'assert';
import { fixture, parse, stripRanges } from './helpers';

/**
 * realistic.yaml uses the short forms; realistic-long.yaml and realistic.json are the same template
 * written with long forms only (generated from it once). Their models must be identical apart from
 * source ranges.
 */
describe('short and long forms on a realistic template', function () {
  this.timeout(30000);
  const short = parse(fixture('realistic.yaml'), 'realistic.yaml');
  const longYaml = parse(fixture('realistic-long.yaml'), 'realistic.yaml');
  const json = parse(fixture('realistic.json'), 'realistic.yaml');

  it('parses without problems', () => {
    assert.deepStrictEqual(short.problems, []);
    assert.deepStrictEqual(longYaml.problems, []);
    assert.deepStrictEqual(json.problems, []);
  });

  it('has the expected resources', () => {
    assert.strictEqual(short.resources.length, 21);
    assert.deepStrictEqual(
      short.excluded.map((e) => [e.name, e.condition]),
      [['DevSandboxBucket', 'IsNotProd']],
    );
  });

  it('gives identical resources (modulo ranges)', () => {
    // Comment suppressions only exist in YAML; realistic.yaml has none outside block scalars.
    assert.deepStrictEqual(stripRanges(longYaml.resources), stripRanges(short.resources));
    assert.deepStrictEqual(stripRanges(json.resources), stripRanges(short.resources));
  });

  it('gives identical parameters, conditions and resource attributes', () => {
    for (const other of [longYaml, json]) {
      assert.deepStrictEqual(stripRanges(other.parameters), stripRanges(short.parameters));
      assert.deepStrictEqual(stripRanges(other.conditions), stripRanges(short.conditions));
      assert.deepStrictEqual(stripRanges([...other.resourceAttributes]), stripRanges([...short.resourceAttributes]));
      assert.deepStrictEqual(stripRanges(other.excluded), stripRanges(short.excluded));
    }
  });

  it('evaluates the conditions', () => {
    const values = Object.fromEntries(short.conditions.map((c) => [c.name, c.value]));
    assert.deepStrictEqual(values, {
      IsProd: true,
      IsNotProd: false,
      UseExistingKey: false,
      CreateKey: true,
      ProdAndOwnKey: true,
      DevOrStaging: false,
    });
  });
});
