import * as assert from 'node:assert/strict';
import { listCatalogs } from '../../server/src/controls/catalog';
import {
  controlsForRule,
  createControlIndex,
  DEFAULT_FRAMEWORKS,
  formatControlsShort,
  getThemeMappings,
  rationaleFor,
} from '../../server/src/controls/mapping';
import type { ControlRef } from '../../server/src/controls/mapping';
import type { ThemeMappingData } from '../../server/src/controls/types';

const ALL = ['gdpr-art32', 'dora', 'bsi-c5-2020', 'nis2-art21', 'soc2-2017', 'iso27001-2022'];
const ORDER = ['iso27001-2022', 'soc2-2017', 'nis2-art21', 'bsi-c5-2020', 'dora', 'gdpr-art32'];

const ids = (refs: readonly ControlRef[], framework?: string): string[] =>
  refs.filter((r) => framework === undefined || r.framework === framework).map((r) => r.id);

/** A small mapping to test the mechanics independently of the shipped data. */
const TEST_DATA: ThemeMappingData = {
  themes: {
    'encryption-at-rest': {
      title: 'Encryption at rest',
      description: 'd',
      mappings: {
        'iso27001-2022': [
          { control: 'A.8.24', strength: 'primary', rationale: 'Encryption of stored data.' },
          { control: 'A.8.10', strength: 'secondary', rationale: 'Crypto-shredding.' },
        ],
        'soc2-2017': [{ control: 'CC6.1', strength: 'primary', rationale: 'Protects data at rest.' }],
      },
    },
    'key-management': {
      title: 'Key management',
      description: 'd',
      mappings: {
        'iso27001-2022': [{ control: 'A.8.24', strength: 'primary', rationale: 'Key management is part of cryptography.' }],
      },
    },
  },
  ruleOverrides: {
    'test-rule': {
      'iso27001-2022': {
        remove: ['A.8.10'],
        add: [{ control: 'A.8.2', rationale: 'Key policy grants admin rights.' }, { control: 'A.5.15', rationale: 'Access policy.' }],
      },
      'soc2-2017': { add: [{ control: 'CC6.1', rationale: 'Already given by the theme.' }] },
    },
  },
};

describe('controls: rule -> controls index', () => {
  describe('controlsForRule', () => {
    it('defaults to ISO 27001 and SOC 2', () => {
      assert.deepEqual(DEFAULT_FRAMEWORKS, ['iso27001-2022', 'soc2-2017']);
      const refs = controlsForRule({ id: 'x', themes: ['encryption-at-rest'] });
      assert.deepEqual([...new Set(refs.map((r) => r.framework))], ['iso27001-2022', 'soc2-2017']);
      assert.deepEqual(refs[0], { framework: 'iso27001-2022', id: 'A.8.24', title: 'Use of cryptography' });
    });

    it('orders by framework (ISO, SOC 2, NIS2, C5, DORA, GDPR) whatever order they are enabled in', () => {
      const refs = controlsForRule({ id: 'x', themes: ['encryption-at-rest'] }, ALL);
      const frameworks = [...new Set(refs.map((r) => r.framework))];
      assert.deepEqual(frameworks, ORDER);
      // Each framework's controls are contiguous.
      const runs = refs.map((r) => r.framework).filter((f, i, all) => i === 0 || all[i - 1] !== f);
      assert.deepEqual(runs, ORDER);
    });

    it('orders controls naturally within a framework and drops duplicates across themes', () => {
      const refs = controlsForRule(
        { id: 'x', themes: ['network-security-segmentation', 'identity-access', 'public-exposure-data-leakage'] },
        ['iso27001-2022'],
      );
      assert.deepEqual(ids(refs), ['A.5.15', 'A.5.18', 'A.8.3', 'A.8.12', 'A.8.20', 'A.8.21', 'A.8.22']);
      assert.equal(new Set(ids(refs)).size, refs.length);
    });

    it('gives a control once when several themes map it', () => {
      const refs = controlsForRule({ id: 'x', themes: ['encryption-at-rest', 'key-management', 'encryption-in-transit'] }, ALL);
      assert.equal(ids(refs, 'iso27001-2022').filter((id) => id === 'A.8.24').length, 1);
      assert.equal(ids(refs, 'gdpr-art32').filter((id) => id === 'Art. 32(1)(a)').length, 1);
      const keys = refs.map((r) => `${r.framework} ${r.id}`);
      assert.equal(new Set(keys).size, keys.length);
    });

    it('ignores unknown themes and frameworks', () => {
      assert.deepEqual(controlsForRule({ id: 'x', themes: ['no-such-theme'] }, ALL), []);
      assert.deepEqual(controlsForRule({ id: 'x', themes: ['backup'] }, ['pci-dss-4']), []);
      assert.deepEqual(controlsForRule({ id: 'x', themes: ['backup'] }, []), []);
    });

    it('returns a fresh array each time (callers may change it)', () => {
      const rule = { id: 'x', themes: ['logging'] };
      const first = controlsForRule(rule);
      first.push({ framework: 'iso27001-2022', id: 'A.5.1', title: 'changed' });
      first.reverse();
      const second = controlsForRule(rule);
      assert.notDeepEqual(second, first);
      assert.equal(second[0].id, 'A.8.15');
    });

    it('applies the shipped overrides: SSH exposure is not a data-leakage finding', () => {
      const themes = ['network-security-segmentation', 'public-exposure-data-leakage'];
      const plain = controlsForRule({ id: 'some-other-rule', themes }, ALL);
      const ssh = controlsForRule({ id: 'aws-security-group-no-public-ssh', themes }, ALL);
      assert.ok(ids(plain, 'iso27001-2022').includes('A.8.12'));
      assert.ok(!ids(ssh, 'iso27001-2022').includes('A.8.12'));
      assert.ok(!ids(ssh, 'soc2-2017').includes('C1.1'));
      assert.ok(ids(ssh, 'soc2-2017').includes('CC6.6'));
      assert.ok(ids(ssh, 'iso27001-2022').includes('A.8.20'));
    });

    it('applies the shipped overrides: a full-admin policy also maps to privileged access rights', () => {
      const themes = ['identity-access'];
      assert.deepEqual(ids(controlsForRule({ id: 'aws-iam-policy-no-full-admin', themes })), ['A.5.15', 'A.5.18', 'A.8.2', 'CC6.1', 'CC6.3']);
      assert.deepEqual(ids(controlsForRule({ id: 'another-iam-rule', themes })), ['A.5.15', 'A.5.18', 'CC6.1', 'CC6.3']);
      assert.deepEqual(rationaleFor(themes, 'iso27001-2022', 'A.8.2', 'aws-iam-policy-no-full-admin').length, 1);
      assert.deepEqual(rationaleFor(themes, 'iso27001-2022', 'A.8.2'), []);
    });
  });

  describe('overrides (own data)', () => {
    const index = createControlIndex(listCatalogs(), TEST_DATA);

    it('removes and adds controls for that rule only, keeping order and no duplicates', () => {
      const rule = { id: 'test-rule', themes: ['encryption-at-rest', 'key-management'] };
      assert.deepEqual(ids(index.controlsForRule(rule)), ['A.5.15', 'A.8.2', 'A.8.24', 'CC6.1']);
      const other = { id: 'other-rule', themes: ['encryption-at-rest', 'key-management'] };
      assert.deepEqual(ids(index.controlsForRule(other)), ['A.8.10', 'A.8.24', 'CC6.1']);
    });

    it('applies overrides only to enabled frameworks', () => {
      const rule = { id: 'test-rule', themes: ['encryption-at-rest'] };
      assert.deepEqual(ids(index.controlsForRule(rule, ['soc2-2017'])), ['CC6.1']);
    });

    it('explains a control with the theme rationales, then the override ones', () => {
      assert.deepEqual(index.rationaleFor(['encryption-at-rest', 'key-management'], 'iso27001-2022', 'A.8.24'), [
        'Encryption of stored data.',
        'Key management is part of cryptography.',
      ]);
      assert.deepEqual(index.rationaleFor(['key-management'], 'iso27001-2022', 'A.8.2', 'test-rule'), [
        'Key policy grants admin rights.',
      ]);
      assert.deepEqual(index.rationaleFor(['encryption-at-rest'], 'iso27001-2022', 'A.8.10', 'test-rule'), []);
      assert.deepEqual(index.rationaleFor(['encryption-at-rest'], 'iso27001-2022', 'A.8.10'), ['Crypto-shredding.']);
      assert.deepEqual(index.rationaleFor(['encryption-at-rest'], 'soc2-2017', 'CC6.1', 'test-rule'), [
        'Protects data at rest.',
        'Already given by the theme.',
      ]);
    });
  });

  describe('rationaleFor (shipped data)', () => {
    it('returns the rationale of every mapped control and nothing for unmapped ones', () => {
      const themes = ['encryption-at-rest', 'logging'];
      for (const ref of controlsForRule({ id: 'x', themes }, ALL)) {
        assert.ok(rationaleFor(themes, ref.framework, ref.id).length > 0, `${ref.framework} ${ref.id}`);
      }
      assert.deepEqual(rationaleFor(['encryption-at-rest'], 'iso27001-2022', 'A.7.1'), []);
      assert.deepEqual(rationaleFor(['encryption-at-rest'], 'iso27001-2022', 'A.8.24'), [
        getThemeMappings().themes['encryption-at-rest'].mappings['iso27001-2022'][0].rationale,
      ]);
    });
  });

  describe('formatControlsShort', () => {
    const ref = (framework: string, id: string): ControlRef => ({ framework, id, title: '' });

    it('joins frameworks with a middle dot, using short names', () => {
      assert.equal(
        formatControlsShort([ref('iso27001-2022', 'A.8.24'), ref('soc2-2017', 'CC6.1')]),
        'ISO 27001 A.8.24 · SOC 2 CC6.1',
      );
    });

    it('shows at most four controls per framework, then +N', () => {
      const refs = ['A.5.15', 'A.5.17', 'A.5.18', 'A.8.2', 'A.8.5', 'A.8.3'].map((id) => ref('iso27001-2022', id));
      assert.equal(formatControlsShort([...refs, ref('gdpr-art32', 'Art. 32(1)(b)')]), 'ISO 27001 A.5.15, A.5.17, A.5.18, A.8.2 +2 · GDPR Art. 32(1)(b)');
      assert.equal(formatControlsShort(refs, 2), 'ISO 27001 A.5.15, A.5.17 +4');
    });

    it('is empty for no controls and falls back to the framework id', () => {
      assert.equal(formatControlsShort([]), '');
      assert.equal(formatControlsShort([ref('pci-dss-4', '1.2.1')]), 'pci-dss-4 1.2.1');
    });

    it('formats what controlsForRule returns', () => {
      assert.equal(
        formatControlsShort(controlsForRule({ id: 'x', themes: ['encryption-at-rest'] })),
        'ISO 27001 A.8.24 · SOC 2 CC6.1, C1.1',
      );
    });
  });
});
