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
 * blocks are not in the model, but what they reference is still a dependency).
 */
const hiddenRefs = new WeakMap<Resource, readonly string[]>();

/** Record refs found in parts of a resource the model does not represent (dynamic blocks). */
export function setHiddenRefs(resource: Resource, refs: readonly string[]): void {
  if (refs.length) hiddenRefs.set(resource, refs);
}

/** Every address a resource refers to (deep over attributes, nested blocks and dynamic blocks). */
export function referencesOf(resource: Resource): string[] {
  const set = new Set<string>();
  collectBody(resource.body, set);
  const hidden = hiddenRefs.get(resource);
  if (hidden) for (const r of hidden) set.add(r);
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
  byAddress: Map<string, Resource>;
  referrers: Map<string, Resource[]>;
}

export class ReferenceIndex {
  private readonly scopes = new Map<string, Scope>();

  /** Index the resources of one module build (own and module-call resources alike). */
  constructor(resources: readonly Resource[]) {
    for (const r of resources) {
      const scope = this.scope(scopeOf(r));
      if (!scope.byAddress.has(r.address)) scope.byAddress.set(r.address, r);
    }
    for (const r of resources) {
      const scope = this.scope(scopeOf(r));
      for (const target of referencesOf(r)) {
        const list = scope.referrers.get(target);
        if (list) list.push(r);
        else scope.referrers.set(target, [r]);
      }
    }
  }

  private scope(key: string): Scope {
    let s = this.scopes.get(key);
    if (!s) {
      s = { byAddress: new Map(), referrers: new Map() };
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
    return this.scopes.get(scope)?.referrers.get(address) ?? [];
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
