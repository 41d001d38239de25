/**
 * Fix-all across the workspace: every safe fix of every analysed file in one WorkspaceEdit, composed
 * per file the way `source.fixAll.trustlint` composes them. With clients that support change
 * annotations each rule's edits carry an annotation that needs confirmation, so the editor shows a
 * refactor preview where the user can untick a rule (or a file) before anything changes.
 */
import type { AnnotatedTextEdit, ChangeAnnotation, TextDocumentEdit, TextEdit as LspTextEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import type { AnalysisRoot } from './analysisRoot';
import { FixComposer } from './codeActions';
import { groupEdits, toLspRange, toWorkspaceEdit } from './convert';

/** The files of one analysis root that fix-all may edit (root-relative paths). */
export interface FixAllSource {
  root: AnalysisRoot;
  relPaths: readonly string[];
}

export interface WorkspaceFixAllOptions {
  /** Annotate each rule's edits (needs `changeAnnotationSupport` and `documentChanges`). */
  annotate: boolean;
  useDocumentChanges: boolean;
  /** Version of an open document; null for files not open, whose edits apply to the disk text. */
  versionOf(uri: string): number | null;
}

export interface WorkspaceFixAll {
  edit: WorkspaceEdit;
  /** Fixes applied (one per finding). */
  count: number;
  /** Files the edit changes. */
  files: number;
}

/** A fix fix-all applies, with the edits it contributes (see FixComposer). */
type Accepted = FixComposer['accepted'][number];

/** What one rule's fixes do, for its annotation. */
interface RuleChanges {
  label: string;
  fixTitles: Set<string>;
  resources: Set<string>;
  files: Set<string>;
}

/** Every safe fix of the sources' active findings, or undefined when there is none. */
export function buildWorkspaceFixAll(sources: readonly FixAllSource[], options: WorkspaceFixAllOptions): WorkspaceFixAll | undefined {
  const composed: Array<{ root: AnalysisRoot; accepted: Accepted[] }> = [];
  let count = 0;
  for (const { root, relPaths } of sources) {
    // One composer per root: its paths (and so the edits' files) are relative to that root.
    const composer = new FixComposer();
    for (const rel of [...relPaths].sort()) composer.addSafeFixes(root.engine.fileResult(rel).findings);
    if (composer.accepted.length === 0) continue;
    composed.push({ root, accepted: composer.accepted });
    count += composer.accepted.length;
  }
  if (count === 0) return undefined;
  const edit = options.annotate ? annotatedEdit(composed, options.versionOf) : plainEdit(composed, options);
  return { edit, count, files: changedUris(edit).size };
}

function plainEdit(
  composed: ReadonlyArray<{ root: AnalysisRoot; accepted: Accepted[] }>,
  options: WorkspaceFixAllOptions,
): WorkspaceEdit {
  const byUri = new Map<string, LspTextEdit[]>();
  for (const { root, accepted } of composed) {
    for (const [uri, edits] of groupEdits(accepted.flatMap((a) => a.edits), (f) => root.uriOf(f))) {
      byUri.set(uri, [...(byUri.get(uri) ?? []), ...edits]);
    }
  }
  return toWorkspaceEdit(byUri, options.useDocumentChanges, options.versionOf);
}

/** `documentChanges` whose edits name the annotation of the rule they fix. */
function annotatedEdit(
  composed: ReadonlyArray<{ root: AnalysisRoot; accepted: Accepted[] }>,
  versionOf: (uri: string) => number | null,
): WorkspaceEdit {
  const byUri = new Map<string, AnnotatedTextEdit[]>();
  const rules = new Map<string, RuleChanges>();
  for (const { root, accepted } of composed) {
    for (const { finding, fix, edits } of accepted) {
      const changes = rules.get(finding.ruleId) ?? { label: finding.title, fixTitles: new Set(), resources: new Set(), files: new Set() };
      rules.set(finding.ruleId, changes);
      changes.fixTitles.add(fix.title);
      changes.resources.add(`${root.rootPath}\u0000${finding.resource.file}\u0000${finding.resource.address}`);
      for (const e of edits) {
        const uri = root.uriOf(e.file);
        changes.files.add(uri);
        const list = byUri.get(uri) ?? [];
        list.push({ range: toLspRange(e.range), newText: e.newText, annotationId: finding.ruleId });
        byUri.set(uri, list);
      }
    }
  }
  const documentChanges: TextDocumentEdit[] = [];
  for (const [uri, edits] of byUri) documentChanges.push({ textDocument: { uri, version: versionOf(uri) }, edits });
  const changeAnnotations: Record<string, ChangeAnnotation> = {};
  for (const [ruleId, changes] of [...rules].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    changeAnnotations[ruleId] = { label: changes.label, needsConfirmation: true, description: describe(ruleId, changes) };
  }
  return { documentChanges, changeAnnotations };
}

/** "Enable automatic key rotation: 3 resources in 2 files (aws-kms-key-rotation-enabled)". */
function describe(ruleId: string, changes: RuleChanges): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const what = [...changes.fixTitles].sort().join('; ');
  return `${what}: ${plural(changes.resources.size, 'resource')} in ${plural(changes.files.size, 'file')} (${ruleId})`;
}

function changedUris(edit: WorkspaceEdit): Set<string> {
  const uris = new Set<string>(Object.keys(edit.changes ?? {}));
  for (const dc of edit.documentChanges ?? []) if ('textDocument' in dc) uris.add(dc.textDocument.uri);
  return uris;
}
