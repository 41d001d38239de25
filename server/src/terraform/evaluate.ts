/**
 * Static evaluation of HCL expressions to model `Value`s. Whatever cannot be known without
 * running Terraform (resource attributes, module outputs, `count.index`, for-expressions, most
 * functions) becomes an `unknown` value that still carries the addresses it refers to, so the
 * reference index can follow it.
 */
import type { Range, Value, ObjectEntry } from '../model/types';
import type { Expr, GetAttrExpr, HeredocExpr, IndexExpr, TemplatePart, TemplateExpr } from '../parsing/terraform/ast';
import { callFunction } from './functions';
import {
  ERROR_REASON_PREFIX,
  MAX_EVALUATED_STRING,
  deepEqual,
  deepRefs,
  isError,
  primitiveToString,
  relocate,
  unionRefs,
  unknown,
  withRefs,
} from './values';

/** A variable's value as the module sees it, with the ranges of where it was defined. */
export interface ResolvedVariable {
  value: Value;
  /**
   * The value came from a module call in the parent: its refs are the parent's addresses and
   * are dropped when the value enters the child.
   */
  fromCaller: boolean;
}

/** What an expression can see: the module's variables, locals and policy-document data sources. */
export interface EvalScope {
  /** `var.<name>`; `undefined` when the module declares no such variable. */
  variable(name: string): ResolvedVariable | undefined;
  /** `local.<name>`; `undefined` when not declared. Cycles come back as unknown. */
  local(name: string): Value | undefined;
  /**
   * `data.aws_iam_policy_document.<name>.json` rendered (known string or unknown);
   * `undefined` when there is no such data source in the module.
   */
  policyDocument(name: string): Value | undefined;
}

export interface EvalContext {
  scope: EvalScope;
  /** File the expression is written in; recorded on every value produced. */
  file: string;
  /** Names bound by enclosing `for` expressions or dynamic-block iterators: never references. */
  shadow?: ReadonlySet<string>;
}

/** Root names of traversals that Terraform defines but we never know statically. */
const CONTEXT_ROOTS = new Set(['count', 'each', 'self', 'path', 'terraform']);

/** A traversal step: the syntax node itself (no step object is made per traversal). */
type Step = GetAttrExpr | IndexExpr;

/** Evaluate an expression. Never throws; unknowable parts become `unknown`. */
export function evaluate(expr: Expr, ctx: EvalContext): Value {
  const { file } = ctx;
  switch (expr.type) {
    case 'Literal':
      if (expr.value === null) return { kind: 'null', range: expr.range, file };
      if (typeof expr.value === 'number') return { kind: 'number', value: expr.value, range: expr.range, file };
      return { kind: 'bool', value: expr.value, range: expr.range, file };
    case 'Template':
      return evaluateTemplate(expr, expr.parts, ctx);
    case 'Heredoc':
      return evaluateTemplate(expr, heredocParts(expr), ctx);
    case 'Tuple':
      return { kind: 'list', items: expr.items.map((i) => evaluate(i, ctx)), range: expr.range, file };
    case 'Object':
      return evaluateObject(expr.items, expr.range, ctx);
    case 'Variable':
    case 'GetAttr':
    case 'Index':
      return evaluateTraversal(expr, ctx);
    case 'Splat': {
      const parts: Value[] = [evaluate(expr.source, ctx)];
      for (const step of expr.each) if (step.kind === 'index') parts.push(evaluate(step.key, ctx));
      return unknown(expr.range, file, 'splat expression', refsOfValues(parts));
    }
    case 'FunctionCall': {
      let args = expr.args.map((a) => evaluate(a, ctx));
      if (expr.expandFinal && args.length > 0) {
        const last = args[args.length - 1];
        if (last.kind !== 'list') {
          return unknown(expr.range, file, `function ${expr.name} with expanded argument`, refsOfValues(args));
        }
        args = [...args.slice(0, -1), ...last.items];
      }
      return callFunction(expr.name, args, expr.range, file);
    }
    case 'For': {
      const inner = new Set(ctx.shadow ?? []);
      if (expr.keyVar) inner.add(expr.keyVar);
      inner.add(expr.valueVar);
      const innerCtx: EvalContext = { ...ctx, shadow: inner };
      const parts: Value[] = [evaluate(expr.collection, ctx), evaluate(expr.valueExpr, innerCtx)];
      if (expr.keyExpr) parts.push(evaluate(expr.keyExpr, innerCtx));
      if (expr.condition) parts.push(evaluate(expr.condition, innerCtx));
      return unknown(expr.range, file, 'for expression', refsOfValues(parts));
    }
    case 'Conditional':
      return evaluateConditional(expr.condition, expr.trueExpr, expr.falseExpr, expr.range, ctx);
    case 'Binary':
      return evaluateBinary(expr.operator, evaluate(expr.left, ctx), evaluate(expr.right, ctx), expr.range, file);
    case 'Unary': {
      const operand = evaluate(expr.operand, ctx);
      if (operand.kind === 'unknown') return unknownFrom(expr.range, file, [operand]);
      if (expr.operator === '!') {
        const b = toBool(operand);
        if (b === undefined) return errorValue(expr.range, file, 'operand of ! is not a bool', [operand]);
        return withRefs({ kind: 'bool', value: !b, range: expr.range, file }, operand.refs);
      }
      const n = toNumber(operand);
      if (n === undefined) return errorValue(expr.range, file, 'operand of - is not a number', [operand]);
      return withRefs({ kind: 'number', value: -n, range: expr.range, file }, operand.refs);
    }
    case 'Paren':
      return evaluate(expr.expr, ctx);
    case 'Error':
      return unknown(expr.range, file, 'syntax error');
  }
}

/** Deep refs of several values as a list (or undefined). */
function refsOfValues(values: readonly Value[]): string[] | undefined {
  // Most values refer to nothing: no set is made for them (this runs for every template).
  let any = false;
  for (const v of values) {
    if (hasDeepRefs(v)) {
      any = true;
      break;
    }
  }
  if (!any) return undefined;
  const set = new Set<string>();
  for (const v of values) deepRefs(v, set);
  return set.size ? [...set] : undefined;
}

function hasDeepRefs(value: Value): boolean {
  if (value.refs && value.refs.length) return true;
  if (value.kind === 'list') return value.items.some(hasDeepRefs);
  if (value.kind === 'object') return value.entries.some((e) => hasDeepRefs(e.value));
  return false;
}

function unknownFrom(range: Range, file: string, from: readonly Value[], reason?: string): Value {
  const errored = from.find(isError);
  if (errored && errored.kind === 'unknown') {
    return unknown(range, file, errored.reason ?? `${ERROR_REASON_PREFIX}invalid`, refsOfValues(from));
  }
  const firstReason = from.find((v) => v.kind === 'unknown');
  return unknown(
    range,
    file,
    reason ?? (firstReason && firstReason.kind === 'unknown' ? firstReason.reason ?? 'unknown' : 'unknown'),
    refsOfValues(from),
  );
}

function errorValue(range: Range, file: string, message: string, from: readonly Value[] = []): Value {
  return unknown(range, file, ERROR_REASON_PREFIX + message, refsOfValues(from));
}

// ---------------------------------------------------------------------------------------------
// Templates

/**
 * Literal parts of a heredoc after `<<-` indentation stripping. The parser already gives the
 * processed text of each literal part (escapes handled, indentation of `<<-` removed), so this
 * is the identity; it is kept as the one place to change should that contract change.
 */
function heredocParts(expr: HeredocExpr): TemplatePart[] {
  return expr.parts;
}

function evaluateTemplate(expr: TemplateExpr | HeredocExpr, parts: TemplatePart[], ctx: EvalContext): Value {
  const { file } = ctx;
  let shadow = ctx.shadow;
  let hasDirective = false;
  for (const p of parts) {
    if (p.type !== 'TemplateDirective') continue;
    hasDirective = true;
    if (p.keyword === 'for') {
      const s = new Set(shadow ?? []);
      if (p.keyVar) s.add(p.keyVar);
      if (p.valueVar) s.add(p.valueVar);
      shadow = s;
    }
  }
  const innerCtx: EvalContext = shadow === ctx.shadow ? ctx : { ...ctx, shadow };

  // `"${x}"` alone is x itself, with its type (Terraform does not convert it to a string).
  if (parts.length === 1 && parts[0].type === 'TemplateInterpolation') {
    const v = evaluate(parts[0].expr, innerCtx);
    return { ...v, range: expr.range, file };
  }

  const evaluated: Value[] = [];
  let text = '';
  let known = !hasDirective;
  let failure: string | undefined;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (p.type === 'TemplateLiteral') {
      let s = p.value;
      const prev = parts[i - 1];
      const next = parts[i + 1];
      if (prev && prev.type === 'TemplateInterpolation' && prev.stripRight) s = s.replace(/^\s+/, '');
      // trimEnd strips exactly what `\s` matches; `/\s+$/` is quadratic on a long whitespace run.
      if (next && next.type === 'TemplateInterpolation' && next.stripLeft) s = s.trimEnd();
      text += s;
      continue;
    }
    if (p.type === 'TemplateDirective') {
      if (p.expr) evaluated.push(evaluate(p.expr, innerCtx));
      continue;
    }
    const v = evaluate(p.expr, innerCtx);
    evaluated.push(v);
    if (!known) continue;
    const s = primitiveToString(v);
    if (s === undefined) {
      known = false;
      if (v.kind === 'null') failure = 'null value in template';
      else if (v.kind === 'list' || v.kind === 'object') failure = 'collection value in template';
      continue;
    }
    text += s;
    if (text.length > MAX_EVALUATED_STRING) {
      // `"${local.a}${local.a}"` nested a few dozen times: see MAX_EVALUATED_STRING.
      known = false;
      failure = undefined;
      break;
    }
  }
  const refs = refsOfValues(evaluated);
  if (!known) {
    if (failure) return errorValue(expr.range, file, failure, evaluated);
    return unknownFrom(expr.range, file, evaluated, hasDirective ? 'template directive' : undefined);
  }
  const out: Value = { kind: 'string', value: text, range: expr.range, file };
  if (refs) out.refs = refs;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Objects

function evaluateObject(
  items: Array<{ key: Expr; value: Expr; range: Range }>,
  range: Range,
  ctx: EvalContext,
): Value {
  const { file } = ctx;
  const entries: ObjectEntry[] = [];
  const index = new Map<string, number>();
  const unknownKeys: Value[] = [];
  for (const item of items) {
    const value = evaluate(item.value, ctx);
    let key: string | undefined;
    const keyExpr = item.key;
    if (keyExpr.type === 'Variable') {
      key = keyExpr.name;
    } else {
      const k = evaluate(keyExpr, ctx);
      key = primitiveToString(k);
      if (key === undefined) {
        unknownKeys.push(k, value);
        continue;
      }
    }
    const entry: ObjectEntry = { key, keyRange: keyExpr.range, value, range: item.range };
    const seen = index.get(key);
    // Terraform rejects duplicate keys; the last one written is the most likely intent.
    if (seen !== undefined) entries[seen] = entry;
    else {
      index.set(key, entries.length);
      entries.push(entry);
    }
  }
  if (unknownKeys.length) {
    return unknown(range, file, 'object with a computed key', refsOfValues([...unknownKeys, ...entries.map((e) => e.value)]));
  }
  return { kind: 'object', entries, range, file };
}

// ---------------------------------------------------------------------------------------------
// Traversals: var.x, local.x, aws_s3_bucket.b.id, data.t.n.attr, module.m.out, x[0], f(x).y

/** The values of a traversal's index keys, each evaluated once. */
class IndexKeys {
  private readonly values = new Map<Expr, Value>();

  constructor(private readonly ctx: EvalContext) {}

  readonly value = (k: Expr): Value => {
    let v = this.values.get(k);
    if (!v) {
      v = evaluate(k, this.ctx);
      this.values.set(k, v);
    }
    return v;
  };

  refs(steps: readonly Step[]): string[] | undefined {
    for (const s of steps) if (s.type === 'Index') this.value(s.key);
    return refsOfValues([...this.values.values()]);
  }
}

/** For traversals without index steps: nothing asks for a key. */
const NO_INDEX_KEYS = {
  value: (): Value => {
    throw new Error('no index keys');
  },
  refs: (): string[] | undefined => undefined,
};

function evaluateTraversal(expr: Expr, ctx: EvalContext): Value {
  const { file } = ctx;
  const steps: Step[] = [];
  let hasIndexSteps = false;
  let cur: Expr = expr;
  for (;;) {
    if (cur.type === 'GetAttr') {
      steps.push(cur);
      cur = cur.object;
    } else if (cur.type === 'Index') {
      steps.push(cur);
      hasIndexSteps = true;
      cur = cur.collection;
    } else if (cur.type === 'Paren') {
      cur = cur.expr;
    } else {
      break;
    }
  }
  steps.reverse();
  // Index keys may reference things too (`aws_instance.web[local.primary]`): evaluated once each,
  // by a cache made only for traversals with an index step (most, `aws_s3_bucket.b.id` or
  // `var.name`, have none, and this runs for every reference in a module).
  const keys = hasIndexSteps ? new IndexKeys(ctx) : NO_INDEX_KEYS;
  const keyValue = keys.value;

  if (cur.type !== 'Variable') {
    // Something like `func(x).attr` or `[1, 2][0]`: evaluate the base and walk the steps.
    return applySteps(evaluate(cur, ctx), steps, 0, expr.range, ctx, keyValue);
  }

  const root = cur.name;
  if (ctx.shadow?.has(root)) {
    return unknown(expr.range, file, `iteration variable ${root}`, keys.refs(steps));
  }
  const first = steps[0];
  const firstName = first && first.type === 'GetAttr' ? first.name : undefined;

  if (root === 'var' || root === 'local') {
    if (firstName === undefined) return unknown(expr.range, file, `bare ${root}`, keys.refs(steps));
    let base: Value | undefined;
    let fromCaller = false;
    if (root === 'var') {
      const resolved = ctx.scope.variable(firstName);
      if (resolved) {
        base = resolved.value;
        fromCaller = resolved.fromCaller;
      }
    } else {
      base = ctx.scope.local(firstName);
    }
    if (!base) {
      return errorValue(expr.range, file, `${root === 'var' ? 'variable' : 'local value'} ${firstName} is not declared`);
    }
    const result = applySteps(base, steps, 1, expr.range, ctx, keyValue);
    return withRefs(relocate(result, expr.range, file, fromCaller), keys.refs(steps));
  }

  if (root === 'data') {
    const second = steps[1];
    if (firstName === undefined || !second || second.type !== 'GetAttr') {
      return unknown(expr.range, file, 'incomplete data reference', keys.refs(steps));
    }
    const address = `data.${firstName}.${second.name}`;
    if (firstName === 'aws_iam_policy_document') {
      let i = 2;
      // `data.aws_iam_policy_document.x[0].json` for a counted data source: the index does not
      // change the rendered document we can know.
      while (i < steps.length && steps[i].type === 'Index') i++;
      const attrStep = steps[i];
      if (attrStep && attrStep.type === 'GetAttr' && (attrStep.name === 'json' || attrStep.name === 'minified_json')) {
        const doc = ctx.scope.policyDocument(second.name);
        if (doc) {
          const rest = applySteps(doc, steps, i + 1, expr.range, ctx, keyValue);
          return withRefs(relocate(rest, expr.range, file), unionRefs([address], keys.refs(steps)));
        }
      }
    }
    return unknown(expr.range, file, `data source attribute (${address})`, unionRefs([address], keys.refs(steps)));
  }

  if (root === 'module') {
    if (firstName === undefined) return unknown(expr.range, file, 'bare module', keys.refs(steps));
    const address = `module.${firstName}`;
    return unknown(expr.range, file, `module output (${address})`, unionRefs([address], keys.refs(steps)));
  }

  if (CONTEXT_ROOTS.has(root)) {
    return unknown(expr.range, file, `${root}${firstName ? '.' + firstName : ''} is only known when Terraform runs`, keys.refs(steps));
  }

  if (firstName === undefined) {
    // A bare word (`tags` in ignore_changes, an unbound name): nothing to know or refer to.
    return unknown(expr.range, file, `bare name ${root}`, keys.refs(steps));
  }
  const address = `${root}.${firstName}`;
  return unknown(expr.range, file, `resource attribute (${address})`, unionRefs([address], keys.refs(steps)));
}

/** Walk attribute/index steps into a known value. */
function applySteps(
  base: Value,
  steps: readonly Step[],
  from: number,
  range: Range,
  ctx: EvalContext,
  keyValue: (k: Expr) => Value,
): Value {
  const { file } = ctx;
  let v = base;
  for (let i = from; i < steps.length; i++) {
    const step = steps[i];
    if (v.kind === 'unknown') {
      // Keep walking only to collect the refs of index keys.
      const extra: Value[] = [];
      for (let j = i; j < steps.length; j++) {
        const s = steps[j];
        if (s.type === 'Index') extra.push(keyValue(s.key));
      }
      return unknown(range, file, v.reason ?? 'unknown', refsOfValues([v, ...extra]));
    }
    let key: Value;
    if (step.type === 'GetAttr') {
      key = { kind: 'string', value: step.name, range, file };
      // Legacy `list.0` index syntax.
      if (v.kind === 'list' && /^\d+$/.test(step.name)) key = { kind: 'number', value: Number(step.name), range, file };
    } else {
      key = keyValue(step.key);
    }
    v = index(v, key, range, file);
  }
  return v;
}

/** `collection[key]` on evaluated operands. */
export function index(collection: Value, key: Value, range: Range, file: string): Value {
  if (collection.kind === 'unknown' || key.kind === 'unknown') return unknownFrom(range, file, [collection, key]);
  if (collection.kind === 'list') {
    const n = toNumber(key);
    if (n === undefined || !Number.isInteger(n)) return errorValue(range, file, 'invalid list index', [key]);
    if (n < 0 || n >= collection.items.length) return errorValue(range, file, 'list index out of range', [key]);
    return collection.items[n];
  }
  if (collection.kind === 'object') {
    const k = primitiveToString(key);
    if (k === undefined) return errorValue(range, file, 'invalid object key', [key]);
    for (const e of collection.entries) if (e.key === k) return e.value;
    return errorValue(range, file, `object has no attribute "${k}"`);
  }
  return errorValue(range, file, `cannot index a ${collection.kind} value`);
}

// ---------------------------------------------------------------------------------------------
// Conditionals and operators

function evaluateConditional(condExpr: Expr, trueExpr: Expr, falseExpr: Expr, range: Range, ctx: EvalContext): Value {
  const { file } = ctx;
  const cond = evaluate(condExpr, ctx);
  if (cond.kind !== 'unknown') {
    const b = toBool(cond);
    if (b === undefined) return errorValue(range, file, 'condition is not a bool', [cond]);
    const chosen = evaluate(b ? trueExpr : falseExpr, ctx);
    return withRefs(chosen, refsOfValues([cond]));
  }
  const t = evaluate(trueExpr, ctx);
  const f = evaluate(falseExpr, ctx);
  const refs = refsOfValues([cond, t, f]);
  if (deepEqual(t, f) === true) return withRefs(t, refs);
  return unknown(range, file, cond.reason ?? 'unknown condition', refs);
}

/** HCL bool conversion: bools and the strings "true"/"false". */
export function toBool(v: Value): boolean | undefined {
  if (v.kind === 'bool') return v.value;
  if (v.kind === 'string') {
    if (v.value === 'true') return true;
    if (v.value === 'false') return false;
  }
  return undefined;
}

/** HCL number conversion: numbers and numeric strings. */
export function toNumber(v: Value): number | undefined {
  if (v.kind === 'number') return v.value;
  if (v.kind === 'string') {
    const t = v.value.trim();
    if (t === '' || t !== v.value) return undefined;
    const n = Number(t);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

export function evaluateBinary(op: string, left: Value, right: Value, range: Range, file: string): Value {
  const operands = [left, right];
  const refs = refsOfValues(operands);
  if (op === '==' || op === '!=') {
    const eq = deepEqual(left, right);
    if (eq === undefined) return unknownFrom(range, file, operands);
    const out: Value = { kind: 'bool', value: op === '==' ? eq : !eq, range, file };
    if (refs) out.refs = refs;
    return out;
  }
  if (left.kind === 'unknown' || right.kind === 'unknown') return unknownFrom(range, file, operands);
  if (op === '&&' || op === '||') {
    const a = toBool(left);
    const b = toBool(right);
    if (a === undefined || b === undefined) return errorValue(range, file, `operands of ${op} must be bools`, operands);
    const out: Value = { kind: 'bool', value: op === '&&' ? a && b : a || b, range, file };
    if (refs) out.refs = refs;
    return out;
  }
  const a = toNumber(left);
  const b = toNumber(right);
  if (a === undefined || b === undefined) return errorValue(range, file, `operands of ${op} must be numbers`, operands);
  let result: number | boolean;
  switch (op) {
    case '+':
      result = a + b;
      break;
    case '-':
      result = a - b;
      break;
    case '*':
      result = a * b;
      break;
    case '/':
      if (b === 0) return errorValue(range, file, 'division by zero', operands);
      result = a / b;
      break;
    case '%':
      if (b === 0) return errorValue(range, file, 'division by zero', operands);
      result = a % b;
      break;
    case '<':
      result = a < b;
      break;
    case '<=':
      result = a <= b;
      break;
    case '>':
      result = a > b;
      break;
    case '>=':
      result = a >= b;
      break;
    default:
      return unknown(range, file, `operator ${op}`, refs);
  }
  const out: Value =
    typeof result === 'boolean' ? { kind: 'bool', value: result, range, file } : { kind: 'number', value: result, range, file };
  if (refs) out.refs = refs;
  return out;
}
