/**
 * Conversions between engine types and LSP types.
 */
import type { Range as LspRange, TextEdit as LspTextEdit, WorkspaceEdit, TextDocumentEdit } from 'vscode-languageserver/node';
import type { Range, TextEdit } from '../model/types';

export function toLspRange(range: Range): LspRange {
  return {
    start: { line: range.start.line, character: range.start.character },
    end: { line: range.end.line, character: range.end.character },
  };
}

/** Whether two LSP ranges intersect (touching counts, so a cursor at a range's end still matches). */
export function rangesTouch(a: LspRange, b: LspRange): boolean {
  return !(comparePos(a.end, b.start) < 0 || comparePos(b.end, a.start) < 0);
}

export function comparePos(a: { line: number; character: number }, b: { line: number; character: number }): number {
  return a.line - b.line || a.character - b.character;
}

export function sameRange(a: LspRange, b: LspRange): boolean {
  return comparePos(a.start, b.start) === 0 && comparePos(a.end, b.end) === 0;
}

/** Engine edits grouped per URI. */
export function groupEdits(edits: readonly TextEdit[], uriOf: (file: string) => string): Map<string, LspTextEdit[]> {
  const byUri = new Map<string, LspTextEdit[]>();
  for (const e of edits) {
    const uri = uriOf(e.file);
    const list = byUri.get(uri) ?? [];
    list.push({ range: toLspRange(e.range), newText: e.newText });
    byUri.set(uri, list);
  }
  return byUri;
}

/**
 * Build a WorkspaceEdit, as `documentChanges` with document versions when the client supports
 * them (so a stale edit is refused instead of corrupting the file), else as `changes`.
 */
export function toWorkspaceEdit(
  byUri: Map<string, LspTextEdit[]>,
  useDocumentChanges: boolean,
  versionOf: (uri: string) => number | null,
): WorkspaceEdit {
  if (useDocumentChanges) {
    const documentChanges: TextDocumentEdit[] = [];
    for (const [uri, edits] of byUri) documentChanges.push({ textDocument: { uri, version: versionOf(uri) }, edits });
    return { documentChanges };
  }
  const changes: Record<string, LspTextEdit[]> = {};
  for (const [uri, edits] of byUri) changes[uri] = edits;
  return { changes };
}

/** Whether any edit in `candidate` overlaps an edit already accepted for the same file. */
export function overlapsAny(candidate: readonly TextEdit[], accepted: readonly TextEdit[]): boolean {
  for (const c of candidate) {
    for (const a of accepted) {
      if (a.file !== c.file) continue;
      const cs = c.range.start.offset;
      const ce = c.range.end.offset;
      const as = a.range.start.offset;
      const ae = a.range.end.offset;
      // Two insertions at the same point conflict too (their order would be ambiguous).
      if (cs < ae && as < ce) return true;
      if (cs === as && ce === ae) return true;
      if (cs === ce && as < cs && cs < ae) return true;
      if (as === ae && cs < as && as < ce) return true;
    }
  }
  return false;
}
