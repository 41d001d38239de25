/**
 * Building the model of one Terraform module (all `.tf` files of a folder): declarations,
 * variables (tfvars, call inputs, defaults), locals, resources with evaluated bodies, local module
 * calls instantiated with their inputs, suppressions and model problems.
 */
import { rangeBetween } from '../model/range';
import type { Attribute, Body, NestedBlock, ParseProblem, Range, Resource, ResourceKind, Suppression, Value } from '../model/types';
import type { BodyItem, Expr, HclAttribute, HclBlock, HclBody, HclFile } from '../parsing/terraform/ast';
import { evaluate, type EvalContext, type EvalScope, type ResolvedVariable } from './evaluate';
import { basenameOf, dirnameOf, isLocalSource, isOutside, joinPath, normalizePath } from './paths';
import { renderPolicyDocument } from './policyDocument';
import { FolderRefFacts, providerConfigurationName, type RefFacts } from './mayRefer';
import { setHiddenRefs, setMayReferTo, type MayRefer } from './references';
import { FileSuppressions } from './suppressions';
import type { BuildOptions, TerraformModule, TerraformSourceFile } from './types';
import { deepRefs, unknown } from './values';

/** Default cap on nested local module calls. */
export const DEFAULT_MAX_MODULE_DEPTH = 5;

/**
 * Cap on module instances in one build: depth alone does not bound fan-out (a module calling three
 * modules on each of five levels is 363 instances), and a build runs on every keystroke.
 */
export const MAX_MODULE_INSTANCES = 200;

/** Arguments of a `module` block that are not inputs of the child module. */
const MODULE_META_ARGUMENTS = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);

const RESOURCE_BLOCK_TYPES = new Set(['resource', 'data', 'provider', 'module', 'terraform']);

/** The module (folder) of a file: POSIX dirname, `.` for the workspace root. */
export function moduleIdOf(path: string): string {
  return dirnameOf(path);
}

/** `.tf` and `.tfvars` files grouped by folder; built once per call into this module. */
export interface Workspace {
  tf: Map<string, TerraformSourceFile[]>;
  tfvars: Map<string, TerraformSourceFile[]>;
}

export function indexWorkspace(files: ReadonlyMap<string, TerraformSourceFile>): Workspace {
  const tf = new Map<string, TerraformSourceFile[]>();
  const tfvars = new Map<string, TerraformSourceFile[]>();
  for (const file of files.values()) {
    const target = file.path.endsWith('.tf') ? tf : file.path.endsWith('.tfvars') ? tfvars : undefined;
    if (!target) continue;
    const folder = moduleIdOf(file.path);
    const list = target.get(folder);
    if (list) list.push(file);
    else target.set(folder, [file]);
  }
  const byPath = (a: TerraformSourceFile, b: TerraformSourceFile): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  for (const list of tf.values()) list.sort(byPath);
  for (const list of tfvars.values()) list.sort(byPath);
  return { tf, tfvars };
}

/**
 * The last index built for a files map, reused while the map holds the same entries (same file
 * objects with the same path and tree, in the same order): hosts keep one map and rebuild the
 * affected modules after each edit, so most builds would otherwise re-index an unchanged workspace.
 */
const workspaceCache = new WeakMap<
  ReadonlyMap<string, TerraformSourceFile>,
  { entries: Array<[TerraformSourceFile, string, HclFile]>; workspace: Workspace }
>();

/** Maps a host promises never to change (the engine hands in a fresh snapshot after each edit). */
const snapshots = new WeakSet<ReadonlyMap<string, TerraformSourceFile>>();

/** Declare a files map immutable, so indexes built for it are reused without re-checking it. */
export function markSnapshot(files: ReadonlyMap<string, TerraformSourceFile>, derivedFrom?: SnapshotOrigin): void {
  snapshots.add(files);
  if (derivedFrom) snapshotOrigins.set(files, { from: snapshotIdOf(derivedFrom.files), changed: derivedFrom.changed });
}

/**
 * A snapshot made from another by changing (setting or deleting) the files at some paths. Both
 * maps are keyed by the files' paths.
 */
export interface SnapshotOrigin {
  files: ReadonlyMap<string, TerraformSourceFile>;
  changed: readonly string[];
}

/**
 * What a snapshot was derived from, by the previous snapshot's id: holding the previous map itself
 * would chain every snapshot ever made to the newest one.
 */
const snapshotOrigins = new WeakMap<ReadonlyMap<string, TerraformSourceFile>, { from: number; changed: readonly string[] }>();
const snapshotIds = new WeakMap<ReadonlyMap<string, TerraformSourceFile>, number>();
let nextSnapshotId = 1;

function snapshotIdOf(files: ReadonlyMap<string, TerraformSourceFile>): number {
  let id = snapshotIds.get(files);
  if (id === undefined) snapshotIds.set(files, (id = nextSnapshotId++));
  return id;
}

export function workspaceOf(files: ReadonlyMap<string, TerraformSourceFile>): Workspace {
  const cached = workspaceCache.get(files);
  if (cached && snapshots.has(files)) return cached.workspace;
  if (cached && cached.entries.length === files.size) {
    let i = 0;
    let same = true;
    for (const f of files.values()) {
      const [file, path, ast] = cached.entries[i++];
      if (f !== file || f.path !== path || f.ast !== ast) {
        same = false;
        break;
      }
    }
    if (same) return cached.workspace;
  }
  if (snapshots.has(files)) {
    // Not compared later, and reading `ast` would parse every file of a lazily parsed workspace.
    const workspace = indexSnapshot(files);
    workspaceCache.set(files, { entries: [], workspace });
    return workspace;
  }
  const workspace = indexWorkspace(files);
  workspaceCache.set(files, { entries: [...files.values()].map((f): [TerraformSourceFile, string, HclFile] => [f, f.path, f.ast]), workspace });
  return workspace;
}

/** The last snapshot indexed, to index the next one (usually one file changed) incrementally. */
let lastIndexed:
  | { files: ReadonlyMap<string, TerraformSourceFile>; byPath: Map<string, TerraformSourceFile> | undefined; workspace: Workspace }
  | undefined;

function byPathOf(files: ReadonlyMap<string, TerraformSourceFile>): Map<string, TerraformSourceFile> {
  const byPath = new Map<string, TerraformSourceFile>();
  for (const f of files.values()) byPath.set(f.path, f);
  return byPath;
}

/**
 * `indexWorkspace` for an immutable snapshot, reusing the per-folder lists of the previous snapshot
 * for every folder none of whose files changed: after a keystroke only the edited file's folder is
 * rebuilt, not the whole workspace. When the host said which paths changed (`SnapshotOrigin`),
 * nothing else is looked at.
 */
function indexSnapshot(files: ReadonlyMap<string, TerraformSourceFile>): Workspace {
  const previous = lastIndexed;
  const origin = snapshotOrigins.get(files);
  let workspace: Workspace;
  let byPath: Map<string, TerraformSourceFile> | undefined;
  if (previous && origin && origin.from === snapshotIdOf(previous.files)) {
    const changed = new Set(origin.changed.map(moduleIdOf));
    // The changed folders' files: those the previous index listed there and the changed paths.
    const paths = new Set<string>(origin.changed);
    for (const folder of changed) {
      for (const f of previous.workspace.tf.get(folder) ?? []) paths.add(f.path);
      for (const f of previous.workspace.tfvars.get(folder) ?? []) paths.add(f.path);
    }
    const subset = new Map<string, TerraformSourceFile>();
    for (const path of paths) {
      const f = files.get(path);
      if (f) subset.set(path, f);
    }
    workspace = replaceFolders(previous.workspace, changed, subset);
  } else {
    byPath = byPathOf(files);
    const previousByPath = previous ? (previous.byPath ?? byPathOf(previous.files)) : undefined;
    if (!previous || !previousByPath || byPath.size !== files.size) {
      workspace = indexWorkspace(files);
    } else {
      const changed = new Set<string>();
      for (const [path, f] of byPath) if (previousByPath.get(path) !== f) changed.add(moduleIdOf(path));
      for (const path of previousByPath.keys()) if (!byPath.has(path)) changed.add(moduleIdOf(path));
      if (changed.size > 64) {
        workspace = indexWorkspace(files);
      } else {
        // The changed folders' files, indexed the same way.
        const subset = new Map<string, TerraformSourceFile>();
        for (const f of files.values()) if (changed.has(moduleIdOf(f.path))) subset.set(f.path, f);
        workspace = replaceFolders(previous.workspace, changed, subset);
      }
    }
  }
  lastIndexed = { files, byPath, workspace };
  return workspace;
}

/** `previous` with the lists of `folders` replaced by the index of `subset` (their files now). */
function replaceFolders(previous: Workspace, folders: ReadonlySet<string>, subset: ReadonlyMap<string, TerraformSourceFile>): Workspace {
  const tf = new Map(previous.tf);
  const tfvars = new Map(previous.tfvars);
  for (const folder of folders) {
    tf.delete(folder);
    tfvars.delete(folder);
  }
  const part = indexWorkspace(subset);
  for (const [folder, list] of part.tf) tf.set(folder, list);
  for (const [folder, list] of part.tfvars) tfvars.set(folder, list);
  return { tf, tfvars };
}

/**
 * Variable files Terraform loads for a root module, in load order (later wins):
 * `terraform.tfvars`, then `*.auto.tfvars` in lexical order. (`.tfvars.json` is not read.)
 */
function tfvarsInLoadOrder(files: readonly TerraformSourceFile[]): TerraformSourceFile[] {
  const main = files.filter((f) => basenameOf(f.path) === 'terraform.tfvars');
  const auto = files
    .filter((f) => basenameOf(f.path).endsWith('.auto.tfvars'))
    .sort((a, b) => (basenameOf(a.path) < basenameOf(b.path) ? -1 : basenameOf(a.path) > basenameOf(b.path) ? 1 : 0));
  return [...main, ...auto];
}

/** A literal string expression (`"./modules/x"`), else `undefined`. */
export function literalString(expr: Expr): string | undefined {
  if (expr.type !== 'Template') return undefined;
  let s = '';
  for (const p of expr.parts) {
    if (p.type !== 'TemplateLiteral') return undefined;
    s += p.value;
  }
  return s;
}

/** Folder a local `source` points at, or `undefined` for registry/git/outside-workspace sources. */
export function localModuleFolder(callerFolder: string, block: HclBlock): string | undefined {
  for (const item of block.body.items) {
    if (item.type !== 'Attribute' || item.name !== 'source') continue;
    const source = literalString(item.expr);
    if (source === undefined || !isLocalSource(source)) return undefined;
    const folder = joinPath(callerFolder, source);
    return isOutside(folder) ? undefined : folder;
  }
  return undefined;
}

function headerRangeOf(block: HclBlock): Range {
  const last = block.labels.length ? block.labels[block.labels.length - 1].range : block.typeRange;
  return rangeBetween(block.typeRange, last);
}

/**
 * From after `{` to the start of `}` (to the block's end when `}` is missing). The parser's body
 * range is exactly that, so it is shared rather than copied for every block of every build.
 */
function bodyRangeOf(block: HclBlock): Range {
  return block.body.range;
}

function attributeOf(body: HclBody, name: string): HclAttribute | undefined {
  for (const item of body.items) if (item.type === 'Attribute' && item.name === name) return item;
  return undefined;
}

function problem(file: string, range: Range, message: string, severity: ParseProblem['severity'] = 'warning'): ParseProblem {
  return { file, range, message, severity };
}

function where(file: string, range: Range): string {
  return `${file}:${range.start.line + 1}`;
}

/** Scope with nothing in it: tfvars values and variable defaults are constants. */
const CONSTANT_SCOPE: EvalScope = {
  variable: () => undefined,
  local: () => undefined,
  policyDocument: () => undefined,
};

/** What instances see of the workspace once their build is over (nothing is instantiated then). */
const DETACHED_WORKSPACE: Workspace = { tf: new Map(), tfvars: new Map() };

/** Shared by every module instance of one `buildModule` call. */
interface BuildContext {
  workspace: Workspace;
  maxDepth: number;
  /** Module instances created so far (the root included). */
  instances: number;
  /** `MAX_MODULE_INSTANCES` was reached (reported once, at the root call that led there). */
  capHit: boolean;
  capReported: boolean;
  problems: ParseProblem[];
}

interface Declared<T> {
  node: T;
  file: string;
}

interface ConvertedBody {
  body: Body;
  /** Refs of expressions inside dynamic blocks (evaluated when first asked); none without such blocks. */
  hidden?: () => readonly string[];
}

const IN_PROGRESS = Symbol('in progress');

/**
 * An attribute whose value is evaluated when first read. Rules read a few attributes of each
 * resource (about a tenth of them in a realistic workspace), and which resources refer to which
 * is answered from the syntax first (see mayRefer.ts), so most values are never evaluated.
 */
class LazyAttribute implements Attribute {
  private expr: Expr | undefined;
  private ctx: EvalContext | undefined;
  private evaluated: Value | undefined;

  constructor(
    readonly name: string,
    readonly nameRange: Range,
    readonly range: Range,
    expr: Expr,
    ctx: EvalContext,
  ) {
    this.expr = expr;
    this.ctx = ctx;
  }

  get value(): Value {
    if (this.evaluated === undefined) {
      this.evaluated = evaluate(this.expr!, this.ctx!);
      this.expr = undefined;
      this.ctx = undefined;
    }
    return this.evaluated;
  }

  set value(value: Value) {
    this.evaluated = value;
    this.expr = undefined;
    this.ctx = undefined;
  }

  /** Plain data for `JSON.stringify` (the value is a getter). */
  toJSON(): Attribute {
    return { name: this.name, nameRange: this.nameRange, value: this.value, range: this.range };
  }
}

/**
 * Conversions of a folder's top-level blocks that read no variable: the same in every instance of
 * the folder (standalone and through each call), so instances after the first reuse them. Valid
 * while the folder holds the same parsed files (a block's value may come from a local in another
 * file); a new parse of any of them starts a new cache.
 */
interface FolderCache {
  files: Array<{ path: string; ast: HclFile }>;
  bodies: Map<HclBlock, ConvertedBody>;
  /** What the folder's blocks may refer to and read (from the syntax; the same in every instance). */
  facts?: FolderRefFacts;
}

/** Keyed by the first file's tree; dropped with it. */
const folderCaches = new WeakMap<HclFile, FolderCache>();

function folderCacheOf(files: readonly TerraformSourceFile[]): FolderCache | undefined {
  if (files.length === 0) return undefined;
  const key = files[0].ast;
  const cached = folderCaches.get(key);
  if (
    cached &&
    cached.files.length === files.length &&
    cached.files.every((f, i) => f.ast === files[i].ast && f.path === files[i].path)
  ) {
    return cached;
  }
  const fresh: FolderCache = { files: files.map((f) => ({ path: f.path, ast: f.ast })), bodies: new Map() };
  folderCaches.set(key, fresh);
  return fresh;
}

/** How a module instance is reached: standalone (root) or through a chain of local module calls. */
interface Instantiation {
  depth: number;
  /** `module.a.module.b` for resources created through calls; `undefined` standalone. */
  via?: string;
  /** Folders on the call chain, for the cycle guard. */
  chain: string[];
  /** Suppressions written on the calling `module` blocks. */
  suppressions: Suppression[];
  /** Some call on the chain has `count`/`for_each`. */
  repeated: boolean;
  /** Call inputs, evaluated in the caller's scope; `undefined` standalone. */
  inputs?: Map<string, Value>;
}

/** One module folder evaluated with one set of inputs. */
class ModuleInstance implements EvalScope {
  private readonly variables = new Map<string, Declared<HclBlock>>();
  private readonly locals = new Map<string, Declared<HclAttribute>>();
  private readonly blocks: Array<Declared<HclBlock>> = [];
  private readonly policyDocs = new Map<string, Declared<HclBlock>>();
  private readonly tfvars = new Map<string, Declared<HclAttribute>>();
  private readonly varCache = new Map<string, ResolvedVariable>();
  private readonly localCache = new Map<string, Value | typeof IN_PROGRESS>();
  private readonly policyCache = new Map<string, Value | typeof IN_PROGRESS>();
  private readonly sourceByPath = new Map<string, TerraformSourceFile>();
  private readonly shared: FolderCache | undefined;
  private ownFacts: FolderRefFacts | undefined;
  private readonly varRefCache = new Map<string, ReadonlySet<string>>();

  constructor(
    readonly folder: string,
    files: readonly TerraformSourceFile[],
    private readonly ctx: BuildContext,
    private readonly inst: Instantiation,
  ) {
    const report = inst.depth === 0;
    this.shared = folderCacheOf(files);
    for (const file of files) {
      this.sourceByPath.set(file.path, file);
      for (const item of file.ast.body.items) {
        if (item.type !== 'Block') continue;
        this.declare(item, file.path, report);
      }
    }
    if (!inst.inputs) {
      // tfvars apply to the module Terraform runs in (the root), never to a module it calls.
      for (const vf of tfvarsInLoadOrder(ctx.workspace.tfvars.get(folder) ?? [])) {
        for (const item of vf.ast.body.items) {
          if (item.type === 'Attribute') this.tfvars.set(item.name, { node: item, file: vf.path });
        }
      }
    }
  }

  private declare(block: HclBlock, file: string, report: boolean): void {
    const t = block.blockType;
    if (t === 'variable') {
      const name = block.labels[0]?.value;
      if (name === undefined) return;
      const prev = this.variables.get(name);
      if (prev) {
        if (report) {
          this.ctx.problems.push(
            problem(file, headerRangeOf(block), `Duplicate variable "${name}" (first declared at ${where(prev.file, prev.node.typeRange)})`),
          );
        }
        return;
      }
      this.variables.set(name, { node: block, file });
    } else if (t === 'locals') {
      for (const item of block.body.items) {
        if (item.type !== 'Attribute') continue;
        const prev = this.locals.get(item.name);
        if (prev) {
          if (report) {
            this.ctx.problems.push(
              problem(file, item.nameRange, `Duplicate local value "${item.name}" (first declared at ${where(prev.file, prev.node.nameRange)})`),
            );
          }
          continue;
        }
        this.locals.set(item.name, { node: item, file });
      }
    } else if (RESOURCE_BLOCK_TYPES.has(t)) {
      this.blocks.push({ node: block, file });
      if (t === 'data' && block.labels[0]?.value === 'aws_iam_policy_document' && block.labels[1]) {
        const name = block.labels[1].value;
        if (!this.policyDocs.has(name)) this.policyDocs.set(name, { node: block, file });
      }
    }
  }

  // ----- EvalScope -----------------------------------------------------------------------------

  variable(name: string): ResolvedVariable | undefined {
    const decl = this.variables.get(name);
    if (!decl) return undefined;
    const cached = this.varCache.get(name);
    if (cached) return cached;
    const resolved = this.resolveVariable(name, decl);
    this.varCache.set(name, resolved);
    return resolved;
  }

  private resolveVariable(name: string, decl: Declared<HclBlock>): ResolvedVariable {
    const body = decl.node.body;
    const defaultAttr = attributeOf(body, 'default');
    const typeAttr = attributeOf(body, 'type');
    const evalDefault = (): Value | undefined =>
      defaultAttr ? evaluate(defaultAttr.expr, { scope: CONSTANT_SCOPE, file: decl.file }) : undefined;
    let value: Value | undefined;
    let fromCaller = false;
    if (this.inst.inputs) {
      const input = this.inst.inputs.get(name);
      if (input) {
        value = input;
        fromCaller = true;
        const nullableAttr = attributeOf(body, 'nullable');
        const notNullable = nullableAttr?.expr.type === 'Literal' && nullableAttr.expr.value === false;
        if (input.kind === 'null' && notNullable && defaultAttr) {
          value = evalDefault();
          fromCaller = false;
        }
      }
    } else {
      const tv = this.tfvars.get(name);
      if (tv) value = evaluate(tv.node.expr, { scope: CONSTANT_SCOPE, file: tv.file });
    }
    if (!value) value = evalDefault();
    if (!value) {
      value = unknown(headerRangeOf(decl.node), decl.file, `variable ${name} has no value`);
    }
    return { value: convertToType(value, typeAttr?.expr), fromCaller };
  }

  local(name: string): Value | undefined {
    const decl = this.locals.get(name);
    if (!decl) return undefined;
    const cached = this.localCache.get(name);
    if (cached === IN_PROGRESS) return unknown(decl.node.range, decl.file, `local.${name} refers to itself`);
    if (cached) return cached;
    this.localCache.set(name, IN_PROGRESS);
    const value = evaluate(decl.node.expr, { scope: this, file: decl.file });
    this.localCache.set(name, value);
    return value;
  }

  policyDocument(name: string): Value | undefined {
    const decl = this.policyDocs.get(name);
    if (!decl) return undefined;
    const cached = this.policyCache.get(name);
    if (cached === IN_PROGRESS) return unknown(decl.node.range, decl.file, 'policy document refers to itself');
    if (cached) return cached;
    this.policyCache.set(name, IN_PROGRESS);
    const converted = this.convertBlockBody(decl.node, decl.file, 'resource');
    const value = renderPolicyDocument(converted.body, decl.node.range, decl.file);
    this.policyCache.set(name, value);
    return value;
  }

  // ----- what blocks may refer to --------------------------------------------------------------

  private facts(): FolderRefFacts {
    if (this.shared) return (this.shared.facts ??= new FolderRefFacts({ locals: this.locals, policyDocs: this.policyDocs }));
    return (this.ownFacts ??= new FolderRefFacts({ locals: this.locals, policyDocs: this.policyDocs }));
  }

  /**
   * Whether a block's converted body is the same in every instance of the folder: it reads no
   * variable (directly or through locals and policy documents) and meets no cycle.
   */
  private sameInEveryInstance(facts: RefFacts): boolean {
    return facts.vars.size === 0 && !facts.unbounded;
  }

  /**
   * What a block may refer to in this instance: its syntax's addresses, and those of the variables
   * it reads as this instance resolves them. A caller's input carries no refs into the child (see
   * `evaluateTraversal`); defaults and tfvars are evaluated as constants.
   */
  private mayReferOf(block: HclBlock): MayRefer {
    const facts = this.facts().ofBlock(block);
    if (facts.unbounded) return 'any';
    if (facts.vars.size === 0) return facts.refs;
    const out = new Set(facts.refs);
    for (const name of facts.vars) for (const r of this.variableRefs(name)) out.add(r);
    return out;
  }

  private variableRefs(name: string): ReadonlySet<string> {
    let refs = this.varRefCache.get(name);
    if (refs) return refs;
    const set = new Set<string>();
    const decl = this.variables.get(name);
    const defaultAttr = decl ? attributeOf(decl.node.body, 'default') : undefined;
    if (defaultAttr) for (const r of FolderRefFacts.ofConstant(defaultAttr.expr)) set.add(r);
    const tv = this.inst.inputs ? undefined : this.tfvars.get(name);
    if (tv) for (const r of FolderRefFacts.ofConstant(tv.node.expr)) set.add(r);
    refs = set;
    this.varRefCache.set(name, refs);
    return refs;
  }

  // ----- bodies ----------------------------------------------------------------------------------

  /**
   * Conversion of a top-level block's body. Values are evaluated when read (see `LazyAttribute`);
   * a body that is the same in every instance is converted once per folder. Others are not kept
   * here: an instance may outlive its build (a shared body's values evaluate through it), and
   * converting costs little now that nothing is evaluated (a policy document is converted for its
   * data source and again when rendered, once per instance).
   */
  private convertBlockBody(block: HclBlock, file: string, meta: 'resource' | 'module' | 'other'): ConvertedBody {
    const shareable = this.shared !== undefined && this.sameInEveryInstance(this.facts().ofBlock(block));
    const shared = shareable ? this.shared!.bodies.get(block) : undefined;
    if (shared) return shared;
    const ctx: EvalContext = { scope: this, file };
    const dynamic: Array<{ block: HclBlock; ctx: EvalContext }> = [];
    const body = this.convertBody(block, ctx, dynamic, meta);
    const converted: ConvertedBody = { body };
    if (dynamic.length) {
      let refs: readonly string[] | undefined;
      converted.hidden = () => {
        if (!refs) {
          const set = new Set<string>();
          for (const d of dynamic) this.collectDynamicRefs(d.block, d.ctx, set);
          refs = [...set];
        }
        return refs;
      };
    }
    if (shareable) this.shared!.bodies.set(block, converted);
    return converted;
  }

  private convertBody(
    block: HclBlock,
    ctx: EvalContext,
    dynamic: Array<{ block: HclBlock; ctx: EvalContext }>,
    meta: 'resource' | 'module' | 'other',
  ): Body {
    // Sized up front: bodies outlive the analysis (folder caches) and are many, and a list grown by
    // push keeps room for 16 items after its first.
    const items = block.body.items;
    let attributeCount = 0;
    let blockCount = 0;
    for (const item of items) {
      if (item.type === 'Attribute') attributeCount++;
      else if (item.blockType !== 'dynamic') blockCount++;
    }
    const attributes: Attribute[] = new Array<Attribute>(attributeCount);
    const blocks: NestedBlock[] = blockCount ? new Array<NestedBlock>(blockCount) : [];
    const dynamicBlockTypes: string[] = [];
    let a = 0;
    let b = 0;
    for (const item of items) {
      if (item.type === 'Attribute') {
        if (meta === 'resource' && item.name === 'provider') {
          attributes[a++] = { name: item.name, nameRange: item.nameRange, value: providerReference(item.expr, ctx.file), range: item.range };
        } else if (meta === 'module' && item.name === 'providers') {
          attributes[a++] = { name: item.name, nameRange: item.nameRange, value: providerMap(item.expr, ctx), range: item.range };
        } else {
          attributes[a++] = new LazyAttribute(item.name, item.nameRange, item.range, item.expr, ctx);
        }
        continue;
      }
      if (item.blockType === 'dynamic') {
        const type = item.labels[0]?.value;
        if (type !== undefined && !dynamicBlockTypes.includes(type)) dynamicBlockTypes.push(type);
        dynamic.push({ block: item, ctx });
        continue;
      }
      blocks[b++] = {
        type: item.blockType,
        labels: item.labels.map((l) => l.value),
        body: this.convertBody(item, ctx, dynamic, 'other'),
        range: item.range,
        headerRange: headerRangeOf(item),
      };
    }
    return { attributes, blocks, dynamicBlockTypes, range: bodyRangeOf(block) };
  }

  /** What a `dynamic` block refers to, with its iterator name bound. */
  private collectDynamicRefs(block: HclBlock, ctx: EvalContext, hidden: Set<string>): void {
    const iteratorAttr = attributeOf(block.body, 'iterator');
    const iterator =
      (iteratorAttr?.expr.type === 'Variable' ? iteratorAttr.expr.name : undefined) ?? block.labels[0]?.value;
    const shadow = new Set(ctx.shadow ?? []);
    if (iterator) shadow.add(iterator);
    const inner: EvalContext = { ...ctx, shadow };
    const walk = (items: readonly BodyItem[], c: EvalContext): void => {
      for (const item of items) {
        if (item.type === 'Attribute') {
          if (item.name === 'iterator') continue;
          // `for_each` is evaluated outside the iterator's scope.
          deepRefs(evaluate(item.expr, item.name === 'for_each' && c === inner ? ctx : c), hidden);
        } else if (item.blockType === 'dynamic') {
          this.collectDynamicRefs(item, c, hidden);
        } else {
          walk(item.body.items, c);
        }
      }
    };
    walk(block.body.items, inner);
  }

  // ----- resources -------------------------------------------------------------------------------

  /** Resources of this instance and of the local modules it calls. */
  build(): Resource[] {
    const own: Resource[] = [];
    const calls: Array<{ resource: Resource; block: HclBlock }> = [];
    const seen = new Map<string, Resource>();
    for (const decl of this.blocks) {
      const resource = this.toResource(decl.node, decl.file);
      if (!resource) continue;
      own.push(resource);
      if (this.inst.depth === 0 && resource.kind !== 'terraform') {
        const first = seen.get(resource.address);
        if (first) {
          this.ctx.problems.push(
            problem(
              resource.file,
              resource.headerRange,
              `Duplicate address "${resource.address}" (first declared at ${where(first.file, first.headerRange)})`,
            ),
          );
        } else {
          seen.set(resource.address, resource);
        }
      }
      if (resource.kind === 'module') calls.push({ resource, block: decl.node });
    }
    const out = [...own];
    for (const call of calls) out.push(...this.instantiateCall(call.resource, call.block));
    return out;
  }

  private toResource(block: HclBlock, file: string): Resource | undefined {
    const kind = block.blockType as ResourceKind;
    const labels = block.labels.map((l) => l.value);
    let type: string;
    let name: string;
    let address: string;
    switch (kind) {
      case 'resource':
      case 'data':
        if (labels.length < 2) return undefined;
        [type, name] = labels;
        address = kind === 'data' ? `data.${type}.${name}` : `${type}.${name}`;
        break;
      case 'provider':
      case 'module':
        if (labels.length < 1) return undefined;
        name = labels[0];
        type = kind === 'provider' ? name : 'module';
        address = `${kind}.${name}`;
        break;
      case 'terraform':
        type = name = address = 'terraform';
        break;
      default:
        return undefined;
    }
    const meta = kind === 'resource' || kind === 'data' ? 'resource' : kind === 'module' ? 'module' : 'other';
    const converted = this.convertBlockBody(block, file, meta);
    const { body } = converted;

    let repeated = this.inst.repeated;
    if (kind === 'resource' || kind === 'data' || kind === 'module') {
      for (const a of body.attributes) {
        if (a.name !== 'count' && a.name !== 'for_each') continue;
        if (isZeroInstances(a.name, a.value)) return undefined;
        repeated = true;
      }
    }
    if (kind === 'provider') {
      const alias = body.attributes.find((a) => a.name === 'alias');
      if (alias && alias.value.kind === 'string') address = `provider.${name}.${alias.value.value}`;
    }

    const resource: Resource = {
      format: 'terraform',
      kind,
      type,
      name,
      address,
      moduleId: this.folder,
      file,
      range: block.range,
      headerRange: headerRangeOf(block),
      body,
    };
    if (repeated) resource.repeated = true;
    if (this.inst.via) resource.viaModuleCall = this.inst.via;
    const own = this.suppressionsFor(block, file);
    if (own.length || this.inst.suppressions.length) resource.suppressions = [...own, ...this.inst.suppressions];
    if (converted.hidden) setHiddenRefs(resource, converted.hidden);
    let mayRefer: MayRefer | undefined;
    setMayReferTo(resource, () => (mayRefer ??= this.mayReferOf(block)));
    return resource;
  }

  private suppressionsFor(block: HclBlock, file: string): Suppression[] {
    const source = this.sourceByPath.get(file);
    if (!source) return [];
    const fs = fileSuppressions(source);
    return fs.empty ? [] : fs.forBlock(block);
  }

  /** Resources of a local module call, evaluated with the call's arguments. */
  private instantiateCall(call: Resource, block: HclBlock): Resource[] {
    const folder = localModuleFolder(this.folder, block);
    if (folder === undefined) return [];
    if (folder === this.folder || this.inst.chain.includes(folder)) {
      if (this.inst.depth === 0) {
        this.ctx.problems.push(
          problem(call.file, call.headerRange, `Module call "${call.name}" leads back to "${folder}": a cycle, not evaluated`),
        );
      }
      return [];
    }
    if (this.inst.depth + 1 > this.ctx.maxDepth) return [];
    const files = this.ctx.workspace.tf.get(folder);
    if (!files || files.length === 0) return [];
    if (this.ctx.instances >= MAX_MODULE_INSTANCES) {
      this.ctx.capHit = true;
      this.reportCap(call);
      return [];
    }
    this.ctx.instances++;
    const inputs = new Map<string, Value>();
    for (const a of call.body.attributes) if (!MODULE_META_ARGUMENTS.has(a.name)) inputs.set(a.name, a.value);
    const via = this.inst.via ? `${this.inst.via}.module.${call.name}` : `module.${call.name}`;
    const child = new ModuleInstance(folder, files, this.ctx, {
      depth: this.inst.depth + 1,
      via,
      chain: [...this.inst.chain, this.folder],
      suppressions: call.suppressions ?? [],
      repeated: call.repeated === true,
      inputs,
    });
    const resources = child.build();
    this.reportCap(call);
    return resources;
  }

  /** Report the instance cap once, at the root module's call that led to it. */
  private reportCap(call: Resource): void {
    if (this.inst.depth !== 0 || !this.ctx.capHit || this.ctx.capReported) return;
    this.ctx.capReported = true;
    this.ctx.problems.push(
      problem(
        call.file,
        call.headerRange,
        `Over ${MAX_MODULE_INSTANCES} nested module instances: some module calls from "${call.name}" on were not evaluated`,
        'info',
      ),
    );
  }
}

/** Parsed suppression comments per parsed tree (a tree is immutable; a new parse is a new tree). */
const suppressionCache = new WeakMap<HclFile, FileSuppressions>();

function fileSuppressions(source: TerraformSourceFile): FileSuppressions {
  const cached = suppressionCache.get(source.ast);
  if (cached && cached.file === source.path) return cached;
  const fs = new FileSuppressions(source.path, source.text, source.ast.comments);
  suppressionCache.set(source.ast, fs);
  return fs;
}

/** `count = 0` or `for_each` over a known empty collection: the resource does not exist. */
function isZeroInstances(meta: string, value: Value): boolean {
  if (meta === 'count') {
    if (value.kind === 'number') return value.value === 0;
    if (value.kind === 'string') return value.value.trim() === '0';
    return false;
  }
  if (value.kind === 'list') return value.items.length === 0;
  if (value.kind === 'object') return value.entries.length === 0;
  return false;
}

/** Convert a known primitive to a variable's declared primitive `type` (tfvars strings, mostly). */
function convertToType(value: Value, typeExpr: Expr | undefined): Value {
  if (!typeExpr || typeExpr.type !== 'Variable') return value;
  const t = typeExpr.name;
  if (t === 'string' && (value.kind === 'number' || value.kind === 'bool')) {
    return { ...value, kind: 'string', value: String(value.value) };
  }
  if (t === 'bool' && value.kind === 'string' && (value.value === 'true' || value.value === 'false')) {
    return { ...value, kind: 'bool', value: value.value === 'true' };
  }
  if (t === 'number' && value.kind === 'string' && value.value.trim() !== '' && Number.isFinite(Number(value.value))) {
    return { ...value, kind: 'number', value: Number(value.value) };
  }
  return value;
}

/** `provider = aws.west` names a provider configuration, not a resource. */
function providerReference(expr: Expr, file: string): Value {
  const text = providerConfigurationName(expr);
  if (text === undefined) return unknown(expr.range, file, 'provider reference');
  return { kind: 'string', value: text, range: expr.range, file, refs: [`provider.${text}`] };
}

/** `providers = { aws = aws.west }` on a module call. */
function providerMap(expr: Expr, ctx: EvalContext): Value {
  if (expr.type !== 'Object') return evaluate(expr, ctx);
  const entries = expr.items.map((item) => ({
    key: item.key.type === 'Variable' ? item.key.name : (literalString(item.key) ?? providerReferenceText(item.key)),
    keyRange: item.key.range,
    value: providerReference(item.value, ctx.file),
    range: item.range,
  }));
  return { kind: 'object', entries, range: expr.range, file: ctx.file };
}

function providerReferenceText(expr: Expr): string {
  return expr.type === 'GetAttr' && expr.object.type === 'Variable' ? `${expr.object.name}.${expr.name}` : '?';
}

/** Build one module (folder) with everything it calls locally. See `index.ts`. */
export function buildModuleImpl(
  moduleId: string,
  files: ReadonlyMap<string, TerraformSourceFile>,
  options: BuildOptions = {},
): TerraformModule {
  const folder = normalizePath(moduleId);
  const workspace = workspaceOf(files);
  const ctx: BuildContext = {
    workspace,
    maxDepth: options.maxModuleDepth ?? DEFAULT_MAX_MODULE_DEPTH,
    instances: 1,
    capHit: false,
    capReported: false,
    problems: [],
  };
  const own = workspace.tf.get(folder) ?? [];
  const instance = new ModuleInstance(folder, own, ctx, { depth: 0, chain: [], suppressions: [], repeated: false });
  const resources = instance.build();
  // Values are evaluated after the build (when rules read them), through the instances, which
  // folder caches may keep: they must not keep this build's index of the workspace too.
  ctx.workspace = DETACHED_WORKSPACE;
  return { id: folder, files: own.map((f) => f.path), resources, problems: ctx.problems };
}

/**
 * Folders a file calls as local modules, cached per file object (one object per version of a file,
 * see `TerraformSourceFile`): the host calls `modulesAffectedBy` on every keystroke, only the edited
 * file is new, and reading `ast` may parse a file whose tree the host dropped.
 */
const callTargetsCache = new WeakMap<TerraformSourceFile, { folder: string; targets: string[] }>();

/**
 * Record a file's local call targets found elsewhere (another engine that parsed the same text), so
 * asking for them does not parse the file here.
 */
export function rememberCallTargets(file: TerraformSourceFile, folder: string, targets: string[]): void {
  callTargetsCache.set(file, { folder, targets });
}

export function localCallTargets(file: TerraformSourceFile, folder: string): string[] {
  const cached = callTargetsCache.get(file);
  if (cached && cached.folder === folder) return cached.targets;
  const targets: string[] = [];
  for (const item of file.ast.body.items) {
    if (item.type !== 'Block' || item.blockType !== 'module') continue;
    const target = localModuleFolder(folder, item);
    if (target !== undefined && !targets.includes(target)) targets.push(target);
  }
  callTargetsCache.set(file, { folder, targets });
  return targets;
}

/**
 * Folder -> folders calling it as a local module, each with the number of its files that do.
 * Cached per immutable snapshot (see `markSnapshot`): a keystroke asks for the modules affected by
 * the edited file more than once.
 */
type Callers = Map<string, Map<string, number>>;
const callersCache = new WeakMap<ReadonlyMap<string, TerraformSourceFile>, Callers>();

/**
 * The last snapshot's callers, to derive the next snapshot's from the files that changed (after a
 * keystroke, one): reading every file's call targets again cost ~1 ms per 1,000 files per edit.
 */
let lastCallers: { files: ReadonlyMap<string, TerraformSourceFile>; callers: Callers } | undefined;

function callersOf(files: ReadonlyMap<string, TerraformSourceFile>): Callers {
  const snapshot = snapshots.has(files);
  const cached = snapshot ? callersCache.get(files) : undefined;
  if (cached) return cached;
  const callers = (snapshot && lastCallers && callersSince(lastCallers.files, lastCallers.callers, files, snapshotOrigins.get(files))) || countCallers(files);
  if (snapshot) {
    callersCache.set(files, callers);
    lastCallers = { files, callers };
  }
  return callers;
}

function countCallers(files: ReadonlyMap<string, TerraformSourceFile>): Callers {
  const callers: Callers = new Map();
  for (const file of files.values()) addCalls(callers, file, 1);
  return callers;
}

/** `from`'s callers updated to `to` from the paths the host said changed; undefined when it said nothing. Leaves `fromCallers` as it was. */
function callersSince(
  from: ReadonlyMap<string, TerraformSourceFile>,
  fromCallers: Callers,
  to: ReadonlyMap<string, TerraformSourceFile>,
  origin: { from: number; changed: readonly string[] } | undefined,
): Callers | undefined {
  // Only when the host said which paths changed (the engine does; it caps how many).
  if (!origin || origin.from !== snapshotIdOf(from)) return undefined;
  const removed: TerraformSourceFile[] = [];
  const added: TerraformSourceFile[] = [];
  for (const path of origin.changed) {
    const before = from.get(path);
    const after = to.get(path);
    if (before === after) continue;
    if (before) removed.push(before);
    if (after) added.push(after);
  }
  return applyCallChanges(fromCallers, removed, added);
}

function applyCallChanges(fromCallers: Callers, removed: readonly TerraformSourceFile[], added: readonly TerraformSourceFile[]): Callers {
  const callers: Callers = new Map(fromCallers);
  const copied = new Set<string>();
  for (const file of removed) addCalls(callers, file, -1, copied);
  for (const file of added) addCalls(callers, file, 1, copied);
  return callers;
}

/**
 * Count (or with -1, uncount) a file's calls. With `copied`, the per-target maps are shared with
 * another snapshot's: each is copied before its first change.
 */
function addCalls(callers: Callers, file: TerraformSourceFile, delta: 1 | -1, copied?: Set<string>): void {
  if (!file.path.endsWith('.tf')) return;
  const folder = moduleIdOf(file.path);
  for (const target of localCallTargets(file, folder)) {
    if (target === folder) continue;
    let counts = callers.get(target);
    if (copied && !copied.has(target)) {
      copied.add(target);
      counts = new Map(counts);
      callers.set(target, counts);
    } else if (!counts) {
      counts = new Map();
      callers.set(target, counts);
    }
    const n = (counts.get(folder) ?? 0) + delta;
    if (n > 0) counts.set(folder, n);
    else counts.delete(folder);
    if (counts.size === 0) callers.delete(target);
  }
}

/** The folders whose model depends on a file. See `index.ts`. */
export function modulesAffectedByImpl(path: string, files: ReadonlyMap<string, TerraformSourceFile>): string[] {
  const start = moduleIdOf(path);
  // tfvars only feed the module Terraform runs in; callers ignore a child's tfvars.
  if (path.endsWith('.tfvars')) return [start];
  const callers = callersOf(files);
  const out = [start];
  const seen = new Set(out);
  for (let i = 0; i < out.length; i++) {
    const counts = callers.get(out[i]);
    if (!counts) continue;
    // Sorted: the order must not depend on the order files were added in.
    for (const caller of [...counts.keys()].sort()) {
      if (seen.has(caller)) continue;
      seen.add(caller);
      out.push(caller);
    }
  }
  return out;
}
