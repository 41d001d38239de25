/**
 * A small HTML well-formedness check for generated reports: every non-void element that opens
 * closes, in order. Comments, the doctype and the content of <style> are skipped; attribute values
 * must not contain a raw `>` (the renderer escapes them), so a regular tokenizer is enough.
 */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

/** Problems found, empty when balanced. */
export function tagBalanceProblems(html: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  const token = /<!--[\s\S]*?-->|<!DOCTYPE[^>]*>|<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b([^>]*)>/g;
  let m: RegExpExecArray | null;
  while ((m = token.exec(html)) !== null) {
    if (m[2] === undefined) continue;
    const closing = m[1] === '/';
    const name = m[2].toLowerCase();
    if (VOID.has(name)) {
      if (closing) problems.push(`closing tag of void element </${name}>`);
      continue;
    }
    if (!closing) {
      if (m[3].trimEnd().endsWith('/')) problems.push(`self-closing non-void <${name}/>`);
      stack.push(name);
      if (name === 'style' || name === 'script') {
        const end = html.toLowerCase().indexOf(`</${name}>`, token.lastIndex);
        if (end < 0) {
          problems.push(`<${name}> never closed`);
          break;
        }
        token.lastIndex = end;
      }
      continue;
    }
    const open = stack.pop();
    if (open !== name) {
      problems.push(`</${name}> at offset ${m.index} closes <${open ?? 'nothing'}>`);
      if (open !== undefined) stack.push(open);
    }
  }
  for (const name of stack.reverse()) problems.push(`<${name}> never closed`);
  return problems;
}
