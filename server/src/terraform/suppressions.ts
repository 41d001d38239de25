/**
 * Suppression comments in Terraform files, in our syntax and in the syntaxes of peer tools so
 * that existing annotations keep working:
 *
 * - `# trustlint:ignore <rule-id>[,<rule-id>...] <reason words...> [exp:YYYY-MM-DD]`
 * - `#checkov:skip=CKV_AWS_19:<reason>`
 * - `#tfsec:ignore:aws-s3-enable-bucket-encryption[:exp:YYYY-MM-DD] [reason]`
 * - `#trivy:ignore:AVD-AWS-0088[:exp:YYYY-MM-DD] [reason]`
 *
 * `#`, `//` and `/* *\/` comments all work.
 *
 * Attachment rule: a suppression belongs to a top-level block when the comment is inside the
 * block (anywhere between its header and closing brace, including nested blocks and the header
 * line after `{`), or when it is part of the run of whole-line comments directly above the block
 * header. That run ends at the first line that is blank or holds code: a blank line separates a
 * comment from the block, so a stray note further up never silences a resource by accident.
 */
import type { Range, Suppression } from '../model/types';
import type { Comment, HclBlock } from '../parsing/terraform/ast';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The text of a comment without its markers. */
function commentBody(c: Comment): string {
  const t = c.text;
  if (c.style === 'hash') return t.replace(/^#/, '');
  if (c.style === 'slash') return t.replace(/^\/\//, '');
  return t.replace(/^\/\*/, '').replace(/\*\/$/, '');
}

/** Strip separators people put before a reason: `--`, `:`, `-`, `—`. */
function cleanReason(text: string): string | undefined {
  const r = text.replace(/^[\s:\-—–]+/, '').trim();
  return r === '' ? undefined : r;
}

/**
 * Parse every suppression directive of one comment. Returns an empty list for ordinary comments.
 */
export function parseSuppressionComment(comment: Comment, file: string): Suppression[] {
  const text = comment.text;
  if (!/trustlint|checkov|tfsec|trivy/i.test(text)) return [];
  const range: Range = comment.range;
  const out: Suppression[] = [];
  for (const line of commentBody(comment).split(/\r?\n/)) {
    parseLine(line.replace(/^\s*\*?\s?/, ''), file, range, out);
  }
  return out;
}

function parseLine(line: string, file: string, range: Range, out: Suppression[]): void {
  const ours = /(?:^|\s)trustlint:ignore(?:\s+|=)(\S+)(.*)$/.exec(line);
  if (ours) {
    let rest = ours[2];
    let expires: string | undefined;
    rest = rest.replace(/(?:^|\s)exp:(\S+)/g, (_m, d: string) => {
      if (DATE.test(d)) expires = d;
      return ' ';
    });
    const reason = cleanReason(rest);
    for (const id of ours[1].split(',')) {
      if (!id) continue;
      const s: Suppression = { ruleId: id, source: 'trustlint', file, range };
      if (reason) s.reason = reason;
      if (expires) s.expires = expires;
      out.push(s);
    }
  }

  const checkov = /checkov:skip=([^\s:,]+)(?::([^\n]*))?/g;
  for (let m = checkov.exec(line); m; m = checkov.exec(line)) {
    const s: Suppression = { ruleId: m[1], source: 'checkov', file, range };
    const reason = m[2] !== undefined ? cleanReason(m[2]) : undefined;
    if (reason) s.reason = reason;
    out.push(s);
  }

  // tfsec / trivy: several directives may share a line; free text after them is the reason.
  const peer = /(tfsec|trivy):ignore:([A-Za-z0-9_.\-*]+)((?::[A-Za-z]+:[^\s:]+)*)/g;
  const found: Suppression[] = [];
  let leftover = line;
  for (let m = peer.exec(line); m; m = peer.exec(line)) {
    const s: Suppression = { ruleId: m[2], source: m[1].toLowerCase() === 'trivy' ? 'trivy' : 'tfsec', file, range };
    const exp = /:exp:([^\s:]+)/.exec(m[3]);
    if (exp && DATE.test(exp[1])) s.expires = exp[1];
    found.push(s);
    leftover = leftover.replace(m[0], ' ');
  }
  if (found.length) {
    const reason = cleanReason(leftover.replace(/\s+/g, ' '));
    for (const s of found) {
      if (reason) s.reason = reason;
      out.push(s);
    }
  }
}

/**
 * The suppression comments of one file, indexed so that attaching them to blocks is linear:
 * comments sorted by offset for "inside" lookups, whole-line comments by end line for "above".
 */
export class FileSuppressions {
  private readonly comments: Comment[];
  private readonly parsed: Suppression[][];
  /** end line -> index in `comments` of a comment that is alone on its lines. */
  private readonly wholeLineByEndLine = new Map<number, number>();

  constructor(
    readonly file: string,
    text: string,
    comments: readonly Comment[],
  ) {
    this.comments = [...comments].sort((a, b) => a.range.start.offset - b.range.start.offset);
    this.parsed = this.comments.map((c) => parseSuppressionComment(c, file));
    for (let i = 0; i < this.comments.length; i++) {
      const c = this.comments[i];
      if (isAloneOnItsLines(text, c)) this.wholeLineByEndLine.set(lastLine(c), i);
    }
  }

  /** True when the file has no suppression comments at all (the common case: skip work). */
  get empty(): boolean {
    return this.parsed.every((p) => p.length === 0);
  }

  /** Suppressions for a top-level block: comments inside it, and the comment run directly above. */
  forBlock(block: HclBlock): Suppression[] {
    const out: Suppression[] = [];
    // Above: walk up from the line before the header while lines are whole-line comments.
    const above: number[] = [];
    let line = block.typeRange.start.line - 1;
    for (;;) {
      const i = this.wholeLineByEndLine.get(line);
      if (i === undefined) break;
      above.push(i);
      line = this.comments[i].range.start.line - 1;
    }
    for (let k = above.length - 1; k >= 0; k--) out.push(...this.parsed[above[k]]);
    // Inside: binary search the first comment at or after the block start.
    const start = block.range.start.offset;
    const end = block.range.end.offset;
    let lo = 0;
    let hi = this.comments.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.comments[mid].range.start.offset < start) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.comments.length && this.comments[i].range.start.offset < end; i++) {
      out.push(...this.parsed[i]);
    }
    return out;
  }
}

/** Last line a comment occupies (a line comment's range may or may not include its newline). */
function lastLine(c: Comment): number {
  const { end } = c.range;
  return end.character === 0 && end.line > c.range.start.line ? end.line - 1 : end.line;
}

/** Only whitespace before the comment on its first line and after it on its last line. */
function isAloneOnItsLines(text: string, c: Comment): boolean {
  for (let i = c.range.start.offset - 1; i >= 0; i--) {
    const ch = text[i];
    if (ch === '\n') break;
    if (ch !== ' ' && ch !== '\t' && ch !== '\r') return false;
  }
  if (text[c.range.end.offset - 1] === '\n') return true;
  for (let i = c.range.end.offset; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') break;
    if (ch !== ' ' && ch !== '\t' && ch !== '\r') return false;
  }
  return true;
}
