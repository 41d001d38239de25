/**
 * Error recovery by lines. When a template has syntax errors, one bad resource can make `yaml`'s
 * tree swallow the resources after it. Template sections are regular, though: every entry of
 * `Resources` (and of `Parameters`, `Conditions`, `Mappings`) starts on a line at the same
 * indentation. Splitting there and parsing each chunk on its own confines an error to its entry,
 * so completed resources still come out while another one is being typed.
 *
 * Works for block YAML and for pretty-printed JSON (one entry key per line); a section written in
 * flow style on one line is left to the whole-document parse.
 */
import type { LineTable } from './positions';

export interface Chunk {
  /** Global offsets of the entry text (key line start .. before the next entry). */
  start: number;
  end: number;
}

/** Sections we split, by name, with their entry chunks. */
export interface SectionChunks {
  /** Pretty-printed JSON (else block YAML). */
  json: boolean;
  sections: Map<string, Chunk[]>;
}

export const CHUNKED_SECTIONS: readonly string[] = ['Parameters', 'Mappings', 'Conditions', 'Resources'];

const YAML_ROOT_KEY = /^(["']?)([A-Za-z0-9_:]+)\1[ \t]*:(?:[ \t]|$)/;
const JSON_KEY = /^([ \t]*)"((?:[^"\\\r\n]|\\.)*)"[ \t]*:/;

function indentOf(line: string): number {
  let i = 0;
  while (i < line.length && line.charCodeAt(i) === 32) i++;
  return i;
}

function isBlankOrComment(line: string): boolean {
  const t = line.trimStart();
  return t === '' || t.startsWith('#');
}

/** Split the sections of a template into entry chunks. Linear in the number of lines. */
export function splitSections(text: string, lines: LineTable): SectionChunks {
  const firstNonSpace = /\S/.exec(text.length > 4096 ? text.slice(0, 4096) : text);
  const json = firstNonSpace !== null && firstNonSpace[0] === '{';
  return { json, sections: json ? splitJson(lines) : splitYaml(lines) };
}

function splitYaml(lines: LineTable): Map<string, Chunk[]> {
  const out = new Map<string, Chunk[]>();
  const n = lines.lineCount;
  // Root keys start at column 0.
  const roots: Array<{ line: number; name?: string }> = [];
  for (let l = 0; l < n; l++) {
    const text = lines.lineText(l);
    if (text === '' || isBlankOrComment(text)) continue;
    const c = text.charCodeAt(0);
    if (c === 32 || c === 9) continue;
    if (text.startsWith('---') || text.startsWith('...') || text.startsWith('%')) continue;
    const m = YAML_ROOT_KEY.exec(text);
    roots.push({ line: l, name: m ? m[2] : undefined });
  }
  for (let r = 0; r < roots.length; r++) {
    const { line: header, name } = roots[r];
    if (!name || !CHUNKED_SECTIONS.includes(name) || out.has(name)) continue;
    const headerText = lines.lineText(header);
    const afterColon = headerText.slice(headerText.indexOf(':') + 1).trim();
    if (afterColon !== '' && !afterColon.startsWith('#')) continue; // flow style or scalar: not splittable
    const endLine = r + 1 < roots.length ? roots[r + 1].line : n;
    const chunks = splitEntries(lines, header + 1, endLine, () => true);
    if (chunks) out.set(name, chunks);
  }
  return out;
}

/**
 * Entries between lines [from, to): the entry indentation is that of the first content line, and
 * every line at exactly that indentation (spaces only) starts an entry.
 */
function splitEntries(lines: LineTable, from: number, to: number, startsEntry: (text: string, indent: number) => boolean, json = false): Chunk[] | undefined {
  let indent = -1;
  const starts: number[] = [];
  let sectionEnd = lines.lineStart(to);
  for (let l = from; l < to; l++) {
    const text = lines.lineText(l);
    if (isBlankOrComment(text)) continue;
    const i = indentOf(text);
    const next = text.charCodeAt(i);
    if (next === 9) continue; // tab in the indentation: not a boundary we can trust
    if (indent < 0) {
      if (json && next !== 34 /* " */) return undefined;
      if (i === 0 && !json) return undefined;
      indent = i;
    }
    if (json && i < indent) {
      sectionEnd = lines.lineStart(l);
      break;
    }
    if (i === indent && startsEntry(text, i)) starts.push(l);
  }
  if (starts.length === 0) return undefined;
  const chunks: Chunk[] = [];
  for (let k = 0; k < starts.length; k++) {
    const start = lines.lineStart(starts[k]);
    const end = k + 1 < starts.length ? lines.lineStart(starts[k + 1]) : sectionEnd;
    chunks.push({ start, end: Math.max(start, end) });
  }
  return chunks;
}

function splitJson(lines: LineTable): Map<string, Chunk[]> {
  const out = new Map<string, Chunk[]>();
  const n = lines.lineCount;
  let rootIndent = -1;
  const roots: Array<{ line: number; name: string }> = [];
  for (let l = 0; l < n; l++) {
    const text = lines.lineText(l);
    const m = JSON_KEY.exec(text);
    if (!m) continue;
    const indent = m[1].length;
    if (m[1].includes('\t')) continue;
    if (rootIndent < 0) rootIndent = indent;
    if (indent === rootIndent) roots.push({ line: l, name: m[2] });
  }
  for (let r = 0; r < roots.length; r++) {
    const { line: header, name } = roots[r];
    if (!CHUNKED_SECTIONS.includes(name) || out.has(name)) continue;
    const headerText = lines.lineText(header);
    const afterColon = headerText.slice(headerText.indexOf(':') + 1).trim();
    if (afterColon !== '{') continue; // entries on the header line: not splittable
    const endLine = r + 1 < roots.length ? roots[r + 1].line : n;
    const chunks = splitEntries(lines, header + 1, endLine, (text, indent) => text.charCodeAt(indent) === 34, true);
    if (chunks) out.set(name, chunks);
  }
  return out;
}

/**
 * The text to parse for a chunk: trailing whitespace and, in JSON, the comma separating it from the
 * next entry are cut off. Returns [start, end] global offsets.
 */
export function chunkExtent(text: string, chunk: Chunk, json: boolean): [number, number] {
  let end = chunk.end;
  while (end > chunk.start && /\s/.test(text[end - 1])) end--;
  if (json && end > chunk.start && text[end - 1] === ',') end--;
  return [chunk.start, end];
}
