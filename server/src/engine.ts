/**
 * The engine: the one API every host (language server, CLI, tests) calls. It holds the text of
 * every file it was given, parses each file once per change, builds models per analysis unit
 * (a Terraform module = one folder; a CloudFormation template = one file), runs the rules and maps
 * results to controls. It never touches the file system and never imports vscode: hosts pass text.
 */
import { controlsForRule, formatControlsShort } from './controls/mapping';
import { DEFAULT_POLICY, isExcluded, type ProjectPolicy } from './config/policy';
import type { AnalysisResult, ControlRef, Finding } from './findings';
import { plainRange } from './model/range';
import type { ParseProblem, Range, Resource, SourceFormat, Suppression } from './model/types';
import { parseCloudFormation } from './parsing/cloudformation/parse';
import { detectFormat } from './parsing/detect';
import type { HclFile } from './parsing/terraform/ast';
import { parseHcl } from './parsing/terraform/parser';
import {
  applyAccountVerdict,
  collectAccountFacts,
  judgeAccountLevel,
  NO_ACCOUNT_VERDICT,
  verdictChangedFiles,
  type AccountScope,
  type AccountVerdict,
  type UnitAccountFacts,
} from './rules/accountLevel';
import { ALL_RULES } from './rules/index.generated';
import type { CheckContext, CheckResult, Rule } from './rules/types';
import { buildModule, markSnapshot, moduleIdOf, modulesAffectedBy, type TerraformSourceFile } from './terraform';
import { localCallTargets, rememberCallTargets } from './terraform/module';
import { ReferenceIndex } from './terraform/references';

export interface EngineOptions {
  policy?: ProjectPolicy;
  /** Rules to run (default: all). Tests pass a single rule. */
  rules?: readonly Rule[];
  /** Today as YYYY-MM-DD, for suppression expiry (tests pin it). */
  today?: string;
  /**
   * How many characters of Terraform source may have their syntax trees held at once (default: no
   * limit, the fastest for a one-shot scan). Trees take ~25 bytes per source character; a file
   * whose tree was dropped is parsed again when its module is next analysed. Long-lived hosts
   * holding a workspace (the language server) pass `RESIDENT_TREE_CACHE_CHARS`.
   */
  treeCacheChars?: number;
}

/**
 * ~100 MB of syntax trees: a workspace's recently analysed modules stay parsed (an edit re-analyses
 * the edited module, its callers and the modules they call), while a 10,000-file workspace does not
 * hold a tree per file. Parsing is ~1M lines/s, so a dropped tree costs little to rebuild; but in a
 * full scan, modules called from many places are dropped and parsed again (a 2,000-file scan took
 * 10-25% longer with this budget), hence no limit by default.
 */
export const RESIDENT_TREE_CACHE_CHARS = 4_000_000;

type FileKind = 'terraform' | 'terraform-vars' | 'cloudformation';

interface FileEntry {
  path: string;
  text: string;
  kind: FileKind;
  /** Terraform: what the model reads; its tree is parsed on demand (see `TreeCache`). */
  tf?: TerraformSourceFile;
  /** Terraform: whether the file was parsed once, so `syntaxProblems` is known. */
  parsed?: boolean;
  /** Syntax problems of this file (from its own parse; Terraform: once `parsed`). */
  syntaxProblems: ParseProblem[];
  /** Over the size limit: held (so the problem is reported) but never parsed. */
  tooLarge?: boolean;
}

/** One analysis unit's results, as `Engine.unitReports` returns them. */
export interface UnitReport {
  unitId: string;
  findings: Finding[];
  problems: ParseProblem[];
  resources: Resource[];
  passes: AnalysisResult['passes'];
  /** Syntax problems of the files that belong to this unit (its folder's files, or the template). */
  syntax: ParseProblem[];
  /** Terraform modules, when workspace-level rules are enabled: what the module shows about the account. */
  account?: UnitAccountFacts;
}

/** `a.push(...b)` without spreading `b` into arguments (which overflows the stack past ~100k items). */
function pushAll<T>(a: T[], b: readonly T[]): void {
  for (let i = 0; i < b.length; i++) a.push(b[i]);
}

/**
 * Merge unit reports into one result: findings deduplicated (a child module's finding reached
 * through several calls is reported once) and sorted by file, position and rule; syntax problems
 * first, sorted by file and position, then the units' problems in unit order. The reports of a
 * whole workspace (`workspace`, the default) also get the account-level verdicts.
 */
export function mergeUnitReports(reports: readonly UnitReport[], workspace = true): AnalysisResult {
  const result: AnalysisResult = { findings: [], problems: [], resources: [], passes: [] };
  const seen = new Set<string>();
  const syntax: ParseProblem[] = [];
  for (const unit of reports) {
    for (const f of unit.findings) {
      const key = `${f.file}|${f.ruleId}|${f.range.start.offset}|${f.range.end.offset}`;
      if (seen.has(key)) continue;
      seen.add(key);
      result.findings.push(f);
    }
    pushAll(syntax, unit.syntax);
    pushAll(result.problems, unit.problems);
    pushAll(result.resources, unit.resources);
    pushAll(result.passes, unit.passes);
  }
  if (workspace) result.findings = applyAccountVerdict(result.findings, accountVerdictOf(reports));
  syntax.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : compareRange(a.range, b.range)));
  result.problems = syntax.length ? syntax.concat(result.problems) : result.problems;
  sortFindings(result.findings);
  return result;
}

/** The account-level verdict of a whole workspace's unit reports (see rules/accountLevel.ts). */
function accountVerdictOf(reports: ReadonlyArray<{ unitId: string; account?: UnitAccountFacts }>): AccountVerdict {
  const modules = reports.filter((r) => r.unitId.startsWith(TF_UNIT_PREFIX));
  if (!modules.some((r) => r.account)) return NO_ACCOUNT_VERDICT;
  return judgeAccountLevel(modules.map((r) => r.account));
}

/** One analysed unit's output, cached until a file it depends on changes. */
interface UnitResult {
  unitId: string;
  findings: Finding[];
  passes: AnalysisResult['passes'];
  problems: ParseProblem[];
  resources: Resource[];
  /** Files this unit reported anything for (findings may land in child module files). */
  files: Set<string>;
  account?: UnitAccountFacts;
}

/** What every finding of one rule shares under the current policy. */
interface RuleText {
  controls: readonly ControlRef[];
  controlsText: string;
  /** The rule's id and aliases, for its own suppressions. */
  own: Set<string>;
  /** Peer tools' ids (lowercase) honoured as suppressions of this rule. */
  peers: Set<string>;
}

const CFN_UNIT_PREFIX = 'cfn:';
const TF_UNIT_PREFIX = 'tf:';

function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

function compareRange(a: Range, b: Range): number {
  return a.start.offset - b.start.offset || a.end.offset - b.end.offset;
}

/** Sort findings deterministically: file, position, rule id. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || compareRange(a.range, b.range) || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
}

/**
 * Syntax trees of the Terraform files used most recently, within a budget of source characters.
 * Trees are most of an engine's memory (~25 bytes per character), and only the modules being
 * analysed need theirs: the rest are dropped, oldest first, and parsed again when needed.
 */
class TreeCache {
  /** Insertion order is use order: the first entry is the least recently used. */
  private readonly trees = new Map<FileEntry, HclFile>();
  private chars = 0;

  constructor(private readonly budget: number) {}

  get(entry: FileEntry): HclFile | undefined {
    const tree = this.trees.get(entry);
    if (tree) {
      this.trees.delete(entry);
      this.trees.set(entry, tree);
    }
    return tree;
  }

  put(entry: FileEntry, tree: HclFile): void {
    this.delete(entry);
    this.trees.set(entry, tree);
    this.chars += entry.text.length;
    // The newest tree always stays, however large: it is the one being used.
    for (const oldest of this.trees.keys()) {
      if (this.chars <= this.budget || oldest === entry) break;
      this.delete(oldest);
    }
  }

  delete(entry: FileEntry): void {
    if (this.trees.delete(entry)) this.chars -= entry.text.length;
  }
}

/**
 * A Terraform file as the model sees it: `ast` is parsed on first use and may be dropped and parsed
 * again later, so one object stands for one version of the file (a new text is a new object).
 */
class TerraformFileView implements TerraformSourceFile {
  constructor(
    private readonly entry: FileEntry,
    private readonly treeOf: (entry: FileEntry) => HclFile,
  ) {}

  get path(): string {
    return this.entry.path;
  }

  get text(): string {
    return this.entry.text;
  }

  get ast(): HclFile {
    return this.treeOf(this.entry);
  }
}

export class Engine {
  private readonly files = new Map<string, FileEntry>();
  private readonly trees: TreeCache;
  private readonly tfFiles = new Map<string, TerraformSourceFile>();
  /** An immutable copy of `tfFiles` handed to the Terraform model, rebuilt after a change. */
  private tfSnapshot: Map<string, TerraformSourceFile> | undefined;
  /** The last snapshot built, and the paths changed in `tfFiles` since (see `markSnapshot`). */
  private lastTfSnapshot: Map<string, TerraformSourceFile> | undefined;
  private readonly tfChangedSince = new Set<string>();
  private readonly units = new Map<string, UnitResult>();
  private policy: ProjectPolicy;
  private rules: readonly Rule[];
  /** Enabled rules by format, then by routing type. */
  private rulesByType = new Map<string, Map<string, Rule[]>>();
  /** Per-rule finding text under the current policy (computed once per rule, not per finding). */
  private ruleTexts = new Map<Rule, RuleText>();
  private readonly today: string;
  /** Enabled rules with a workspace-level part (account-level checks, account settings). */
  private accountRules: Rule[] = [];
  /** The workspace's account-level verdict, until any unit changes. */
  private accountVerdict: AccountVerdict | undefined;
  /** The verdict of the last `analyzeAll` / `analyzeAffected`, which hosts published (to tell what to republish). */
  private lastAccountVerdict: AccountVerdict = NO_ACCOUNT_VERDICT;

  constructor(options: EngineOptions = {}) {
    this.policy = options.policy ?? DEFAULT_POLICY;
    this.rules = options.rules ?? ALL_RULES;
    this.today = options.today ?? todayIso();
    this.trees = new TreeCache(options.treeCacheChars ?? Infinity);
    this.indexRules();
  }

  /** A Terraform file's syntax tree, parsed now if it is not held; records its syntax problems. */
  private treeOf(entry: FileEntry): HclFile {
    const held = this.trees.get(entry);
    if (held) return held;
    const tree = parseHcl(entry.text);
    if (!entry.parsed) {
      entry.parsed = true;
      entry.syntaxProblems = tree.errors.map((e) => ({
        file: entry.path,
        range: plainRange(e.range),
        message: e.message,
        severity: 'error' as const,
        kind: 'syntax' as const,
      }));
    }
    // A file replaced meanwhile is no longer the engine's: do not let its tree take the cache.
    if (this.files.get(entry.path) === entry) this.trees.put(entry, tree);
    return tree;
  }

  /** Syntax problems of a file (a Terraform file not parsed yet is parsed now). */
  private syntaxProblemsOf(entry: FileEntry): ParseProblem[] {
    if (entry.kind !== 'cloudformation' && !entry.tooLarge && !entry.parsed) this.treeOf(entry);
    return entry.syntaxProblems;
  }

  /** All rules known to the engine, enabled or not. */
  get allRules(): readonly Rule[] {
    return this.rules;
  }

  get currentPolicy(): ProjectPolicy {
    return this.policy;
  }

  setPolicy(policy: ProjectPolicy): void {
    this.policy = policy;
    this.indexRules();
    this.units.clear();
    this.accountVerdict = undefined;
  }

  /** Whether a rule runs under the current policy. */
  isRuleEnabled(rule: Rule): boolean {
    const names = [rule.meta.id, ...(rule.meta.aliases ?? [])];
    if (names.some((n) => this.policy.disabledRules.includes(n))) return false;
    if (rule.meta.defaultEnabled === false) return names.some((n) => this.policy.enabledRules.includes(n));
    return true;
  }

  private indexRules(): void {
    this.rulesByType = new Map();
    this.ruleTexts = new Map();
    this.accountRules = this.rules.filter((r) => (r.account || r.silencedByAccountSetting) && this.isRuleEnabled(r));
    for (const rule of this.rules) {
      if (!this.isRuleEnabled(rule)) continue;
      for (const [format, types] of Object.entries(rule.meta.resourceTypes)) {
        let byType = this.rulesByType.get(format);
        if (!byType) {
          byType = new Map();
          this.rulesByType.set(format, byType);
        }
        for (const type of types ?? []) {
          const list = byType.get(type) ?? [];
          list.push(rule);
          byType.set(type, list);
        }
      }
    }
  }

  /** Controls, their short text and the suppression ids of a rule under the current policy. */
  private ruleText(rule: Rule): RuleText {
    let t = this.ruleTexts.get(rule);
    if (!t) {
      const controls = controlsForRule(rule.meta, this.policy.frameworks);
      const peers = new Set<string>();
      if (this.policy.honourPeerSuppressions) {
        for (const ids of Object.values(rule.meta.peers ?? {})) for (const id of ids ?? []) peers.add(id.toLowerCase());
      }
      t = { controls, controlsText: formatControlsShort(controls), own: new Set([rule.meta.id, ...(rule.meta.aliases ?? [])]), peers };
      this.ruleTexts.set(rule, t);
    }
    return t;
  }

  /** What kind of file this is, or undefined when the engine does not analyse it. */
  static classify(path: string, text: string): FileKind | undefined {
    return detectFormat(path, text);
  }

  /**
   * Add or replace a file. Returns false (and forgets the file) when it is not something the engine
   * analyses (not Terraform, not a CloudFormation template, excluded by policy).
   */
  setFile(path: string, text: string): boolean {
    const existing = this.files.get(path);
    if (existing && existing.text === text) return true;
    if (isExcluded(path, this.policy)) {
      this.removeFile(path);
      return false;
    }
    const kind = detectFormat(path, text);
    if (!kind) {
      this.removeFile(path);
      return false;
    }
    const entry: FileEntry = { path, text, kind, syntaxProblems: [] };
    // Hosts skip files over maxFileBytes when they read them from disk; this guards the engine
    // itself (an unsaved editor buffer, an embedding host) from parsing absurd inputs. Characters
    // never outnumber UTF-8 bytes, so a file a host accepted by size always passes here.
    if (text.length > this.policy.maxFileBytes) {
      entry.tooLarge = true;
      const zero = { line: 0, character: 0, offset: 0 };
      entry.syntaxProblems = [
        {
          file: path,
          range: { start: zero, end: zero },
          message: `File too large to analyse: ${text.length} characters, over the policy's maxFileBytes (${this.policy.maxFileBytes}). Nothing in it was checked.`,
          severity: 'warning',
          kind: 'model',
        },
      ];
      if (this.tfFiles.delete(path)) this.tfChanged(path);
    } else if (kind === 'terraform' || kind === 'terraform-vars') {
      // Parsed when first needed: loading a workspace only stores texts, and each file is parsed
      // when its module is analysed.
      entry.tf = new TerraformFileView(entry, (e) => this.treeOf(e));
      this.tfFiles.set(path, entry.tf);
      this.tfChanged(path);
    } else if (this.tfFiles.delete(path)) {
      this.tfChanged(path);
    }
    if (existing) this.trees.delete(existing);
    this.files.set(path, entry);
    this.invalidate(path, existing?.kind);
    return true;
  }

  removeFile(path: string): void {
    const existing = this.files.get(path);
    if (!existing) return;
    this.invalidate(path, existing.kind);
    this.trees.delete(existing);
    this.files.delete(path);
    if (this.tfFiles.delete(path)) this.tfChanged(path);
  }

  private tfChanged(path: string): void {
    this.tfSnapshot = undefined;
    this.tfChangedSince.add(path);
  }

  private terraformFiles(): ReadonlyMap<string, TerraformSourceFile> {
    if (!this.tfSnapshot) {
      const snapshot = new Map(this.tfFiles);
      // What changed since the last snapshot lets the model update its indexes of that one
      // instead of reading every file again (after a keystroke, one path).
      const previous = this.lastTfSnapshot;
      markSnapshot(snapshot, previous && this.tfChangedSince.size <= 64 ? { files: previous, changed: [...this.tfChangedSince] } : undefined);
      this.tfChangedSince.clear();
      this.tfSnapshot = this.lastTfSnapshot = snapshot;
    }
    return this.tfSnapshot;
  }

  hasFile(path: string): boolean {
    return this.files.has(path);
  }

  fileText(path: string): string | undefined {
    return this.files.get(path)?.text;
  }

  /** Paths of every file the engine holds. */
  filePaths(): string[] {
    return [...this.files.keys()];
  }

  private invalidate(path: string, previousKind: FileKind | undefined): void {
    this.accountVerdict = undefined;
    // Nothing analysed yet (a workspace being loaded): no cached unit can be stale.
    if (this.units.size === 0) return;
    for (const unitId of this.unitsOf(path, previousKind)) this.units.delete(unitId);
  }

  /** The analysis units a file belongs to or influences. */
  unitsOf(path: string, kind = this.files.get(path)?.kind): string[] {
    if (!kind) return [];
    if (kind === 'cloudformation') return [CFN_UNIT_PREFIX + path];
    const ids = new Set<string>([TF_UNIT_PREFIX + moduleIdOf(path)]);
    for (const m of modulesAffectedBy(path, this.terraformFiles())) ids.add(TF_UNIT_PREFIX + m);
    return [...ids];
  }

  private allUnitIds(): string[] {
    const ids = new Set<string>();
    for (const f of this.files.values()) {
      if (f.kind === 'cloudformation') ids.add(CFN_UNIT_PREFIX + f.path);
      else if (f.kind === 'terraform') ids.add(TF_UNIT_PREFIX + moduleIdOf(f.path));
    }
    return [...ids].sort();
  }

  /** Analyse every unit (cached units are reused). */
  analyzeAll(): AnalysisResult {
    const result = mergeUnitReports(this.unitReports(this.allUnitIds()), false);
    this.lastAccountVerdict = this.workspaceVerdict();
    if (this.accountRules.length) result.findings = sortFindings(applyAccountVerdict(result.findings, this.lastAccountVerdict));
    return result;
  }

  /** The unit a file belongs to: its template, or the module folder of a `.tf`/`.tfvars` file. */
  ownUnitOf(path: string): string | undefined {
    const kind = this.files.get(path)?.kind;
    if (!kind) return undefined;
    return kind === 'cloudformation' ? CFN_UNIT_PREFIX + path : TF_UNIT_PREFIX + moduleIdOf(path);
  }

  /**
   * Whether a change of `path` affects more than its own unit (its module is called by others,
   * which instantiate it with their inputs).
   */
  affectsOtherUnits(path: string): boolean {
    return this.unitsOf(path).length > 1;
  }

  /**
   * The first half of `analyzeAffected` for an editor: analyse only the unit the file belongs to, so
   * its own diagnostics can be published at once (`fileResult(path, { readyOnly: true })`), and leave
   * the modules calling it stale until `analyzeAffected(path)` runs. A module called by eight others
   * is analysed nine times after each edit; the user is looking at the first.
   */
  analyzeOwnUnit(path: string): void {
    const unitId = this.ownUnitOf(path);
    if (unitId) this.ensureUnit(unitId);
  }

  /**
   * Analyse the units affected by a change of `path`. `files` lists every file whose findings or
   * problems may have changed, so a host can republish exactly those.
   */
  analyzeAffected(path: string): { files: string[]; result: AnalysisResult } {
    const unitIds = this.unitsOf(path);
    const before = new Set<string>([path]);
    for (const id of unitIds) for (const f of this.units.get(id)?.files ?? []) before.add(f);
    const result = mergeUnitReports(this.unitReports(unitIds), false);
    for (const id of unitIds) for (const f of this.units.get(id)?.files ?? []) before.add(f);
    if (this.accountRules.length || this.lastAccountVerdict !== NO_ACCOUNT_VERDICT) {
      // The workspace verdict lives in no unit: the files it changed are republished too.
      const previous = this.lastAccountVerdict;
      const verdict = (this.lastAccountVerdict = this.workspaceVerdict());
      for (const f of verdictChangedFiles(previous, verdict, () => this.cachedFindings())) before.add(f);
      result.findings = sortFindings(applyAccountVerdict(result.findings, verdict, (file) => before.has(file)));
    }
    return { files: [...before].sort(), result };
  }

  /**
   * The workspace's account-level verdict (every Terraform module is analysed for it). With
   * `readyOnly`, the last one published when the current one would need analysis.
   */
  private workspaceVerdict(readyOnly = false): AccountVerdict {
    if (this.accountRules.length === 0) return NO_ACCOUNT_VERDICT;
    if (!this.accountVerdict) {
      if (readyOnly) return this.lastAccountVerdict;
      const ids = this.allUnitIds().filter((id) => id.startsWith(TF_UNIT_PREFIX));
      this.accountVerdict = accountVerdictOf(ids.map((unitId) => ({ unitId, account: this.ensureUnit(unitId).account })));
    }
    return this.accountVerdict;
  }

  private *cachedFindings(): Iterable<Finding> {
    for (const unit of this.units.values()) yield* unit.findings;
  }

  /**
   * Findings and problems of one file, from every unit that reports on it. With `readyOnly`, units
   * not analysed yet are left out instead of analysed (see `analyzeOwnUnit`).
   */
  fileResult(path: string, options: { readyOnly?: boolean } = {}): { findings: Finding[]; problems: ParseProblem[] } {
    const findings: Finding[] = [];
    const entry = this.files.get(path);
    const problems: ParseProblem[] = entry ? [...this.syntaxProblemsOf(entry)] : [];
    const seen = new Set<string>();
    for (const unitId of this.unitsOf(path)) {
      const unit = options.readyOnly ? this.units.get(unitId) : this.ensureUnit(unitId);
      if (!unit) continue;
      for (const f of unit.findings) {
        if (f.file !== path) continue;
        const key = `${f.ruleId}|${f.range.start.offset}|${f.range.end.offset}`;
        if (seen.has(key)) continue;
        seen.add(key);
        findings.push(f);
      }
      for (const p of unit.problems) if (p.file === path) problems.push(p);
    }
    // Child-module files also receive findings from the modules that call them.
    for (const unit of this.units.values()) {
      if (!unit.files.has(path)) continue;
      for (const f of unit.findings) {
        if (f.file !== path) continue;
        const key = `${f.ruleId}|${f.range.start.offset}|${f.range.end.offset}`;
        if (seen.has(key)) continue;
        seen.add(key);
        findings.push(f);
      }
    }
    const judged = this.accountRules.length ? applyAccountVerdict(findings, this.workspaceVerdict(options.readyOnly), (file) => file === path) : findings;
    return { findings: sortFindings(judged), problems };
  }

  /** Resources whose block contains the offset (innermost last), for hovers. */
  resourcesAt(path: string, offset: number): Resource[] {
    const out: Resource[] = [];
    for (const unitId of this.unitsOf(path)) {
      for (const r of this.ensureUnit(unitId).resources) {
        if (r.file === path && !r.viaModuleCall && r.range.start.offset <= offset && offset <= r.range.end.offset) out.push(r);
      }
    }
    return out;
  }

  /**
   * The results of some analysis units, each with the syntax problems of its own files, in the order
   * given. `analyzeAll` is `mergeUnitReports(unitReports(<every unit id, sorted>))`; a host that
   * splits a workspace across engines (the CLI's `--jobs`) merges the reports of all of them the
   * same way and gets the same result.
   */
  unitReports(unitIds: readonly string[]): UnitReport[] {
    // Units first: analysing a module parses its files, which tells their syntax problems.
    const units = unitIds.map((unitId) => this.ensureUnit(unitId));
    const wanted = new Set(unitIds);
    const syntax = new Map<string, ParseProblem[]>();
    for (const f of this.files.values()) {
      const unit = f.kind === 'cloudformation' ? CFN_UNIT_PREFIX + f.path : TF_UNIT_PREFIX + moduleIdOf(f.path);
      if (!wanted.has(unit)) continue;
      const problems = this.syntaxProblemsOf(f);
      if (problems.length === 0) continue;
      const list = syntax.get(unit);
      if (list) pushAll(list, problems);
      else syntax.set(unit, problems.slice());
    }
    return unitIds.map((unitId, i) => {
      const unit = units[i];
      const report: UnitReport = { unitId, findings: unit.findings, problems: unit.problems, resources: unit.resources, passes: unit.passes, syntax: syntax.get(unitId) ?? [] };
      if (unit.account) report.account = unit.account;
      return report;
    });
  }

  /**
   * Take over unit reports computed elsewhere (another engine holding the same files, e.g. in a
   * worker thread): they become this engine's cached results, and the syntax problems they carry
   * are recorded for their files; with the other engine's `localModuleCalls` of every `.tf` file,
   * nothing is parsed here until a file changes. Hosts must pass results of exactly the texts this
   * engine holds.
   */
  adoptUnitReports(reports: readonly UnitReport[], callTargets?: ReadonlyMap<string, string[]>): void {
    const syntaxByFile = new Map<string, ParseProblem[]>();
    for (const report of reports) {
      for (const p of report.syntax) {
        const list = syntaxByFile.get(p.file);
        if (list) list.push(p);
        else syntaxByFile.set(p.file, [p]);
      }
    }
    const adopted = new Set<string>();
    for (const report of reports) {
      const unit: UnitResult = {
        unitId: report.unitId,
        findings: report.findings,
        passes: report.passes,
        problems: report.problems,
        // Reports from another thread come with fresh empty arrays in each body: share them.
        resources: report.resources.map(withoutBody),
        files: reportedFiles(report),
      };
      if (report.account) unit.account = report.account;
      this.units.set(report.unitId, unit);
      adopted.add(report.unitId);
    }
    for (const entry of this.files.values()) {
      if (entry.kind === 'cloudformation' || entry.tooLarge || entry.parsed) continue;
      if (!adopted.has(TF_UNIT_PREFIX + moduleIdOf(entry.path))) continue;
      entry.parsed = true;
      entry.syntaxProblems = syntaxByFile.get(entry.path) ?? [];
    }
    if (callTargets) {
      for (const [path, targets] of callTargets) {
        const entry = this.files.get(path);
        if (entry?.tf && path.endsWith('.tf')) rememberCallTargets(entry.tf, moduleIdOf(path), targets);
      }
    }
    this.accountVerdict = undefined;
  }

  /** Folders a Terraform file of the engine calls as local modules (from its parse; cached per file version). */
  localModuleCalls(path: string): string[] {
    const file = this.tfFiles.get(path);
    return file && path.endsWith('.tf') ? localCallTargets(file, moduleIdOf(path)) : [];
  }

  /** Ids of every analysis unit (Terraform module folders with a `.tf` file, templates), sorted. */
  unitIds(): string[] {
    return this.allUnitIds();
  }

  private ensureUnit(unitId: string): UnitResult {
    const cached = this.units.get(unitId);
    if (cached) return cached;
    const unit = this.analyzeUnit(unitId);
    this.units.set(unitId, unit);
    return unit;
  }

  private analyzeUnit(unitId: string): UnitResult {
    const unit: UnitResult = { unitId, findings: [], passes: [], problems: [], resources: [], files: new Set() };
    try {
      if (unitId.startsWith(CFN_UNIT_PREFIX)) {
        const path = unitId.slice(CFN_UNIT_PREFIX.length);
        const entry = this.files.get(path);
        if (!entry || entry.tooLarge) return unit;
        const parsed = parseCloudFormation(path, entry.text);
        unit.resources = parsed.resources;
        for (const p of parsed.problems) unit.problems.push({ ...p, range: plainRange(p.range), kind: p.kind ?? (p.severity === 'error' ? 'syntax' : 'model') });
      } else {
        const moduleId = unitId.slice(TF_UNIT_PREFIX.length);
        const mod = buildModule(moduleId, this.terraformFiles());
        unit.resources = mod.resources;
        for (const p of mod.problems) unit.problems.push({ ...p, range: plainRange(p.range), kind: p.kind ?? 'model' });
      }
    } catch (e) {
      unit.problems.push({
        file: unitId.replace(/^(cfn|tf):/, ''),
        range: zeroRange(),
        message: `TrustLint could not build a model for this ${unitId.startsWith(CFN_UNIT_PREFIX) ? 'template' : 'module'}: ${(e as Error).message}`,
        severity: 'error',
        kind: 'model',
      });
      return unit;
    }
    this.runRules(unit);
    // The evaluated bodies were for the rules; what is kept (hovers, coverage, reports) only names
    // and locates resources, and the bodies of a whole workspace are a large share of its memory.
    // Resources reached through a module call are left out too: they repeat the child module's own
    // resources, which hovers and counts use.
    const kept: Resource[] = [];
    for (const r of unit.resources) if (!r.viaModuleCall) kept.push(withoutBody(r));
    unit.resources = kept;
    unit.files = reportedFiles(unit);
    return unit;
  }

  private runRules(unit: UnitResult): void {
    // Child-module resources evaluated via a call live in their own address space.
    const scopes = new Map<string, Resource[]>();
    for (const r of unit.resources) {
      const scope = r.viaModuleCall ?? '';
      const list = scopes.get(scope) ?? [];
      list.push(r);
      scopes.set(scope, list);
    }
    const accountScopes: AccountScope[] = [];
    for (const [scope, resources] of scopes) {
      // Built on first use: many scopes hold no resource whose rules ask about references.
      let index: ReferenceIndex | undefined;
      const idx = (): ReferenceIndex => (index ??= new ReferenceIndex(resources));
      const ctx: CheckContext = {
        moduleResources: resources,
        referencesTo: (resource) => idx().referencesTo(resource.address),
        referencesToOfType: (resource, type) => idx().referencesTo(resource.address).filter((r) => r.type === type),
        resolve: (address) => idx().resolve(address),
        fileText: (file) => this.files.get(file)?.text ?? '',
        today: this.today,
      };
      accountScopes.push({ own: scope === '', ctx });
      for (const resource of resources) {
        const rules = this.rulesByType.get(resource.format)?.get(routingType(resource));
        if (!rules) continue;
        for (const rule of rules) this.runRule(rule, resource, ctx, unit);
      }
    }
    if (this.accountRules.length && unit.unitId.startsWith(TF_UNIT_PREFIX)) {
      unit.account = collectAccountFacts(unit.unitId.slice(TF_UNIT_PREFIX.length), accountScopes, this.accountRules, {
        finding: (rule, resource, res) => this.toFinding(rule, resource, res),
        error: (rule, resource, e) => this.reportRuleError(unit, rule, resource, e),
      });
    }
    this.reportReasonlessSuppressions(unit);
  }

  private runRule(rule: Rule, resource: Resource, ctx: CheckContext, unit: UnitResult): void {
    const check = rule.check[resource.format as SourceFormat];
    if (!check) return;
    let results: CheckResult | CheckResult[];
    try {
      results = check(resource, ctx);
    } catch (e) {
      // A broken rule must never take the analysis (or the server) down: report it and go on.
      this.reportRuleError(unit, rule, resource, e);
      return;
    }
    // Most checks return one result: no array is made around it.
    if (Array.isArray(results)) for (const res of results) this.recordResult(rule, resource, res, unit);
    else this.recordResult(rule, resource, results, unit);
  }

  private recordResult(rule: Rule, resource: Resource, res: CheckResult, unit: UnitResult): void {
    if (res.status === 'pass') {
      unit.passes.push({ ruleId: rule.meta.id, file: resource.file, address: resource.address, range: plainRange(res.range ?? resource.headerRange) });
    } else if (res.status === 'fail') {
      unit.findings.push(this.toFinding(rule, resource, res));
    }
  }

  private reportRuleError(unit: UnitResult, rule: Rule, resource: Resource | undefined, e: unknown): void {
    unit.problems.push({
      file: resource?.file ?? unit.unitId.replace(/^(cfn|tf):/, ''),
      range: resource ? plainRange(resource.headerRange) : zeroRange(),
      message: `Internal error in rule ${rule.meta.id}: ${(e as Error).message}`,
      severity: 'warning',
      kind: 'rule-error',
    });
  }

  private toFinding(rule: Rule, resource: Resource, res: Extract<CheckResult, { status: 'fail' }>): Finding {
    const text = this.ruleText(rule);
    // A fresh array per finding: hosts may sort or extend it.
    const controls = text.controls.slice();
    const severity = this.policy.severityOverrides[rule.meta.id] ?? res.severity ?? rule.meta.severity;
    const base = res.message ?? rule.meta.failMessage;
    const controlsText = text.controlsText;
    const finding: Finding = {
      ruleId: rule.meta.id,
      title: rule.meta.title,
      message: controlsText ? `${base} — ${controlsText}` : base,
      severity,
      file: resource.file,
      range: plainRange(res.range),
      format: resource.format,
      resource: {
        type: resource.type,
        name: resource.name,
        address: resource.address,
        file: resource.file,
        range: plainRange(resource.range),
        headerRange: plainRange(resource.headerRange),
      },
      controls,
      fixes: res.fixes ?? [],
    };
    for (const fix of finding.fixes) for (const edit of fix.edits) edit.range = plainRange(edit.range);
    if (resource.viaModuleCall) {
      finding.viaModuleCall = resource.viaModuleCall;
      finding.message += ` (with the inputs of ${resource.viaModuleCall})`;
    }
    const suppression = this.matchSuppression(rule, resource.suppressions ?? []);
    if (suppression) {
      if (suppression.expires && suppression.expires < this.today) {
        finding.expiredSuppression = suppression;
        finding.message += ` (waiver expired ${suppression.expires})`;
      } else {
        finding.suppressed = suppression;
      }
    }
    return finding;
  }

  private matchSuppression(rule: Rule, suppressions: Suppression[]): Suppression | undefined {
    if (suppressions.length === 0) return undefined;
    const { own, peers } = this.ruleText(rule);
    for (const s of suppressions) {
      if (s.source === 'trustlint' || s.source === 'cfn-metadata') {
        if (own.has(s.ruleId) || s.ruleId === 'all') return s;
      } else if (peers.has(s.ruleId.toLowerCase())) {
        return s;
      }
    }
    return undefined;
  }

  private reportReasonlessSuppressions(unit: UnitResult): void {
    const seen = new Set<string>();
    for (const r of unit.resources) {
      for (const s of r.suppressions ?? []) {
        if (s.source !== 'trustlint' && s.source !== 'cfn-metadata') continue;
        if (s.reason && s.reason.trim()) continue;
        const key = `${s.file}|${s.range.start.offset}`;
        if (seen.has(key)) continue;
        seen.add(key);
        unit.problems.push({
          file: s.file,
          range: plainRange(s.range),
          message: `Suppression of ${s.ruleId} has no reason. Auditors ask why a control is waived: add one after the rule id.`,
          severity: 'warning',
          kind: 'suppression',
        });
      }
    }
  }
}

/**
 * The type a rule names to receive a resource: plain `aws_kms_key` for managed resources only;
 * data sources, providers and module calls must be asked for explicitly (`data.aws_iam_policy_document`,
 * `provider.aws`, `module`), so a rule about keys never sees `data "aws_kms_key"` lookups.
 */
export function routingType(resource: Resource): string {
  switch (resource.kind) {
    case 'resource':
      return resource.type;
    case 'module':
    case 'terraform':
      return resource.kind;
    default:
      return `${resource.kind}.${resource.type}`;
  }
}

/** Files a unit reported anything for (findings may land in child module files). */
function reportedFiles(unit: { findings: readonly Finding[]; problems: readonly ParseProblem[] }): Set<string> {
  const files = new Set<string>();
  for (const f of unit.findings) files.add(f.file);
  for (const p of unit.problems) files.add(p.file);
  return files;
}

const NO_ITEMS = Object.freeze([]) as unknown as never[];

/** The body of a resource as results keep it: its range only. */
export function keptBody(range: Range): Resource['body'] {
  return { attributes: NO_ITEMS, blocks: NO_ITEMS, dynamicBlockTypes: NO_ITEMS, range };
}

/** A resource as results keep it: located and named, its evaluated body left out (the resource itself when it already is). */
export function withoutBody(resource: Resource): Resource {
  const body = resource.body;
  if (body.attributes === NO_ITEMS && body.blocks === NO_ITEMS && body.dynamicBlockTypes === NO_ITEMS) return resource;
  // What a result keeps: plain ranges (model/range.ts), so that a kept resource holds no line table
  // and survives the structured clone from the scan worker.
  return { ...resource, range: plainRange(resource.range), headerRange: plainRange(resource.headerRange), body: keptBody(plainRange(body.range)) };
}

function zeroRange(): Range {
  const p = { line: 0, character: 0, offset: 0 };
  return { start: p, end: p };
}

/** One-shot analysis of a set of files (CLI, tests). */
export function analyzeFiles(files: Array<{ path: string; text: string }>, options: EngineOptions = {}): AnalysisResult & { skipped: string[] } {
  const engine = new Engine(options);
  const skipped: string[] = [];
  for (const f of files) if (!engine.setFile(f.path, f.text)) skipped.push(f.path);
  return { ...engine.analyzeAll(), skipped };
}
