import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Attribute, Range, Resource, Value } from '../../server/src/model/types';
import { parseHcl } from '../../server/src/parsing/terraform/parser';
import { buildModule, type BuildOptions, type TerraformModule, type TerraformSourceFile } from '../../server/src/terraform';

/** A workspace from `path -> text`, every file parsed. */
export function workspace(files: Record<string, string>): Map<string, TerraformSourceFile> {
  const out = new Map<string, TerraformSourceFile>();
  for (const [path, text] of Object.entries(files)) out.set(path, { path, text, ast: parseHcl(text) });
  return out;
}

/** Every `.tf`/`.tfvars` file under a folder, parsed, keyed by path relative to it. */
export function loadTerraformDir(root: string): Map<string, TerraformSourceFile> {
  const out = new Map<string, TerraformSourceFile>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.tf') || name.endsWith('.tfvars')) {
        const path = relative(root, full).split('\\').join('/');
        const text = readFileSync(full, 'utf8');
        out.set(path, { path, text, ast: parseHcl(text) });
      }
    }
  };
  walk(root);
  return out;
}

/** Build a module of a workspace given as `path -> text`. */
export function build(files: Record<string, string>, moduleId = '.', options?: BuildOptions): TerraformModule {
  return buildModule(moduleId, workspace(files), options);
}

/** Build the root module of a single `main.tf`. */
export function buildMain(text: string): TerraformModule {
  return build({ 'main.tf': text });
}

export function resource(mod: TerraformModule, address: string, via?: string): Resource {
  const r = mod.resources.find((x) => x.address === address && x.viaModuleCall === via);
  assert.ok(r, `no resource ${address}${via ? ` via ${via}` : ''} in [${mod.resources.map((x) => `${x.viaModuleCall ?? ''}:${x.address}`).join(', ')}]`);
  return r;
}

export function attribute(r: Resource, name: string): Attribute {
  const a = r.body.attributes.find((x) => x.name === name);
  assert.ok(a, `no attribute ${name} on ${r.address}`);
  return a;
}

/** Value of an attribute of a resource. */
export function valueOf(mod: TerraformModule, address: string, name: string, via?: string): Value {
  return attribute(resource(mod, address, via), name).value;
}

/** `locals { v = <expr> }` plus extra declarations, evaluated: the value of `local.v` in an output-free resource. */
export function evalExpr(expr: string, extra = ''): Value {
  const mod = buildMain(`${extra}\nresource "t" "r" {\n  v = ${expr}\n}\n`);
  return valueOf(mod, 't.r', 'v');
}

/** A value with ranges, files and refs stripped: easy to compare. */
export function plain(v: Value): unknown {
  switch (v.kind) {
    case 'string':
    case 'number':
    case 'bool':
      return v.value;
    case 'null':
      return null;
    case 'list':
      return v.items.map(plain);
    case 'object':
      return Object.fromEntries(v.entries.map((e) => [e.key, plain(e.value)]));
    case 'unknown':
      return '<unknown>';
  }
}

export function text(source: string, range: Range): string {
  return source.slice(range.start.offset, range.end.offset);
}

export function sortedRefs(v: Value): string[] {
  return [...(v.refs ?? [])].sort();
}
