/**
 * IAM policy documents: rendering `data "aws_iam_policy_document"` the way the AWS provider does,
 * and reading a policy value (JSON string, heredoc, `jsonencode(...)`, or an object) back into
 * plain JSON for rules.
 */
import type { Body, NestedBlock, Range, Value } from '../model/types';
import { deepRefs, primitiveToString, unknown, valueToJson, setJsonKey } from './values';

/**
 * Parse a policy value into a plain JSON object: a known string holding JSON (surrounding
 * whitespace and newlines of a heredoc are fine) or a fully known object value (CloudFormation
 * `PolicyDocument`). Returns `undefined` when the value is unknown, not JSON, or not an object.
 */
export function policyDocumentOf(value: Value | undefined): unknown {
  if (!value) return undefined;
  if (value.kind === 'string') return parsePolicyJson(value.value);
  if (value.kind === 'object') {
    const json = valueToJson(value);
    return json === undefined ? undefined : json;
  }
  return undefined;
}

function parsePolicyJson(text: string): Record<string, unknown> | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) return undefined;
  try {
    const parsed: unknown = JSON.parse(trimmed);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
    return parsed as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/**
 * Thrown while rendering when some part is unknown; turned into an unknown value. Not an `Error`:
 * it is control flow on a hot path, and capturing a stack trace is the expensive part of a throw.
 */
class UnknownPart {
  constructor(readonly why: string) {}
}

function attrValue(body: Body, name: string): Value | undefined {
  for (const a of body.attributes) if (a.name === name) return a.value;
  return undefined;
}

function optionalString(body: Body, name: string): string | undefined {
  const v = attrValue(body, name);
  if (!v || v.kind === 'null') return undefined;
  const s = primitiveToString(v);
  if (s === undefined) throw new UnknownPart(`${name} is not known`);
  return s;
}

function optionalStringList(body: Body, name: string): string[] | undefined {
  const v = attrValue(body, name);
  if (!v || v.kind === 'null') return undefined;
  if (v.kind !== 'list') {
    const single = primitiveToString(v);
    if (single === undefined) throw new UnknownPart(`${name} is not known`);
    return [single];
  }
  const out: string[] = [];
  for (const item of v.items) {
    const s = primitiveToString(item);
    if (s === undefined) throw new UnknownPart(`${name} is not known`);
    out.push(s);
  }
  return out;
}

function noDynamic(body: Body, type: string): void {
  if (body.dynamicBlockTypes.includes(type)) throw new UnknownPart(`dynamic ${type} blocks`);
}

/** One item renders as a string, several as a list: the AWS provider's rendering. */
function stringOrList(items: string[]): string | string[] {
  return items.length === 1 ? items[0] : items;
}

function renderPrincipals(blocks: NestedBlock[]): unknown {
  const byType = new Map<string, string[]>();
  for (const b of blocks) {
    const type = optionalString(b.body, 'type');
    const ids = optionalStringList(b.body, 'identifiers');
    if (type === undefined || ids === undefined) throw new UnknownPart('principal without type or identifiers');
    const list = byType.get(type) ?? [];
    list.push(...ids);
    byType.set(type, list);
  }
  if (byType.size === 1) {
    const star = byType.get('*');
    if (star && star.length === 1 && star[0] === '*') return '*';
  }
  const out: Record<string, unknown> = {};
  for (const [type, ids] of byType) setJsonKey(out, type, stringOrList(ids));
  return out;
}

function renderConditions(blocks: NestedBlock[]): Record<string, unknown> {
  const byTest = new Map<string, Map<string, string[]>>();
  for (const b of blocks) {
    const test = optionalString(b.body, 'test');
    const variable = optionalString(b.body, 'variable');
    const values = optionalStringList(b.body, 'values');
    if (test === undefined || variable === undefined || values === undefined) {
      throw new UnknownPart('condition without test, variable or values');
    }
    let vars = byTest.get(test);
    if (!vars) {
      vars = new Map();
      byTest.set(test, vars);
    }
    const list = vars.get(variable) ?? [];
    list.push(...values);
    vars.set(variable, list);
  }
  const out: Record<string, unknown> = {};
  for (const [test, vars] of byTest) {
    const inner: Record<string, unknown> = {};
    for (const [variable, values] of vars) setJsonKey(inner, variable, stringOrList(values));
    setJsonKey(out, test, inner);
  }
  return out;
}

function renderStatement(block: NestedBlock): Record<string, unknown> {
  const body = block.body;
  for (const t of ['principals', 'not_principals', 'condition']) noDynamic(body, t);
  const st: Record<string, unknown> = {};
  const sid = optionalString(body, 'sid');
  if (sid) st.Sid = sid;
  st.Effect = optionalString(body, 'effect') ?? 'Allow';
  const lists: Array<[string, string]> = [
    ['actions', 'Action'],
    ['not_actions', 'NotAction'],
    ['resources', 'Resource'],
    ['not_resources', 'NotResource'],
  ];
  for (const [attr, key] of lists) {
    const items = optionalStringList(body, attr);
    if (items && items.length) st[key] = stringOrList(items);
  }
  const principals = body.blocks.filter((b) => b.type === 'principals');
  if (principals.length) st.Principal = renderPrincipals(principals);
  const notPrincipals = body.blocks.filter((b) => b.type === 'not_principals');
  if (notPrincipals.length) st.NotPrincipal = renderPrincipals(notPrincipals);
  const conditions = body.blocks.filter((b) => b.type === 'condition');
  if (conditions.length) st.Condition = renderConditions(conditions);
  return st;
}

/** Policy documents given as JSON strings (`source_policy_documents`, `source_json`, ...). */
function documentList(body: Body, listName: string, singleName: string): Array<Record<string, unknown>> {
  const docs: Array<Record<string, unknown>> = [];
  const values: Value[] = [];
  const listValue = attrValue(body, listName);
  if (listValue && listValue.kind !== 'null') {
    if (listValue.kind !== 'list') throw new UnknownPart(`${listName} is not known`);
    values.push(...listValue.items);
  }
  const single = attrValue(body, singleName);
  if (single && single.kind !== 'null') values.push(single);
  for (const v of values) {
    if (v.kind === 'null') continue;
    const doc = v.kind === 'string' ? parsePolicyJson(v.value) : undefined;
    if (!doc) throw new UnknownPart(`${listName} is not a known policy document`);
    docs.push(doc);
  }
  return docs;
}

function statementsOf(doc: Record<string, unknown>): Array<Record<string, unknown>> {
  const s = doc.Statement;
  if (Array.isArray(s)) return s.filter((x): x is Record<string, unknown> => x !== null && typeof x === 'object');
  if (s && typeof s === 'object') return [s as Record<string, unknown>];
  return [];
}

/** Add statements, replacing an existing statement with the same non-empty `Sid`. */
function mergeStatements(into: Array<Record<string, unknown>>, add: Array<Record<string, unknown>>): void {
  for (const st of add) {
    const sid = typeof st.Sid === 'string' ? st.Sid : '';
    const at = sid ? into.findIndex((x) => x.Sid === sid) : -1;
    if (at >= 0) into[at] = st;
    else into.push(st);
  }
}

/**
 * Render the body of a `data "aws_iam_policy_document"` to the provider's JSON: `Version` (default
 * `2012-10-17`), `Id`, and `Statement` with keys in the provider's order (Sid, Effect, Action,
 * NotAction, Resource, NotResource, Principal, NotPrincipal, Condition). Lists of one item render
 * as a string, like the provider; lists keep the written order (the provider sorts them, which
 * no rule depends on). `source_policy_documents` / `override_policy_documents` (and the older
 * `source_json` / `override_json`) are merged by `Sid` when they are known JSON. Anything unknown
 * makes the whole document unknown, with the refs of the whole body.
 */
export function renderPolicyDocument(body: Body, range: Range, file: string): Value {
  try {
    noDynamic(body, 'statement');
    const version = optionalString(body, 'version') ?? '2012-10-17';
    const id = optionalString(body, 'policy_id');
    const statements: Array<Record<string, unknown>> = [];
    for (const doc of documentList(body, 'source_policy_documents', 'source_json')) {
      mergeStatements(statements, statementsOf(doc));
    }
    mergeStatements(
      statements,
      body.blocks.filter((b) => b.type === 'statement').map(renderStatement),
    );
    for (const doc of documentList(body, 'override_policy_documents', 'override_json')) {
      mergeStatements(statements, statementsOf(doc));
    }
    const doc: Record<string, unknown> = { Version: version };
    if (id) doc.Id = id;
    doc.Statement = statements;
    const out: Value = { kind: 'string', value: JSON.stringify(doc), range, file };
    const refs = bodyRefs(body);
    if (refs) out.refs = refs;
    return out;
  } catch (e) {
    if (!(e instanceof UnknownPart)) throw e;
    return unknown(range, file, `policy document: ${e.why}`, bodyRefs(body));
  }
}

function bodyRefs(body: Body): string[] | undefined {
  const set = new Set<string>();
  const walk = (b: Body): void => {
    for (const a of b.attributes) deepRefs(a.value, set);
    for (const nb of b.blocks) walk(nb.body);
  };
  walk(body);
  return set.size ? [...set] : undefined;
}

