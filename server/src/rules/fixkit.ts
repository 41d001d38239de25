/**
 * Building blocks for fixes: minimal text edits that keep the user's formatting. Every helper
 * works from the model's exact ranges and the file text (for indentation); none reformats code.
 */
import type { Attribute, Body, Position, Range, Resource, TextEdit } from '../model/types';
import type { CheckContext } from './types';

/** The whitespace at the start of the line containing `offset`. */
export function lineIndent(text: string, offset: number): string {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n') start--;
  let end = start;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  return text.slice(start, end);
}

/** The unit of indentation the file uses (two spaces unless the file shows otherwise). */
export function indentUnit(text: string): string {
  const m = /\n(\t+|[ ]{2,8})\S/.exec(text);
  if (!m) return '  ';
  if (m[1].startsWith('\t')) return '\t';
  return m[1].length >= 4 && m[1].length % 4 === 0 && !/\n {2}\S/.test(text) ? '    ' : '  ';
}

/**
 * Line start offsets (after each `\n`) of the texts fixes were recently computed for. A scan
 * computes thousands of fixes in the same few files; scanning from the start of the file for each
 * one was quadratic in the file size. Keyed by the text itself (a string's hash is computed once
 * and cached by the VM); a few entries are enough because rules run file by file.
 */
const lineStartsCache = new Map<string, Int32Array>();
const LINE_STARTS_CACHE_SIZE = 256;

/** The last text asked for: most calls repeat it, and `===` on the same string is a pointer check. */
let lastText: string | undefined;
let lastStarts: Int32Array | undefined;

function lineStartsOf(text: string): Int32Array {
  if (text === lastText && lastStarts) return lastStarts;
  let starts = lineStartsCache.get(text);
  if (starts) {
    lastText = text;
    lastStarts = starts;
    return starts;
  }
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  starts = new Int32Array(n);
  n = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts[n++] = i + 1;
  if (lineStartsCache.size >= LINE_STARTS_CACHE_SIZE) lineStartsCache.delete(lineStartsCache.keys().next().value as string);
  lineStartsCache.set(text, starts);
  lastText = text;
  lastStarts = starts;
  return starts;
}

/** Position of a UTF-16 offset in `text` (lines end at `\n`; offsets past the end clamp the line). */
export function positionAt(text: string, offset: number): Position {
  if (offset <= 0) return { line: 0, character: offset, offset };
  const starts = lineStartsOf(text);
  // Last line start at or before min(offset, text.length): only `\n` seen before the offset count.
  const limit = Math.min(offset, text.length);
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= limit) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - starts[lo], offset };
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
  const rendered = lines
    .map((l) => {
      const m = /^( *)/.exec(l);
      const depth = Math.floor((m ? m[1].length : 0) / 2);
      return indent + unit.repeat(depth) + l.trimStart();
    })
    .join('\n');
  const close = body.range.end.offset;
  // Find the start of the line holding the closing brace, when the brace is alone on its line.
  let lineStart = close;
  while (lineStart > 0 && (text[lineStart - 1] === ' ' || text[lineStart - 1] === '\t')) lineStart--;
  if (lineStart > 0 && text[lineStart - 1] === '\n') {
    return { file, range: pointRange(text, lineStart), newText: `${rendered}\n` };
  }
  // One-line block (`x {}` or `x { a = 1 }`): open it up.
  let contentEnd = close;
  while (contentEnd > body.range.start.offset && /\s/.test(text[contentEnd - 1])) contentEnd--;
  const closingIndent = lineIndent(text, headerOffset);
  return {
    file,
    range: { start: positionAt(text, contentEnd), end: positionAt(text, close) },
    newText: `\n${rendered}\n${closingIndent}`,
  };
}

/** Insert an attribute line such as `enable_key_rotation = true` into a resource's body. */
export function addTerraformAttribute(ctx: CheckContext, resource: Resource, line: string): TextEdit {
  return insertIntoTerraformBody(ctx, resource.file, resource.body, resource.headerRange.start.offset, [line]);
}

/** Insert a new top-level block (e.g. a v4 S3 configuration resource) after a resource. */
export function addTerraformBlockAfter(ctx: CheckContext, resource: Resource, blockLines: string[]): TextEdit {
  const text = ctx.fileText(resource.file);
  const unit = indentUnit(text);
  const baseIndent = lineIndent(text, resource.headerRange.start.offset);
  const rendered = blockLines
    .map((l) => {
      const m = /^( *)/.exec(l);
      const depth = Math.floor((m ? m[1].length : 0) / 2);
      return l.trim() === '' ? '' : baseIndent + unit.repeat(depth) + l.trimStart();
    })
    .join('\n');
  return { file: resource.file, range: pointRange(text, resource.range.end.offset), newText: `\n\n${rendered}` };
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
  if (json || value === null || typeof value !== 'object') return JSON.stringify(value, null, json ? 1 : undefined)?.replace(/\n\s*/g, ' ') ?? 'null';
  if (Array.isArray(value)) {
    return value.map((v) => `\n${indent}- ${renderCfnValue(v, false, indent + unit, unit).replace(/^\n\s*/, '')}`).join('');
  }
  return Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => {
      const rendered = renderCfnValue(v, false, indent + unit, unit);
      return `\n${indent}${k}:${rendered.startsWith('\n') ? rendered : ` ${rendered}`}`;
    })
    .join('');
}

/**
 * Add a property to a CloudFormation resource, keeping the template's style: a block-YAML line at
 * the indentation of the existing properties, or a JSON member. Returns undefined when the
 * template's shape is too unusual to edit safely (flow-style YAML maps, an empty `Properties`).
 */
export function addCloudFormationProperty(ctx: CheckContext, resource: Resource, key: string, value: unknown): TextEdit | undefined {
  const text = ctx.fileText(resource.file);
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
  let lineEnd = text.indexOf('\n', at);
  if (lineEnd < 0) lineEnd = text.length;
  const rendered = renderCfnValue(value, false, indent + unit + unit, unit);
  return {
    file: resource.file,
    range: pointRange(text, lineEnd),
    newText: `\n${indent}Properties:\n${indent}${unit}${key}:${rendered.startsWith('\n') ? rendered : ` ${rendered}`}`,
  };
}
