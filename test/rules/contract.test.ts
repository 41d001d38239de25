/**
 * The contract every rule folder keeps: id = folder name, README, fixtures for every format it
 * declares, metadata within limits, and controls in ISO 27001 and SOC 2 through its themes.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { controlsForRule } from '../../server/src/controls/mapping';
import { ALL_RULES } from '../../server/src/rules/index.generated';
import { RULES_SRC } from '../util/paths';
import { loadFixtures } from './fixtureHarness';

const ID = /^(aws|azure|gcp|tf|cfn)-[a-z0-9]+(-[a-z0-9]+)*$/;

describe('rule contract', () => {
  it('every rule folder is registered and ids are unique', () => {
    const folders = readdirSync(RULES_SRC()).filter((n) => statSync(join(RULES_SRC(), n)).isDirectory() && existsSync(join(RULES_SRC(), n, 'rule.ts')));
    assert.deepEqual(ALL_RULES.map((r) => r.meta.id).sort(), folders.sort());
    const ids = new Set<string>();
    for (const r of ALL_RULES) for (const id of [r.meta.id, ...(r.meta.aliases ?? [])]) {
      assert.ok(!ids.has(id), `duplicate id ${id}`);
      ids.add(id);
    }
  });

  for (const rule of ALL_RULES) {
    describe(rule.meta.id, () => {
      const dir = join(RULES_SRC(), rule.meta.id);
      it('has well-formed metadata', () => {
        const m = rule.meta;
        assert.match(m.id, ID);
        assert.ok(m.title.length > 0 && m.title.length <= 60, `title at most 60 characters: ${m.title}`);
        assert.ok(m.failMessage.length > 0, 'failMessage');
        assert.ok(m.rationale.length >= 80, 'rationale is a real paragraph');
        assert.ok(m.remediation.length >= 30, 'remediation');
        assert.ok(m.themes.length > 0, 'themes');
        const formats = Object.keys(m.resourceTypes);
        assert.ok(formats.length > 0, 'resource types');
        for (const f of formats) assert.ok(rule.check[f as 'terraform' | 'cloudformation'], `check for ${f}`);
      });
      it('has a README with rationale, examples and controls', () => {
        const readme = join(dir, 'README.md');
        assert.ok(existsSync(readme), 'README.md');
        const text = readFileSync(readme, 'utf8');
        assert.ok(text.startsWith(`# ${rule.meta.id}`), 'README starts with "# <rule-id>"');
        for (const h of ['## Why', '## Non-compliant', '## Compliant', '## How to fix', '## When to suppress']) assert.ok(text.includes(h), `README has "${h}"`);
      });
      it('has pass and fail fixtures for every format it declares', () => {
        const fixtures = loadFixtures(dir);
        for (const format of Object.keys(rule.meta.resourceTypes)) {
          const of = fixtures.filter((f) => f.format === format);
          const min = format === 'terraform' ? 2 : 1;
          assert.ok(of.filter((f) => f.kind === 'pass').length >= min, `${format}: at least ${min} pass fixtures`);
          assert.ok(of.filter((f) => f.kind === 'fail').length >= min, `${format}: at least ${min} fail fixtures`);
          if (format === 'cloudformation') {
            for (const kind of ['pass', 'fail'] as const) {
              for (const ext of ['yaml', 'json']) {
                assert.ok(of.some((f) => f.kind === kind && f.files.some((x) => x.path.endsWith(`.${ext}`) || x.path.endsWith('.yml'))), `cloudformation: a ${kind} fixture in ${ext}`);
              }
            }
          }
        }
      });
      it('maps to ISO 27001 and SOC 2 controls', () => {
        const controls = controlsForRule(rule.meta, ['iso27001-2022', 'soc2-2017']);
        assert.ok(controls.some((c) => c.framework === 'iso27001-2022'), 'an ISO 27001 Annex A control');
        assert.ok(controls.some((c) => c.framework === 'soc2-2017'), 'a SOC 2 criterion');
      });
    });
  }
});
