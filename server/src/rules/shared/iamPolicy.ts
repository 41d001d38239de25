/**
 * Reading IAM policy documents in the model: JSON strings (Terraform `jsonencode`, heredocs,
 * rendered `aws_iam_policy_document`), CloudFormation `PolicyDocument` objects, and the statements
 * of `data "aws_iam_policy_document"`. Every answer is three-valued: a statement that might be
 * administrative only because of an unknown part is never reported.
 */
import { asString, attr, blocks, field } from '../../model/access';
import type { Body, ObjectEntry, Range, Value } from '../../model/types';

export type Tri = 'yes' | 'no' | 'unknown';

/** The AWS managed AdministratorAccess policy, in any partition (aws, aws-cn, aws-us-gov, ...). */
export function isAdministratorAccessArn(arn: string): boolean {
  return /^arn:aws(?:-[a-z]+)*:iam::aws:policy\/AdministratorAccess$/.test(arn.trim());
}

/** Whether a string or list of strings contains the bare wildcard `"*"`. */
export function containsWildcard(value: Value | undefined): Tri {
  if (!value || value.kind === 'null') return 'no';
  if (value.kind === 'string') return value.value.trim() === '*' ? 'yes' : 'no';
  if (value.kind === 'list') {
    let unknown = false;
    for (const item of value.items) {
      const s = asString(item);
      if (s === undefined) {
        if (item.kind !== 'null') unknown = true;
      } else if (s.trim() === '*') return 'yes';
    }
    return unknown ? 'unknown' : 'no';
  }
  return 'unknown';
}

function and(...values: Tri[]): Tri {
  if (values.includes('no')) return 'no';
  if (values.includes('unknown')) return 'unknown';
  return 'yes';
}

/** A statement that allows every action on every resource. */
export interface AdminStatement {
  /** The statement object (its range is where a CloudFormation finding points). */
  statement: Value;
  sid?: string;
  /** A `Condition` narrows when the grant applies, not what it grants: still reported, but said. */
  hasCondition: boolean;
}

export interface PolicyVerdict {
  admin: AdminStatement[];
  /** Some statement could be administrative but depends on an unknown value. */
  unknown: boolean;
}

function statementVerdict(statement: Value): Tri {
  if (statement.kind === 'unknown') return 'unknown';
  if (statement.kind !== 'object') return 'no';
  const effectValue = field(statement, 'Effect');
  if (effectValue === undefined) return 'no'; // Effect is required; IAM rejects the document
  const effect = asString(effectValue);
  const allow: Tri = effect === undefined ? 'unknown' : effect === 'Allow' ? 'yes' : 'no';
  // NotAction / NotResource statements are not "Action * on Resource *" and are left alone.
  return and(allow, containsWildcard(field(statement, 'Action')), containsWildcard(field(statement, 'Resource')));
}

/**
 * The document a policy value holds, as model values: JSON text parsed (every value at the text's
 * range), the structure of a `jsonencode()` whose argument is only partly known (its unknown
 * leaves stay unknown, so each statement is judged on what is known), an object as is
 * (CloudFormation), any other value as is. `undefined` when the text is not JSON.
 */
export function policyDocumentValue(doc: Value): Value | undefined {
  if (doc.kind === 'string') return parsePolicyJson(doc.value.trim(), doc.range, doc.file);
  if (doc.kind === 'unknown' && doc.decoded) return doc.decoded;
  return doc;
}

/** Administrative statements of a policy document value (object, or JSON text). */
export function analyzePolicyDocument(doc: Value | undefined): PolicyVerdict {
  if (!doc || doc.kind === 'null') return { admin: [], unknown: false };
  const value = policyDocumentValue(doc);
  if (!value) return { admin: [], unknown: false }; // not JSON: IAM rejects it, nothing is granted
  if (value.kind === 'unknown') return { admin: [], unknown: true };
  const statements = field(value, 'Statement');
  if (!statements) return { admin: [], unknown: value.kind !== 'object' };
  const list = statements.kind === 'list' ? statements.items : [statements];
  const out: PolicyVerdict = { admin: [], unknown: statements.kind === 'unknown' };
  for (const s of list) {
    const v = statementVerdict(s);
    if (v === 'unknown') out.unknown = true;
    if (v !== 'yes') continue;
    out.admin.push({ statement: s, sid: asString(field(s, 'Sid')), hasCondition: field(s, 'Condition') !== undefined });
  }
  return out;
}

/** Parse JSON policy text into model values (all at `range`), or `undefined` when not JSON. */
export function parsePolicyJson(text: string, range: Range, file: string | undefined): Value | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  return fromJson(json, range, file);
}

function fromJson(json: unknown, range: Range, file: string | undefined): Value {
  if (json === null || json === undefined) return { kind: 'null', range, file };
  if (typeof json === 'string') return { kind: 'string', value: json, range, file };
  if (typeof json === 'number') return { kind: 'number', value: json, range, file };
  if (typeof json === 'boolean') return { kind: 'bool', value: json, range, file };
  if (Array.isArray(json)) return { kind: 'list', items: json.map((j) => fromJson(j, range, file)), range, file };
  const entries: ObjectEntry[] = Object.entries(json as Record<string, unknown>).map(([key, v]) => ({
    key,
    keyRange: range,
    range,
    value: fromJson(v, range, file),
  }));
  return { kind: 'object', entries, range, file };
}

/**
 * Verdict for one `statement` block of a `data "aws_iam_policy_document"`: `effect` defaults to
 * Allow; a statement with `principals` belongs to a resource or trust policy and is not an identity
 * grant.
 */
export function documentStatementVerdict(statement: Body): Tri {
  if (blocks(statement, 'principals').length || blocks(statement, 'not_principals').length) return 'no';
  const effectAttr = attr(statement, 'effect');
  const effect = effectAttr ? asString(effectAttr.value) : 'Allow';
  const allow: Tri = effect === undefined ? 'unknown' : effect === 'Allow' ? 'yes' : 'no';
  return and(allow, containsWildcard(attr(statement, 'actions')?.value), containsWildcard(attr(statement, 'resources')?.value));
}
