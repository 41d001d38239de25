/**
 * What the TrustLint language server and its clients agree on beyond plain LSP: settings, the
 * initialization options, command ids and the custom requests / notifications. This is the only
 * server folder the VS Code client imports, so it must not import `vscode-languageserver` (or
 * anything that touches Node or the engine): plain types and string constants only.
 */

/** Severity as shown in editors (`trustlint.severityOverrides`). */
export type EditorSeverity = 'error' | 'warning' | 'information' | 'hint';

/** Rule severity as the engine knows it. */
export type RuleSeverity = 'critical' | 'high' | 'medium' | 'low';

/** The `trustlint` configuration section (VS Code settings, or `workspace/configuration` of any client). */
export interface TrustlintSettings {
  /** Turn analysis off entirely; diagnostics are cleared. */
  enable: boolean;
  /** Editor severity per rule id; overrides the severity mapping (critical/high → error, ...). */
  severityOverrides: Record<string, EditorSeverity>;
  /** Rules switched off in this editor, merged with the project policy's `disabledRules`. */
  disabledRules: string[];
  /** Frameworks to show; when non-empty, replaces the project policy's list. */
  frameworks: string[];
  /** Publish suppressed findings as hints (tagged Unnecessary) instead of hiding them. */
  showSuppressed: boolean;
  /** Delay between the last keystroke and re-analysis, in milliseconds. */
  debounceMs: number;
  trace: { server: 'off' | 'messages' | 'verbose' };
}

export const DEFAULT_SETTINGS: TrustlintSettings = {
  enable: true,
  severityOverrides: {},
  disabledRules: [],
  frameworks: [],
  showSuppressed: false,
  debounceMs: 150,
  trace: { server: 'off' },
};

/** `initializationOptions` a client may send. */
export interface TrustlintInitializationOptions {
  /** Settings to use when the client cannot answer `workspace/configuration`. */
  settings?: Partial<TrustlintSettings>;
  experimental?: {
    /**
     * The client implements the `trustlint.suppressWithReason` command (asks the user for the
     * reason). The server then offers "Suppress" as a command instead of a placeholder edit.
     */
    trustlintSuppressCommand?: boolean;
    /**
     * Workspace folders with at least this many files are scanned in a worker thread (default
     * 500; 0: always). Smaller ones are analysed in the server's thread.
     */
    scanWorkerMinFiles?: number;
  };
}

/** Commands. Client-side ones are implemented by the VS Code extension; server-side ones by the server. */
export const Commands = {
  /** Client: open a rule's documentation. Arguments: `[ruleId: string]`. */
  showRuleDocs: 'trustlint.showRuleDocs',
  /** Client: ask for a reason and insert a suppression comment. Arguments: `[SuppressCommandArgs]`. */
  suppressWithReason: 'trustlint.suppressWithReason',
  /** Client: restart the language server. */
  restartServer: 'trustlint.restartServer',
  /** Client: apply every safe fix of the active file. */
  fixAllInFile: 'trustlint.fixAllInFile',
  /** Server (`workspace/executeCommand`): apply every safe fix of a file. Arguments: `[{ uri }]`. */
  applyFixAll: 'trustlint.applyFixAll',
  /** Client: apply every safe fix of the workspace, after a preview. */
  fixAllInWorkspace: 'trustlint.fixAllInWorkspace',
  /**
   * Server (`workspace/executeCommand`): every safe fix of every analysed file of the workspace
   * folders in one `workspace/applyEdit`, each rule's edits under a change annotation that needs
   * confirmation (when the client supports annotations). No arguments. Returns `FixAllResult`.
   */
  applyFixAllInWorkspace: 'trustlint.applyFixAllInWorkspace',
  /** Client: re-request `trustlint/coverage` and redraw the coverage view. */
  coverageRefresh: 'trustlint.coverage.refresh',
  /** Client: show only violated controls in the coverage view (toggles). */
  coverageFilterViolated: 'trustlint.coverage.filterViolated',
  /** Client: show every control again (the other half of the toggle, shown while filtering). */
  coverageShowAll: 'trustlint.coverage.showAll',
  /** Client: pick the frameworks (`trustlint.frameworks`, workspace scope). */
  coverageSelectFrameworks: 'trustlint.coverage.selectFrameworks',
  /** Client: quick pick of one control's findings. Arguments: `[node]` (a coverage view control node). */
  coverageShowControlFindings: 'trustlint.coverage.showControlFindings',
  /** Client: quick pick of `trustlint/prioritised`; opens the first finding of the rule picked. */
  prioritiseFixes: 'trustlint.prioritiseFixes',
  /** Client: pick a format, `trustlint/report`, save dialog, write the file. */
  exportReport: 'trustlint.exportReport',
} as const;

/** What the fix-all commands return: whether the client applied the edit, how many fixes and files it held. */
export interface FixAllResult {
  applied: boolean;
  count: number;
  files?: number;
}

/** Arguments of `trustlint.suppressWithReason`. */
export interface SuppressCommandArgs {
  uri: string;
  ruleId: string;
  /** Zero-based line the comment goes above (the resource's header line). */
  line: number;
  /** Indentation to repeat before the comment. */
  indent: string;
}

/** A LSP-shaped range (zero-based, UTF-16 characters), declared here so the client needs no server types. */
export interface ProtocolRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** Metadata of one rule, as listed by `trustlint/rules`. */
export interface RuleInfo {
  id: string;
  title: string;
  failMessage: string;
  rationale: string;
  remediation: string;
  severity: RuleSeverity;
  themes: string[];
  resourceTypes: Partial<Record<'terraform' | 'cloudformation', string[]>>;
  /** Whether the rule runs under the current policy and settings (of the first workspace folder). */
  enabled: boolean;
  controls: Array<{ framework: string; id: string; title: string }>;
  /** Where the rule's documentation is (file:// when bundled docs exist, else the repository). */
  docsUri: string;
}

/** `trustlint/rules`: every rule with its metadata. */
export const RulesRequest = {
  method: 'trustlint/rules',
} as const;
export type RulesParams = Record<string, never> | undefined;
export interface RulesResult {
  rules: RuleInfo[];
}

/** A finding as sent over the protocol. */
export interface ProtocolFinding {
  uri: string;
  ruleId: string;
  title: string;
  message: string;
  severity: RuleSeverity;
  range: ProtocolRange;
  resource: { type: string; name: string; address: string; range: ProtocolRange };
  controls: Array<{ framework: string; id: string; title: string }>;
  hasFix: boolean;
  /** Present when the finding is waived by a suppression. */
  suppressed?: { reason?: string; expires?: string; source: string };
}

/**
 * `trustlint/findings`: all findings (suppressed ones included) of one document, or of every
 * analysed file when `uri` is omitted. Also returns the resources and passes for coverage.
 */
export const FindingsRequest = {
  method: 'trustlint/findings',
} as const;
export interface FindingsParams {
  uri?: string;
}
export interface FindingsResult {
  findings: ProtocolFinding[];
  /** Per rule id: number of resources that pass it (for coverage views). */
  passes: Array<{ uri: string; ruleId: string; address: string }>;
  frameworks: string[];
}

/** `trustlint/findingsChanged`: sent after each republish with the documents whose diagnostics changed. */
export const FindingsChangedNotification = {
  method: 'trustlint/findingsChanged',
} as const;
export interface FindingsChangedParams {
  uris: string[];
}

/** Shape of `Diagnostic.data` on TrustLint findings. */
export interface DiagnosticData {
  ruleId: string;
  controls: Array<{ framework: string; id: string; title: string }>;
  fixes: Array<{ title: string; safety: 'safe' | 'suggestion'; edits: Array<{ uri: string; range: ProtocolRange; newText: string }> }>;
  suppressed?: boolean;
}

/** A control of a framework, as findings and rankings refer to it. */
export interface ProtocolControlRef {
  /** Framework id, e.g. `iso27001-2022`. */
  framework: string;
  /** Control id as the framework numbers it, e.g. `A.8.24`. */
  id: string;
  title: string;
}

// ------------------------------------------------------------------------------------------ coverage

/**
 * Status of a control (the same definitions as `server/src/controls/coverage.ts`):
 * - `violated`: at least one open (not waived) finding of a rule mapped to the control;
 * - `passing`: no open finding, and passing resources or waived findings of mapped rules;
 * - `not-assessed`: rules map to the control, but no resource they look at was analysed;
 * - `not-assessable`: no rule maps to the control (`reason` says why).
 */
export type CoverageStatus = 'violated' | 'passing' | 'not-assessed' | 'not-assessable';

/** `not-assessable-from-iac`: people, physical, organisational controls; `no-rule`: IaC could show it, no rule does yet. */
export type CoverageReason = 'no-rule' | 'not-assessable-from-iac';

/** Whether infrastructure code can evidence a control: fully, partly, or not at all. */
export type ControlAssessability = 'iac' | 'partial' | 'no';

/** A finding under a rule of a control. Waived (suppressed) findings are included, with `suppressed`. */
export interface CoverageFindingLocation {
  uri: string;
  range: ProtocolRange;
  /** The finding's message (without the list of controls). */
  message: string;
  severity: RuleSeverity;
  /** Address of the resource: `aws_db_instance.main`, or a CloudFormation logical id. */
  address: string;
  /** Set when a suppression waives the finding; `reason` is empty when none was written. */
  suppressed?: { reason: string; expires?: string };
}

/** A rule mapped to a control, with its outcome in the current analysis. */
export interface CoverageRuleInfo {
  ruleId: string;
  title: string;
  /** Open findings first, then waived ones; each in file and position order. */
  findings: CoverageFindingLocation[];
  /** Distinct resources the rule passed on. */
  passes: number;
}

export interface CoverageControlInfo {
  id: string;
  title: string;
  status: CoverageStatus;
  /** Set when `status` is `not-assessable`. */
  reason?: CoverageReason;
  assessable: ControlAssessability;
  /** What infrastructure code can show for this control, or why it cannot. */
  assessableNote: string;
  /** Why the mapped rules evidence the control, one line each, without duplicates. */
  rationale: string[];
  /** `findings`: open findings, `waived`: suppressed findings, `passes`: passing resources, of the mapped rules. */
  counts: { findings: number; waived: number; passes: number };
  /** The enabled rules that map to the control, by id. */
  rules: CoverageRuleInfo[];
}

export interface CoverageGroupInfo {
  /** As the catalog numbers it: `A.8`, `CC6`, `Art. 21(2)`. */
  id: string;
  title: string;
  /** In catalog order. */
  controls: CoverageControlInfo[];
}

/** Control counts of a framework: `violated + passing + notAssessed = assessable`, `assessable + notAssessable = total`. */
export interface CoverageCounts {
  total: number;
  assessable: number;
  violated: number;
  passing: number;
  notAssessed: number;
  notAssessable: number;
  noRule: number;
  notAssessableFromIac: number;
}

export interface CoverageFrameworkInfo {
  /** Framework id, e.g. `iso27001-2022`. */
  id: string;
  /** `ISO/IEC 27001:2022 Annex A` */
  name: string;
  /** `ISO 27001` */
  shortName: string;
  /** `Annex A: 19 of 93 assessable, 4 violated, 15 passing` */
  summary: string;
  counts: CoverageCounts;
  /** In catalog order; groups without controls are left out. */
  groups: CoverageGroupInfo[];
}

/** A framework the server knows, for framework pickers. */
export interface FrameworkChoice {
  id: string;
  name: string;
  shortName: string;
  /** Part of the frameworks in effect (settings > policy file > default). */
  enabled: boolean;
  /** Enabled when neither the settings nor the policy file name frameworks. */
  defaultEnabled: boolean;
}

/**
 * `trustlint/coverage`: coverage per control of every workspace folder's analysis together. The
 * frameworks are `params.frameworks` when given and non-empty (unknown ids are ignored), else
 * those in effect: the `trustlint.frameworks` setting, else each folder's policy file, else the
 * default (ISO 27001 and SOC 2).
 */
export const CoverageRequest = {
  method: 'trustlint/coverage',
} as const;
export interface CoverageParams {
  frameworks?: string[];
}
export interface CoverageResult {
  /** In catalog order (ISO 27001, SOC 2, NIS2, C5, DORA, GDPR). */
  frameworks: CoverageFrameworkInfo[];
  /** Every framework the server knows, in catalog order, with whether it is in effect. */
  available: FrameworkChoice[];
  /** False when analysis is switched off (`trustlint.enable`): `frameworks` is then empty. */
  analysisEnabled: boolean;
  /** Files analysed across all workspace folders. */
  files: number;
}

/**
 * `trustlint/coverageChanged`: sent after every analysis that republished (or could have changed)
 * results, also when no diagnostic changed (a compliant resource added changes coverage only).
 * Clients re-request `trustlint/coverage`; several may arrive in a row, so debounce.
 */
export const CoverageChangedNotification = {
  method: 'trustlint/coverageChanged',
} as const;
export interface CoverageChangedParams {
  /** URIs of the workspace folders (or single-file roots) whose analysis changed. */
  folders: string[];
}

// ------------------------------------------------------------------------------------ prioritising

/** One rule with open findings, ranked by the controls fixing all its findings would clear. */
export interface RankedRuleInfo {
  /** 1-based. */
  rank: number;
  ruleId: string;
  title: string;
  /** Highest severity among its open findings (policy overrides included). */
  severity: RuleSeverity;
  /** Open findings of the rule. */
  findings: number;
  /** Open findings with a safe fix. */
  fixAvailable: number;
  /** `controlsCleared.length`. */
  score: number;
  /** Controls that become non-violated once every open finding of the rule is fixed. */
  controlsCleared: ProtocolControlRef[];
  /** Every control of the enabled frameworks the rule maps to. */
  controlsTouched: ProtocolControlRef[];
  /** Framework ids that have at least one cleared control, in catalog order. */
  frameworksCleared: string[];
  /** The rule's open findings, the one to fix first first. */
  locations: Array<{ uri: string; range: ProtocolRange; message: string }>;
}

/**
 * `trustlint/prioritised`: rules with open findings across every workspace folder, best first
 * (scoring in `server/src/report/prioritise.ts`). Frameworks as for `trustlint/coverage`.
 */
export const PrioritisedRequest = {
  method: 'trustlint/prioritised',
} as const;
export interface PrioritisedParams {
  frameworks?: string[];
  /** At most this many rules (default: all). */
  limit?: number;
}
export interface PrioritisedResult {
  rules: RankedRuleInfo[];
  /** The framework ids the ranking counted. */
  frameworks: string[];
}

// ------------------------------------------------------------------------------------------ report

/** Formats of the compliance report. */
export type ReportFormat = 'md' | 'html' | 'json';
export const REPORT_FORMATS: readonly ReportFormat[] = ['md', 'html', 'json'];

/**
 * `trustlint/report`: the compliance report of every workspace folder's analysis, rendered by the
 * server (the same code as `trustlint report` on the command line), so clients only save it.
 * Frameworks as for `trustlint/coverage`. An unknown format is an `InvalidParams` error.
 */
export const ReportRequest = {
  method: 'trustlint/report',
} as const;
export interface ReportParams {
  format: ReportFormat;
  frameworks?: string[];
}
export interface ReportResult {
  format: ReportFormat;
  content: string;
  /** A file name to suggest, e.g. `trustlint-compliance-report.html`. */
  fileName: string;
}
