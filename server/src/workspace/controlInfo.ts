/**
 * Names and titles from the controls catalog, for display. Kept in one place so the hosts depend on
 * the catalog through two small functions.
 */
import { getControl, getFramework, listFrameworks } from '../controls/catalog';

let names: Map<string, string> | undefined;

/** Human name of a framework id (`iso27001-2022` -> `ISO/IEC 27001:2022`), or the id itself. */
export function frameworkName(frameworkId: string): string {
  if (!names) {
    names = new Map();
    try {
      for (const fw of listFrameworks()) names.set(fw.id, fw.name);
    } catch {
      // Catalog unavailable: fall back to ids.
    }
  }
  return names.get(frameworkId) ?? frameworkId;
}

/** Title of a control from the catalog, if known. */
export function controlTitle(frameworkId: string, controlId: string): string | undefined {
  try {
    return getControl(frameworkId, controlId)?.title;
  } catch {
    return undefined;
  }
}

/** Ids of every framework in the catalog. */
export function frameworkIds(): string[] {
  try {
    return listFrameworks().map((f) => f.id);
  } catch {
    return [];
  }
}

/**
 * Short, stable prefix of a framework for machine output: the catalog's short name without spaces
 * (`ISO27001`, `SOC2`, `NIS2`, `C5`, `DORA`, `GDPR`).
 */
export function frameworkShortId(frameworkId: string): string {
  let short: string | undefined;
  try {
    short = getFramework(frameworkId)?.framework.shortName;
  } catch {
    short = undefined;
  }
  if (short) return short.replace(/\s+/g, '');
  const id = frameworkId.toLowerCase();
  if (id.startsWith('iso27001')) return 'ISO27001';
  if (id.startsWith('soc2')) return 'SOC2';
  if (id.startsWith('nis2')) return 'NIS2';
  if (id.includes('c5')) return 'C5';
  if (id.startsWith('dora')) return 'DORA';
  if (id.startsWith('gdpr')) return 'GDPR';
  return frameworkId.toUpperCase();
}

/** `ISO27001:A.8.24` */
export function controlTag(control: { framework: string; id: string }): string {
  return `${frameworkShortId(control.framework)}:${control.id}`;
}
