/**
 * Building blocks for fixes: minimal text edits that keep the user's formatting. Every helper
 * works from the model's exact ranges and the file text (for indentation); none reformats code.
 */
import { attr } from '../model/access';
import type { Attribute, Body, ListValue, ObjectValue, Position, Range, Resource, TextEdit } from '../model/types';
import { LineMap } from '../parsing/terraform/lexer';
import type { CheckContext } from './types';

/** The whitespace at the start of the line containing `offset`. */
export function lineIndent(text: string, offset: number): string {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n') start--;
  let end = start;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  return text.slice(start, end);
}

/** The text `indentUnit` was last asked about, and its answer: fixes come by the hundred per file. */
let lastUnitText: string | undefined;
let lastUnit = '  ';

/** The unit of indentation the file uses (two spaces unless the file shows otherwise). */
export function indentUnit(text: string): string {
  if (text === lastUnitText) return lastUnit;
  lastUnitText = text;
  lastUnit = indentUnitOf(text);
  return lastUnit;
}

function indentUnitOf(text: string): string {
  const m = /\n(\t+|[ ]{2,8})\S/.exec(text);
  if (!m) return '  ';
  if (m[1].startsWith('\t')) return '\t';
  return m[1].length >= 4 && m[1].length % 4 === 0 && !/\n {2}\S/.test(text) ? '    ' : '  ';
}

/** Leading spaces of a fix line (a regular expression per line allocated more than the fix itself). */
function leadingSpaces(line: string): number {
  let n = 0;
  while (line.charCodeAt(n) === 32) n++;
  return n;
}

/**
 * Line tables of the texts fixes were recently computed for. A scan computes thousands of fixes in
 * the same few files; scanning from the start of the file for each one was quadratic in the file
 * size. Keyed by the text itself (a string's hash is computed once and cached by the VM); a few
 * entries are enough because rules run file by file. The table is the HCL lexer's, which counts
 * lines as LSP clients do (`\n`, `\r\n`, a lone `\r`), so a fix's position agrees with the finding's.
 */
const lineMapCache = new Map<string, LineMap>();
const LINE_MAP_CACHE_SIZE = 256;

/** The last text asked for: most calls repeat it, and `===` on the same string is a pointer check. */
let lastText: string | undefined;
let lastMap: LineMap | undefined;

function lineMapOf(text: string): LineMap {
  if (text === lastText && lastMap) return lastMap;
  let map = lineMapCache.get(text);
  if (!map) {
    map = new LineMap(text);
    if (lineMapCache.size >= LINE_MAP_CACHE_SIZE) lineMapCache.delete(lineMapCache.keys().next().value as string);
    lineMapCache.set(text, map);
  }
  lastText = text;
  lastMap = map;
  return map;
}

/** Position of a UTF-16 offset in `text` (lines as LSP counts them; offsets past the end clamp the line). */
export function positionAt(text: string, offset: number): Position {
  if (offset <= 0) return { line: 0, character: offset, offset };
  const map = lineMapOf(text);
  // The line of min(offset, text.length): only line breaks before the offset count.
  const line = map.lineOf(Math.min(offset, text.length));
  return { line, character: offset - map.lineStarts[line], offset };
}

export function pointRange(text: string, offset: number): Range {
  const p = positionAt(text, offset);
  return { start: p, end: p };
}

/** Replace an attribute's value expression, e.g. `false` → `true`. */
export function replaceValue(file: string, attribute: Attribute, newText: string): TextEdit {
  // A value resolved through a variable keeps its use-site range, which is inside the attribute.
  const r = attribute.value.range;
  const inside = r.start.offset >= attribute.range.start.offset && r.end.offset <= attribute.range.end.offset;
  const range = inside ? r : { start: attribute.nameRange.end, end: attribute.range.end };
  return { file, range, newText: inside ? newText : ` = ${newText}` };
}

/** Replace a whole attribute (`name = value`) with new text. */
export function replaceAttribute(file: string, attribute: Attribute, newText: string): TextEdit {
  return { file, range: attribute.range, newText };
}

/**
 * Insert lines at the end of a Terraform block body, indented one level deeper than the block's
 * header (or like the body's existing attributes). `lines` are given without indentation; nested
 * lines keep their relative indentation (two spaces per level are converted to the file's unit).
 */
export function insertIntoTerraformBody(ctx: CheckContext, file: string, body: Body, headerOffset: number, lines: string[]): TextEdit {
  const text = ctx.fileText(file);
  const unit = indentUnit(text);
  const first = body.attributes[0]?.range.start.offset ?? body.blocks[0]?.range.start.offset;
  const indent = first !== undefined ? lineIndent(text, first) : lineIndent(text, headerOffset) + unit;
  // Lines are written with two spaces per nesting level; the file's own unit replaces them.
  const renderAt = (base: string): string => lines.map((l) => base + unit.repeat(Math.floor(leadingSpaces(l) / 2)) + l.trimStart()).join('\n');
  const close = body.range.end.offset;
  // Find the start of the line holding the closing brace, when the brace is alone on its line.
  let lineStart = close;
  while (lineStart > 0 && (text[lineStart - 1] === ' ' || text[lineStart - 1] === '\t')) lineStart--;
  if (lineStart > 0 && text[lineStart - 1] === '\n') {
    return { file, range: pointRange(text, lineStart), newText: `${renderAt(indent)}\n` };
  }
  // One-line block (`x {}` or `x { a = 1 }`): open it up.
  const open = body.range.start.offset;
  let contentEnd = close;
  while (contentEnd > open && /\s/.test(text[contentEnd - 1])) contentEnd--;
  const closingIndent = lineIndent(text, headerOffset);
  let contentStart = open;
  while (contentStart < contentEnd && (text[contentStart] === ' ' || text[contentStart] === '\t')) contentStart++;
  if (contentStart < contentEnd && text[contentStart] !== '\n' && text[contentStart] !== '\r') {
    // A definition on the brace's line (`x { a = 1 }`): HCL allows that only in a one-line block,
    // so it moves to a line of its own, above the new ones.
    const inner = closingIndent + unit;
    return {
      file,
      range: { start: positionAt(text, open), end: positionAt(text, close) },
      newText: `\n${inner}${text.slice(contentStart, contentEnd)}\n${renderAt(inner)}\n${closingIndent}`,
    };
  }
  return {
    file,
    range: { start: positionAt(text, contentEnd), end: positionAt(text, close) },
    newText: `\n${renderAt(indent)}\n${closingIndent}`,
  };
}

/**
 * Set an attribute such as `enable_key_rotation = true` in a resource's body: a new line, or in
 * place of the attribute when it is written already (`= null` reads as unset, and a second
 * definition would make the file invalid).
 */
export function addTerraformAttribute(ctx: CheckContext, resource: Resource, line: string): TextEdit {
  const name = /^\s*([A-Za-z_][A-Za-z0-9_-]*)\s*=/.exec(line)?.[1];
  const written = name === undefined ? undefined : attr(resource.body, name);
  if (written) return replaceAttribute(resource.file, written, line.trim());
  return insertIntoTerraformBody(ctx, resource.file, resource.body, resource.headerRange.start.offset, [line]);
}

/** Insert a new top-level block (e.g. a v4 S3 configuration resource) after a resource. */
export function addTerraformBlockAfter(ctx: CheckContext, resource: Resource, blockLines: string[]): TextEdit {
  const text = ctx.fileText(resource.file);
  const unit = indentUnit(text);
  const baseIndent = lineIndent(text, resource.headerRange.start.offset);
  const rendered = blockLines
    .map((l) => {
      const depth = Math.floor(leadingSpaces(l) / 2);
      return l.trim() === '' ? '' : baseIndent + unit.repeat(depth) + l.trimStart();
    })
    .join('\n');
  return { file: resource.file, range: pointRange(text, resource.range.end.offset), newText: `\n\n${rendered}` };
}

/** Terraform's identifier syntax, which resource types and names must follow. */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * Whether a fix can refer to the resource (`type.name.id`) or name a new block after it: the parser
 * accepts any quoted label while the user types, Terraform only identifiers, and a reference such
 * as `aws_s3_bucket.my bucket.id` would not even parse.
 */
export function isReferable(resource: Resource): boolean {
  return IDENTIFIER.test(resource.type) && IDENTIFIER.test(resource.name);
}

/** A Terraform reference to a resource's attribute: `aws_s3_bucket.logs.id`. */
export function terraformRef(resource: Resource, attribute = 'id'): string {
  return `${resource.address}.${attribute}`;
}

/**
 * A placeholder name for a value only the user knows (a KMS key ARN, a log bucket): fixes insert a
 * clearly named variable reference rather than a made-up value.
 */
export function placeholderVariable(name: string): string {
  return `var.${name}`;
}

/**
 * True when a CloudFormation template file is JSON (no comments, quoted keys). Decided by the text,
 * not the name: a `.json` file holding YAML is parsed as YAML, and a JSON-style edit would break it.
 */
export function isJsonTemplate(_file: string, text: string): boolean {
  return /^\uFEFF?\s*\{/.test(text);
}

/**
 * Render a plain value as a CloudFormation property in the template's own syntax: block YAML
 * lines at `indent`, or compact JSON.
 */
function renderCfnValue(value: unknown, json: boolean, indent: string, unit: string): string {
  if (value instanceof CfnRef && !json) return `!Ref ${value.name}`;
  if (json || value === null || typeof value !== 'object') return JSON.stringify(value, null, json ? 1 : undefined)?.replace(/\n\s*/g, ' ') ?? 'null';
  if (Array.isArray(value)) {
    // An item's keys line up after "- ", two columns in, whatever the file's indentation unit.
    return value.map((v) => `\n${indent}- ${renderCfnValue(v, false, `${indent}  `, unit).replace(/^\n\s*/, '')}`).join('');
  }
  return Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => {
      const rendered = renderCfnValue(v, false, indent + unit, unit);
      return `\n${indent}${k}:${rendered.startsWith('\n') ? rendered : ` ${rendered}`}`;
    })
    .join('');
}

/**
 * Give a property that is written already (as `null`, `~` or an empty YAML value, which read as
 * unset) a new value in place: adding the key a second time would make the template invalid. The
 * value is written as JSON, which both JSON and YAML (flow or block) accept. Undefined when the
 * value is not written inside the property (e.g. a YAML alias or merge key).
 */
function setWrittenCloudFormationProperty(text: string, resource: Resource, written: Attribute, value: unknown): TextEdit | undefined {
  const v = written.value.range;
  const a = written.range;
  if (v.start.offset < a.start.offset || v.end.offset > a.end.offset) return undefined;
  if (a.start.offset < resource.range.start.offset || a.end.offset > resource.range.end.offset) return undefined;
  const rendered = renderCfnValue(value, true, '', '  ');
  if (v.start.offset < v.end.offset) return { file: resource.file, range: v, newText: rendered };
  // An empty YAML value (`Key:` and nothing after): write the value after the colon.
  if (text[v.start.offset - 1] !== ':') return undefined;
  return { file: resource.file, range: v, newText: ` ${rendered}` };
}

/**
 * Add a property to a CloudFormation resource, keeping the template's style: a block-YAML line at
 * the indentation of the existing properties, or a JSON member; a property written as null gets
 * the value in place. Returns undefined when the template's shape is too unusual to edit safely
 * (flow-style YAML maps, an empty `Properties`).
 */
export function addCloudFormationProperty(ctx: CheckContext, resource: Resource, key: string, value: unknown): TextEdit | undefined {
  const text = ctx.fileText(resource.file);
  const written = attr(resource.body, key);
  if (written) return setWrittenCloudFormationProperty(text, resource, written, value);
  const json = isJsonTemplate(resource.file, text);
  const unit = json ? '  ' : indentUnit(text);
  const first = resource.body.attributes[0];
  if (first) {
    const at = first.nameRange.start.offset;
    if (json) {
      const indent = lineIndent(text, at);
      const ownLine = text.lastIndexOf('\n', at) > text.lastIndexOf('{', at);
      const member = `${JSON.stringify(key)}: ${renderCfnValue(value, true, '', unit)},`;
      return { file: resource.file, range: pointRange(text, at), newText: ownLine ? `${member}\n${indent}` : `${member} ` };
    }
    // Block YAML: the key must start its own line, else this is a flow map we do not restyle.
    const indent = lineIndent(text, at);
    let lineStart = at;
    while (lineStart > 0 && text[lineStart - 1] !== '\n') lineStart--;
    if (text.slice(lineStart, at) !== indent) return undefined;
    const rendered = renderCfnValue(value, false, indent + unit, unit);
    return { file: resource.file, range: pointRange(text, lineStart), newText: `${indent}${key}:${rendered.startsWith('\n') ? rendered : ` ${rendered}`}\n` };
  }
  const slice = text.slice(resource.range.start.offset, resource.range.end.offset);
  if (/["']?Properties["']?\s*:/.test(slice)) return undefined;
  const typeMatch = /["']?Type["']?\s*:/.exec(slice);
  if (!typeMatch) return undefined;
  const at = resource.range.start.offset + typeMatch.index;
  const indent = lineIndent(text, at);
  if (json) {
    const member = `"Properties": { ${JSON.stringify(key)}: ${renderCfnValue(value, true, '', unit)} },`;
    return { file: resource.file, range: pointRange(text, at), newText: `${member}\n${indent}` };
  }
  // Before the line's break (`\r\n`'s `\r` included: a client cannot put a position between the two).
  let lineEnd = at;
  while (lineEnd < text.length && text[lineEnd] !== '\n' && text[lineEnd] !== '\r') lineEnd++;
  const rendered = renderCfnValue(value, false, indent + unit + unit, unit);
  return {
    file: resource.file,
    range: pointRange(text, lineEnd),
    newText: `\n${indent}Properties:\n${indent}${unit}${key}:${rendered.startsWith('\n') ? rendered : ` ${rendered}`}`,
  };
}

/**
 * A `Ref` to a template parameter or resource in a value a fix writes: `!Ref Name` in YAML,
 * `{ "Ref": "Name" }` in JSON (and wherever YAML takes JSON, as flow).
 */
export class CfnRef {
  constructor(readonly name: string) {}

  toJSON(): { Ref: string } {
    return { Ref: this.name };
  }
}

/**
 * Insert `entries` (key: value, in order) before the entry starting at `at` (a key of a block YAML
 * map or a member of a JSON object), at that entry's indentation, as one edit. Undefined when the
 * key does not start its own line in YAML (a flow map, which we do not restyle).
 */
function insertCfnEntriesBefore(text: string, file: string, at: number, entries: Record<string, unknown>): TextEdit | undefined {
  const json = isJsonTemplate(file, text);
  const unit = json ? '  ' : indentUnit(text);
  const indent = lineIndent(text, at);
  const pairs = Object.entries(entries);
  if (json) {
    const ownLine = text.lastIndexOf('\n', at) > text.lastIndexOf('{', at);
    const members = pairs.map(([k, v]) => `${JSON.stringify(k)}: ${renderCfnValue(v, true, '', unit)},`);
    return { file, range: pointRange(text, at), newText: ownLine ? members.map((m) => `${m}\n${indent}`).join('') : members.map((m) => `${m} `).join('') };
  }
  let lineStart = at;
  while (lineStart > 0 && text[lineStart - 1] !== '\n') lineStart--;
  if (text.slice(lineStart, at) !== indent) return undefined;
  const lines = pairs.map(([k, v]) => {
    const rendered = renderCfnValue(v, false, indent + unit, unit);
    return `${indent}${k}:${rendered.startsWith('\n') ? rendered : ` ${rendered}`}\n`;
  });
  return { file, range: pointRange(text, lineStart), newText: lines.join('') };
}

/**
 * Add entries to a map nested in a resource's properties (`DistributionConfig`,
 * `PublicAccessBlockConfiguration`), in the template's style, as addCloudFormationProperty does for
 * the properties themselves. Undefined for an empty map, a flow-style YAML map, or a map that is
 * not written inside the resource (a parameter default, say).
 */
export function addCloudFormationEntries(ctx: CheckContext, resource: Resource, map: ObjectValue, entries: Record<string, unknown>): TextEdit | undefined {
  if (map.file !== undefined && map.file !== resource.file) return undefined;
  const first = map.entries[0];
  if (!first) return undefined;
  if (first.range.start.offset < resource.range.start.offset || first.range.end.offset > resource.range.end.offset) return undefined;
  return insertCfnEntriesBefore(ctx.fileText(resource.file), resource.file, first.keyRange.start.offset, entries);
}

/** One entry: see addCloudFormationEntries. */
export function addCloudFormationEntry(ctx: CheckContext, resource: Resource, map: ObjectValue, key: string, value: unknown): TextEdit | undefined {
  return addCloudFormationEntries(ctx, resource, map, { [key]: value });
}

/** What a fix declares a template parameter for: the user fills it in when deploying. */
export interface CfnParameterSpec {
  description: string;
  /** CloudFormation parameter type; `String` unless given. */
  type?: string;
}

/**
 * A template parameter for a value only the user knows (a log bucket, a KMS key, an admin
 * network), so a fix never makes one up: returns a `Ref` to it and the edit that declares it
 * (without a default, so a deployment asks for it) when the template does not declare it yet.
 * Undefined when the template's top level is not block YAML or a JSON object we can edit safely.
 */
export function cloudFormationParameter(ctx: CheckContext, file: string, name: string, spec: CfnParameterSpec): { ref: CfnRef; edits: TextEdit[] } | undefined {
  const text = ctx.fileText(file);
  const ref = new CfnRef(name);
  const edit = parameterEdit(text, file, name, spec);
  if (edit === undefined) return undefined;
  // A fresh edit per fix: hosts may adjust a fix's edits.
  return { ref, edits: edit === 'declared' ? [] : [{ ...edit }] };
}

/**
 * The parameter edits found for the last template asked about, by file, name and spec: a scan asks
 * for the same parameter once per finding (every open security group wants AdminCidrIp), and each
 * time re-read the template's Parameters section.
 */
let parameterEditsText: string | undefined;
const parameterEdits = new Map<string, TextEdit | 'declared' | undefined>();

function parameterEdit(text: string, file: string, name: string, spec: CfnParameterSpec): TextEdit | 'declared' | undefined {
  if (text !== parameterEditsText) {
    parameterEditsText = text;
    parameterEdits.clear();
  }
  const key = `${file}\u0000${name}\u0000${spec.type ?? ''}\u0000${spec.description}`;
  if (parameterEdits.has(key)) return parameterEdits.get(key);
  const edit = isJsonTemplate(file, text) ? jsonParameterEdit(text, file, name, spec) : yamlParameterEdit(text, file, name, spec);
  parameterEdits.set(key, edit);
  return edit;
}

/**
 * The last template whose top level was read, and what was found: a scan computes fixes for many
 * resources of the same template, and reading the top level for each would be quadratic.
 */
let topLevelText: string | undefined;
let topLevel: unknown;

function memoTopLevel<T>(text: string, read: (text: string) => T): T {
  if (text !== topLevelText) {
    topLevelText = text;
    topLevel = read(text);
  }
  return topLevel as T;
}

/** Top-level keys of a block YAML template: `Parameters:` at column 0, with the offset of their line. */
function yamlTopLevelKeys(text: string): Array<{ key: string; lineStart: number; rest: string }> {
  return memoTopLevel(text, (t) => {
    const out: Array<{ key: string; lineStart: number; rest: string }> = [];
    const re = /^([A-Za-z][A-Za-z0-9]*)[ \t]*:(.*)$/gm;
    for (let m = re.exec(t); m; m = re.exec(t)) out.push({ key: m[1], lineStart: m.index, rest: m[2].replace(/\r$/, '') });
    return out;
  });
}

function yamlParameterEdit(text: string, file: string, name: string, spec: CfnParameterSpec): TextEdit | 'declared' | undefined {
  const unit = indentUnit(text);
  const keys = yamlTopLevelKeys(text);
  const lines = (ind: string) =>
    `${ind}${name}:\n${ind}${unit}Type: ${spec.type ?? 'String'}\n${ind}${unit}Description: ${JSON.stringify(spec.description)}\n`;
  const at = keys.findIndex((k) => k.key === 'Parameters');
  if (at >= 0) {
    // Only a block map (`Parameters:` alone on its line, maybe with a comment) is edited.
    if (!/^\s*(#.*)?$/.test(keys[at].rest)) return undefined;
    const bodyStart = text.indexOf('\n', keys[at].lineStart) + 1;
    if (bodyStart === 0) return undefined;
    const bodyEnd = keys[at + 1]?.lineStart ?? text.length;
    const body = text.slice(bodyStart, bodyEnd);
    // The new entry lines up with the existing ones, whatever their keys look like.
    const firstChild = /^([ \t]*)[^ \t\r\n#]/m.exec(body);
    if (firstChild && firstChild[1] === '') return undefined;
    const ind = firstChild?.[1] ?? unit;
    const declared = new RegExp(`^${ind}${name}[ \t]*:`, 'm');
    if (declared.test(body)) return 'declared';
    // After the last parameter (blank lines and comments before the next section stay where they are),
    // so parameters added one fix at a time come out in the same order as added all at once.
    let insertAt = bodyStart;
    for (let lineStart = bodyStart; lineStart < bodyEnd; ) {
      const nl = text.indexOf('\n', lineStart);
      const lineEnd = nl < 0 || nl >= bodyEnd ? bodyEnd : nl + 1;
      const line = text.slice(lineStart, lineEnd);
      if (!/^[ \t]*(#.*)?\r?\n?$/.test(line)) {
        // Something at column 0 that is not a section (`: x`, `- y`) ends the map unseen: not ours to edit.
        if (!/^[ \t]/.test(line)) return undefined;
        insertAt = lineEnd;
      }
      lineStart = lineEnd;
    }
    const needsNewline = insertAt > 0 && text[insertAt - 1] !== '\n';
    return { file, range: pointRange(text, insertAt), newText: `${needsNewline ? '\n' : ''}${lines(ind)}` };
  }
  const resources = keys.find((k) => k.key === 'Resources');
  if (!resources) return undefined;
  // Keep a blank line between sections when the template has one before Resources.
  const blankBefore = /\n[ \t]*\r?\n$/.test(text.slice(0, resources.lineStart));
  return { file, range: pointRange(text, resources.lineStart), newText: `Parameters:\n${lines(unit)}${blankBefore ? '\n' : ''}` };
}

interface JsonMember {
  key: string;
  keyStart: number;
  valueStart: number;
  valueEnd: number;
}

/** The end offset of the JSON value starting at `start` (strings, objects and arrays balanced). */
function jsonValueEnd(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      if (depth === 0) return i + 1;
    } else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return i + 1;
      if (depth < 0) return i;
    } else if (depth === 0 && (c === ',' || /\s/.test(c))) return i;
  }
  return text.length;
}

/** Members of the JSON object whose `{` is at `open`; undefined when the text is not such an object. */
function jsonMembers(text: string, open: number): JsonMember[] | undefined {
  if (text[open] !== '{') return undefined;
  const out: JsonMember[] = [];
  const skip = (i: number) => {
    while (i < text.length && /\s/.test(text[i])) i++;
    return i;
  };
  let i = skip(open + 1);
  if (text[i] === '}') return out;
  for (;;) {
    if (text[i] !== '"') return undefined;
    const keyStart = i;
    const keyEnd = jsonValueEnd(text, i);
    let key: string;
    try {
      key = JSON.parse(text.slice(keyStart, keyEnd)) as string;
    } catch {
      return undefined;
    }
    i = skip(keyEnd);
    if (text[i] !== ':') return undefined;
    const valueStart = skip(i + 1);
    const valueEnd = jsonValueEnd(text, valueStart);
    out.push({ key, keyStart, valueStart, valueEnd });
    i = skip(valueEnd);
    if (text[i] === '}') return out;
    if (text[i] !== ',') return undefined;
    i = skip(i + 1);
  }
}

function jsonParameterEdit(text: string, file: string, name: string, spec: CfnParameterSpec): TextEdit | 'declared' | undefined {
  const top = memoTopLevel(text, (t) => jsonMembers(t, t.indexOf('{')));
  if (!top) return undefined;
  const declaration = `${JSON.stringify(name)}: { "Type": ${JSON.stringify(spec.type ?? 'String')}, "Description": ${JSON.stringify(spec.description)} }`;
  const parameters = top.find((m) => m.key === 'Parameters');
  if (parameters) {
    const members = jsonMembers(text, parameters.valueStart);
    if (!members) return undefined;
    if (members.some((m) => m.key === name)) return 'declared';
    if (members.length === 0) return { file, range: pointRange(text, parameters.valueStart + 1), newText: ` ${declaration} ` };
    // After the last parameter, so parameters added one fix at a time come out in the same order as added all at once.
    const last = members[members.length - 1];
    const ownLine = text.lastIndexOf('\n', last.keyStart) > parameters.valueStart;
    return { file, range: pointRange(text, last.valueEnd), newText: ownLine ? `,\n${lineIndent(text, last.keyStart)}${declaration}` : `, ${declaration}` };
  }
  const resources = top.find((m) => m.key === 'Resources');
  if (!resources) return undefined;
  const ind = lineIndent(text, resources.keyStart);
  const unit = indentUnit(text);
  return { file, range: pointRange(text, resources.keyStart), newText: `"Parameters": {\n${ind}${unit}${declaration}\n${ind}},\n${ind}` };
}

/** A logical id for a new resource, `base` unless the template already has it. */
export function freeLogicalId(ctx: CheckContext, base: string): string {
  const taken = new Set(ctx.moduleResources.map((r) => r.name));
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}${i}`)) return `${base}${i}`;
}

/**
 * Add a resource to the template right after `resource` (a flow log after its VPC, a bucket policy
 * after its bucket), in the template's style.
 */
export function addCloudFormationResourceAfter(
  ctx: CheckContext,
  resource: Resource,
  logicalId: string,
  type: string,
  properties: Record<string, unknown>,
): TextEdit {
  const text = ctx.fileText(resource.file);
  const indent = lineIndent(text, resource.headerRange.start.offset);
  if (isJsonTemplate(resource.file, text)) {
    const unit = indentUnit(text);
    const props = JSON.stringify(properties, null, unit).split('\n').join(`\n${indent}${unit}`);
    const body = `{\n${indent}${unit}"Type": ${JSON.stringify(type)},\n${indent}${unit}"Properties": ${props}\n${indent}}`;
    return { file: resource.file, range: pointRange(text, resource.range.end.offset), newText: `,\n${indent}${JSON.stringify(logicalId)}: ${body}` };
  }
  const unit = indentUnit(text);
  let lineEnd = text.indexOf('\n', resource.range.end.offset);
  if (lineEnd < 0) lineEnd = text.length;
  else if (text[lineEnd - 1] === '\r') lineEnd--;
  // Templates that separate resources with a blank line get one before the new resource too.
  const separated = /^\r?\n[ \t]*\r?\n/.test(text.slice(lineEnd));
  const rendered = renderCfnValue(properties, false, indent + unit + unit, unit);
  return {
    file: resource.file,
    range: pointRange(text, lineEnd),
    newText: `${separated ? '\n' : ''}\n${indent}${logicalId}:\n${indent}${unit}Type: ${type}\n${indent}${unit}Properties:${rendered}`,
  };
}

/**
 * The edits of a fix that needs a value only the user knows, as a template parameter: `build`
 * makes the change from the `Ref`, and the parameter is declared with it when the template does
 * not have it yet. Undefined when either edit cannot be made safely.
 */
export function withCfnParameter(
  ctx: CheckContext,
  resource: Resource,
  name: string,
  spec: CfnParameterSpec,
  build: (ref: CfnRef) => TextEdit | undefined,
): TextEdit[] | undefined {
  const param = cloudFormationParameter(ctx, resource.file, name, spec);
  if (!param) return undefined;
  const main = build(param.ref);
  if (!main) return undefined;
  return [...param.edits, main];
}

/** A value as it is written in place in this template: YAML (`!Ref Name`, `true`) or JSON. */
export function cloudFormationValueText(ctx: CheckContext, file: string, value: unknown): string {
  const text = ctx.fileText(file);
  return renderCfnValue(value, isJsonTemplate(file, text), '', indentUnit(text));
}

/**
 * Whether a YAML value at `offset` is preceded by a tag (`!!str 0.0.0.0/0`, `!Custom x`): replacing
 * the value alone would leave the tag in front of the new one (`!!str !Ref P`), which is invalid.
 */
export function isTaggedYamlValue(text: string, offset: number): boolean {
  let i = offset;
  while (i > 0 && (text[i - 1] === ' ' || text[i - 1] === '\t')) i--;
  let start = i;
  while (start > 0 && !/\s/.test(text[start - 1])) start--;
  return start < i && text[start] === '!';
}

/**
 * Replace a whole property (key and value) of a resource with a new value rendered in the
 * template's style at the property's indentation, e.g. a list of actions. Undefined when the
 * property is not written in the resource or, in YAML, does not start its own line.
 */
export function replaceCloudFormationProperty(ctx: CheckContext, resource: Resource, property: Attribute, value: unknown): TextEdit | undefined {
  const text = ctx.fileText(resource.file);
  if (property.range.start.offset < resource.range.start.offset || property.range.end.offset > resource.range.end.offset) return undefined;
  const json = isJsonTemplate(resource.file, text);
  const unit = json ? '  ' : indentUnit(text);
  if (json) return { file: resource.file, range: property.range, newText: `${JSON.stringify(property.name)}: ${renderCfnValue(value, true, '', unit)}` };
  const at = property.nameRange.start.offset;
  const indent = lineIndent(text, at);
  let lineStart = at;
  while (lineStart > 0 && text[lineStart - 1] !== '\n') lineStart--;
  if (text.slice(lineStart, at) !== indent) return undefined;
  const rendered = renderCfnValue(value, false, indent + unit, unit);
  return { file: resource.file, range: property.range, newText: `${property.name}:${rendered.startsWith('\n') ? rendered : ` ${rendered}`}` };
}

/**
 * Add items at the start of a list written in a resource (`LoadBalancerAttributes`), in the
 * template's style: block YAML `- ` items at the indentation of the first one, or JSON elements.
 * Undefined for an empty or flow-style YAML list, or a list not written inside the resource.
 */
export function addCloudFormationListItems(ctx: CheckContext, resource: Resource, list: ListValue, items: unknown[]): TextEdit | undefined {
  if (list.file !== undefined && list.file !== resource.file) return undefined;
  const first = list.items[0];
  if (!first || items.length === 0) return undefined;
  if (first.range.start.offset < resource.range.start.offset || first.range.end.offset > resource.range.end.offset) return undefined;
  const text = ctx.fileText(resource.file);
  const at = first.range.start.offset;
  if (isJsonTemplate(resource.file, text)) {
    const ownLine = text.lastIndexOf('\n', at) > text.lastIndexOf('[', at);
    const indent = lineIndent(text, at);
    const rendered = items.map((i) => `${renderCfnValue(i, true, '', '  ')},`);
    return { file: resource.file, range: pointRange(text, at), newText: ownLine ? rendered.map((r) => `${r}\n${indent}`).join('') : rendered.map((r) => `${r} `).join('') };
  }
  // Block YAML: the first item's line must be `<indent>- <item>`.
  let lineStart = at;
  while (lineStart > 0 && text[lineStart - 1] !== '\n') lineStart--;
  const marker = /^([ \t]*)-[ \t]+$/.exec(text.slice(lineStart, at));
  if (!marker) return undefined;
  const indent = marker[1];
  const unit = indentUnit(text);
  // An item's keys line up after `- `, whatever the file's indentation unit.
  const lines = items.map((i) => `${indent}- ${renderCfnValue(i, false, `${indent}  `, unit).replace(/^\n[ \t]*/, '')}\n`);
  return { file: resource.file, range: pointRange(text, lineStart), newText: lines.join('') };
}
