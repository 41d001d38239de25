/**
 * What a Terraform block may refer to and which variables it may read, read off the syntax without
 * evaluating anything. The model evaluates an attribute only when something reads it; two
 * questions come before that and must not evaluate everything:
 *
 * - Is a block's value the same in every instance of its module (standalone and through each
 *   call)? Yes when it reads no variable, directly or through locals and policy documents: then
 *   one converted body serves every instance.
 * - Which resources may refer to an address? The reference index evaluates only the resources
 *   whose superset (`refs`) holds it.
 *
 * Both answers are supersets of what evaluation finds (evaluation may drop a branch's refs, never
 * add one the syntax does not show). Where the syntax cannot bound them (a cycle between locals),
 * `unbounded` says so and callers assume the worst.
 */
import type { Expr, HclAttribute, HclBlock, HclBody } from '../parsing/terraform/ast';

export interface RefFacts {
  /** Addresses the expressions may refer to (module-local, as in `Value.refs`). */
  refs: Set<string>;
  /** Variables read (`var.<name>`), directly or through locals and policy documents. */
  vars: Set<string>;
  /** A cycle between locals or policy documents was met: `refs` and `vars` may be incomplete. */
  unbounded: boolean;
}

/** Roots Terraform defines whose values we never know; they name no resource. */
const CONTEXT_ROOTS = new Set(['count', 'each', 'self', 'path', 'terraform']);

const IN_PROGRESS = Symbol('in progress');

/** Most blocks read no variable and many refer to nothing: their facts share these. */
const NONE: Set<string> = new Set();

/** The declarations of one folder the facts follow: the same in every instance of the folder. */
export interface FolderDeclarations {
  locals: ReadonlyMap<string, { node: HclAttribute }>;
  policyDocs: ReadonlyMap<string, { node: HclBlock }>;
}

/** Facts of a folder's blocks and locals, memoized; valid while the folder's trees are the same. */
export class FolderRefFacts {
  private readonly blocks = new Map<HclBlock, RefFacts>();
  private readonly locals = new Map<string, RefFacts | typeof IN_PROGRESS>();
  private readonly docs = new Map<string, RefFacts | typeof IN_PROGRESS>();

  constructor(private readonly decls: FolderDeclarations) {}

  /** Facts of a top-level block: every expression in it, nested and dynamic blocks included. */
  ofBlock(block: HclBlock): RefFacts {
    let facts = this.blocks.get(block);
    if (!facts) {
      facts = newFacts();
      this.walkBody(block.body, facts, true);
      compact(facts);
      this.blocks.set(block, facts);
    }
    return facts;
  }

  /**
   * Refs of an expression evaluated with no variables, locals or policy documents in scope
   * (variable defaults and tfvars values).
   */
  static ofConstant(expr: Expr): Set<string> {
    const facts = newFacts();
    new FolderRefFacts({ locals: new Map(), policyDocs: new Map() }).walk(expr, facts);
    return facts.refs;
  }

  private walkBody(body: HclBody, facts: RefFacts, top: boolean): void {
    for (const item of body.items) {
      if (item.type === 'Attribute') {
        this.walk(item.expr, facts);
        // `provider = aws.west` and a module's `providers = { aws = aws.west }` name provider
        // configurations (see `providerReference` in module.ts).
        if (top && (item.name === 'provider' || item.name === 'providers')) addProviderRefs(item.expr, facts.refs);
      } else {
        this.walkBody(item.body, facts, false);
      }
    }
  }

  private walk(e: Expr, facts: RefFacts): void {
    switch (e.type) {
      case 'Literal':
      case 'Error':
        return;
      case 'Template':
      case 'Heredoc':
        for (const p of e.parts) if (p.type !== 'TemplateLiteral' && p.expr) this.walk(p.expr, facts);
        return;
      case 'Tuple':
        for (const i of e.items) this.walk(i, facts);
        return;
      case 'Object':
        for (const i of e.items) {
          this.walk(i.key, facts);
          this.walk(i.value, facts);
        }
        return;
      case 'Variable':
      case 'GetAttr':
      case 'Index':
        this.traversal(e, facts);
        return;
      case 'Splat':
        this.walk(e.source, facts);
        for (const step of e.each) if (step.kind === 'index') this.walk(step.key, facts);
        return;
      case 'FunctionCall':
        for (const a of e.args) this.walk(a, facts);
        return;
      case 'For':
        this.walk(e.collection, facts);
        if (e.keyExpr) this.walk(e.keyExpr, facts);
        this.walk(e.valueExpr, facts);
        if (e.condition) this.walk(e.condition, facts);
        return;
      case 'Conditional':
        this.walk(e.condition, facts);
        this.walk(e.trueExpr, facts);
        this.walk(e.falseExpr, facts);
        return;
      case 'Binary':
        this.walk(e.left, facts);
        this.walk(e.right, facts);
        return;
      case 'Unary':
        this.walk(e.operand, facts);
        return;
      case 'Paren':
        this.walk(e.expr, facts);
        return;
    }
  }

  /** A traversal, as `evaluateTraversal` reads it: the root name and the first two attribute names. */
  private traversal(e: Expr, facts: RefFacts): void {
    const names: Array<string | undefined> = [];
    let cur: Expr = e;
    for (;;) {
      if (cur.type === 'GetAttr') {
        names.push(cur.name);
        cur = cur.object;
      } else if (cur.type === 'Index') {
        this.walk(cur.key, facts);
        names.push(undefined);
        cur = cur.collection;
      } else if (cur.type === 'Paren') {
        cur = cur.expr;
      } else {
        break;
      }
    }
    if (cur.type !== 'Variable') {
      this.walk(cur, facts);
      return;
    }
    names.reverse();
    const root = cur.name;
    const first = names[0];
    const second = names[1];
    if (root === 'var') {
      // A bare `var` reads nothing, but counting it keeps the answer on the safe side.
      facts.vars.add(first ?? '');
    } else if (root === 'local') {
      if (first !== undefined) this.mergeLocal(first, facts);
    } else if (root === 'data') {
      if (first === undefined || second === undefined) return;
      facts.refs.add(`data.${first}.${second}`);
      if (first === 'aws_iam_policy_document') this.mergeDoc(second, facts);
    } else if (root === 'module') {
      if (first !== undefined) facts.refs.add(`module.${first}`);
    } else if (!CONTEXT_ROOTS.has(root) && first !== undefined) {
      // A resource, or a name bound by a `for` or dynamic iterator (`s.id`): an address no
      // resource has is harmless in a superset.
      facts.refs.add(`${root}.${first}`);
    }
  }

  private mergeLocal(name: string, into: RefFacts): void {
    const decl = this.decls.locals.get(name);
    if (decl) this.mergeMemo(this.locals, name, into, (facts) => this.walk(decl.node.expr, facts));
  }

  private mergeDoc(name: string, into: RefFacts): void {
    const decl = this.decls.policyDocs.get(name);
    if (decl) this.mergeMemo(this.docs, name, into, (facts) => this.walkBody(decl.node.body, facts, true));
  }

  /** Merge the memoized facts of a named declaration; one met again while its own walk runs is a cycle. */
  private mergeMemo(memo: Map<string, RefFacts | typeof IN_PROGRESS>, name: string, into: RefFacts, walk: (facts: RefFacts) => void): void {
    let facts = memo.get(name);
    if (facts === IN_PROGRESS) {
      into.unbounded = true;
      return;
    }
    if (!facts) {
      memo.set(name, IN_PROGRESS);
      facts = newFacts();
      walk(facts);
      compact(facts);
      memo.set(name, facts);
    }
    merge(into, facts);
  }
}

function newFacts(): RefFacts {
  return { refs: new Set(), vars: new Set(), unbounded: false };
}

/** Facts kept for the life of a folder's trees: empty sets shared (never added to once kept). */
function compact(facts: RefFacts): void {
  if (facts.refs.size === 0) facts.refs = NONE;
  if (facts.vars.size === 0) facts.vars = NONE;
}

function merge(into: RefFacts, from: RefFacts): void {
  for (const r of from.refs) into.refs.add(r);
  for (const v of from.vars) into.vars.add(v);
  if (from.unbounded) into.unbounded = true;
}

/** `aws.west` -> `provider.aws.west`; an object's values likewise (a module's `providers`). */
function addProviderRefs(expr: Expr, into: Set<string>): void {
  if (expr.type === 'Object') {
    for (const item of expr.items) addProviderRefs(item.value, into);
    return;
  }
  const name = providerConfigurationName(expr);
  if (name !== undefined) into.add(`provider.${name}`);
}

/**
 * The provider configuration an expression names: `aws` or `aws.west`; `undefined` for anything
 * else. The model's `provider` values and the superset above both read it here.
 */
export function providerConfigurationName(expr: Expr): string | undefined {
  const parts: string[] = [];
  let cur: Expr = expr;
  while (cur.type === 'GetAttr') {
    parts.unshift(cur.name);
    cur = cur.object;
  }
  if (cur.type !== 'Variable' || parts.length > 1) return undefined;
  parts.unshift(cur.name);
  return parts.join('.');
}
