/**
 * The framework catalogs in `/controls`, imported statically (the engine never touches the file
 * system, and bundlers inline JSON imports). A new framework is one data file plus one line in
 * `CATALOG_DATA` below.
 */
import bsiC5Data from '../../../controls/bsi-c5-2020.json';
import doraData from '../../../controls/dora.json';
import gdprData from '../../../controls/gdpr-art32.json';
import isoData from '../../../controls/iso27001-2022.json';
import nis2Data from '../../../controls/nis2-art21.json';
import soc2Data from '../../../controls/soc2-2017.json';
import { deepFreeze } from './freeze';
import type { Control, FrameworkCatalog, FrameworkInfo } from './types';
import { validateCatalog } from './validate';

export type { Assessability, Control, ControlGroup, FrameworkCatalog, FrameworkInfo } from './types';

/** Catalog data in framework order: this order is used wherever controls of several frameworks are listed. */
const CATALOG_DATA: readonly unknown[] = [isoData, soc2Data, nis2Data, bsiC5Data, doraData, gdprData];

/** Checks raw catalog data and returns it typed; throws listing every problem when it is invalid. */
export function parseCatalog(raw: unknown, where = 'catalog'): FrameworkCatalog {
  const problems = validateCatalog(raw, where);
  if (problems.length > 0) throw new Error(`Invalid control catalog:\n  ${problems.join('\n  ')}`);
  return deepFreeze(raw as FrameworkCatalog);
}

/**
 * Compares control ids so that numbers inside them sort numerically: `A.8.2` < `A.8.10`,
 * `Art. 9` < `Art. 10`. Used for ids outside a catalog's own order.
 */
export function compareControlIds(a: string, b: string): number {
  const pa = a.split(/(\d+)/);
  const pb = b.split(/(\d+)/);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    if (pa[i] === pb[i]) continue;
    // split() with a capture group puts numbers at odd indexes.
    if (i % 2 === 1) return Number(pa[i]) - Number(pb[i]) || pa[i].length - pb[i].length;
    return pa[i] < pb[i] ? -1 : 1;
  }
  return pa.length - pb.length;
}

const CATALOGS: readonly FrameworkCatalog[] = Object.freeze(
  CATALOG_DATA.map((raw, i) => parseCatalog(raw, `catalog #${i + 1}`)),
);

const BY_ID = new Map(CATALOGS.map((catalog) => [catalog.framework.id, catalog]));
if (BY_ID.size !== CATALOGS.length) throw new Error('Invalid control catalogs: duplicate framework id');

const CONTROLS_BY_FRAMEWORK = new Map(
  CATALOGS.map((catalog) => [catalog.framework.id, new Map(catalog.controls.map((control) => [control.id, control]))]),
);

/** Every catalog, in framework order (ISO 27001, SOC 2, NIS2, C5, DORA, GDPR). */
export function listCatalogs(): readonly FrameworkCatalog[] {
  return CATALOGS;
}

/** Metadata of every framework, in framework order. */
export function listFrameworks(): FrameworkInfo[] {
  return CATALOGS.map((catalog) => catalog.framework);
}

/** The catalog of a framework id such as `iso27001-2022`, or undefined when unknown. */
export function getFramework(id: string): FrameworkCatalog | undefined {
  return BY_ID.get(id);
}

/** One control of a framework, or undefined when the framework or control is unknown. */
export function getControl(frameworkId: string, controlId: string): Control | undefined {
  return CONTROLS_BY_FRAMEWORK.get(frameworkId)?.get(controlId);
}
