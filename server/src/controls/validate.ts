/**
 * Hand-written schema checks for the data files in `/controls`. The loaders run them so that a
 * broken data file fails loudly instead of silently mapping findings to the wrong controls; the
 * tests run them too. Each function returns a list of problems, empty when the data is valid.
 */
import { ASSESSABILITY_VALUES } from './types';
import type { FrameworkCatalog } from './types';

type Json = Record<string, unknown>;

const FRAMEWORK_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const RULE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Titles are short names, not copied control text. */
const MAX_TITLE = 140;
const MAX_RATIONALE = 240;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}

function isOneLine(value: string): boolean {
  return !/[\r\n]/.test(value);
}

/** Reports keys that are not allowed (catches typos such as `assesable`). */
function unknownKeys(obj: Json, allowed: readonly string[], where: string, problems: string[]): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) problems.push(`${where}: unknown field "${key}"`);
  }
}

function requireString(obj: Json, key: string, where: string, problems: string[], maxLength?: number): void {
  const value = obj[key];
  if (!isNonEmptyString(value)) {
    problems.push(`${where}: "${key}" must be a non-empty string`);
    return;
  }
  if (!isOneLine(value)) problems.push(`${where}: "${key}" must be one line`);
  if (maxLength !== undefined && value.length > maxLength) {
    problems.push(`${where}: "${key}" is longer than ${maxLength} characters`);
  }
}

function optionalString(obj: Json, key: string, where: string, problems: string[]): void {
  if (obj[key] !== undefined && !isNonEmptyString(obj[key])) {
    problems.push(`${where}: "${key}" must be a non-empty string when present`);
  }
}

function optionalStringArray(obj: Json, key: string, where: string, problems: string[]): void {
  const value = obj[key];
  if (value === undefined) return;
  if (!Array.isArray(value) || value.length === 0 || !value.every(isNonEmptyString)) {
    problems.push(`${where}: "${key}" must be a non-empty array of non-empty strings when present`);
  }
}

/** Validates one framework catalog (`controls/<framework-id>.json`). */
export function validateCatalog(raw: unknown, where = 'catalog'): string[] {
  const problems: string[] = [];
  if (!isObject(raw)) return [`${where}: must be an object`];
  unknownKeys(raw, ['$comment', 'framework', 'groups', 'controls'], where, problems);

  const fw = raw.framework;
  if (!isObject(fw)) {
    problems.push(`${where}: "framework" must be an object`);
  } else {
    const w = `${where} framework`;
    unknownKeys(fw, ['id', 'name', 'shortName', 'version', 'publisher', 'coverageLabel', 'defaultEnabled'], w, problems);
    requireString(fw, 'id', w, problems);
    if (isNonEmptyString(fw.id) && !FRAMEWORK_ID.test(fw.id)) problems.push(`${w}: id "${fw.id}" must be kebab-case`);
    requireString(fw, 'name', w, problems, MAX_TITLE);
    requireString(fw, 'shortName', w, problems, 24);
    requireString(fw, 'version', w, problems);
    optionalString(fw, 'publisher', w, problems);
    optionalString(fw, 'coverageLabel', w, problems);
    if (typeof fw.defaultEnabled !== 'boolean') problems.push(`${w}: "defaultEnabled" must be a boolean`);
  }

  const groupIds = new Set<string>();
  if (!Array.isArray(raw.groups) || raw.groups.length === 0) {
    problems.push(`${where}: "groups" must be a non-empty array`);
  } else {
    raw.groups.forEach((group: unknown, i: number) => {
      const w = `${where} groups[${i}]`;
      if (!isObject(group)) {
        problems.push(`${w}: must be an object`);
        return;
      }
      unknownKeys(group, ['id', 'title'], w, problems);
      requireString(group, 'id', w, problems);
      requireString(group, 'title', w, problems, MAX_TITLE);
      if (isNonEmptyString(group.id)) {
        if (groupIds.has(group.id)) problems.push(`${w}: duplicate group id "${group.id}"`);
        groupIds.add(group.id);
      }
    });
  }

  const controlIds = new Set<string>();
  const usedGroups = new Set<string>();
  if (!Array.isArray(raw.controls) || raw.controls.length === 0) {
    problems.push(`${where}: "controls" must be a non-empty array`);
  } else {
    raw.controls.forEach((control: unknown, i: number) => {
      const w = `${where} controls[${i}]`;
      if (!isObject(control)) {
        problems.push(`${w}: must be an object`);
        return;
      }
      unknownKeys(control, ['id', 'title', 'group', 'assessable', 'assessableNote'], w, problems);
      requireString(control, 'id', w, problems);
      requireString(control, 'title', w, problems, MAX_TITLE);
      requireString(control, 'group', w, problems);
      requireString(control, 'assessableNote', w, problems);
      if (isNonEmptyString(control.id)) {
        if (controlIds.has(control.id)) problems.push(`${w}: duplicate control id "${control.id}"`);
        controlIds.add(control.id);
      }
      if (isNonEmptyString(control.group)) {
        usedGroups.add(control.group);
        if (!groupIds.has(control.group)) problems.push(`${w}: group "${control.group}" is not declared in "groups"`);
      }
      if (!(ASSESSABILITY_VALUES as readonly unknown[]).includes(control.assessable)) {
        problems.push(`${w}: "assessable" must be one of ${ASSESSABILITY_VALUES.join(', ')}`);
      }
    });
  }
  for (const id of groupIds) {
    if (!usedGroups.has(id)) problems.push(`${where}: group "${id}" has no controls`);
  }
  return problems;
}

export interface MappingValidationOptions {
  /** Themes that must be present; any other theme is reported as unknown. */
  readonly requiredThemes?: readonly string[];
}

/**
 * Validates `controls/theme-mappings.json` against already validated catalogs: structure, that
 * every referenced control exists, that nothing points at a control IaC cannot evidence
 * (`assessable: "no"`), and that every required theme is present.
 */
export function validateThemeMappings(
  raw: unknown,
  catalogs: readonly FrameworkCatalog[],
  options: MappingValidationOptions = {},
  where = 'theme-mappings',
): string[] {
  const problems: string[] = [];
  if (!isObject(raw)) return [`${where}: must be an object`];
  unknownKeys(raw, ['$comment', 'themes', 'ruleOverrides'], where, problems);

  const byFramework = new Map(catalogs.map((c) => [c.framework.id, new Map(c.controls.map((ctl) => [ctl.id, ctl]))]));

  /** Checks a control reference and returns whether it is usable. */
  const checkControl = (frameworkId: string, controlId: unknown, w: string): boolean => {
    if (!isNonEmptyString(controlId)) {
      problems.push(`${w}: "control" must be a non-empty string`);
      return false;
    }
    const control = byFramework.get(frameworkId)?.get(controlId);
    if (!control) {
      problems.push(`${w}: control "${controlId}" does not exist in ${frameworkId}`);
      return false;
    }
    if (control.assessable === 'no') {
      problems.push(`${w}: control "${controlId}" is marked assessable "no" and cannot be evidenced by a rule`);
    }
    return true;
  };

  const checkFrameworkKey = (frameworkId: string, w: string): boolean => {
    if (!byFramework.has(frameworkId)) {
      problems.push(`${w}: unknown framework "${frameworkId}"`);
      return false;
    }
    return true;
  };

  const themes = raw.themes;
  if (!isObject(themes)) {
    problems.push(`${where}: "themes" must be an object`);
  } else {
    for (const [themeId, theme] of Object.entries(themes)) {
      const w = `${where} themes.${themeId}`;
      if (options.requiredThemes && !options.requiredThemes.includes(themeId)) {
        problems.push(`${w}: not a theme of the Theme union`);
      }
      if (!isObject(theme)) {
        problems.push(`${w}: must be an object`);
        continue;
      }
      unknownKeys(theme, ['title', 'description', 'mappings'], w, problems);
      requireString(theme, 'title', w, problems, MAX_TITLE);
      requireString(theme, 'description', w, problems);
      if (!isObject(theme.mappings)) {
        problems.push(`${w}: "mappings" must be an object`);
        continue;
      }
      for (const [frameworkId, entries] of Object.entries(theme.mappings)) {
        const wf = `${w}.mappings.${frameworkId}`;
        if (!checkFrameworkKey(frameworkId, wf)) continue;
        if (!Array.isArray(entries) || entries.length === 0) {
          problems.push(`${wf}: must be a non-empty array (leave the framework out instead)`);
          continue;
        }
        const seen = new Set<string>();
        entries.forEach((entry: unknown, i: number) => {
          const we = `${wf}[${i}]`;
          if (!isObject(entry)) {
            problems.push(`${we}: must be an object`);
            return;
          }
          unknownKeys(entry, ['control', 'strength', 'rationale', 'basis', 'refs'], we, problems);
          if (checkControl(frameworkId, entry.control, we) && isNonEmptyString(entry.control)) {
            if (seen.has(entry.control)) problems.push(`${we}: duplicate control "${entry.control}"`);
            seen.add(entry.control);
          }
          if (entry.strength !== 'primary' && entry.strength !== 'secondary') {
            problems.push(`${we}: "strength" must be "primary" or "secondary"`);
          }
          requireString(entry, 'rationale', we, problems, MAX_RATIONALE);
          optionalStringArray(entry, 'basis', we, problems);
          optionalStringArray(entry, 'refs', we, problems);
        });
      }
    }
    for (const required of options.requiredThemes ?? []) {
      if (!(required in themes)) problems.push(`${where}: theme "${required}" is not mapped`);
    }
  }

  const overrides = raw.ruleOverrides;
  if (!isObject(overrides)) {
    problems.push(`${where}: "ruleOverrides" must be an object`);
  } else {
    for (const [ruleId, perFramework] of Object.entries(overrides)) {
      const w = `${where} ruleOverrides.${ruleId}`;
      if (!RULE_ID.test(ruleId)) problems.push(`${w}: rule id must be kebab-case`);
      if (!isObject(perFramework)) {
        problems.push(`${w}: must be an object`);
        continue;
      }
      for (const [frameworkId, override] of Object.entries(perFramework)) {
        const wf = `${w}.${frameworkId}`;
        if (!checkFrameworkKey(frameworkId, wf)) continue;
        if (!isObject(override)) {
          problems.push(`${wf}: must be an object`);
          continue;
        }
        unknownKeys(override, ['add', 'remove', 'note'], wf, problems);
        optionalString(override, 'note', wf, problems);
        const added = new Set<string>();
        if (override.add !== undefined) {
          if (!Array.isArray(override.add) || override.add.length === 0) {
            problems.push(`${wf}: "add" must be a non-empty array when present`);
          } else {
            override.add.forEach((entry: unknown, i: number) => {
              const we = `${wf}.add[${i}]`;
              if (!isObject(entry)) {
                problems.push(`${we}: must be an object`);
                return;
              }
              unknownKeys(entry, ['control', 'rationale', 'basis'], we, problems);
              if (checkControl(frameworkId, entry.control, we) && isNonEmptyString(entry.control)) {
                if (added.has(entry.control)) problems.push(`${we}: duplicate control "${entry.control}"`);
                added.add(entry.control);
              }
              requireString(entry, 'rationale', we, problems, MAX_RATIONALE);
              optionalStringArray(entry, 'basis', we, problems);
            });
          }
        }
        if (override.remove !== undefined) {
          if (!Array.isArray(override.remove) || override.remove.length === 0) {
            problems.push(`${wf}: "remove" must be a non-empty array when present`);
          } else {
            override.remove.forEach((controlId: unknown, i: number) => {
              const we = `${wf}.remove[${i}]`;
              if (!isNonEmptyString(controlId) || !byFramework.get(frameworkId)?.has(controlId)) {
                problems.push(`${we}: control "${String(controlId)}" does not exist in ${frameworkId}`);
              } else if (added.has(controlId)) {
                problems.push(`${we}: control "${controlId}" is both added and removed`);
              }
            });
          }
        }
        if (override.add === undefined && override.remove === undefined) {
          problems.push(`${wf}: needs "add" or "remove"`);
        }
      }
    }
  }
  return problems;
}
