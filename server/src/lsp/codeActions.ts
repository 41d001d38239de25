/**
 * Code actions: the rule's fixes, "suppress for this resource", fix-all of the safe fixes in a
 * file, and "show documentation".
 */
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type WorkspaceEdit } from 'vscode-languageserver/node';
import type { Finding } from '../findings';
import type { TextEdit } from '../model/types';
import type { Fix } from '../rules/types';
import { Commands, type SuppressCommandArgs } from '../protocol';
import type { AnalysisRoot } from './analysisRoot';
import { groupEdits, mergeUnderSharedHeader, overlapsAny, rangesTouch, sameRange, toLspRange, toWorkspaceEdit } from './convert';
import { SOURCE } from './diagnostics';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.trustlint`;

export interface CodeActionEnv {
  root: AnalysisRoot;
  relPath: string;
  uri: string;
  useDocumentChanges: boolean;
  suppressCommand: boolean;
  versionOf(uri: string): number | null;
}

/** Whether an action of `kind` is wanted given `context.only` (kinds are hierarchical). */
function wanted(kind: string, only: string[] | undefined): boolean {
  if (!only || only.length === 0) return true;
  return only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

function edit(env: CodeActionEnv, edits: readonly TextEdit[]): WorkspaceEdit {
  return toWorkspaceEdit(
    groupEdits(edits, (file) => env.root.uriOf(file)),
    env.useDocumentChanges,
    env.versionOf,
  );
}

export function buildCodeActions(env: CodeActionEnv, params: CodeActionParams): CodeAction[] {
  const only = params.context.only;
  const { findings } = env.root.engine.fileResult(env.relPath);
  const active = findings.filter((f) => !f.suppressed);
  const ours = params.context.diagnostics.filter((d) => d.source === SOURCE && typeof d.code === 'string' && d.code !== 'syntax' && d.code !== 'model');

  // Pair each finding with the diagnostic it was published as (when the client sent it back).
  const targets: Array<{ finding: Finding; diagnostic?: Diagnostic }> = [];
  if (ours.length > 0) {
    for (const d of ours) {
      const f = active.find((x) => x.ruleId === d.code && sameRange(toLspRange(x.range), d.range));
      if (f) targets.push({ finding: f, diagnostic: d });
    }
  } else {
    for (const f of active) if (rangesTouch(toLspRange(f.range), params.range)) targets.push({ finding: f });
  }

  const actions: CodeAction[] = [];
  const quickfix = wanted(CodeActionKind.QuickFix, only);
  if (quickfix) {
    let preferredGiven = false;
    for (const { finding, diagnostic } of targets) {
      const diagnostics = diagnostic ? [diagnostic] : undefined;
      for (const fix of finding.fixes) {
        if (fix.edits.length === 0) continue;
        const action: CodeAction = {
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics,
          edit: edit(env, fix.edits),
        };
        if (fix.safety === 'safe' && !preferredGiven) {
          action.isPreferred = true;
          preferredGiven = true;
        }
        actions.push(action);
      }
    }
    const suppressedResources = new Set<string>();
    for (const { finding, diagnostic } of targets) {
      const key = `${finding.ruleId}|${finding.resource.address}`;
      if (suppressedResources.has(key)) continue;
      suppressedResources.add(key);
      const s = suppressAction(env, finding, diagnostic);
      if (s) actions.push(s);
    }
    const documented = new Set<string>();
    for (const { finding, diagnostic } of targets) {
      if (documented.has(finding.ruleId)) continue;
      documented.add(finding.ruleId);
      actions.push({
        title: `Show documentation for ${finding.ruleId}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: diagnostic ? [diagnostic] : undefined,
        command: { title: `Show documentation for ${finding.ruleId}`, command: Commands.showRuleDocs, arguments: [finding.ruleId] },
      });
    }
  }
  if (wanted(FIX_ALL_KIND, only)) {
    // Offer fix-all when asked for explicitly (on save / from the menu), or when a fixable finding is under the cursor.
    const explicit = !!only && only.length > 0;
    if (explicit || targets.some((t) => t.finding.fixes.some((f) => f.safety === 'safe'))) {
      const all = fixAllAction(env, active);
      if (all) actions.push(all);
    }
  }
  return actions;
}

/** The fix fix-all applies for a finding: its first safe fix that edits something. */
export function firstSafeFix(finding: Finding): Fix | undefined {
  return finding.fixes.find((x) => x.safety === 'safe' && x.edits.length > 0);
}

/**
 * Composes fixes into one edit: a fix is accepted whole or not at all, and refused when any of its
 * edits overlaps an edit accepted before in the same file (LSP forbids overlapping edits, and two
 * fixes touching the same text were each computed without knowing of the other). One overlap is
 * resolved instead of refused: two YAML insertions at one point that open the same map (each fix
 * adding `Properties:` to a resource that has none) are merged under one header.
 */
export class FixComposer {
  /** Accepted fixes with the edits they contribute (a fix's own edits, or merged ones). */
  readonly accepted: Array<{ finding: Finding; fix: Fix; edits: TextEdit[] }> = [];
  private readonly editsByFile = new Map<string, TextEdit[]>();

  add(finding: Finding, fix: Fix): boolean {
    const edits: TextEdit[] = [];
    for (const e of fix.edits) {
      // The same edit twice (two fixes declaring one template parameter) is one change.
      if (this.alreadyAccepted(e)) continue;
      const composed = this.composable(e);
      if (!composed) return false;
      edits.push(composed);
    }
    for (const e of edits) {
      const list = this.editsByFile.get(e.file) ?? [];
      list.push(e);
      this.editsByFile.set(e.file, list);
    }
    this.accepted.push({ finding, fix, edits });
    return true;
  }

  private alreadyAccepted(e: TextEdit): boolean {
    return (this.editsByFile.get(e.file) ?? []).some(
      (x) => x.range.start.offset === e.range.start.offset && x.range.end.offset === e.range.end.offset && x.newText === e.newText,
    );
  }

  /** The edit as it can join the accepted ones: itself, merged under a shared header, or undefined. */
  private composable(e: TextEdit): TextEdit | undefined {
    const same = this.editsByFile.get(e.file) ?? [];
    if (!overlapsAny([e], same)) return e;
    if (e.range.start.offset !== e.range.end.offset) return undefined;
    const at = e.range.start.offset;
    // The last insertion at this point is the one the merged text would follow.
    const previous = same.filter((x) => x.range.start.offset === at && x.range.end.offset === at).pop();
    const merged = previous && mergeUnderSharedHeader(previous.newText, e.newText);
    if (merged === undefined) return undefined;
    const candidate = { ...e, newText: merged };
    return overlapsAny([candidate], same) ? undefined : candidate;
  }

  /** Add the first safe fix of every active finding, in order. */
  addSafeFixes(findings: readonly Finding[]): void {
    for (const f of findings) {
      if (f.suppressed) continue;
      const fix = firstSafeFix(f);
      if (fix) this.add(f, fix);
    }
  }

  get edits(): TextEdit[] {
    return this.accepted.flatMap((a) => a.edits);
  }
}

/** Every safe fix of the file's active findings in one edit; fixes that would overlap an earlier one are left out. */
export function collectSafeFixEdits(findings: readonly Finding[]): { edits: TextEdit[]; count: number } {
  const composer = new FixComposer();
  composer.addSafeFixes(findings);
  return { edits: composer.edits, count: composer.accepted.length };
}

export function fixAllAction(env: CodeActionEnv, findings: readonly Finding[]): CodeAction | undefined {
  const { edits, count } = collectSafeFixEdits(findings);
  if (count === 0) return undefined;
  return {
    title: `Fix all safe TrustLint issues in this file (${count})`,
    kind: FIX_ALL_KIND,
    edit: edit(env, edits),
  };
}

function suppressAction(env: CodeActionEnv, finding: Finding, diagnostic: Diagnostic | undefined): CodeAction | undefined {
  const text = env.root.engine.fileText(finding.resource.file);
  if (text === undefined) return undefined;
  if (isJsonText(finding.resource.file, text)) return undefined; // JSON has no comments.
  const header = finding.resource.headerRange.start;
  const lineStart = header.offset - header.character;
  const indent = /^[ \t]*/.exec(text.slice(lineStart, lineStart + header.character + 200))?.[0] ?? '';
  const title = `Suppress ${finding.ruleId} for this resource`;
  const action: CodeAction = { title, kind: CodeActionKind.QuickFix, diagnostics: diagnostic ? [diagnostic] : undefined };
  const uri = env.root.uriOf(finding.resource.file);
  if (env.suppressCommand) {
    const args: SuppressCommandArgs = { uri, ruleId: finding.ruleId, line: header.line, indent };
    action.command = { title, command: Commands.suppressWithReason, arguments: [args] };
  } else {
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const pos = { line: header.line, character: 0, offset: lineStart };
    action.edit = edit(env, [
      { file: finding.resource.file, range: { start: pos, end: pos }, newText: `${indent}${suppressionComment(finding.ruleId, 'TODO: reason')}${eol}` },
    ]);
  }
  return action;
}

export function suppressionComment(ruleId: string, reason: string): string {
  return `# trustlint:ignore ${ruleId} ${reason}`;
}

function isJsonText(file: string, text: string): boolean {
  if (/\.json$/i.test(file)) return true;
  return /^\s*[{[]/.test(text) && !/\.(tf|tfvars|ya?ml)$/i.test(file);
}
