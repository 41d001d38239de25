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
      if (cs < ae && as < ce) return true;
      if (cs === as && ce === ae) {
        // Two insertions at one point both apply (LSP keeps their array order) unless they add
        // the same thing: the same attribute, property or resource twice breaks the file.
        if (cs !== ce || insertionsClash(c.newText, a.newText)) return true;
        continue;
      }
      if (cs === ce && as < cs && cs < ae) return true;
      if (as === ae && cs < as && as < ce) return true;
    }
  }
  return false;
}

/**
 * Two YAML insertions at one point that open the same map (`\n    Properties:` followed by its
 * keys, as fixes write when a resource has no Properties yet): the second one, without the shared
 * header, so that applied right after the first its keys land in the same map. Undefined when the
 * texts do not share such a header, or when they define a common key under it.
 */
export function mergeUnderSharedHeader(first: string, second: string): string | undefined {
  const a = first.split('\n');
  const b = second.split('\n');
  // The first line both open with that is not blank must be the map header; only what is below it merges.
  let k = 0;
  while (k < a.length && k < b.length && a[k].trim() === '' && a[k] === b[k]) k++;
  const header = a[k];
  if (header === undefined || header !== b[k] || !/^[ \t]*[^\s#][^#]*:[ \t]*$/.test(header)) return undefined;
  k++;
  const depth = (l: string) => /^[ \t]*/.exec(l)![0].length;
  const under = (lines: string[]) => lines.every((l) => l.trim() === '' || depth(l) > depth(header));
  const restA = a.slice(k);
  const restB = b.slice(k);
  if (!under(restA) || !under(restB) || restB.every((l) => l.trim() === '')) return undefined;
  if (insertionsClash(restA.join('\n'), restB.join('\n'))) return undefined;
  return `${first.endsWith('\n') ? '' : '\n'}${restB.join('\n')}`;
}

/** Whether two texts inserted at the same point define a common key (or are the same text). */
export function insertionsClash(a: string, b: string): boolean {
  if (a === b) return true;
  const keys = topLevelKeys(a);
  for (const k of topLevelKeys(b)) if (keys.has(k)) return true;
  return false;
}

/**
 * What an inserted text defines at its outermost indentation: HCL attributes and block headers
 * (`kms_key_id`, `resource "aws_s3_bucket_versioning" "logs"`, `versioning`), YAML keys, JSON
 * members. Nested lines are ignored (every new S3 configuration resource has its own `bucket`).
 */
function topLevelKeys(text: string): Set<string> {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const depth = (l: string) => /^[ \t]*/.exec(l)![0].length;
  const outer = Math.min(...lines.map(depth));
  const keys = new Set<string>();
  for (const line of lines) {
    if (depth(line) !== outer) continue;
    const m = /^\s*(?:"([^"]+)"\s*:|([\w.-]+)\s*[:=]|((?:[\w-]+)(?:\s+"[^"]*")*)\s*\{)/.exec(line.replace(/^\s*-\s+/, ''));
    const key = m?.[1] ?? m?.[2] ?? m?.[3];
    if (key) keys.add(key.replace(/\s+/g, ' '));
  }
  return keys;
}
