/**
 * Shape checks for what clients send. The protocol types describe a well-behaved client; a broken
 * one can send anything JSON allows (found by the protocol fuzzer, scripts/fuzzProtocol.ts).
 * Handlers answer malformed requests empty instead of throwing: a throw is contained by the
 * handler's guard but logs a stack trace per message, and a document whose text is not a string
 * would be fed to the engine on every later scan.
 */
import type { CodeActionParams, Diagnostic, Position, Range } from 'vscode-languageserver/node';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { TextDocumentsConfiguration } from 'vscode-languageserver/node';

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

export function isPosition(p: unknown): p is Position {
  return isObject(p) && Number.isInteger(p.line) && Number.isInteger(p.character) && (p.line as number) >= 0 && (p.character as number) >= 0;
}

export function isRange(r: unknown): r is Range {
  return isObject(r) && isPosition(r.start) && isPosition(r.end);
}

/** `params.textDocument.uri` when it is a string. */
export function documentUri(params: unknown): string | undefined {
  const td = isObject(params) ? params.textDocument : undefined;
  return isObject(td) && typeof td.uri === 'string' ? td.uri : undefined;
}

/** The objects of `value` when it is an array (anything else: none). */
export function objectsOf<T>(value: unknown): T[] {
  return Array.isArray(value) ? (value.filter(isObject) as T[]) : [];
}

/**
 * Code action params with a document, a range, diagnostics that have a range and an `only` list of
 * strings (or none), or undefined when the request cannot be answered.
 */
export function codeActionParams(params: unknown): CodeActionParams | undefined {
  const uri = documentUri(params);
  if (!uri || !isObject(params) || !isRange(params.range)) return undefined;
  const context = isObject(params.context) ? params.context : {};
  const diagnostics = objectsOf<Diagnostic>(context.diagnostics).filter((d) => isRange(d.range));
  const only = Array.isArray(context.only) ? context.only.filter((k): k is string => typeof k === 'string') : undefined;
  return { textDocument: { uri }, range: params.range, context: only ? { diagnostics, only } : { diagnostics } };
}

/** A change's range as `TextDocument.update` can apply it (it clamps integers outside the text). */
function isChangeRange(r: unknown): boolean {
  const integral = (p: unknown) => isObject(p) && Number.isInteger(p.line) && Number.isInteger(p.character);
  return isObject(r) && integral(r.start) && integral(r.end);
}

/**
 * How the server's `TextDocuments` creates and updates documents: like `TextDocument`, but a
 * `text` that is not a string opens an empty document, and content changes without a string
 * `text` or with a range that is not one are dropped, so every document's text is a string.
 */
export const STRING_TEXT_DOCUMENTS: TextDocumentsConfiguration<TextDocument> = {
  create: (uri, languageId, version, text) => TextDocument.create(uri, languageId, version, typeof text === 'string' ? text : ''),
  update: (document, changes, version) =>
    TextDocument.update(
      document,
      objectsOf<TextDocumentContentChangeEvent & { range?: unknown }>(changes).filter((c) => typeof c.text === 'string' && (c.range === undefined || isChangeRange(c.range))),
      version,
    ),
};
