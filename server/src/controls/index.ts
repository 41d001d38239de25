/** Framework catalogs, the rule -> controls index and coverage: the controls part of the engine. */
export { compareControlIds, getControl, getFramework, listCatalogs, listFrameworks, parseCatalog } from './catalog';
export { computeCoverage } from './coverage';
export type {
  ControlCoverage,
  CoverageFinding,
  CoverageInput,
  CoveragePass,
  CoverageStatus,
  FrameworkCoverage,
  NotAssessableReason,
} from './coverage';
export {
  controlsForRule,
  createControlIndex,
  DEFAULT_FRAMEWORKS,
  defaultControlIndex,
  formatControlsShort,
  getThemeMappings,
  parseThemeMappings,
  rationaleFor,
} from './mapping';
export type { ControlIndex, ControlRef, RuleLike } from './mapping';
export { ALL_THEMES, isTheme } from './themes';
export type * from './types';
export { ASSESSABILITY_VALUES } from './types';
export { validateCatalog, validateThemeMappings } from './validate';
