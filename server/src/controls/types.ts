/**
 * Shapes of the data files in `/controls`: one catalog per framework + version, and the theme
 * mapping. The files are validated by `validate.ts` when they are loaded, so code can rely on
 * these types.
 */

/**
 * Whether infrastructure code can give evidence for a control at all:
 * - `iac`: the technical core of the control is declared in IaC (encryption, logging, network rules);
 * - `partial`: IaC shows part of it, the rest is process or runtime (access control, backups tests);
 * - `no`: people, physical and purely organisational controls.
 */
export type Assessability = 'iac' | 'partial' | 'no';

export const ASSESSABILITY_VALUES: readonly Assessability[] = ['iac', 'partial', 'no'];

/** One control, criterion, article or point of a framework. */
export interface Control {
  /** As the framework numbers it: `A.8.24`, `CC6.1`, `Art. 21(2)(h)`, `CRY-03`, `Art. 9`, `Art. 32(1)(a)`. */
  readonly id: string;
  /** Short title in our own words (ISO: the short official control name). */
  readonly title: string;
  /** Id of the group in the catalog's `groups`. */
  readonly group: string;
  readonly assessable: Assessability;
  /** Why IaC cannot evidence it, or what IaC can show. */
  readonly assessableNote: string;
}

export interface ControlGroup {
  readonly id: string;
  readonly title: string;
}

/** Metadata of a framework catalog. */
export interface FrameworkInfo {
  /** Framework + version, also the catalog's file name: `iso27001-2022`. */
  readonly id: string;
  readonly name: string;
  /** Used in diagnostics: `ISO 27001 A.8.24`. */
  readonly shortName: string;
  readonly version: string;
  readonly publisher?: string;
  /** Prefix of the coverage summary (`Annex A: 19 of 93 assessable, ...`); defaults to `shortName`. */
  readonly coverageLabel?: string;
  /** Whether projects get this framework unless their policy says otherwise. */
  readonly defaultEnabled: boolean;
}

/** The content of one `controls/<framework-id>.json` file. */
export interface FrameworkCatalog {
  readonly framework: FrameworkInfo;
  readonly groups: readonly ControlGroup[];
  /** In the framework's own order. */
  readonly controls: readonly Control[];
}

export type MappingStrength = 'primary' | 'secondary';

/** A theme -> control link in `controls/theme-mappings.json`. */
export interface ThemeMappingEntry {
  readonly control: string;
  /** `primary`: the theme is a core measure of the control; `secondary`: it contributes clearly. */
  readonly strength: MappingStrength;
  /** One line in our own words: why the theme evidences the control. */
  readonly rationale: string;
  /** What supports the link (prowler, azure-policy, enisa-crosswalk, inferred, ...), for traceability. */
  readonly basis?: readonly string[];
  /** Finer references inside the control: DORA paragraphs, NIS2 Implementing Regulation Annex points. */
  readonly refs?: readonly string[];
}

export interface ThemeDefinition {
  readonly title: string;
  readonly description: string;
  /** Framework id -> controls this theme evidences. */
  readonly mappings: Readonly<Record<string, readonly ThemeMappingEntry[]>>;
}

export interface OverrideAddition {
  readonly control: string;
  readonly rationale: string;
  readonly basis?: readonly string[];
}

/** Per rule and framework: controls to drop from, or add to, what the rule's themes give. */
export interface RuleOverride {
  readonly add?: readonly OverrideAddition[];
  readonly remove?: readonly string[];
  /** Why the override exists (shown to maintainers, not to users). */
  readonly note?: string;
}

/** The content of `controls/theme-mappings.json`. */
export interface ThemeMappingData {
  readonly themes: Readonly<Record<string, ThemeDefinition>>;
  /** Rule id -> framework id -> override. */
  readonly ruleOverrides: Readonly<Record<string, Readonly<Record<string, RuleOverride>>>>;
}
