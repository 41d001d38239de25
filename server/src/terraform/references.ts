/**
 * Who refers to whom, so rules can answer cross-resource questions (does any
 * `aws_s3_bucket_versioning` point at this bucket?) without a second rule system.
 *
 * Address spaces: a module's own resources live in scope `''`; resources a local module call
 * instantiated live in the scope named by their `viaModuleCall` (`module.x`, `module.x.module.y`).
 * Addresses in `refs` are local to the scope of the resource holding them, so
 * `aws_s3_bucket.b` inside `module.x` never matches the caller's `aws_s3_bucket.b`. Values passed
 * into a module call lose the caller's refs at the boundary (the model has no way to spell a
 * caller address in the child's scope); the call itself (`module.x`, scope `''`) keeps them.
 */
import type { Body, Resource } from '../model/types';
import { deepRefs } from './values';

/**
 * Refs a resource has that its `Body` cannot show: expressions inside `dynamic` blocks (their
 * blocks are not in the model, but what they reference is still a dependency). Worked out when
 * first asked (they are evaluated like the body's attributes).
 */
const hiddenRefs = new WeakMap<Resource, () => readonly string[]>();

/** Record refs found in parts of a resource the model does not represent (dynamic blocks). */
export function setHiddenRefs(resource: Resource, refs: () => readonly string[]): void {
  hiddenRefs.set(resource, refs);
}

/**
 * A superset of the addresses a resource may refer to, known without evaluating its body (the
 * Terraform model reads them off the syntax; see `module.ts`), or `'any'` when that could not be
 * bounded. The reference index evaluates only the resources whose superset holds the address it
 * is asked about: most of a module's attribute values are never read by a rule.
 */
export type MayRefer = ReadonlySet<string> | 'any';
const mayReferTo = new WeakMap<Resource, () => MayRefer>();

export function setMayReferTo(resource: Resource, refs: () => MayRefer): void {
  mayReferTo.set(resource, refs);
}

/** The superset recorded for a resource; `undefined` when none was (CloudFormation, hand-made resources). */
export function mayReferOf(resource: Resource): MayRefer | undefined {
  return mayReferTo.get(resource)?.();
}

/** Every address a resource refers to (deep over attributes, nested blocks and dynamic blocks). */
export function referencesOf(resource: Resource): string[] {
  const set = new Set<string>();
  collectBody(resource.body, set);
  const hidden = hiddenRefs.get(resource);
  if (hidden) for (const r of hidden()) set.add(r);
  set.delete(resource.address);
  return [...set];
}

function collectBody(body: Body, set: Set<string>): void {
  for (const a of body.attributes) deepRefs(a.value, set);
  for (const b of body.blocks) collectBody(b.body, set);
}

/** Scope key of a resource: `''` for a module's own resources, else its `viaModuleCall`. */
export function scopeOf(resource: Resource): string {
  return resource.viaModuleCall ?? '';
}

interface Scope {
  resources: Resource[];
  byAddress: Map<string, Resource>;
  /**
   * Built on the first lookup. `exact`: what the resources without a superset refer to, evaluated.
   * `candidates`: the others, by each address of their superset; `anywhere`: those whose superset
   * is unbounded. Each list is in resource order.
   */
  exact?: Map<string, Resource[]>;
  candidates?: Map<string, Resource[]>;
  anywhere?: Resource[];
  /** Lookups answered so far. */
  referrers: Map<string, Resource[]>;
  /** Position of each resource, to merge lists in resource order. */
  order?: Map<Resource, number>;
  /** `referencesOf` of the resources evaluated so far. */
  refs: Map<Resource, ReadonlySet<string>>;
}

/** Answers with nothing share this (frozen: callers filter answers, never change them). */
const NO_RESOURCES: Resource[] = Object.freeze([]) as unknown as Resource[];

export class ReferenceIndex {
  private readonly scopes = new Map<string, Scope>();

  /** Index the resources of one module build (own and module-call resources alike). */
  constructor(resources: readonly Resource[]) {
    for (const r of resources) {
      const scope = this.scope(scopeOf(r));
      scope.resources.push(r);
      if (!scope.byAddress.has(r.address)) scope.byAddress.set(r.address, r);
    }
  }

  private scope(key: string): Scope {
    let s = this.scopes.get(key);
    if (!s) {
      s = { resources: [], byAddress: new Map(), referrers: new Map(), refs: new Map() };
      this.scopes.set(key, s);
    }
    return s;
  }

  /**
   * The scope used when a lookup names none: the only scope indexed when the index was built from
   * one scope's resources (what a caller that splits by `viaModuleCall` does), else `''`.
   */
  private defaultScope(): string {
    if (this.scopes.size === 1) for (const key of this.scopes.keys()) return key;
    return '';
  }

  /**
   * Resources that refer to `address` (`aws_s3_bucket.b`, `data.x.y`, `module.m`,
   * `provider.aws.west`). `scope` is the `viaModuleCall` of the resources to search; without it,
   * the module's own resources (or the single scope the index holds).
   */
  referencesTo(address: string, scope: string = this.defaultScope()): Resource[] {
    const s = this.scopes.get(scope);
    if (!s) return NO_RESOURCES;
    const known = s.referrers.get(address);
    if (known) return known;
    if (!s.exact) this.prepare(s);
    const exact = s.exact!.get(address) ?? NO_RESOURCES;
    const confirmed: Resource[] = [];
    const check = (list: readonly Resource[]): void => {
      for (const r of list) if (r.address !== address && this.refsOf(s, r).has(address)) confirmed.push(r);
    };
    check(s.candidates!.get(address) ?? NO_RESOURCES);
    if (s.anywhere!.length) {
      check(s.anywhere!);
      confirmed.sort((a, b) => s.order!.get(a)! - s.order!.get(b)!);
    }
    const out = confirmed.length === 0 ? exact : exact.length === 0 ? confirmed : mergeInOrder(exact, confirmed, s.order!);
    s.referrers.set(address, out);
    return out;
  }

  private prepare(s: Scope): void {
    const exact = new Map<string, Resource[]>();
    const candidates = new Map<string, Resource[]>();
    const anywhere: Resource[] = [];
    const order = new Map<Resource, number>();
    for (let i = 0; i < s.resources.length; i++) {
      const r = s.resources[i];
      order.set(r, i);
      const may = mayReferOf(r);
      if (may === undefined) {
        // Evaluated here once; not kept (no candidate check asks for it again).
        for (const target of referencesOf(r)) add(exact, target, r);
      } else if (may === 'any') {
        anywhere.push(r);
      } else {
        for (const target of may) if (target !== r.address) add(candidates, target, r);
      }
    }
    s.exact = exact;
    s.candidates = candidates;
    s.anywhere = anywhere;
    s.order = order;
  }

  private refsOf(s: Scope, r: Resource): ReadonlySet<string> {
    let refs = s.refs.get(r);
    if (!refs) {
      refs = new Set(referencesOf(r));
      s.refs.set(r, refs);
    }
    return refs;
  }

  /** Resources that refer to this resource, searched in its own scope. */
  referencesToResource(resource: Resource): Resource[] {
    return this.referencesTo(resource.address, scopeOf(resource));
  }

  /** The resource at an address in a scope (first declaration if duplicated); scope as for `referencesTo`. */
  resolve(address: string, scope: string = this.defaultScope()): Resource | undefined {
    return this.scopes.get(scope)?.byAddress.get(address);
  }

  /** Resources this resource refers to that exist in its scope. */
  targetsOf(resource: Resource): Resource[] {
    const scope = this.scopes.get(scopeOf(resource));
    if (!scope) return [];
    const out: Resource[] = [];
    for (const a of referencesOf(resource)) {
      const target = scope.byAddress.get(a);
      if (target) out.push(target);
    }
    return out;
  }
}

function add(map: Map<string, Resource[]>, key: string, r: Resource): void {
  const list = map.get(key);
  if (list) list.push(r);
  else map.set(key, [r]);
}

/** Two lists of distinct resources, each in resource order, merged in that order. */
function mergeInOrder(a: readonly Resource[], b: readonly Resource[], order: ReadonlyMap<Resource, number>): Resource[] {
  const out: Resource[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(order.get(a[i])! <= order.get(b[j])! ? a[i++] : b[j++]);
  while (i < a.length) out.push(a[i++]);
  while (j < b.length) out.push(b[j++]);
  return out;
}
