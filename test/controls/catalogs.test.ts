import * as assert from 'node:assert/strict';
import bsiC5Raw from '../../controls/bsi-c5-2020.json';
import doraRaw from '../../controls/dora.json';
import gdprRaw from '../../controls/gdpr-art32.json';
import isoRaw from '../../controls/iso27001-2022.json';
import nis2Raw from '../../controls/nis2-art21.json';
import soc2Raw from '../../controls/soc2-2017.json';
import {
  compareControlIds,
  getControl,
  getFramework,
  listCatalogs,
  listFrameworks,
  parseCatalog,
} from '../../server/src/controls/catalog';
import type { FrameworkCatalog } from '../../server/src/controls/types';
import { validateCatalog } from '../../server/src/controls/validate';

const RAW: Record<string, unknown> = {
  'iso27001-2022.json': isoRaw,
  'soc2-2017.json': soc2Raw,
  'nis2-art21.json': nis2Raw,
  'bsi-c5-2020.json': bsiC5Raw,
  'dora.json': doraRaw,
  'gdpr-art32.json': gdprRaw,
};

/** A deep copy to break on purpose. */
function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function catalog(id: string): FrameworkCatalog {
  const found = getFramework(id);
  assert.ok(found, `framework ${id} is loaded`);
  return found;
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

describe('controls: catalogs', () => {
  describe('schema', () => {
    for (const [file, raw] of Object.entries(RAW)) {
      it(`${file} is valid`, () => {
        assert.deepEqual(validateCatalog(raw, file), []);
      });
      it(`${file} is named after its framework id`, () => {
        assert.equal(`${(raw as { framework: { id: string } }).framework.id}.json`, file);
      });
    }

    it('reports missing fields, duplicate ids, unknown groups and bad assessability', () => {
      const broken = copy(isoRaw) as { controls: Array<Record<string, unknown>>; framework: Record<string, unknown> };
      delete broken.framework.shortName;
      broken.controls[1].id = broken.controls[0].id;
      broken.controls[2].group = 'A.9';
      broken.controls[3].assessable = 'maybe';
      broken.controls[4].title = '';
      broken.controls[5].assesable = 'no';
      const problems = validateCatalog(broken, 'iso');
      const expect = [
        /framework: "shortName" must be a non-empty string/,
        /duplicate control id "A\.5\.1"/,
        /group "A\.9" is not declared/,
        /"assessable" must be one of/,
        /controls\[4\]: "title" must be a non-empty string/,
        /controls\[5\]: unknown field "assesable"/,
      ];
      for (const pattern of expect) assert.ok(problems.some((p) => pattern.test(p)), `${pattern} in ${problems.join('; ')}`);
    });

    it('reports duplicate and empty groups', () => {
      const broken = copy(isoRaw) as { groups: Array<{ id: string; title: string }> };
      broken.groups.push({ id: 'A.5', title: 'again' }, { id: 'A.9', title: 'unused' });
      const problems = validateCatalog(broken);
      assert.ok(problems.some((p) => p.includes('duplicate group id "A.5"')));
      assert.ok(problems.some((p) => p.includes('group "A.9" has no controls')));
    });

    it('parseCatalog throws on invalid data and freezes valid data', () => {
      assert.throws(() => parseCatalog({ framework: {}, groups: [], controls: [] }), /Invalid control catalog/);
      const parsed = parseCatalog(copy(gdprRaw));
      assert.ok(Object.isFrozen(parsed.controls[0]));
    });
  });

  describe('content', () => {
    it('lists six frameworks in framework order', () => {
      assert.deepEqual(
        listFrameworks().map((f) => f.id),
        ['iso27001-2022', 'soc2-2017', 'nis2-art21', 'bsi-c5-2020', 'dora', 'gdpr-art32'],
      );
      assert.equal(listCatalogs().length, 6);
    });

    it('enables only ISO 27001 and SOC 2 by default', () => {
      assert.deepEqual(
        listFrameworks()
          .filter((f) => f.defaultEnabled)
          .map((f) => f.id),
        ['iso27001-2022', 'soc2-2017'],
      );
    });

    it('ISO 27001: 93 Annex A controls, 37/8/14/34 per group, in natural order', () => {
      const iso = catalog('iso27001-2022');
      assert.equal(iso.framework.name, 'ISO/IEC 27001:2022 Annex A');
      assert.equal(iso.framework.shortName, 'ISO 27001');
      assert.equal(iso.controls.length, 93);
      assert.deepEqual(countBy(iso.controls, (c) => c.group), { 'A.5': 37, 'A.6': 8, 'A.7': 14, 'A.8': 34 });
      assert.deepEqual(
        iso.groups.map((g) => [g.id, g.title]),
        [
          ['A.5', 'Organizational controls'],
          ['A.6', 'People controls'],
          ['A.7', 'Physical controls'],
          ['A.8', 'Technological controls'],
        ],
      );
      for (const control of iso.controls) {
        assert.match(control.id, /^A\.[5-8]\.\d{1,2}$/);
        assert.ok(control.id.startsWith(`${control.group}.`), `${control.id} is in group ${control.group}`);
      }
      const ids = iso.controls.map((c) => c.id);
      assert.deepEqual([...ids].sort(compareControlIds), ids);
      // Every number from 1 to the group size, none missing.
      for (const [group, size] of [['A.5', 37], ['A.6', 8], ['A.7', 14], ['A.8', 34]] as const) {
        for (let n = 1; n <= size; n++) assert.ok(getControl('iso27001-2022', `${group}.${n}`), `${group}.${n}`);
      }
      assert.equal(getControl('iso27001-2022', 'A.8.28')?.title, 'Secure coding');
    });

    it('SOC 2: 61 criteria CC1.1-CC9.2, A1, C1, PI1, P1-P8', () => {
      const soc2 = catalog('soc2-2017');
      assert.equal(soc2.controls.length, 61);
      const perSeries = countBy(soc2.controls, (c) => c.id.replace(/\d.*$/, ''));
      assert.deepEqual(perSeries, { CC: 33, A: 3, C: 2, PI: 5, P: 18 });
      assert.deepEqual(
        soc2.groups.map((g) => g.id),
        ['CC1', 'CC2', 'CC3', 'CC4', 'CC5', 'CC6', 'CC7', 'CC8', 'CC9', 'A1', 'C1', 'PI1', 'P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7', 'P8'],
      );
      for (const control of soc2.controls) {
        assert.ok(control.id.startsWith(`${control.group}.`), `${control.id} is in group ${control.group}`);
      }
      assert.equal(soc2.controls[0].id, 'CC1.1');
      assert.equal(soc2.controls.at(-1)?.id, 'P8.1');
      assert.ok(getControl('soc2-2017', 'CC9.2'));
    });

    it('NIS2: Art. 21(2)(a)-(j)', () => {
      const nis2 = catalog('nis2-art21');
      assert.deepEqual(
        nis2.controls.map((c) => c.id),
        'abcdefghij'.split('').map((p) => `Art. 21(2)(${p})`),
      );
    });

    it('C5: 17 domains with 121 basic criteria', () => {
      const c5 = catalog('bsi-c5-2020');
      assert.equal(c5.groups.length, 17);
      assert.equal(c5.controls.length, 121);
      const perDomain = countBy(c5.controls, (c) => c.group);
      assert.deepEqual(perDomain, {
        OIS: 7, SP: 3, HR: 6, AM: 6, PS: 7, OPS: 24, IDM: 9, CRY: 4, COS: 8,
        PI: 3, DEV: 10, SSO: 5, SIM: 5, BCM: 4, COM: 4, INQ: 4, PSS: 12,
      });
      for (const control of c5.controls) {
        assert.match(control.id, /^[A-Z]{2,3}-\d{2}$/);
        assert.ok(control.id.startsWith(`${control.group}-`), `${control.id} is in domain ${control.group}`);
      }
    });

    it('DORA: ICT risk management Art. 5-16 and the incident, testing and third-party articles', () => {
      const ids = catalog('dora').controls.map((c) => c.id);
      for (let n = 5; n <= 16; n++) assert.ok(ids.includes(`Art. ${n}`), `Art. ${n}`);
      for (const n of [17, 18, 19, 24, 25, 28, 30]) assert.ok(ids.includes(`Art. ${n}`), `Art. ${n}`);
    });

    it('GDPR: Art. 32(1)(a)-(d) and 32(2)', () => {
      assert.deepEqual(
        catalog('gdpr-art32').controls.map((c) => c.id),
        ['Art. 32(1)(a)', 'Art. 32(1)(b)', 'Art. 32(1)(c)', 'Art. 32(1)(d)', 'Art. 32(2)'],
      );
    });

    it('titles are short names, not copied control text', () => {
      for (const c of listCatalogs()) {
        for (const control of c.controls) {
          assert.ok(control.title.length <= 140, `${c.framework.id} ${control.id} title is short`);
          assert.ok(!/[.;:]$/.test(control.title), `${c.framework.id} ${control.id} title is a name, not a sentence`);
        }
      }
    });
  });

  describe('assessability', () => {
    it('people and physical controls are not assessable from IaC', () => {
      for (const control of catalog('iso27001-2022').controls) {
        if (control.group === 'A.6' || control.group === 'A.7') assert.equal(control.assessable, 'no', control.id);
      }
      for (const control of catalog('bsi-c5-2020').controls) {
        if (control.group === 'HR') assert.equal(control.assessable, 'no', control.id);
      }
      for (const id of ['CC6.4', 'CC6.5', 'CC1.1', 'CC9.2', 'P1.1']) assert.equal(getControl('soc2-2017', id)?.assessable, 'no', id);
    });

    it('technical controls the scanner evidences are "iac"; access control is "partial"', () => {
      const expected: Array<[string, string, string]> = [
        ['iso27001-2022', 'A.8.24', 'iac'],
        ['iso27001-2022', 'A.8.15', 'iac'],
        ['iso27001-2022', 'A.8.20', 'iac'],
        ['iso27001-2022', 'A.8.13', 'iac'],
        ['iso27001-2022', 'A.5.15', 'partial'],
        ['iso27001-2022', 'A.5.1', 'no'],
        ['soc2-2017', 'CC6.1', 'iac'],
        ['soc2-2017', 'CC6.3', 'partial'],
        ['nis2-art21', 'Art. 21(2)(h)', 'iac'],
        ['nis2-art21', 'Art. 21(2)(a)', 'no'],
        ['bsi-c5-2020', 'CRY-03', 'iac'],
        ['dora', 'Art. 5', 'no'],
        ['gdpr-art32', 'Art. 32(1)(a)', 'partial'],
      ];
      for (const [framework, id, assessable] of expected) {
        assert.equal(getControl(framework, id)?.assessable, assessable, `${framework} ${id}`);
      }
    });

    it('every framework has assessable and non-assessable controls, each with a note', () => {
      for (const c of listCatalogs()) {
        assert.ok(c.controls.some((x) => x.assessable !== 'no'), `${c.framework.id} has assessable controls`);
        for (const control of c.controls) assert.ok(control.assessableNote.length > 20, `${control.id} note`);
      }
    });
  });

  describe('lookups', () => {
    it('getControl and getFramework return undefined for unknown ids', () => {
      assert.equal(getFramework('iso27001-2013'), undefined);
      assert.equal(getControl('iso27001-2022', 'A.9.1'), undefined);
      assert.equal(getControl('nope', 'A.8.24'), undefined);
      assert.equal(getControl('iso27001-2022', 'A.8.24')?.title, 'Use of cryptography');
    });

    it('compareControlIds sorts numbers numerically', () => {
      assert.deepEqual(['A.8.10', 'A.8.2', 'A.5.37', 'A.8.1'].sort(compareControlIds), ['A.5.37', 'A.8.1', 'A.8.2', 'A.8.10']);
      assert.deepEqual(['Art. 12', 'Art. 9', 'Art. 10'].sort(compareControlIds), ['Art. 9', 'Art. 10', 'Art. 12']);
      assert.deepEqual(['CC6.10', 'CC6.8', 'CC10.1'].sort(compareControlIds), ['CC6.8', 'CC6.10', 'CC10.1']);
      assert.equal(compareControlIds('OPS-01', 'OPS-01'), 0);
    });
  });
});
