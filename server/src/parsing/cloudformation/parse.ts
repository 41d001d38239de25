/**
 * CloudFormation template (YAML or JSON) -> format-neutral `Resource`s.
 *
 * 1. The whole text (JSON is YAML) becomes raw nodes with exact offsets; short and long intrinsic
 *    forms become the same node (tree.ts: the fast reader for plain templates, else `yaml`).
 * 2. When the text has syntax errors, each entry of Parameters/Mappings/Conditions/Resources is
 *    also parsed on its own (chunks.ts) and the results are merged, so an entry being typed cannot
 *    take its completed neighbours down with it.
 * 3. Properties are resolved to model values, evaluating intrinsics when their inputs are known
 *    (values.ts); resources whose Condition is known false are left out.
 * 4. Suppressions come from Metadata (ours and peer tools') and `# trustlint:ignore` comments.
 *
 * Never throws: an internal error becomes a ParseProblem.
 */
import type { Attribute, Body, ParseProblem, Range, Resource, Suppression, Value } from '../../model/types';
import { chunkExtent, splitSections } from './chunks';
import type { Chunk } from './chunks';
import { LineTable } from './positions';
import { commentSuppressions, metadataSuppressions, rawGet, rawString } from './suppressions';
import { newBudget, parseTree } from './tree';
import type { ParseBudget, RawMap, RawNode, RawPair, TreeComment, TreeIssue } from './tree';
import { NO_VALUE, Resolver } from './values';
import type { ParameterDecl } from './values';

/** A template parameter. */
export interface CfnParameter {
  name: string;
  nameRange: Range;
  /** The whole `Name: {...}` entry. */
  range: Range;
  /** `Type` as written. */
  type?: string;
  /** `Default` as written (a literal value), when present. `Ref` to the parameter resolves to it. */
  default?: Value;
}

/** A Conditions entry and its value when it can be evaluated statically. */
export interface CfnCondition {
  name: string;
  nameRange: Range;
  range: Range;
  /** `undefined` when the condition depends on something unknown. */
  value: boolean | undefined;
}

/** Resource-level attributes outside `Properties`, which the `Resource` model does not carry. */
export interface CfnResourceAttributes {
  logicalId: string;
  /** Name of the resource's `Condition`, if any. */
  condition?: string;
  dependsOn: string[];
  deletionPolicy?: Value;
  updateReplacePolicy?: Value;
}

/** A resource left out of `resources` because its Condition is known to be false. */
export interface ExcludedResource {
  name: string;
  type: string;
  condition: string;
  headerRange: Range;
}

/** Everything `parseCloudFormation` finds in one template. */
export interface CloudFormationParseResult {
  resources: Resource[];
  problems: ParseProblem[];
  parameters: CfnParameter[];
  conditions: CfnCondition[];
  excluded: ExcludedResource[];
  /** Keyed by logical id, for every resource in `resources`. */
  resourceAttributes: Map<string, CfnResourceAttributes>;
  /** `Transform` names, e.g. `AWS::Serverless-2016-10-31`. */
  transforms: string[];
  /** True when the text had syntax errors and entries were recovered one by one. */
  recovered: boolean;
}

/**
 * Parse a CloudFormation template. `file` is the path as given to the engine; it becomes
 * `Resource.file`, `Resource.moduleId` and the file of every problem and suppression.
 */
export function parseCloudFormation(file: string, text: string): CloudFormationParseResult {
  const problems: ParseProblem[] = [];
  try {
    return new TemplateParser(file, text, problems).run();
  } catch (e) {
    const at = { line: 0, character: 0, offset: 0 };
    problems.push({
      file,
      range: { start: at, end: at },
      message: `Internal error while reading the template: ${e instanceof Error ? e.message : String(e)}`,
      severity: 'error',
    });
    return { resources: [], problems, parameters: [], conditions: [], excluded: [], resourceAttributes: new Map(), transforms: [], recovered: false };
  }
}

/** Where an entry came from, for merging the whole-document parse with the chunk parses. */
const RANK_ERRORED_CHUNK = 1;
const RANK_DOCUMENT = 2;
const RANK_CLEAN_CHUNK = 3;

interface Sections {
  root: RawMap | undefined;
  parameters: RawPair[];
  mappings: RawPair[];
  conditions: RawPair[];
  resources: RawPair[];
}

/** Whether `offset` falls in one of the (sorted, disjoint) regions. */
function inRegions(regions: Chunk[], offset: number): boolean {
  let lo = 0;
  let hi = regions.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (offset < regions[mid].start) hi = mid - 1;
    else if (offset >= regions[mid].end) lo = mid + 1;
    else return true;
  }
  return false;
}

class TemplateParser {
  private readonly lines: LineTable;
  private readonly budget: ParseBudget = newBudget();

  constructor(
    private readonly file: string,
    private readonly text: string,
    private readonly problems: ParseProblem[],
  ) {
    this.lines = new LineTable(text);
  }

  run(): CloudFormationParseResult {
    const whole = parseTree(this.text, 0, this.budget, true);
    this.addIssues(whole.issues);
    const sections = this.sectionsOf(whole.root, true);
    let recovered = false;
    if (whole.hasErrors) {
      let firstError = this.text.length;
      for (const i of whole.issues) if (i.severity === 'error' && i.start < firstError) firstError = i.start;
      recovered = this.recover(sections, firstError);
    }

    const resourceIds = new Set(sections.resources.map((p) => p.key));
    const parameterDecls = new Map<string, ParameterDecl>();
    for (const p of sections.parameters) {
      const decl: ParameterDecl = { name: p.key };
      const type = rawString(rawGet(p.value, 'Type'));
      if (type !== undefined) decl.type = type;
      const def = rawGet(p.value, 'Default');
      if (def !== undefined) decl.default = def;
      parameterDecls.set(p.key, decl);
    }
    const resolver = new Resolver(
      {
        parameters: parameterDecls,
        mappings: new Map(sections.mappings.map((p) => [p.key, p.value])),
        conditions: new Map(sections.conditions.map((p) => [p.key, p.value])),
        resourceIds,
        reportUndefinedRefs: !whole.hasErrors,
      },
      this.lines,
    );

    const parameters: CfnParameter[] = sections.parameters.map((p) => {
      const out: CfnParameter = { name: p.key, nameRange: this.range(p.keyStart, p.keyEnd), range: this.range(p.start, p.end) };
      const decl = parameterDecls.get(p.key);
      if (decl?.type !== undefined) out.type = decl.type;
      if (decl?.default !== undefined) out.default = resolver.resolveValue(decl.default);
      return out;
    });
    const conditions: CfnCondition[] = sections.conditions.map((p) => ({
      name: p.key,
      nameRange: this.range(p.keyStart, p.keyEnd),
      range: this.range(p.start, p.end),
      value: resolver.namedCondition(p.key),
    }));

    const resources: Resource[] = [];
    const excluded: ExcludedResource[] = [];
    const resourceAttributes = new Map<string, CfnResourceAttributes>();
    const built = new Map<RawPair, Resource>();
    for (const pair of sections.resources) {
      const r = this.buildResource(pair, resolver, excluded, resourceAttributes);
      if (r) {
        resources.push(r);
        built.set(pair, r);
      }
    }
    this.attachCommentSuppressions(sections.resources, built, whole.comments);

    // A node can be evaluated more than once (a mapping entry used twice): report each problem once.
    const seen = new Set<string>();
    for (const p of resolver.problems) {
      const key = `${p.start}:${p.end}:${p.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      this.problems.push({ file: this.file, range: this.range(p.start, p.end), message: p.message, severity: p.severity });
    }
    return {
      resources,
      problems: this.problems.sort((a, b) => a.range.start.offset - b.range.start.offset),
      parameters,
      conditions,
      excluded,
      resourceAttributes,
      transforms: this.transforms(sections.root),
      recovered,
    };
  }

  // ---- sections ---------------------------------------------------------------------------

  private sectionsOf(root: RawNode | undefined, report: boolean): Sections {
    const empty: Sections = { root: undefined, parameters: [], mappings: [], conditions: [], resources: [] };
    if (!root) return empty;
    if (root.t !== 'map') {
      if (report && !(root.t === 'scalar' && root.value === null)) {
        this.problem(root.start, root.end, 'A template must be a mapping of sections (AWSTemplateFormatVersion, Parameters, Resources, ...)', 'error');
      }
      return empty;
    }
    const entriesOf = (name: string): RawPair[] => {
      const v = rawGet(root, name);
      if (!v || v.t !== 'map') {
        if (report && v && !(v.t === 'scalar' && v.value === null)) this.problem(v.start, v.end, `${name} must be a mapping`, 'error');
        return [];
      }
      return v.pairs;
    };
    return {
      root,
      parameters: entriesOf('Parameters'),
      mappings: entriesOf('Mappings'),
      conditions: entriesOf('Conditions'),
      resources: entriesOf('Resources'),
    };
  }

  /**
   * Re-parse every entry of the splittable sections on its own and merge: a chunk that parses
   * cleanly is authoritative for its lines; otherwise the whole-document entry is preferred, and a
   * chunk with errors is the last resort.
   */
  private recover(sections: Sections, firstError: number): boolean {
    const split = splitSections(this.text, this.lines);
    const keys: Array<[string, 'parameters' | 'mappings' | 'conditions' | 'resources']> = [
      ['Parameters', 'parameters'],
      ['Mappings', 'mappings'],
      ['Conditions', 'conditions'],
      ['Resources', 'resources'],
    ];
    let any = false;
    for (const [name, field] of keys) {
      const chunks = split.sections.get(name);
      if (!chunks) continue;
      any = true;
      sections[field] = this.mergeChunks(sections[field], chunks, split.json, firstError);
    }
    return any;
  }

  private mergeChunks(whole: RawPair[], chunks: Chunk[], json: boolean, firstError: number): RawPair[] {
    const candidates: Array<{ pair: RawPair; rank: number }> = [];
    const cleanRegions: Chunk[] = [];
    const sortedWhole = [...whole].sort((a, b) => a.keyStart - b.keyStart);
    let w = 0;
    for (const chunk of chunks) {
      const [start, end] = chunkExtent(this.text, chunk, json);
      if (end <= start) continue;
      // Entries that end before the first syntax error were read correctly by the whole-document
      // parse (nothing before them went wrong); only the rest needs parsing on its own. While
      // typing, the error is usually near the cursor, so this skips most chunk parses.
      while (w < sortedWhole.length && sortedWhole[w].keyStart < chunk.start) w++;
      const inside: RawPair[] = [];
      for (let k = w; k < sortedWhole.length && sortedWhole[k].keyStart < chunk.end; k++) inside.push(sortedWhole[k]);
      if (end <= firstError && inside.length > 0 && inside.every((p) => p.end <= end)) {
        cleanRegions.push(chunk);
        for (const pair of inside) candidates.push({ pair, rank: RANK_CLEAN_CHUNK });
        continue;
      }
      const parsed = parseTree(this.text.slice(start, end), start, this.budget, false);
      if (!parsed.root || parsed.root.t !== 'map') continue;
      const rank = parsed.hasErrors ? RANK_ERRORED_CHUNK : RANK_CLEAN_CHUNK;
      if (rank === RANK_CLEAN_CHUNK) cleanRegions.push(chunk);
      for (const pair of parsed.root.pairs) candidates.push({ pair, rank });
    }
    for (const pair of whole) {
      // An entry of the whole-document parse that starts inside a clean chunk is either that
      // chunk's entry or debris of a neighbour's error.
      if (inRegions(cleanRegions, pair.keyStart)) continue;
      candidates.push({ pair, rank: RANK_DOCUMENT });
    }
    const best = new Map<string, { pair: RawPair; rank: number }>();
    for (const c of candidates) {
      const prev = best.get(c.pair.key);
      if (!prev || c.rank > prev.rank) best.set(c.pair.key, c);
    }
    return [...best.values()].map((c) => c.pair).sort((a, b) => a.keyStart - b.keyStart);
  }

  private transforms(root: RawMap | undefined): string[] {
    const t = rawGet(root, 'Transform');
    if (!t) return [];
    const items = t.t === 'seq' ? t.items : [t];
    const out: string[] = [];
    for (const item of items) {
      const name = rawString(item) ?? rawString(rawGet(item, 'Name'));
      if (name !== undefined) out.push(name);
    }
    return out;
  }

  // ---- resources --------------------------------------------------------------------------

  private buildResource(
    pair: RawPair,
    resolver: Resolver,
    excluded: ExcludedResource[],
    attributes: Map<string, CfnResourceAttributes>,
  ): Resource | undefined {
    const name = pair.key;
    const headerRange = this.range(pair.keyStart, pair.keyEnd);
    if (name.startsWith('Fn::ForEach::')) {
      this.problem(pair.keyStart, pair.keyEnd, `${name}: resources generated by Fn::ForEach are not checked`, 'info');
      return undefined;
    }
    const node = pair.value;
    if (node.t !== 'map') {
      if (node.t === 'scalar' && node.value === null) this.problem(pair.keyStart, pair.keyEnd, `Resource '${name}' has no Type`, 'error');
      else this.problem(node.start, node.end, `Resource '${name}' must be a mapping with Type and Properties`, 'error');
      return undefined;
    }
    const typeNode = rawGet(node, 'Type');
    const type = typeNode && typeNode.t === 'scalar' && typeof typeNode.value === 'string' ? typeNode.value : undefined;
    if (type === undefined || type === '') {
      if (typeNode) this.problem(typeNode.start, typeNode.end, `Type of resource '${name}' must be a literal string`, 'error');
      else this.problem(pair.keyStart, pair.keyEnd, `Resource '${name}' has no Type`, 'error');
      return undefined;
    }

    const attrs: CfnResourceAttributes = { logicalId: name, dependsOn: [] };
    const conditionNode = rawGet(node, 'Condition');
    if (conditionNode) {
      const condName = rawString(conditionNode);
      if (condName === undefined) {
        this.problem(conditionNode.start, conditionNode.end, 'Condition must be the name of a condition', 'error');
      } else {
        attrs.condition = condName;
        if (resolver.namedCondition(condName, conditionNode) === false) {
          excluded.push({ name, type, condition: condName, headerRange });
          return undefined;
        }
      }
    }
    const dependsOn = rawGet(node, 'DependsOn');
    if (dependsOn) {
      for (const item of dependsOn.t === 'seq' ? dependsOn.items : [dependsOn]) {
        const s = rawString(item);
        if (s !== undefined) attrs.dependsOn.push(s);
      }
    }
    const deletion = rawGet(node, 'DeletionPolicy');
    if (deletion) attrs.deletionPolicy = resolver.resolveValue(deletion);
    const replace = rawGet(node, 'UpdateReplacePolicy');
    if (replace) attrs.updateReplacePolicy = resolver.resolveValue(replace);

    const propsNode = rawGet(node, 'Properties');
    let bodyAttributes: Attribute[] = [];
    const hasProps = propsNode !== undefined && !(propsNode.t === 'scalar' && propsNode.value === null);
    const bodyRange = hasProps ? this.range(propsNode.start, propsNode.end) : this.range(node.start, node.end);
    if (hasProps) {
      const props = resolver.resolve(propsNode);
      if (props !== NO_VALUE) {
        if (props.kind === 'object') {
          bodyAttributes = props.entries.map((e) => ({ name: e.key, nameRange: e.keyRange, value: e.value, range: e.range }));
        } else if (props.kind === 'unknown') {
          // A body we cannot know would look like "every property missing" to rules: leave it out.
          this.problem(propsNode.start, propsNode.end, `Properties of '${name}' cannot be determined statically; the resource is not checked`, 'info');
          return undefined;
        } else {
          this.problem(propsNode.start, propsNode.end, `Properties of '${name}' must be a mapping`, 'error');
        }
      }
    }

    const body: Body = { attributes: bodyAttributes, blocks: [], dynamicBlockTypes: [], range: bodyRange };
    const suppressions: Suppression[] = metadataSuppressions(rawGet(node, 'Metadata'), this.file, this.lines, this.problems);
    attributes.set(name, attrs);
    return {
      format: 'cloudformation',
      kind: 'resource',
      type,
      name,
      address: name,
      moduleId: this.file,
      file: this.file,
      range: this.range(pair.start, pair.end),
      headerRange,
      body,
      suppressions,
    };
  }

  /**
   * `# trustlint:ignore` comments belong to the resource whose lines they are on, or to the
   * resource whose logical-id key they sit directly above (contiguous comment lines, indented no
   * deeper than the key). A comment after a resource's last value, indented deeper than its key,
   * still belongs to that resource.
   */
  private attachCommentSuppressions(pairs: RawPair[], built: Map<RawPair, Resource>, comments: TreeComment[]): void {
    const relevant = comments.filter((c) => c.text.includes('trustlint:ignore'));
    if (relevant.length === 0 || pairs.length === 0) return;
    const spans = pairs.map((p) => {
      const key = this.lines.position(p.keyStart);
      return { pair: p, keyLine: key.line, keyCol: key.character, lastLine: this.lines.lineOf(Math.max(p.start, p.end - 1)) };
    });
    for (const c of relevant) {
      const pos = this.lines.position(c.start);
      // Last resource whose key line is at or before the comment.
      let lo = 0;
      let hi = spans.length - 1;
      let prev = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (spans[mid].keyLine <= pos.line) {
          prev = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      let owner: (typeof spans)[number] | undefined;
      const next = prev + 1 < spans.length ? spans[prev + 1] : undefined;
      if (prev >= 0 && pos.line <= spans[prev].lastLine) owner = spans[prev];
      else if (next && pos.character <= next.keyCol && this.directlyAbove(pos.line, next.keyLine)) owner = next;
      else if (prev >= 0 && pos.character > spans[prev].keyCol && this.onlyCommentsBetween(spans[prev].lastLine, pos.line)) owner = spans[prev];
      if (!owner) continue;
      const resource = built.get(owner.pair);
      if (!resource) continue;
      const found = commentSuppressions(c.text, c.start, c.end, this.file, this.lines, this.problems);
      if (found.length) (resource.suppressions ??= []).push(...found);
    }
  }

  /** The comment on `line` starts a run of comment-only lines that ends right above `keyLine`. */
  private directlyAbove(line: number, keyLine: number): boolean {
    if (line >= keyLine) return false;
    if (!this.isCommentLine(line)) return false;
    for (let l = line + 1; l < keyLine; l++) if (!this.isCommentLine(l)) return false;
    return true;
  }

  /** Lines strictly between `after` and `line` are blank or comments (no other content). */
  private onlyCommentsBetween(after: number, line: number): boolean {
    for (let l = after + 1; l < line; l++) {
      const t = this.lines.lineText(l).trim();
      if (t !== '' && !t.startsWith('#')) return false;
    }
    return true;
  }

  private isCommentLine(line: number): boolean {
    return this.lines.lineText(line).trimStart().startsWith('#');
  }

  // ---- problems ---------------------------------------------------------------------------

  private addIssues(issues: TreeIssue[]): void {
    for (const i of issues) this.problem(i.start, i.end, i.message, i.severity);
  }

  private problem(start: number, end: number, message: string, severity: ParseProblem['severity']): void {
    this.problems.push({ file: this.file, range: this.range(start, end), message, severity });
  }

  private range(start: number, end: number): Range {
    return this.lines.range(start, end);
  }
}
