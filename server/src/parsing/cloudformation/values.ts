/**
 * Raw template nodes -> model `Value`s, evaluating intrinsic functions when their inputs are known.
 *
 * What is "known": literals, parameter defaults (`Ref` to a parameter with a `Default`; the value
 * keeps the range of the use site), Mappings looked up with known keys, Conditions built from
 * `Fn::Equals` on known values, and functions of known values. Everything else (pseudo
 * parameters, resource attributes, imports, AZs, ...) is `unknown`, carrying `refs` to the
 * resources it names so the reference index still sees them.
 *
 * `Fn::If` with a condition we cannot evaluate resolves to the common value when both branches are
 * known and equal, and to `unknown` otherwise. That makes rules fire only when every branch that
 * can be taken is known non-compliant, and stay silent when one branch is unknown or the branches
 * differ (the model has no "one of these values" kind).
 */
import type { ObjectEntry, Range, Value } from '../../model/types';
import type { LineTable } from './positions';
import type { RawFn, RawMap, RawNode, RawPair } from './tree';

/** `Ref: AWS::NoValue`: the property (or list item) is removed. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');
export type Resolved = Value | typeof NO_VALUE;

export const PSEUDO_PARAMETERS: readonly string[] = [
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::NoValue',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
];

/** What the resolver needs to know about a parameter. */
export interface ParameterDecl {
  name: string;
  /** `Type` as written, e.g. `String`, `CommaDelimitedList`, `AWS::SSM::Parameter::Value<String>`. */
  type?: string;
  /** The `Default` node, if any. */
  default?: RawNode;
}

export interface ResolverInput {
  parameters: ReadonlyMap<string, ParameterDecl>;
  /** Mapping name -> its top-level map node. */
  mappings: ReadonlyMap<string, RawNode>;
  /** Condition name -> its expression node. */
  conditions: ReadonlyMap<string, RawNode>;
  /** Logical ids of every resource in the template (including ones dropped by a false condition). */
  resourceIds: ReadonlySet<string>;
  /** Report references to names that are nothing we know (off while the template has syntax errors). */
  reportUndefinedRefs: boolean;
}

export interface ResolverProblem {
  start: number;
  end: number;
  message: string;
  severity: 'error' | 'warning' | 'info';
}

const MAX_EVAL_DEPTH = 200;

type Cond = boolean | undefined;

export class Resolver {
  private readonly conditionCache = new Map<string, Cond | 'evaluating'>();
  private readonly defaults = new Map<ParameterDecl, Value>();
  private depth = 0;

  constructor(
    private readonly input: ResolverInput,
    private readonly lines: LineTable,
    readonly problems: ResolverProblem[] = [],
  ) {}

  range(start: number, end: number): Range {
    return this.lines.offsetRange(start, end);
  }

  /** Resolve a node to a value, or NO_VALUE when it is (or evaluates to) `AWS::NoValue`. */
  resolve(node: RawNode): Resolved {
    if (this.depth > MAX_EVAL_DEPTH) return this.unknown(node, 'evaluation nested too deeply');
    this.depth++;
    try {
      return this.resolveInner(node);
    } finally {
      this.depth--;
    }
  }

  /** Resolve, treating AWS::NoValue as unknown (for places where "absent" makes no sense). */
  resolveValue(node: RawNode): Value {
    const v = this.resolve(node);
    return v === NO_VALUE ? this.unknown(node, 'AWS::NoValue used where a value is required') : v;
  }

  private resolveInner(node: RawNode): Resolved {
    switch (node.t) {
      case 'scalar': {
        const range = this.rangeOf(node);
        const v = node.value;
        if (v === null) return { kind: 'null', range };
        if (typeof v === 'string') return { kind: 'string', value: v, range };
        if (typeof v === 'number') return { kind: 'number', value: v, range };
        return { kind: 'bool', value: v, range };
      }
      case 'seq': {
        // Sized up front: an array grown by push keeps room for 16 items, and a template's model
        // holds tens of thousands of short lists.
        const raw = node.items;
        const items: Value[] = new Array<Value>(raw.length);
        let n = 0;
        for (let i = 0; i < raw.length; i++) {
          const v = this.resolve(raw[i]);
          if (v !== NO_VALUE) items[n++] = v;
        }
        if (n < raw.length) items.length = n;
        return { kind: 'list', items, range: this.rangeOf(node) };
      }
      case 'map':
        return { kind: 'object', entries: this.entries(node.pairs), range: this.rangeOf(node) };
      case 'invalid':
        return { kind: 'unknown', reason: node.reason, range: this.rangeOf(node) };
      case 'fn':
        return this.fn(node);
    }
  }

  /** Object entries of a map, dropping those whose value is AWS::NoValue. */
  entries(pairs: readonly RawPair[]): ObjectEntry[] {
    // Sized up front, as the items of a list.
    const out: ObjectEntry[] = new Array<ObjectEntry>(pairs.length);
    let n = 0;
    for (let i = 0; i < pairs.length; i++) {
      const p = pairs[i];
      const v = this.resolve(p.value);
      if (v === NO_VALUE) continue;
      out[n++] = { key: p.key, keyRange: this.range(p.keyStart, p.keyEnd), value: v, range: this.range(p.start, p.end) };
    }
    if (n < pairs.length) out.length = n;
    return out;
  }

  private fn(node: RawFn): Resolved {
    switch (node.name) {
      case 'Ref':
        return this.ref(node);
      case 'Fn::GetAtt':
        return this.getAtt(node);
      case 'Fn::Sub':
        return this.sub(node);
      case 'Fn::If':
        return this.fnIf(node);
      case 'Fn::Join':
        return this.join(node);
      case 'Fn::Select':
        return this.select(node);
      case 'Fn::Split':
        return this.split(node);
      case 'Fn::FindInMap':
        return this.findInMap(node);
      case 'Fn::Base64': {
        const arg = this.resolveValue(node.arg);
        const s = scalarString(arg);
        if (s === undefined) return this.unknownFrom(node, [arg], 'Fn::Base64 of an unknown value');
        return { kind: 'string', value: Buffer.from(s, 'utf8').toString('base64'), range: this.rangeOf(node) };
      }
      case 'Fn::Length': {
        const arg = this.resolveValue(node.arg);
        if (arg.kind === 'list') return { kind: 'number', value: arg.items.length, range: this.rangeOf(node) };
        return this.unknownFrom(node, [arg], 'Fn::Length of an unknown list');
      }
      case 'Fn::ToJsonString': {
        const arg = this.resolveValue(node.arg);
        const json = toPlain(arg);
        if (json === undefined) return this.unknownFrom(node, [arg], 'Fn::ToJsonString of an unknown value');
        return { kind: 'string', value: JSON.stringify(json), range: this.rangeOf(node) };
      }
      case 'Fn::Equals':
      case 'Fn::Not':
      case 'Fn::And':
      case 'Fn::Or':
      case 'Condition': {
        const b = this.condition(node);
        if (b === undefined) return this.unknownFrom(node, [], `${node.name} cannot be evaluated`);
        return { kind: 'bool', value: b, range: this.rangeOf(node) };
      }
      default: {
        // Fn::GetAZs, Fn::Cidr, Fn::ImportValue, Fn::Transform, unknown functions and tags:
        // unknown, but keep the references their arguments make.
        const arg = this.resolve(node.arg);
        const reason = node.name.startsWith('!') ? `unknown tag ${node.name}` : `${node.name} is not evaluated`;
        return this.unknownFrom(node, arg === NO_VALUE ? [] : [arg], reason);
      }
    }
  }

  // ---- Ref, GetAtt, Sub -------------------------------------------------------------------

  private ref(node: RawFn): Resolved {
    let name = literalString(node.arg);
    if (name === undefined) {
      const target = this.resolveValue(node.arg);
      name = scalarString(target);
      if (name === undefined) return this.unknownFrom(node, [target], 'Ref to a computed name');
    }
    if (name === '') {
      this.report(node, 'Ref needs the name of a parameter or resource', 'warning');
      return this.unknown(node, 'empty Ref');
    }
    return this.refByName(name, node);
  }

  private refByName(name: string, node: RawNode): Resolved {
    const range = this.rangeOf(node);
    if (name === 'AWS::NoValue') return NO_VALUE;
    if (name.startsWith('AWS::')) {
      if (!PSEUDO_PARAMETERS.includes(name)) this.report(node, `Unknown pseudo parameter '${name}'`, 'warning');
      return { kind: 'unknown', reason: `pseudo parameter ${name}`, range };
    }
    const param = this.input.parameters.get(name);
    if (param) return this.parameterValue(param, range);
    if (!this.input.resourceIds.has(name) && this.input.reportUndefinedRefs) {
      this.report(node, `'${name}' is not a parameter or resource of this template`, 'warning');
    }
    return { kind: 'unknown', reason: `reference to resource ${name}`, range, refs: [name] };
  }

  /** The value `Ref` to a parameter yields: its default (as CloudFormation passes it, a string or list of strings). */
  parameterValue(param: ParameterDecl, range: Range): Value {
    const type = param.type ?? 'String';
    if (type.startsWith('AWS::SSM::Parameter::Value<')) {
      return { kind: 'unknown', reason: `parameter ${param.name} is read from SSM`, range };
    }
    if (!param.default) return { kind: 'unknown', reason: `parameter ${param.name} has no Default`, range };
    // Templates refer to the same few parameters thousands of times: resolve each default once.
    let def = this.defaults.get(param);
    if (def === undefined) {
      def = this.resolveValue(param.default);
      this.defaults.set(param, def);
    }
    const isList = type === 'CommaDelimitedList' || type.startsWith('List<');
    if (def.kind === 'list') {
      const items: Value[] = [];
      for (const item of def.items) {
        const s = scalarString(item);
        if (s === undefined) return { kind: 'unknown', reason: `parameter ${param.name} has a non-literal Default`, range };
        items.push({ kind: 'string', value: s, range });
      }
      return { kind: 'list', items, range };
    }
    const s = scalarString(def);
    if (s === undefined) return { kind: 'unknown', reason: `parameter ${param.name} has a non-literal Default`, range };
    if (isList) {
      // CloudFormation trims every member of a comma-delimited list.
      const items: Value[] = s === '' ? [] : s.split(',').map((part) => ({ kind: 'string', value: part.trim(), range }));
      return { kind: 'list', items, range };
    }
    return { kind: 'string', value: s, range };
  }

  private getAtt(node: RawFn): Value {
    const range = this.rangeOf(node);
    let resource: string | undefined;
    let attribute: string | undefined;
    const extra: Resolved[] = [];
    if (node.arg.t === 'scalar' && typeof node.arg.value === 'string') {
      const text = node.arg.value;
      const dot = text.indexOf('.');
      resource = dot < 0 ? text : text.slice(0, dot);
      attribute = dot < 0 ? undefined : text.slice(dot + 1);
    } else if (node.arg.t === 'seq' && node.arg.items.length >= 1) {
      const first = this.resolveValue(node.arg.items[0]);
      resource = scalarString(first);
      extra.push(first);
      if (node.arg.items.length >= 2) {
        const second = this.resolveValue(node.arg.items[1]);
        attribute = scalarString(second);
        extra.push(second);
      }
    }
    if (!resource) return this.unknownFrom(node, extra, 'Fn::GetAtt on a computed resource');
    if (attribute === undefined) this.report(node, 'Fn::GetAtt needs a resource and an attribute name', 'warning');
    if (!this.input.resourceIds.has(resource) && this.input.reportUndefinedRefs) {
      this.report(node, `'${resource}' is not a resource of this template`, 'warning');
    }
    const refs = uniq([resource, ...extra.flatMap(refsOf)]);
    return { kind: 'unknown', reason: `attribute ${resource}.${attribute ?? '?'}`, range, refs };
  }

  private sub(node: RawFn): Resolved {
    const range = this.rangeOf(node);
    let templateNode: RawNode = node.arg;
    let vars: RawMap | undefined;
    if (node.arg.t === 'seq') {
      templateNode = node.arg.items[0] ?? node.arg;
      const second = node.arg.items[1];
      if (second && second.t === 'map') vars = second;
    }
    let template = literalString(templateNode);
    if (template === undefined) {
      const templateValue = this.resolveValue(templateNode);
      template = scalarString(templateValue);
      if (template === undefined) return this.unknownFrom(node, [templateValue], 'Fn::Sub of a computed string');
    }

    let out = '';
    let known = true;
    const refs: string[] = [];
    let i = 0;
    while (i < template.length) {
      const open = template.indexOf('${', i);
      if (open < 0) {
        out += template.slice(i);
        break;
      }
      out += template.slice(i, open);
      if (template.charCodeAt(open + 2) === 33 /* ! */) {
        // `${!Literal}` is written out as `${Literal}`.
        out += '${';
        i = open + 3;
        continue;
      }
      const close = template.indexOf('}', open + 2);
      if (close < 0) {
        out += template.slice(open);
        break;
      }
      const name = template.slice(open + 2, close).trim();
      i = close + 1;
      const part = this.subVariable(name, vars, node);
      for (const r of refsOf(part)) refs.push(r);
      const s = part === NO_VALUE ? undefined : scalarString(part);
      if (s === undefined) known = false;
      else out += s;
    }
    if (!known) return { kind: 'unknown', reason: 'Fn::Sub with unknown parts', range, ...(refs.length ? { refs: uniq(refs) } : {}) };
    return { kind: 'string', value: out, range };
  }

  private subVariable(name: string, vars: RawMap | undefined, node: RawFn): Resolved {
    const explicit = vars?.pairs.find((p) => p.key === name);
    if (explicit) return this.resolve(explicit.value);
    if (name === 'AWS::NoValue') return this.unknown(node, 'AWS::NoValue in Fn::Sub');
    const dot = name.indexOf('.');
    if (dot > 0 && !name.startsWith('AWS::')) {
      const resource = name.slice(0, dot);
      if (!this.input.resourceIds.has(resource) && this.input.reportUndefinedRefs) {
        this.report(node, `'${resource}' is not a resource of this template`, 'warning');
      }
      return { kind: 'unknown', reason: `attribute ${name}`, range: this.rangeOf(node), refs: [resource] };
    }
    const v = this.refByName(name, node);
    return v;
  }

  // ---- If, conditions ---------------------------------------------------------------------

  private fnIf(node: RawFn): Resolved {
    const args = node.arg.t === 'seq' ? node.arg.items : [];
    if (args.length !== 3) {
      this.report(node, 'Fn::If takes [condition name, value if true, value if false]', 'warning');
      return this.unknown(node, 'malformed Fn::If');
    }
    const condName = scalarString(this.resolveValue(args[0]));
    const cond = condName === undefined ? undefined : this.namedCondition(condName, args[0]);
    if (cond === true) return this.resolve(args[1]);
    if (cond === false) return this.resolve(args[2]);
    const a = this.resolve(args[1]);
    const b = this.resolve(args[2]);
    if (a === NO_VALUE && b === NO_VALUE) return NO_VALUE;
    if (a !== NO_VALUE && b !== NO_VALUE && knownEqual(a, b)) return { ...a, range: this.rangeOf(node) };
    return this.unknownFrom(node, [a, b], `Fn::If on condition ${condName ?? '?'} that cannot be evaluated`);
  }

  /** Evaluate a Conditions entry by name: true/false, or undefined when it depends on unknowns. */
  namedCondition(name: string, at?: RawNode): Cond {
    const cached = this.conditionCache.get(name);
    if (cached === 'evaluating') {
      if (at) this.report(at, `Condition '${name}' refers to itself`, 'error');
      return undefined;
    }
    if (cached !== undefined || this.conditionCache.has(name)) return cached;
    const expr = this.input.conditions.get(name);
    if (!expr) {
      if (at) this.report(at, `Condition '${name}' is not defined in Conditions`, 'warning');
      this.conditionCache.set(name, undefined);
      return undefined;
    }
    this.conditionCache.set(name, 'evaluating');
    const value = this.condition(expr);
    this.conditionCache.set(name, value);
    return value;
  }

  /** Evaluate a condition expression (`Fn::Equals`, `Fn::Not`, `Fn::And`, `Fn::Or`, `Condition`). */
  condition(node: RawNode): Cond {
    if (this.depth > MAX_EVAL_DEPTH) return undefined;
    this.depth++;
    try {
      return this.conditionInner(node);
    } finally {
      this.depth--;
    }
  }

  private conditionInner(node: RawNode): Cond {
    if (node.t === 'scalar' && typeof node.value === 'boolean') return node.value;
    if (node.t === 'map' && node.pairs.length === 1 && node.pairs[0].key === 'Condition') {
      const name = scalarString(this.resolveValue(node.pairs[0].value));
      return name === undefined ? undefined : this.namedCondition(name, node.pairs[0].value);
    }
    if (node.t !== 'fn') return undefined;
    const args = node.arg.t === 'seq' ? node.arg.items : [];
    switch (node.name) {
      case 'Condition': {
        const name = scalarString(this.resolveValue(node.arg));
        return name === undefined ? undefined : this.namedCondition(name, node.arg);
      }
      case 'Fn::Equals': {
        if (args.length !== 2) {
          this.report(node, 'Fn::Equals takes two values', 'warning');
          return undefined;
        }
        const a = toPlain(this.resolveValue(args[0]));
        const b = toPlain(this.resolveValue(args[1]));
        if (a === undefined || b === undefined) return undefined;
        return canonical(a) === canonical(b);
      }
      case 'Fn::Not': {
        if (args.length !== 1) {
          this.report(node, 'Fn::Not takes one condition', 'warning');
          return undefined;
        }
        const v = this.condition(args[0]);
        return v === undefined ? undefined : !v;
      }
      case 'Fn::And':
      case 'Fn::Or': {
        const isAnd = node.name === 'Fn::And';
        let result: Cond = isAnd;
        for (const a of args) {
          const v = this.condition(a);
          if (v === !isAnd) return v; // false decides And, true decides Or
          if (v === undefined) result = undefined;
        }
        return result;
      }
      case 'Fn::If': {
        const v = this.resolve(node);
        return v !== NO_VALUE && v.kind === 'bool' ? v.value : undefined;
      }
      default:
        return undefined;
    }
  }

  // ---- Join, Select, Split, FindInMap ----------------------------------------------------

  private join(node: RawFn): Resolved {
    const args = node.arg.t === 'seq' ? node.arg.items : [];
    if (args.length !== 2) {
      this.report(node, 'Fn::Join takes [delimiter, list]', 'warning');
      return this.unknown(node, 'malformed Fn::Join');
    }
    const delimValue = this.resolveValue(args[0]);
    const listValue = this.resolveValue(args[1]);
    const delim = scalarString(delimValue);
    if (delim === undefined || listValue.kind !== 'list') return this.unknownFrom(node, [delimValue, listValue], 'Fn::Join with unknown parts');
    const parts: string[] = [];
    for (const item of listValue.items) {
      const s = scalarString(item);
      if (s === undefined) return this.unknownFrom(node, [listValue], 'Fn::Join with unknown parts');
      parts.push(s);
    }
    return { kind: 'string', value: parts.join(delim), range: this.rangeOf(node) };
  }

  private select(node: RawFn): Resolved {
    const args = node.arg.t === 'seq' ? node.arg.items : [];
    if (args.length !== 2) {
      this.report(node, 'Fn::Select takes [index, list]', 'warning');
      return this.unknown(node, 'malformed Fn::Select');
    }
    const indexValue = this.resolveValue(args[0]);
    const listValue = this.resolveValue(args[1]);
    const index = scalarString(indexValue);
    const n = index === undefined || !/^\d+$/.test(index.trim()) ? undefined : Number(index.trim());
    if (n === undefined || listValue.kind !== 'list') return this.unknownFrom(node, [indexValue, listValue], 'Fn::Select with unknown parts');
    const item = listValue.items[n];
    if (!item) {
      this.report(node, `Fn::Select index ${n} is out of range (list has ${listValue.items.length} items)`, 'warning');
      return this.unknownFrom(node, [listValue], 'Fn::Select index out of range');
    }
    return item.kind === 'unknown' ? item : { ...item, range: this.rangeOf(node) };
  }

  private split(node: RawFn): Resolved {
    const args = node.arg.t === 'seq' ? node.arg.items : [];
    if (args.length !== 2) {
      this.report(node, 'Fn::Split takes [delimiter, string]', 'warning');
      return this.unknown(node, 'malformed Fn::Split');
    }
    const delimValue = this.resolveValue(args[0]);
    const srcValue = this.resolveValue(args[1]);
    const delim = scalarString(delimValue);
    const src = scalarString(srcValue);
    if (delim === undefined || src === undefined || delim === '') return this.unknownFrom(node, [delimValue, srcValue], 'Fn::Split of an unknown string');
    const range = this.rangeOf(node);
    return { kind: 'list', items: src.split(delim).map((value): Value => ({ kind: 'string', value, range })), range };
  }

  private findInMap(node: RawFn): Resolved {
    const args = node.arg.t === 'seq' ? node.arg.items : [];
    if (args.length !== 3 && args.length !== 4) {
      this.report(node, 'Fn::FindInMap takes [map name, top-level key, second-level key]', 'warning');
      return this.unknown(node, 'malformed Fn::FindInMap');
    }
    const keyValues = args.slice(0, 3).map((a) => this.resolveValue(a));
    const keys = keyValues.map(scalarString);
    const fallback = args.length === 4 ? defaultValueOf(args[3]) : undefined;
    if (keys.some((k) => k === undefined)) {
      // With unknown keys the result is unknown, even when a default exists.
      return this.unknownFrom(node, keyValues, 'Fn::FindInMap with unknown keys');
    }
    const [mapName, topKey, secondKey] = keys as string[];
    const mapping = this.input.mappings.get(mapName);
    if (!mapping) {
      if (fallback) return this.rerange(this.resolve(fallback), node);
      this.report(node, `Mapping '${mapName}' is not defined in Mappings`, 'warning');
      return this.unknown(node, `unknown mapping ${mapName}`);
    }
    const top = mapping.t === 'map' ? mapping.pairs.find((p) => p.key === topKey) : undefined;
    const leaf = top && top.value.t === 'map' ? top.value.pairs.find((p) => p.key === secondKey) : undefined;
    if (!leaf) {
      if (fallback) return this.rerange(this.resolve(fallback), node);
      this.report(node, `Mapping '${mapName}' has no entry ${topKey}/${secondKey}`, 'warning');
      return this.unknown(node, `no mapping entry ${mapName}/${topKey}/${secondKey}`);
    }
    return this.rerange(this.resolve(leaf.value), node);
  }

  // ---- helpers ----------------------------------------------------------------------------

  private rerange(v: Resolved, node: RawNode): Resolved {
    return v === NO_VALUE ? v : { ...v, range: this.rangeOf(node) };
  }

  private rangeOf(node: RawNode): Range {
    return this.range(node.start, node.end);
  }

  private unknown(node: RawNode, reason: string): Value {
    return { kind: 'unknown', reason, range: this.rangeOf(node) };
  }

  /** Unknown that keeps every resource reference made by the given parts. */
  private unknownFrom(node: RawNode, parts: readonly Resolved[], reason: string): Value {
    const refs = uniq(parts.flatMap(refsOf));
    const v: Value = { kind: 'unknown', reason, range: this.rangeOf(node) };
    if (refs.length) v.refs = refs;
    return v;
  }

  report(node: RawNode, message: string, severity: ResolverProblem['severity']): void {
    this.problems.push({ start: node.start, end: node.end, message, severity });
  }
}

/** `{ DefaultValue: x }` (the 4th Fn::FindInMap argument, AWS::LanguageExtensions). */
function defaultValueOf(node: RawNode): RawNode | undefined {
  if (node.t !== 'map') return undefined;
  return node.pairs.find((p) => p.key === 'DefaultValue')?.value;
}

/** A literal scalar node as the string CloudFormation would see, without making a Value of it. */
function literalString(node: RawNode): string | undefined {
  if (node.t !== 'scalar' || node.value === null) return undefined;
  return typeof node.value === 'string' ? node.value : String(node.value);
}

/** A known scalar as the string CloudFormation would see. */
export function scalarString(v: Resolved | undefined): string | undefined {
  if (v === undefined || v === NO_VALUE) return undefined;
  if (v.kind === 'string') return v.value;
  if (v.kind === 'number' || v.kind === 'bool') return String(v.value);
  return undefined;
}

/** Every resource address referenced by a value or anything nested in it. */
export function refsOf(v: Resolved): string[] {
  if (v === NO_VALUE) return [];
  const out: string[] = [...(v.refs ?? [])];
  if (v.kind === 'list') for (const item of v.items) out.push(...refsOf(item));
  else if (v.kind === 'object') for (const e of v.entries) out.push(...refsOf(e.value));
  return out;
}

function uniq(xs: readonly string[]): string[] {
  return [...new Set(xs)];
}

/** Fully known value -> plain JSON, else undefined. */
export function toPlain(v: Value): unknown {
  switch (v.kind) {
    case 'string':
    case 'number':
    case 'bool':
      return v.value;
    case 'null':
      return null;
    case 'list': {
      const out: unknown[] = [];
      for (const item of v.items) {
        const j = toPlain(item);
        if (j === undefined) return undefined;
        out.push(j);
      }
      return out;
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const e of v.entries) {
        const j = toPlain(e.value);
        if (j === undefined) return undefined;
        out[e.key] = j;
      }
      return out;
    }
    case 'unknown':
      return undefined;
  }
}

/** Canonical text for comparison: scalars as CloudFormation strings, object keys sorted. */
function canonical(j: unknown): string {
  if (j === null) return 'null';
  if (Array.isArray(j)) return `[${j.map(canonical).join(',')}]`;
  if (typeof j === 'object') {
    const o = j as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(String(j));
}

/** Both values fully known and equal as CloudFormation would see them. */
function knownEqual(a: Value, b: Value): boolean {
  const ja = toPlain(a);
  const jb = toPlain(b);
  if (ja === undefined || jb === undefined) return false;
  return canonical(ja) === canonical(jb);
}

