/**
 * Differential test of our HCL parser against HashiCorp's (via @cdktf/hcl2json, HCL compiled to
 * WASM): for every Terraform file of the corpus, generated stress files and hand-written edge
 * cases, our tree projected to hcl2json's JSON must equal hcl2json's output, and our parser must
 * report no syntax errors. Mismatches are reported by file name and JSON path.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseHcl } from '../../server/src/parsing/terraform/parser';
import { toHcl2Json } from '../../server/src/parsing/terraform/toHcl2Json';
import { repoRoot } from '../util/paths';
import { generateStressFiles } from './stressGen';

// Loaded with require and a local type: the package's own typings pull in the DOM lib.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const hcl2json = (require('@cdktf/hcl2json') as { parse(fileName: string, text: string): Promise<unknown> }).parse;

interface Source {
  name: string;
  text: string;
  /** Generated or hand-written: hcl2json must accept it (a rejection is a bug in the test data). */
  mustBeValid: boolean;
}

/** Small inputs for the converter's and HCL's less obvious rules, found while building this. */
const EDGE_CASES: Array<[string, string]> = [
  ['escapes', 'a = "$${x} %%{y} \\u0024{z} \\n\\t\\"\\\\ \\u00e9 \\U0001F600 $ % $$ $$${q}"\n'],
  ['nfc', 'a = "e\u0301 \\u0065\\u0301"\nb = <<EOT\ne\u0301\nEOT\nr "e\u0301" {}\nc = { "e\u0301" = 1 }\n'],
  ['numbers', 'a = [1, 1.50, 1e3, 1E+2, 2.5e-3, 007, 12345678901234567890123, 0.1, -0, - 1]\nb = "${1.50}${1e3}"\nc = { 1e3 = 1, 01 = 2 }\n'],
  ['unary folding', 'a = -1\nb = !true\nc = -x\nd = !x\ne = -(1)\nf = [-1.5, !false]\n'],
  ['wrapped templates', 'a = "${1}"\nb = "${"s"}"\nc = "${[1, 2]}"\nd = "${{ k = 1 }}"\ne = "${x}"\nf = "${ x }"\ng = "${a ? b : c}"\nh = "${null}"\n'],
  ['template parts', 'a = "x${a ? "y" : 1}"\nb = "a${null}b${true}"\nc = "${x}${y}"\nd = "${~ x ~}   y"\ne = "${x~}\\n  y"\n'],
  ['directives', 'a = "%{ if c }${null}%{ endif }"\nb = "%{ if c }x%{ else }${null}%{ endif }"\nc = "%{ if c }%{ else }b%{ endif }"\nd = "%{ if c }a%{ else }%{ endif }"\ne = "x%{ if c }%{ if d }${null}%{ endif }%{ endif }"\nf = "%{ for k, v in m ~}\n${k}=${v}\n%{~ endfor }"\n'.replace(/\n(?=[^a-f])/g, '\\n')],
  ['heredoc strip markers', 'a = <<EOT\n  tab${x~}\n    next\nEOT\nb = <<-EOT\n    [s]\n    %{ for p in ps ~}\n    l = ${p}\n    %{ endfor ~}\n    end\n  EOT\nc = <<EOT\nx\n   ${~y}\nEOT\n'],
  ['heredoc indentation', 'a = <<-EOT\n\t  x\n  \ty\n  EOT\nb = <<-EOT\n  x\n \n  y\n  EOT\nc = <<-EOT\n  x\n    \n  y\n  EOT\nd = <<-EOT\n  ${x} a\n    b\n  EOT\ne = <<EOT\nEOT\nf = <<EOT\r\nhi\r\nEOT\r\n'],
  ['object keys', 'o = { a = 1, "b" = 2, (c) = 3, d.e = 4, null = 5, true = 6, "k${x}" = 7, f[0] = 8, f[x] = 9, f["k"] = 10, -1 = 11, "${y}" = 12, g.0 = 13 }\n'],
  ['splats and traversals', 'a = x[*].id[0]\nb = a.*.b.c\nc = foo(x)[0].y\nd = x.y[*]\ne = x.*[*]\nf = x[*][*]\ng = x.*.b[0].*\nh = (x.*.b).*\ni = x.0.y\n'],
  ['calls', 'a = provider::aws::arn_parse(x)\nb = f(a...)\nc = f(\n  a, # c\n  b /* c */\n)\nd = f()\n'],
  ['comments in expressions', 'a = [\n  # leading\n  1, // one\n  /* two */ 2,\n]\nb = a /* c */ + b\nc = a // c\nd = a # c\n'],
  ['blocks', 'a "x" b { }\nc { d = 1 }\ne "f" {\n  g {\n  }\n  g {\n    h = 1\n  }\n}\n'],
  ['types are expressions', 'a = list(string)\nb = map(object({ a = string, b = optional(number, 1) }))\nc = setting.x\n'],
  ['number tokens', 'a = 1.e5\nb = [1.E+5, 2.e-1]\nc = "${1.e5}"\nd = x.1e3\ne = 1.e\nf = x.0.y\n'],
  ['heredoc markers', 'a = <<EOT\n${x}EOT\nEOT\nb = <<EOT\n  EOT  x\nEOT\nc = <<EOT\n$${x}$$\n%%%%{y}%%\nEOT\nd = <<-EOT\n\n\n  x\n\n  EOT\ne = <<-EOT\n  a ${~ x}\n    b\n  EOT\n'],
  ['dollars and percents', 'a = "a%b%"\nb = "%"\nc = "${x}%"\nd = "$"\ne = "${x}$"\nf = "%%{ for x in y ~}\\n  ${x}%%{ endfor }"\n'],
];

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else if (name.endsWith('.tf')) out.push(full);
  }
}

function sources(): Source[] {
  const root = repoRoot();
  const out: Source[] = [];
  const corpus = join(root, 'test', 'corpus', 'terraform');
  if (existsSync(corpus)) {
    const files: string[] = [];
    walk(corpus, files);
    for (const f of files) out.push({ name: relative(root, f).split('\\').join('/'), text: readFileSync(f, 'utf8'), mustBeValid: false });
  }
  for (const g of generateStressFiles()) out.push({ name: g.name, text: g.text, mustBeValid: true });
  for (const [name, text] of EDGE_CASES) out.push({ name: `edge-case/${name}.tf`, text, mustBeValid: true });
  return out;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** JSON paths where `ours` and `ref` differ (at most `limit`). */
function jsonDiff(ours: unknown, ref: unknown, path: string, out: string[], limit = 10): void {
  if (out.length >= limit) return;
  const show = (v: unknown): string => {
    const s = JSON.stringify(v);
    return s === undefined ? 'undefined' : s.length > 200 ? s.slice(0, 200) + '…' : s;
  };
  const kind = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
  if (kind(ours) !== kind(ref)) {
    out.push(`${path}: ours ${show(ours)}, hcl2json ${show(ref)}`);
    return;
  }
  if (Array.isArray(ours) && Array.isArray(ref)) {
    if (ours.length !== ref.length) out.push(`${path}: ours has ${ours.length} items, hcl2json ${ref.length}`);
    for (let i = 0; i < Math.min(ours.length, ref.length); i++) jsonDiff(ours[i], ref[i], `${path}[${i}]`, out, limit);
    return;
  }
  if (kind(ours) === 'object') {
    const a = ours as { [k: string]: Json };
    const b = ref as { [k: string]: Json };
    for (const k of Object.keys(b)) {
      if (!Object.prototype.hasOwnProperty.call(a, k)) out.push(`${path}.${k}: missing in ours`);
      else jsonDiff(a[k], b[k], `${path}.${JSON.stringify(k).slice(1, -1)}`, out, limit);
    }
    for (const k of Object.keys(a)) if (!Object.prototype.hasOwnProperty.call(b, k)) out.push(`${path}.${k}: extra in ours`);
    return;
  }
  if (!Object.is(ours, ref)) out.push(`${path}: ours ${show(ours)}, hcl2json ${show(ref)}`);
}

describe('HCL parser vs hcl2json (differential)', function () {
  // hcl2json runs at ~13k lines/s after a one-off WASM start-up.
  this.timeout(120_000);
  const all = sources();

  it('has a corpus to compare', () => {
    assert.ok(all.length > 20, `${all.length} files`);
  });

  for (const src of all) {
    it(src.name, async () => {
      let ref: unknown;
      try {
        ref = await hcl2json(src.name, src.text);
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        if (src.mustBeValid) assert.fail(`hcl2json rejects generated input: ${message}`);
        if (message.startsWith('parse config')) {
          // Invalid HCL in the corpus: we must flag it too.
          assert.ok(parseHcl(src.text).errors.length > 0, `hcl2json reports a syntax error we miss: ${message}`);
          return;
        }
        // A conversion (not syntax) failure in hcl2json: nothing to compare against.
        return;
      }
      const file = parseHcl(src.text);
      assert.deepEqual(
        file.errors.map((e) => `${src.name}:${e.range.start.line + 1}:${e.range.start.character + 1}: ${e.message}`),
        [],
        'our parser reports no errors on a file hcl2json accepts',
      );
      const diffs: string[] = [];
      jsonDiff(toHcl2Json(file, src.text), ref, '$', diffs);
      assert.ok(diffs.length === 0, `${src.name}: JSON differs from hcl2json at\n  ${diffs.join('\n  ')}`);
    });
  }
});
