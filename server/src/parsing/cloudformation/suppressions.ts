/**
 * Suppressions written on a CloudFormation resource: our own Metadata and comment syntax, and the
 * Metadata formats of peer tools (cfn-lint, cfn_nag, cfn-guard, Checkov), so that a team moving
 * to TrustLint keeps the exceptions it has already reviewed. The engine matches peer ids against
 * rule peers; this module only reads what is written.
 */
import type { ParseProblem, Suppression } from '../../model/types';
import type { LineTable } from './positions';
import type { RawNode } from './tree';

type Source = Suppression['source'];

/** Value of `key` in a raw map, if the node is a map that has it. */
export function rawGet(node: RawNode | undefined, key: string): RawNode | undefined {
  if (!node || node.t !== 'map') return undefined;
  for (const p of node.pairs) if (p.key === key) return p.value;
  return undefined;
}

/** A literal scalar as a string (numbers and booleans converted), else undefined. */
export function rawString(node: RawNode | undefined): string | undefined {
  if (!node || node.t !== 'scalar' || node.value === null) return undefined;
  return String(node.value);
}

/** Items of a literal list; a single item written without a list counts as a list of one. */
function rawItems(node: RawNode | undefined): RawNode[] {
  if (!node) return [];
  if (node.t === 'seq') return node.items;
  if (node.t === 'scalar' && node.value === null) return [];
  return [node];
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` naming a real calendar day. */
export function isValidDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** Every suppression in a resource's `Metadata`. */
export function metadataSuppressions(metadata: RawNode | undefined, file: string, lines: LineTable, problems: ParseProblem[]): Suppression[] {
  const out: Suppression[] = [];
  if (!metadata || metadata.t !== 'map') return out;

  const add = (node: RawNode, source: Source, ruleId: string | undefined, reason?: string, expires?: string): void => {
    const range = lines.range(node.start, node.end);
    if (!ruleId) {
      problems.push({ file, range, message: `Suppression (${source}) without a rule id is ignored`, severity: 'warning' });
      return;
    }
    const s: Suppression = { ruleId, source, file, range };
    if (reason !== undefined && reason.trim() !== '') s.reason = reason.trim();
    if (expires !== undefined) {
      if (isValidDate(expires)) s.expires = expires;
      else problems.push({ file, range, message: `Suppression expiry '${expires}' is not a YYYY-MM-DD date; it is ignored`, severity: 'warning' });
    }
    out.push(s);
  };

  // Metadata: { trustlint: { ignore: [ { id, reason, expires } ] } }
  for (const item of rawItems(rawGet(rawGet(metadata, 'trustlint'), 'ignore'))) {
    if (item.t === 'map') add(item, 'cfn-metadata', rawString(rawGet(item, 'id')), rawString(rawGet(item, 'reason')), rawString(rawGet(item, 'expires')));
    else add(item, 'cfn-metadata', rawString(item));
  }
  // Metadata: { cfn-lint: { config: { ignore_checks: [ W3005 ] } } }
  for (const item of rawItems(rawGet(rawGet(rawGet(metadata, 'cfn-lint'), 'config'), 'ignore_checks'))) {
    add(item, 'cfn-lint', rawString(item));
  }
  // Metadata: { cfn_nag: { rules_to_suppress: [ { id, reason } ] } }
  for (const item of rawItems(rawGet(rawGet(metadata, 'cfn_nag'), 'rules_to_suppress'))) {
    if (item.t === 'map') add(item, 'cfn-nag', rawString(rawGet(item, 'id')), rawString(rawGet(item, 'reason')));
    else add(item, 'cfn-nag', rawString(item));
  }
  // Metadata: { guard: { SuppressedRules: [ RULE_NAME ] } }
  for (const item of rawItems(rawGet(rawGet(metadata, 'guard'), 'SuppressedRules'))) {
    add(item, 'cfn-guard', rawString(item));
  }
  // Metadata: { checkov: { skip: [ { id, comment } ] } }
  for (const item of rawItems(rawGet(rawGet(metadata, 'checkov'), 'skip'))) {
    if (item.t === 'map') add(item, 'checkov', rawString(rawGet(item, 'id')), rawString(rawGet(item, 'comment')));
    else add(item, 'checkov', rawString(item));
  }
  return out;
}

export interface IgnoreComment {
  ruleIds: string[];
  reason?: string;
  /** The `exp:` value as written (validated by the caller). */
  expires?: string;
}

const IGNORE = /^#+\s*trustlint:ignore(?=\s|$)(.*)$/;

/**
 * Parse `# trustlint:ignore <rule-id>[,<rule-id>...] <reason...> [exp:YYYY-MM-DD]`. Returns
 * undefined for any other comment, and `ruleIds: []` when the id is missing.
 */
export function parseIgnoreComment(comment: string): IgnoreComment | undefined {
  const m = IGNORE.exec(comment.trim());
  if (!m) return undefined;
  let rest = m[1];
  let expires: string | undefined;
  const exp = /(^|\s)exp:(\S*)/.exec(rest);
  if (exp) {
    expires = exp[2];
    rest = rest.slice(0, exp.index) + rest.slice(exp.index + exp[0].length);
  }
  rest = rest.trim();
  const space = rest.search(/\s/);
  const idPart = space < 0 ? rest : rest.slice(0, space);
  const reason = space < 0 ? '' : rest.slice(space).trim();
  const ruleIds = idPart.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const out: IgnoreComment = { ruleIds };
  if (reason) out.reason = reason;
  if (expires !== undefined) out.expires = expires;
  return out;
}

/** Suppressions from one `# trustlint:ignore` comment spanning [start, end). */
export function commentSuppressions(text: string, start: number, end: number, file: string, lines: LineTable, problems: ParseProblem[]): Suppression[] {
  const parsed = parseIgnoreComment(text);
  if (!parsed) return [];
  const range = lines.range(start, end);
  if (parsed.ruleIds.length === 0) {
    problems.push({ file, range, message: 'trustlint:ignore needs a rule id: # trustlint:ignore <rule-id> <reason> [exp:YYYY-MM-DD]', severity: 'warning' });
    return [];
  }
  let expires = parsed.expires;
  if (expires !== undefined && !isValidDate(expires)) {
    problems.push({ file, range, message: `Suppression expiry '${expires}' is not a YYYY-MM-DD date; it is ignored`, severity: 'warning' });
    expires = undefined;
  }
  return parsed.ruleIds.map((ruleId) => {
    const s: Suppression = { ruleId, source: 'trustlint', file, range };
    if (parsed.reason) s.reason = parsed.reason;
    if (expires) s.expires = expires;
    return s;
  });
}
