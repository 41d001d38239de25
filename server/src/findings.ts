/**
 * What the engine reports. Hosts (LSP, CLI) turn these into diagnostics, SARIF results, hovers.
 */
import type { ParseProblem, Range, Resource, SourceFormat, Suppression } from './model/types';
import type { Fix, Severity } from './rules/types';

/** A control a finding affects, e.g. `{ framework: 'iso27001-2022', id: 'A.8.24', title: 'Use of cryptography' }`. */
export interface ControlRef {
  framework: string;
  id: string;
  title: string;
}

export interface Finding {
  ruleId: string;
  title: string;
  message: string;
  severity: Severity;
  file: string;
  range: Range;
  format: SourceFormat;
  /** The resource the finding is on (its header range is where hovers anchor). */
  resource: {
    type: string;
    name: string;
    address: string;
    file: string;
    range: Range;
    headerRange: Range;
  };
  controls: ControlRef[];
  fixes: Fix[];
  /** Set when the finding is waived by a suppression with a reason that has not expired. */
  suppressed?: Suppression;
  /** Set when a suppression for this finding exists but expired: the finding is active again. */
  expiredSuppression?: Suppression;
  /** A module call whose inputs made this child resource non-compliant. */
  viaModuleCall?: string;
}

export interface AnalysisResult {
  findings: Finding[];
  problems: ParseProblem[];
  /**
   * Every resource written in the analysed files (for coverage and hovers), without its evaluated
   * body (empty attributes and blocks): results name and locate resources; rules read the bodies.
   * A child module's resources evaluated through a call (`viaModuleCall`) are not listed again.
   */
  resources: Resource[];
  /** Pass results per rule id -> resource addresses, for coverage ("passing" evidence). */
  passes: Array<{ ruleId: string; file: string; address: string; range: Range }>;
}
