/**
 * Helpers of the extension-host suite: workspace paths, opening documents, and waiting for
 * diagnostics through `languages.onDidChangeDiagnostics` (never by sleeping).
 */
import * as vscode from 'vscode';

export const EXTENSION_ID = 'trustlint.trustlint';

/** Why tests were skipped, by full title (index.ts reports them). */
export const skipReasons = new Map<string, string>();

/** Skip the running test with a reason that ends up in the runner's summary. */
export function skipWith(ctx: Mocha.Context, reason: string): never {
  const title = ctx.test?.fullTitle() ?? '?';
  skipReasons.set(title, reason);
  console.log(`[e2e] skip reason: ${reason}`);
  return ctx.skip();
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the suite needs a workspace folder (a copy of test/e2e/workspace)');
  return folder.uri;
}

export function wsUri(rel: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...rel.split('/'));
}

export async function open(rel: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(wsUri(rel));
  return vscode.window.showTextDocument(doc, { preview: false });
}

export function diagnostics(rel: string, code?: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(wsUri(rel)).filter((d) => code === undefined || codeOf(d) === code);
}

export function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (c === undefined) return undefined;
  if (typeof c === 'object') return String(c.value);
  return String(c);
}

export function describeDiagnostics(rel: string): string {
  return JSON.stringify(
    diagnostics(rel).map((d) => ({ code: codeOf(d), range: rangeTuple(d.range), message: d.message.slice(0, 80) })),
  );
}

export type RangeTuple = [number, number, number, number];
export function rangeTuple(r: vscode.Range): RangeTuple {
  return [r.start.line, r.start.character, r.end.line, r.end.character];
}

/**
 * Resolve when the diagnostics of `rel` satisfy `predicate`: at once if they already do (unless
 * `afterChange`), else on the first `onDidChangeDiagnostics` event after which they do.
 */
export function waitForDiagnostics(
  rel: string,
  predicate: (ds: vscode.Diagnostic[]) => boolean,
  what: string,
  opts: { timeoutMs?: number; afterChange?: boolean } = {},
): Promise<vscode.Diagnostic[]> {
  const uri = wsUri(rel);
  const timeoutMs = opts.timeoutMs ?? 20_000;
  if (!opts.afterChange) {
    const now = vscode.languages.getDiagnostics(uri);
    if (predicate(now)) return Promise.resolve(now);
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${rel}: ${what}; now ${describeDiagnostics(rel)}`));
    }, timeoutMs);
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString())) return;
      const ds = vscode.languages.getDiagnostics(uri);
      if (!predicate(ds)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(ds);
    });
  });
}

export const has = (code: string) => (ds: vscode.Diagnostic[]) => ds.some((d) => codeOf(d) === code);
export const lacks = (code: string) => (ds: vscode.Diagnostic[]) => !ds.some((d) => codeOf(d) === code);

/** Hover text at a position, all providers' markdown joined. */
export async function hoverText(rel: string, line: number, character: number): Promise<string> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', wsUri(rel), new vscode.Position(line, character))) ?? [];
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

export async function codeActions(rel: string, range: vscode.Range): Promise<vscode.CodeAction[]> {
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', wsUri(rel), range)) ?? [];
}

/** Replace the first occurrence of `search` in an open document. */
export async function replaceInDocument(rel: string, search: string, replacement: string): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(wsUri(rel));
  const offset = doc.getText().indexOf(search);
  if (offset < 0) throw new Error(`${search} not found in ${rel}`);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(offset), doc.positionAt(offset + search.length)), replacement);
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`edit of ${rel} was not applied`);
}
