/**
 * The shape of a rule. A rule is metadata plus a check per format that looks at one resource and
 * returns pass / fail / skip, plus optional fixes. Rules see only the format-neutral model.
 */
import type { Attribute, Body, NestedBlock, Range, Resource, SourceFormat, TextEdit } from '../model/types';

export type Severity = 'critical' | 'high' | 'medium' | 'low';

export const SEVERITIES: readonly Severity[] = ['low', 'medium', 'high', 'critical'];

/**
 * Control themes. Frameworks map themes to controls in `controls/theme-mappings.json`; a rule names
 * its themes and so gets its controls without touching any framework file.
 */
export type Theme =
  | 'identity-access'
  | 'encryption-at-rest'
  | 'encryption-in-transit'
  | 'key-management'
  | 'logging'
  | 'monitoring-alerting'
  | 'change-configuration-management'
  | 'backup'
  | 'dr-redundancy'
  | 'vulnerability-patch-management'
  | 'network-security-segmentation'
  | 'public-exposure-data-leakage'
  | 'incident-response'
  | 'secure-development'
  | 'data-deletion-retention';

/** Identifiers of equivalent checks in other tools, so their suppressions can be honoured. */
export interface PeerIds {
  checkov?: string[];
  trivy?: string[];
  kics?: string[];
  cfnLint?: string[];
  cfnNag?: string[];
  guard?: string[];
}

export interface RuleMetadata {
  /** Kebab-case, provider first, stated positively; equals the rule's folder name. */
  id: string;
  /** At most 60 characters, says what must hold: "S3 bucket encrypts data at rest". */
  title: string;
  /** Message shown when violated, says what is wrong: "S3 bucket has no default encryption". */
  failMessage: string;
  /** Why it matters, one paragraph. */
  rationale: string;
  /** How to fix, one paragraph (plain text; code in backticks). */
  remediation: string;
  severity: Severity;
  themes: Theme[];
  /**
   * Resource types the rule looks at, per format. Managed resources by type (`aws_kms_key`,
   * `AWS::KMS::Key`); Terraform data sources with a `data.` prefix (`data.aws_iam_policy_document`),
   * provider blocks as `provider.aws`, module calls as `module`.
   */
  resourceTypes: Partial<Record<SourceFormat, string[]>>;
  peers?: PeerIds;
  /** Previous ids of this rule (ids are never reused; a rename keeps an alias). */
  aliases?: string[];
  /**
   * Account-level "missing resource" checks are off unless the project policy enables them.
   */
  defaultEnabled?: boolean;
}

/** Whether a fix can go into fix-all without asking. */
export type FixSafety = 'safe' | 'suggestion';

export interface Fix {
  title: string;
  safety: FixSafety;
  edits: TextEdit[];
}

export type CheckResult =
  | { status: 'pass'; resource: Resource; range?: Range }
  | {
      status: 'fail';
      resource: Resource;
      /** The narrowest range: the offending attribute, else the block header. */
      range: Range;
      /** Overrides the rule's failMessage when more specific (e.g. names the port). */
      message?: string;
      /** Overrides the rule's default severity for this case (e.g. retention 0 vs 3 days). */
      severity?: Severity;
      fixes?: Fix[];
    }
  | { status: 'skip'; resource: Resource; reason: string };

/** Facts a check may ask for beyond the resource itself. */
export interface CheckContext {
  /** All resources of the same module (Terraform folder) or template. */
  readonly moduleResources: readonly Resource[];
  /** Resources in this module that reference `resource` (by address), e.g. its v4 S3 config resources. */
  referencesTo(resource: Resource): Resource[];
  /** Resources in this module that reference `resource` and have the given type. */
  referencesToOfType(resource: Resource, type: string): Resource[];
  /** Resolve a module-local address (`aws_kms_key.main`, a CFN logical id) to its resource. */
  resolve(address: string): Resource | undefined;
  /** The text of a file, for fixes that must respect indentation. */
  fileText(file: string): string;
  /** Today as YYYY-MM-DD (the engine's `today` option), for rules about dates such as runtime deprecation. */
  readonly today: string;
}

/** A check for one format. Called once per resource whose type the rule lists for that format. */
export type Check = (resource: Resource, ctx: CheckContext) => CheckResult | CheckResult[];

/**
 * What one module scope shows about one account-level requirement: `defined` (enabled or not: a
 * disabled definition is the rule's per-resource finding, not a missing resource), `unknown` (may
 * be defined, e.g. looked up as a data source), `none`.
 */
export type AccountEvidence = 'defined' | 'unknown' | 'none';

/**
 * An account-level "missing resource" check (GuardDuty, CloudTrail, Defender plans, ...), judged
 * once per workspace: a Terraform account is usually configured by several root modules and their
 * children, so "this module has no detector" says little; "no module of the workspace has one"
 * does. Every module scope (a folder's own resources, and the resources each local module call
 * creates) reports its evidence per requirement; the rule fires once, at one un-aliased provider
 * block, for the requirements met nowhere, unless a module we cannot read (registry, git, a
 * folder outside the workspace) may meet them. Terraform only: a CloudFormation template is its own
 * stack and keeps per-resource checks.
 */
export interface AccountCheck {
  /** Provider whose un-aliased blocks can carry the finding: `aws`, `azurerm`. */
  provider: string;
  /** What the account needs: one label per requirement (a resource type, a Defender plan, ...). */
  requirements: readonly string[];
  /** Evidence of one module scope, aligned with `requirements`. */
  assess(ctx: CheckContext): AccountEvidence[];
  /**
   * Words (whole, hyphen-separated: `security-hub`) that, in the source of a module call we cannot
   * read, suggest the module may define the requirements; the rule then stays silent.
   */
  sourceHints: readonly string[];
  /** The finding's message; the requirements met nowhere follow it when there are several. */
  message: string;
  /** A fix at the provider block that carries the finding (single-requirement checks). */
  fix?(provider: Resource, ctx: CheckContext): Fix | undefined;
}

/**
 * An account-wide setting that makes every finding of a rule moot wherever it is declared in the
 * workspace: with `aws_ebs_encryption_by_default` on, AWS encrypts every new volume whatever the
 * volume says. Terraform only.
 */
export interface AccountSetting {
  /** Whether a module scope declares the setting on (`defined`), may (`unknown`), or not. */
  assess(ctx: CheckContext): AccountEvidence;
  /**
   * Whether a module scope explicitly turns the setting off: the account that module deploys to
   * does not have it, whatever other modules declare, so the rule's findings in that module stay.
   */
  disables?(ctx: CheckContext): boolean;
}

export interface Rule {
  meta: RuleMetadata;
  check: Partial<Record<SourceFormat, Check>>;
  /** Account-level rules: the workspace-wide "missing resource" part (see `AccountCheck`). */
  account?: AccountCheck;
  /** The rule's Terraform findings are dropped when any module of the workspace declares this setting. */
  silencedByAccountSetting?: AccountSetting;
}

/** Helpers to build results tersely inside checks. */
export const result = {
  pass(resource: Resource, range?: Range): CheckResult {
    return { status: 'pass', resource, range };
  },
  fail(resource: Resource, range: Range, opts: { message?: string; severity?: Severity; fixes?: Fix[] } = {}): CheckResult {
    return { status: 'fail', resource, range, message: opts.message, severity: opts.severity, fixes: opts.fixes };
  },
  skip(resource: Resource, reason: string): CheckResult {
    return { status: 'skip', resource, reason };
  },
};

export type { Attribute, Body, NestedBlock, Resource };
