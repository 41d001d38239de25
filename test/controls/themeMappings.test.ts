import * as assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import mappingRaw from '../../controls/theme-mappings.json';
import { getControl, listCatalogs } from '../../server/src/controls/catalog';
import { createControlIndex, getThemeMappings, parseThemeMappings } from '../../server/src/controls/mapping';
import { ALL_THEMES } from '../../server/src/controls/themes';
import type { ThemeMappingData } from '../../server/src/controls/types';
import { validateThemeMappings } from '../../server/src/controls/validate';
import { ALL_RULES } from '../../server/src/rules/index.generated';
import type { Rule } from '../../server/src/rules/types';

const ISO = 'iso27001-2022';
const SOC2 = 'soc2-2017';
const data: ThemeMappingData = getThemeMappings();

function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function mapped(theme: string, framework: string): string[] {
  return (data.themes[theme]?.mappings[framework] ?? []).map((m) => m.control);
}

/** Rule ids known from the generated index and from the rule folders (the index is generated at build time). */
function knownRules(): Map<string, Rule | undefined> {
  const rules = new Map<string, Rule | undefined>();
  for (const rule of ALL_RULES) {
    rules.set(rule.meta.id, rule);
    for (const alias of rule.meta.aliases ?? []) rules.set(alias, rule);
  }
  const rulesDir = join(__dirname, '..', '..', '..', 'server', 'src', 'rules');
  for (const entry of readdirSync(rulesDir, { withFileTypes: true })) {
    if (!entry.isDirectory() || rules.has(entry.name) || !existsSync(join(rulesDir, entry.name, 'rule.ts'))) continue;
    let rule: Rule | undefined;
    try {
      // The compiled rule next to this test's output (out/server/src/rules/<id>/rule.js).
      rule = (require(join(__dirname, '..', '..', 'server', 'src', 'rules', entry.name, 'rule')) as { rule?: Rule }).rule;
    } catch {
      rule = undefined;
    }
    rules.set(entry.name, rule);
  }
  return rules;
}

describe('controls: theme mapping', () => {
  describe('schema', () => {
    it('is valid against the catalogs, with exactly the themes of the Theme union', () => {
      assert.deepEqual(validateThemeMappings(mappingRaw, listCatalogs(), { requiredThemes: ALL_THEMES }), []);
      assert.deepEqual(Object.keys(data.themes).sort(), [...ALL_THEMES].sort());
    });

    it('reports unknown controls, unknown frameworks, bad strength, empty rationale and duplicates', () => {
      const broken = copy(mappingRaw) as unknown as {
        themes: Record<string, { mappings: Record<string, Array<Record<string, unknown>>> }>;
      };
      const iso = broken.themes['encryption-at-rest'].mappings[ISO];
      iso.push({ control: 'A.9.99', strength: 'primary', rationale: 'x' });
      iso.push({ control: 'A.8.24', strength: 'strong', rationale: '' });
      broken.themes['backup'].mappings['pci-dss-4'] = [{ control: '1.1', strength: 'primary', rationale: 'x' }];
      const problems = validateThemeMappings(broken, listCatalogs());
      for (const pattern of [
        /control "A\.9\.99" does not exist in iso27001-2022/,
        /duplicate control "A\.8\.24"/,
        /"strength" must be "primary" or "secondary"/,
        /"rationale" must be a non-empty string/,
        /unknown framework "pci-dss-4"/,
      ]) {
        assert.ok(problems.some((p) => pattern.test(p)), `${pattern} in ${problems.join('; ')}`);
      }
    });

    it('reports a mapping to a control IaC cannot evidence as a data error', () => {
      const broken = copy(mappingRaw) as unknown as {
        themes: Record<string, { mappings: Record<string, Array<Record<string, unknown>>> }>;
      };
      broken.themes['incident-response'].mappings[ISO].push({ control: 'A.6.8', strength: 'secondary', rationale: 'x' });
      const problems = validateThemeMappings(broken, listCatalogs());
      assert.ok(problems.some((p) => p.includes('"A.6.8" is marked assessable "no"')), problems.join('; '));
    });

    it('reports missing and unknown themes and bad overrides', () => {
      const broken = copy(mappingRaw) as unknown as {
        themes: Record<string, unknown>;
        ruleOverrides: Record<string, unknown>;
      };
      delete broken.themes['backup'];
      broken.themes['network-exposure'] = { title: 't', description: 'd', mappings: {} };
      broken.ruleOverrides['Bad_Id'] = { [ISO]: { add: [{ control: 'A.8.24', rationale: 'r' }], remove: ['A.8.24'] } };
      broken.ruleOverrides['some-rule'] = { [ISO]: {} };
      const problems = validateThemeMappings(broken, listCatalogs(), { requiredThemes: ALL_THEMES });
      for (const pattern of [
        /theme "backup" is not mapped/,
        /network-exposure: not a theme of the Theme union/,
        /Bad_Id: rule id must be kebab-case/,
        /"A\.8\.24" is both added and removed/,
        /some-rule\.iso27001-2022: needs "add" or "remove"/,
      ]) {
        assert.ok(problems.some((p) => pattern.test(p)), `${pattern} in ${problems.join('; ')}`);
      }
      assert.throws(() => parseThemeMappings(broken, listCatalogs()), /Invalid theme mapping/);
    });
  });

  describe('content', () => {
    it('maps every theme to at least one ISO 27001 control and one SOC 2 criterion', () => {
      for (const theme of ALL_THEMES) {
        assert.ok(mapped(theme, ISO).length > 0, `${theme} -> ISO 27001`);
        assert.ok(mapped(theme, SOC2).length > 0, `${theme} -> SOC 2`);
        assert.ok(
          data.themes[theme].mappings[ISO].some((m) => m.strength === 'primary'),
          `${theme} has a primary ISO 27001 control`,
        );
      }
    });

    it('every mapping points at an existing, assessable control and has a one-line rationale', () => {
      for (const [theme, definition] of Object.entries(data.themes)) {
        for (const [framework, entries] of Object.entries(definition.mappings)) {
          for (const entry of entries) {
            const where = `${theme} -> ${framework} ${entry.control}`;
            const control = getControl(framework, entry.control);
            assert.ok(control, `${where} exists`);
            assert.notEqual(control.assessable, 'no', `${where} is assessable from IaC`);
            assert.ok(entry.rationale.trim().length >= 20, `${where} has a rationale`);
            assert.ok(!entry.rationale.includes('\n'), `${where} rationale is one line`);
            assert.ok(entry.basis && entry.basis.length > 0, `${where} keeps the basis of the reference data`);
          }
        }
      }
    });

    it('stays precise: few controls per theme and framework, no known mis-mappings', () => {
      for (const [theme, definition] of Object.entries(data.themes)) {
        for (const [framework, entries] of Object.entries(definition.mappings)) {
          assert.ok(entries.length <= 5, `${theme} -> ${framework}: ${entries.length} controls`);
        }
      }
      // Prowler maps public-access checks to "User endpoint devices" and encryption to "Data masking".
      assert.ok(!mapped('public-exposure-data-leakage', ISO).includes('A.8.1'));
      assert.ok(!mapped('encryption-at-rest', ISO).includes('A.8.11'));
      // Prowler maps IAM checks to CC1.3 (organisational structure).
      assert.ok(!mapped('identity-access', SOC2).includes('CC1.3'));
    });

    it('maps the regulation points the texts name', () => {
      const expectations: Array<[string, string, string]> = [
        ['encryption-at-rest', 'gdpr-art32', 'Art. 32(1)(a)'],
        ['encryption-in-transit', 'gdpr-art32', 'Art. 32(1)(a)'],
        ['dr-redundancy', 'gdpr-art32', 'Art. 32(1)(b)'],
        ['backup', 'gdpr-art32', 'Art. 32(1)(c)'],
        ['vulnerability-patch-management', 'gdpr-art32', 'Art. 32(1)(d)'],
        ['encryption-at-rest', 'nis2-art21', 'Art. 21(2)(h)'],
        ['encryption-in-transit', 'nis2-art21', 'Art. 21(2)(h)'],
        ['key-management', 'nis2-art21', 'Art. 21(2)(h)'],
        ['identity-access', 'nis2-art21', 'Art. 21(2)(i)'],
        ['backup', 'nis2-art21', 'Art. 21(2)(c)'],
        ['incident-response', 'nis2-art21', 'Art. 21(2)(b)'],
        ['secure-development', 'nis2-art21', 'Art. 21(2)(e)'],
        ['vulnerability-patch-management', 'nis2-art21', 'Art. 21(2)(e)'],
        ['encryption-at-rest', 'bsi-c5-2020', 'CRY-03'],
        ['encryption-in-transit', 'bsi-c5-2020', 'CRY-02'],
        ['key-management', 'bsi-c5-2020', 'CRY-04'],
        ['backup', 'dora', 'Art. 12'],
        ['encryption-at-rest', ISO, 'A.8.24'],
        ['logging', ISO, 'A.8.15'],
        ['backup', ISO, 'A.8.13'],
      ];
      for (const [theme, framework, control] of expectations) {
        assert.ok(mapped(theme, framework).includes(control), `${theme} -> ${framework} ${control}`);
      }
    });

    it('maps every theme to NIS2, C5 and DORA, and to GDPR except incident response', () => {
      for (const theme of ALL_THEMES) {
        for (const framework of ['nis2-art21', 'bsi-c5-2020', 'dora']) {
          assert.ok(mapped(theme, framework).length > 0, `${theme} -> ${framework}`);
        }
        // Breach notification is GDPR Art. 33/34, outside the Art. 32 catalog.
        assert.equal(mapped(theme, 'gdpr-art32').length > 0, theme !== 'incident-response', `${theme} -> GDPR`);
      }
    });
  });

  describe('rule overrides', () => {
    const rules = knownRules();
    const index = createControlIndex(listCatalogs(), { themes: data.themes, ruleOverrides: {} });

    for (const [ruleId, perFramework] of Object.entries(data.ruleOverrides)) {
      it(`${ruleId}: names an existing rule and changes what its themes give`, () => {
        assert.ok(rules.has(ruleId), `rule ${ruleId} exists`);
        const rule = rules.get(ruleId);
        assert.ok(rule, `rule ${ruleId} can be loaded`);
        const fromThemes = index.controlsForRule(rule.meta, Object.keys(perFramework));
        for (const [framework, override] of Object.entries(perFramework)) {
          const ids = fromThemes.filter((c) => c.framework === framework).map((c) => c.id);
          for (const removed of override.remove ?? []) {
            assert.ok(ids.includes(removed), `${framework} ${removed} is given by the rule's themes, so removing it matters`);
          }
          for (const added of override.add ?? []) {
            assert.ok(!ids.includes(added.control), `${framework} ${added.control} is not already given by the themes`);
            assert.notEqual(getControl(framework, added.control)?.assessable, 'no');
          }
        }
      });
    }
  });
});
