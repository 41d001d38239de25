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
} as const;

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
