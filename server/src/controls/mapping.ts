/**
 * The rule -> controls index. Rules name themes; `controls/theme-mappings.json` maps each theme to
 * controls per framework, and `ruleOverrides` adjusts single rules where a theme is too coarse.
 * The index is computed from that data, never stored.
 */
import mappingData from '../../../controls/theme-mappings.json';
import type { ControlRef } from '../findings';
import { compareControlIds, getFramework, listCatalogs, listFrameworks } from './catalog';
import { deepFreeze } from './freeze';
import { ALL_THEMES } from './themes';
import type { FrameworkCatalog, ThemeMappingData } from './types';
import { validateThemeMappings } from './validate';

export type { ControlRef } from '../findings';

/** The part of a rule the index needs (a `RuleMetadata` fits). */
export interface RuleLike {
  readonly id: string;
  readonly themes: readonly string[];
}

/** Frameworks enabled unless the project policy says otherwise: those with `defaultEnabled` (ISO 27001, SOC 2). */
export const DEFAULT_FRAMEWORKS: readonly string[] = Object.freeze(
  listFrameworks()
    .filter((framework) => framework.defaultEnabled)
    .map((framework) => framework.id),
);

/** A rule -> controls index over a set of catalogs and a theme mapping. */
export interface ControlIndex {
  /** The catalogs, in framework order. */
  readonly catalogs: readonly FrameworkCatalog[];
  /**
   * Controls a rule affects in the enabled frameworks: theme mappings, then the rule's overrides,
   * deduplicated; ordered by framework order, then by the catalog's own control order.
   */
  controlsForRule(rule: RuleLike, enabledFrameworks?: readonly string[]): ControlRef[];
  /**
   * Why a rule with these themes evidences a control: the rationales of its themes' mappings, then
   * (when `ruleId` is given) those of the rule's overrides. Empty when nothing maps it.
   */
  rationaleFor(ruleThemes: readonly string[], frameworkId: string, controlId: string, ruleId?: string): string[];
}

/** Checks raw mapping data against the catalogs and returns it typed; throws listing every problem. */
export function parseThemeMappings(raw: unknown, catalogs: readonly FrameworkCatalog[]): ThemeMappingData {
  const problems = validateThemeMappings(raw, catalogs, { requiredThemes: ALL_THEMES });
  if (problems.length > 0) throw new Error(`Invalid theme mapping:\n  ${problems.join('\n  ')}`);
  return deepFreeze(raw as ThemeMappingData);
}

/**
 * Builds an index. The default one (used by the exported functions) is built from the files in
 * `/controls`; tests build others from their own data.
 */
export function createControlIndex(catalogs: readonly FrameworkCatalog[], data: ThemeMappingData): ControlIndex {
  // Shared, frozen refs: one object per control, and the position of each control in its catalog.
  const refs = new Map<string, Map<string, { ref: ControlRef; position: number }>>();
  for (const catalog of catalogs) {
    const perControl = new Map<string, { ref: ControlRef; position: number }>();
    catalog.controls.forEach((control, position) => {
      const ref: ControlRef = Object.freeze({ framework: catalog.framework.id, id: control.id, title: control.title });
      perControl.set(control.id, { ref, position });
    });
    refs.set(catalog.framework.id, perControl);
  }

  const cache = new Map<string, readonly ControlRef[]>();

  function compute(rule: RuleLike, enabled: readonly string[]): ControlRef[] {
    const result: ControlRef[] = [];
    for (const catalog of catalogs) {
      const frameworkId = catalog.framework.id;
      if (!enabled.includes(frameworkId)) continue;
      const ids = new Set<string>();
      for (const theme of rule.themes) {
        for (const entry of data.themes[theme]?.mappings[frameworkId] ?? []) ids.add(entry.control);
      }
      const override = data.ruleOverrides[rule.id]?.[frameworkId];
      for (const removed of override?.remove ?? []) ids.delete(removed);
      for (const added of override?.add ?? []) ids.add(added.control);

      const perControl = refs.get(frameworkId);
      const found = [...ids]
        .map((id) => perControl?.get(id))
        .filter((entry): entry is { ref: ControlRef; position: number } => entry !== undefined)
        .sort((a, b) => a.position - b.position || compareControlIds(a.ref.id, b.ref.id));
      for (const entry of found) result.push(entry.ref);
    }
    return result;
  }

  return {
    catalogs,
    controlsForRule(rule, enabledFrameworks = DEFAULT_FRAMEWORKS) {
      const key = `${rule.id}\u0000${rule.themes.join('\u0001')}\u0000${enabledFrameworks.join('\u0001')}`;
      let controls = cache.get(key);
      if (!controls) {
        controls = Object.freeze(compute(rule, enabledFrameworks));
        cache.set(key, controls);
      }
      // A fresh array: callers may sort or extend it without affecting other findings.
      return controls.slice();
    },
    rationaleFor(ruleThemes, frameworkId, controlId, ruleId) {
      const override = ruleId === undefined ? undefined : data.ruleOverrides[ruleId]?.[frameworkId];
      const rationales: string[] = [];
      if (!override?.remove?.includes(controlId)) {
        for (const theme of ruleThemes) {
          for (const entry of data.themes[theme]?.mappings[frameworkId] ?? []) {
            if (entry.control === controlId && !rationales.includes(entry.rationale)) rationales.push(entry.rationale);
          }
        }
      }
      for (const added of override?.add ?? []) {
        if (added.control === controlId && !rationales.includes(added.rationale)) rationales.push(added.rationale);
      }
      return rationales;
    },
  };
}

const SHIPPED_MAPPINGS: ThemeMappingData = parseThemeMappings(mappingData, listCatalogs());

/** The index over the shipped data files. */
export const defaultControlIndex: ControlIndex = createControlIndex(listCatalogs(), SHIPPED_MAPPINGS);

/** The shipped theme mapping (validated, frozen), e.g. for hovers that show strength and basis. */
export function getThemeMappings(): ThemeMappingData {
  return SHIPPED_MAPPINGS;
}

/**
 * Controls a rule affects in the enabled frameworks (default: `DEFAULT_FRAMEWORKS`), in framework
 * order (ISO 27001, SOC 2, NIS2, C5, DORA, GDPR) and then in each catalog's own order, without
 * duplicates. Unknown themes and frameworks contribute nothing.
 */
export function controlsForRule(rule: RuleLike, enabledFrameworks?: readonly string[]): ControlRef[] {
  return defaultControlIndex.controlsForRule(rule, enabledFrameworks);
}

/** Why a rule with these themes (and, if given, this id's overrides) evidences a control; empty if it does not. */
export function rationaleFor(
  ruleThemes: readonly string[],
  frameworkId: string,
  controlId: string,
  ruleId?: string,
): string[] {
  return defaultControlIndex.rationaleFor(ruleThemes, frameworkId, controlId, ruleId);
}

/**
 * A compact list for diagnostic messages: `ISO 27001 A.8.24 · SOC 2 CC6.1`. Frameworks appear in
 * the order of `refs`; each shows at most `maxPerFramework` ids, then `+N`.
 */
export function formatControlsShort(refs: readonly ControlRef[], maxPerFramework = 4): string {
  const byFramework = new Map<string, string[]>();
  for (const ref of refs) {
    const ids = byFramework.get(ref.framework) ?? [];
    if (!ids.includes(ref.id)) ids.push(ref.id);
    byFramework.set(ref.framework, ids);
  }
  const parts: string[] = [];
  for (const [frameworkId, ids] of byFramework) {
    const label = getFramework(frameworkId)?.framework.shortName ?? frameworkId;
    const shown = ids.slice(0, Math.max(1, maxPerFramework));
    const hidden = ids.length - shown.length;
    parts.push(`${label} ${shown.join(', ')}${hidden > 0 ? ` +${hidden}` : ''}`);
  }
  return parts.join(' · ');
}
