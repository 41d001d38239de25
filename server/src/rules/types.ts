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
}

/** A check for one format. Called once per resource whose type the rule lists for that format. */
export type Check = (resource: Resource, ctx: CheckContext) => CheckResult | CheckResult[];

export interface Rule {
  meta: RuleMetadata;
  check: Partial<Record<SourceFormat, Check>>;
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
