/**
 * Account-level rules across a workspace (see `AccountCheck`). What each Terraform module shows is
 * collected when the module is analysed and cached with it (`collectAccountFacts`); the workspace
 * verdict is computed from every module's facts when results are merged (`judgeAccountLevel`), which
 * is cheap: no model is rebuilt. The facts are plain data, so the CLI's worker threads send them
 * back with their unit reports and the merged result equals a single engine's.
 */
import type { Finding } from '../findings';
import { asString, attr } from '../model/access';
import type { Resource } from '../model/types';
import { moduleIdOf } from '../terraform/module';
import { isLocalSource, isOutside, joinPath } from '../terraform/paths';
import type { AccountEvidence, CheckContext, CheckResult, Rule } from './types';

/** One account-level rule in one module. */
export interface AccountRuleFacts {
  /** Evidence per requirement over the module's own resources and those its local calls create. */
  evidence: AccountEvidence[];
  /** Un-aliased provider blocks of the rule's provider written in this folder. */
  providerBlocks: number;
  /**
   * The finding at this folder's first un-aliased provider block, should this module be the one
   * that carries it. Its message holds only what the engine appends (controls, waiver notes): the
   * head depends on the whole workspace and is put in front by `judgeAccountLevel`.
   */
  candidate?: Finding;
  /** The rule's requirements, hints, message and provider (so judging needs no rule object). */
  requirements: string[];
  sourceHints: string[];
  message: string;
  provider: string;
}

/** A module call written in a folder: its source as written, and the folder when it is local. */
export interface ModuleCallFact {
  source: string;
  /** Workspace-relative folder of a local source inside the workspace. */
  target?: string;
}

/** What one Terraform module (folder) contributes to the account-level verdicts. */
export interface UnitAccountFacts {
  moduleId: string;
  calls: ModuleCallFact[];
  /** By rule id, for every account-level rule enabled when the module was analysed. */
  rules: Record<string, AccountRuleFacts>;
  /** By rule id: whether the module declares the account setting that makes the rule moot. */
  settings: Record<string, AccountEvidence>;
  /** Rule ids whose account setting the module itself turns off (see `AccountSetting.disables`). */
  settingsOff?: string[];
}

/** The workspace verdict: account-level findings, and rules an account setting makes moot. */
export interface AccountVerdict {
  findings: Finding[];
  /** Rule ids whose findings are dropped everywhere (see `Rule.silencedByAccountSetting`)... */
  silenced: string[];
  /** ...except in these modules (rule id -> module folders that turn the setting off themselves). */
  exempt?: Record<string, string[]>;
}

export const NO_ACCOUNT_VERDICT: AccountVerdict = Object.freeze({ findings: [], silenced: [] });

/** A set of resources evaluated together: the folder's own (`own`), or one module call's. */
export interface AccountScope {
  own: boolean;
  ctx: CheckContext;
}

type FailResult = Extract<CheckResult, { status: 'fail' }>;

export interface AccountHooks {
  /** Build a finding the way the engine builds every other one (controls, suppressions). */
  finding(rule: Rule, resource: Resource, res: FailResult): Finding;
  /** A rule's `assess` or `fix` threw: report it; the rule then stays silent for this module. */
  error(rule: Rule, resource: Resource | undefined, e: unknown): void;
}

/** Account-level facts of one module, for the given (enabled) rules. */
export function collectAccountFacts(moduleId: string, scopes: readonly AccountScope[], rules: readonly Rule[], hooks: AccountHooks): UnitAccountFacts {
  const ownScope = scopes.find((s) => s.own);
  const own = ownScope?.ctx.moduleResources ?? [];
  const facts: UnitAccountFacts = { moduleId, calls: moduleCalls(moduleId, own), rules: {}, settings: {} };
  for (const rule of rules) {
    if (rule.silencedByAccountSetting) {
      facts.settings[rule.meta.id] = settingEvidence(rule, scopes, hooks);
      if (ownScope && safely(() => rule.silencedByAccountSetting!.disables?.(ownScope.ctx) === true)) (facts.settingsOff ??= []).push(rule.meta.id);
    }
    const account = rule.account;
    if (!account) continue;
    const providers = own.filter((r) => isDefaultProvider(r, account.provider)).sort(byPosition);
    const ruleFacts: AccountRuleFacts = {
      evidence: moduleEvidence(rule, scopes, hooks, providers[0]),
      providerBlocks: providers.length,
      requirements: [...account.requirements],
      sourceHints: [...account.sourceHints],
      message: account.message,
      provider: account.provider,
    };
    if (providers.length && ownScope) ruleFacts.candidate = candidateAt(rule, providers[0], ownScope.ctx, hooks);
    facts.rules[rule.meta.id] = ruleFacts;
  }
  return facts;
}

function moduleEvidence(rule: Rule, scopes: readonly AccountScope[], hooks: AccountHooks, anchor: Resource | undefined): AccountEvidence[] {
  const account = rule.account!;
  const evidence = account.requirements.map((): AccountEvidence => 'none');
  for (const scope of scopes) {
    let found: AccountEvidence[];
    try {
      found = account.assess(scope.ctx);
    } catch (e) {
      hooks.error(rule, anchor, e);
      return evidence.map(() => 'unknown');
    }
    for (let i = 0; i < evidence.length; i++) evidence[i] = stronger(evidence[i], found[i] ?? 'none');
  }
  return evidence;
}

function settingEvidence(rule: Rule, scopes: readonly AccountScope[], hooks: AccountHooks): AccountEvidence {
  let evidence: AccountEvidence = 'none';
  for (const scope of scopes) {
    try {
      evidence = stronger(evidence, rule.silencedByAccountSetting!.assess(scope.ctx));
    } catch (e) {
      hooks.error(rule, undefined, e);
      return 'unknown';
    }
  }
  return evidence;
}

function safely(f: () => boolean): boolean {
  try {
    return f();
  } catch {
    return false;
  }
}

function stronger(a: AccountEvidence, b: AccountEvidence): AccountEvidence {
  if (a === 'defined' || b === 'defined') return 'defined';
  if (a === 'unknown' || b === 'unknown') return 'unknown';
  return 'none';
}

function candidateAt(rule: Rule, provider: Resource, ctx: CheckContext, hooks: AccountHooks): Finding {
  let fixes: FailResult['fixes'] = [];
  try {
    const fix = rule.account!.fix?.(provider, ctx);
    if (fix) fixes = [fix];
  } catch (e) {
    hooks.error(rule, provider, e);
  }
  // An empty message: the engine then writes only its suffixes, and the head goes in front later.
  return hooks.finding(rule, provider, { status: 'fail', resource: provider, range: provider.headerRange, message: '', fixes });
}

/** A `provider "<name>"` block without `alias`, written in the folder itself. */
function isDefaultProvider(r: Resource, provider: string): boolean {
  return r.kind === 'provider' && r.type === provider && !r.viaModuleCall && attr(r.body, 'alias') === undefined;
}

function byPosition(a: Resource, b: Resource): number {
  return (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.headerRange.start.offset - b.headerRange.start.offset;
}

function moduleCalls(moduleId: string, own: readonly Resource[]): ModuleCallFact[] {
  const calls: ModuleCallFact[] = [];
  for (const r of own) {
    if (r.kind !== 'module' || r.viaModuleCall) continue;
    const source = asString(attr(r.body, 'source')?.value) ?? '';
    const call: ModuleCallFact = { source };
    if (isLocalSource(source)) {
      const target = joinPath(moduleId, source);
      if (!isOutside(target)) call.target = target;
    }
    calls.push(call);
  }
  return calls;
}

/**
 * The workspace verdict: at most one finding per account-level rule, and the rules whose account
 * setting some module declares (or may declare). `modules` are the facts of every Terraform module
 * of the workspace; an entry is `undefined` when a module could not be analysed: nothing is then
 * reported (its resources are unknown), and every rule with an account setting is silenced (it
 * may be there).
 */
export function judgeAccountLevel(modules: ReadonlyArray<UnitAccountFacts | undefined>): AccountVerdict {
  const known = modules.filter((m): m is UnitAccountFacts => m !== undefined);
  const silenced = new Set<string>();
  for (const m of known) {
    for (const [ruleId, evidence] of Object.entries(m.settings)) if (evidence !== 'none' || known.length < modules.length) silenced.add(ruleId);
  }
  const findings = known.length === modules.length ? missingFindings(known) : [];
  const exempt: Record<string, string[]> = {};
  for (const m of known) for (const ruleId of m.settingsOff ?? []) if (silenced.has(ruleId)) (exempt[ruleId] ??= []).push(m.moduleId);
  return { findings, silenced: [...silenced].sort(), ...(Object.keys(exempt).length ? { exempt } : {}) };
}

function missingFindings(modules: readonly UnitAccountFacts[]): Finding[] {
  if (modules.length === 0) return [];
  const all = modules.slice().sort((a, b) => (a.moduleId < b.moduleId ? -1 : a.moduleId > b.moduleId ? 1 : 0));
  const ids = new Set(all.map((m) => m.moduleId));
  const called = new Set<string>();
  const unreadable: string[] = [];
  for (const m of all) {
    for (const c of m.calls) {
      if (c.target !== undefined && ids.has(c.target)) {
        if (c.target !== m.moduleId) called.add(c.target);
      } else unreadable.push(c.source);
    }
  }
  // Root modules first (those no other module calls), each group in path order.
  const ordered = [...all.filter((m) => !called.has(m.moduleId)), ...all.filter((m) => called.has(m.moduleId))];
  const ruleIds = new Set<string>();
  for (const m of all) for (const id of Object.keys(m.rules)) ruleIds.add(id);
  const findings: Finding[] = [];
  for (const ruleId of [...ruleIds].sort()) {
    const finding = judgeRule(ruleId, ordered, unreadable);
    if (finding) findings.push(finding);
  }
  return findings;
}

/**
 * Findings after the workspace verdict: those of silenced rules dropped, the account-level ones
 * added (only those in files `wanted` accepts, when given). Not sorted.
 */
export function applyAccountVerdict(findings: readonly Finding[], verdict: AccountVerdict, wanted?: (file: string) => boolean): Finding[] {
  const silenced = new Set(verdict.silenced);
  const exempt = verdict.exempt ?? {};
  const dropped = (f: Finding) => f.format === 'terraform' && silenced.has(f.ruleId) && !exempt[f.ruleId]?.includes(moduleIdOf(f.file));
  const out = silenced.size ? findings.filter((f) => !dropped(f)) : findings.slice();
  for (const f of verdict.findings) if (!wanted || wanted(f.file)) out.push(f);
  return out;
}

/**
 * Files whose findings differ between two verdicts: those holding an account-level finding that
 * came, went or changed, and, for a rule silenced or unsilenced, every file with one of its
 * findings (`findings` is called only then).
 */
export function verdictChangedFiles(previous: AccountVerdict, current: AccountVerdict, findings: () => Iterable<Finding>): Set<string> {
  const files = new Set<string>();
  const key = (f: Finding) => `${f.ruleId}|${f.file}|${f.range.start.offset}|${f.range.end.offset}|${f.message}|${f.suppressed ? 's' : ''}`;
  const before = new Set(previous.findings.map(key));
  const after = new Set(current.findings.map(key));
  for (const f of previous.findings) if (!after.has(key(f))) files.add(f.file);
  for (const f of current.findings) if (!before.has(key(f))) files.add(f.file);
  const toggled = new Set([...previous.silenced, ...current.silenced].filter((id) => previous.silenced.includes(id) !== current.silenced.includes(id)));
  if (toggled.size) for (const f of findings()) if (toggled.has(f.ruleId)) files.add(f.file);
  return files;
}

function judgeRule(ruleId: string, ordered: readonly UnitAccountFacts[], unreadable: readonly string[]): Finding | undefined {
  const facts = ordered.map((m) => m.rules[ruleId]).filter((f): f is AccountRuleFacts => f !== undefined);
  const first = facts[0];
  if (!first) return undefined;
  const missing = first.requirements.filter((_, i) => facts.every((f) => f.evidence[i] === 'none'));
  if (missing.length === 0) return undefined;
  if (unreadable.some((source) => sourceMaySatisfy(source, first.sourceHints))) return undefined;
  const chosen = facts.find((f) => f.candidate)?.candidate;
  if (!chosen) return undefined;
  const blocks = facts.reduce((n, f) => n + f.providerBlocks, 0);
  const what = first.requirements.length > 1 ? `${first.message}: ${missing.join(', ')}` : first.message;
  const considered = `${ordered.length} module${ordered.length === 1 ? '' : 's'} and ${blocks} provider "${first.provider}" block${blocks === 1 ? '' : 's'} without alias considered`;
  return { ...chosen, message: `${what} (${considered})${chosen.message}` };
}

/**
 * Whether the source of a module call we cannot read suggests the module may define what a rule
 * looks for: one of `hints` appears in it as whole words. Scheme, host, the registry namespace or
 * repository owner, and the query (`?ref=`) are left out: `acme-org/vpc/aws` says nothing about
 * organisations.
 */
export function sourceMaySatisfy(source: string, hints: readonly string[]): boolean {
  const words = `-${sourceWords(source).join('-')}-`;
  return hints.some((h) => {
    const hint = h.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean).join('-');
    return hint !== '' && words.includes(`-${hint}-`);
  });
}

function sourceWords(source: string): string[] {
  let s = source.toLowerCase().trim();
  const query = s.indexOf('?');
  if (query >= 0) s = s.slice(0, query);
  if (isLocalSource(s)) return words(s);
  s = s.replace(/^[a-z0-9]+::/, ''); // git::, s3::, hg::
  s = s.replace(/^[a-z][a-z0-9+.-]*:\/\//, ''); // https://, ssh://
  s = s.replace(/^[^/@]*@/, ''); // git@host:
  let subdir = '';
  const double = s.indexOf('//');
  if (double >= 0) {
    subdir = s.slice(double + 2);
    s = s.slice(0, double);
  }
  const segments = s.split(/[/:]/).filter(Boolean);
  if (segments.length > 1 && segments[0].includes('.')) segments.shift(); // host
  if (segments.length > 1) segments.shift(); // registry namespace, repository owner
  return [...words(segments.join('/')), ...words(subdir)];
}

function words(s: string): string[] {
  return s.split(/[^a-z0-9]+/).filter(Boolean);
}
