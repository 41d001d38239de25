/**
 * Accuracy over noise: no rule may fire on a value it cannot know. For every Terraform fail
 * fixture, each finding that sits on an attribute is re-checked with that attribute's value
 * replaced by a variable without default: the finding must disappear.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DEFAULT_POLICY } from '../../server/src/config/policy';
import { Engine } from '../../server/src/engine';
import type { BodyItem, HclAttribute, HclBody } from '../../server/src/parsing/terraform/ast';
import { parseHcl } from '../../server/src/parsing/terraform/parser';
import { ALL_RULES } from '../../server/src/rules/index.generated';
import type { Rule } from '../../server/src/rules/types';
import { RULES_SRC } from '../util/paths';
import { loadFixtures, type FixtureFile } from './fixtureHarness';

function attributes(body: HclBody, out: HclAttribute[] = []): HclAttribute[] {
  for (const item of body.items as BodyItem[]) {
    if (item.type === 'Attribute') out.push(item);
    else attributes(item.body, out);
  }
  return out;
}

function findings(rule: Rule, files: FixtureFile[]) {
  const engine = new Engine({ rules: [rule], today: '2026-01-01', policy: { ...DEFAULT_POLICY, enabledRules: [rule.meta.id] } });
  for (const f of files) engine.setFile(f.path, f.text);
  return engine.analyzeAll().findings.filter((f) => f.ruleId === rule.meta.id && !f.suppressed);
}

describe('no finding on unknown values', () => {
  let total = 0;
  for (const rule of ALL_RULES) {
    if (!rule.meta.resourceTypes.terraform) continue;
    const fixtures = loadFixtures(join(RULES_SRC(), rule.meta.id)).filter((f) => f.format === 'terraform' && f.kind === 'fail');
    if (fixtures.length === 0) continue;
    it(rule.meta.id, () => {
      let checked = 0;
      for (const fixture of fixtures) {
        for (const finding of findings(rule, fixture.files)) {
          const file = fixture.files.find((f) => f.path === finding.file);
          if (!file || !file.path.endsWith('.tf')) continue;
          const attr = attributes(parseHcl(file.text).body).find(
            (a) => a.range.start.offset === finding.range.start.offset && a.range.end.offset === finding.range.end.offset,
          );
          if (!attr) continue;
          const text =
            file.text.slice(0, attr.expr.range.start.offset) +
            'var.trustlint_unknown' +
            file.text.slice(attr.expr.range.end.offset) +
            '\nvariable "trustlint_unknown" {}\n';
          const files = fixture.files.map((f) => (f === file ? { path: f.path, text } : f));
          const after = findings(rule, files).filter((f) => f.file === finding.file && f.range.start.offset === finding.range.start.offset);
          assert.deepEqual(after.map((f) => f.message), [], `${fixture.name}: ${finding.file}:${finding.range.start.line + 1} still fires when \`${attr.name}\` is unknown`);
          checked++;
        }
      }
      // Rules whose findings all sit on block headers (a missing setting) have nothing to check here.
      total += checked;
    });
  }
  it('re-checked a meaningful number of findings', () => {
    assert.ok(total >= ALL_RULES.length, `only ${total} attribute findings were re-checked`);
  });
});
