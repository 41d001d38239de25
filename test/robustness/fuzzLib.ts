/**
 * The fuzzer's core, shared by `scripts/fuzz.ts` (long runs) and `test/robustness/fuzz.test.ts`
 * (a short run with a fixed seed in the unit suite): the seed corpus, seeded mutators and the
 * checks one input goes through.
 *
 * Input `i` of seed `s` depends only on `(s, i)`, so any input can be regenerated from its number.
 * Checks: `parseHcl`, `parseCloudFormation` and the whole Engine (setFile + analyzeAll) never
 * throw; no rule throws (the engine contains that as a `rule-error` problem, which still counts
 * here); every fix returned, applied to a file that parsed cleanly, gives a file that still parses
 * cleanly.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Engine } from '../../server/src/engine';
import type { TextEdit } from '../../server/src/model/types';
import { parseCloudFormation } from '../../server/src/parsing/cloudformation/parse';
import { parseHcl } from '../../server/src/parsing/terraform/parser';

export interface SeedFile {
  path: string;
  text: string;
}

export interface FuzzInput {
  /** Path given to the engine (its extension decides the parser). */
  path: string;
  text: string;
  /** Mutators applied, for the report. */
  mutators: string[];
  /** Whether this input also goes through the whole Engine (parsers always run). */
  engine: boolean;
}

export interface FuzzFailure {
  kind: 'crash' | 'rule-error' | 'fix-breaks-parse';
  target: string;
  message: string;
}

const EXTENSIONS = ['.tf', '.tfvars', '.yaml', '.yml', '.json', '.template'];

/** Seed files: rule fixtures, the Terraform test corpus and the examples (sorted, deterministic). */
export function loadSeedCorpus(root: string): SeedFile[] {
  const out: SeedFile[] = [];
  const walk = (dir: string): void => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of names) {
      if (name === 'node_modules' || name === '.terraform' || name.startsWith('.')) continue;
      const abs = join(dir, name);
      const st = statSync(abs);
      if (st.isDirectory()) walk(abs);
      else if (st.size < 256 * 1024 && EXTENSIONS.some((e) => name.endsWith(e))) {
        out.push({ path: abs.slice(root.length + 1).split('\\').join('/'), text: readFileSync(abs, 'utf8') });
      }
    }
  };
  for (const rule of readdirSync(join(root, 'server/src/rules')).sort()) walk(join(root, 'server/src/rules', rule, 'fixtures'));
  walk(join(root, 'test/corpus'));
  walk(join(root, 'examples'));
  return out;
}

/** mulberry32, seeded from (seed, index) so every input is reproducible on its own. */
export class Rng {
  private s: number;
  constructor(seed: number, index = 0) {
    let h = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 0x632be5ab, 0xc2b2ae35)) >>> 0;
    h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
    this.s = (h ^ (h >>> 15)) >>> 0;
  }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** Characters that matter to the HCL and YAML grammars, plus troublesome code units. */
const INTERESTING = [
  '{', '}', '[', ']', '(', ')', '"', "'", '$', '%', '~', '\n', '\r', '\t', '\\', '#', '/', '*', '<', '-', '=', ':', '!',
  '&', '|', ',', '.', '?', '>', '@', '`', ' ', '\u0000', '\ufffd', '\ud800', '\udc00', '\u2028', '\ufeff', 'é', '😀',
  '${', '%{', '<<EOT\n', '<<-EOT\n', '\nEOT\n', '*/', '/*', '!Ref ', '!Sub ', '!GetAtt ', '!If ', '&a ', '*a', '---\n', '...\n',
  '? ', '- ', '|\n', '>-\n',
];

const YAML_TAGS = ['!Ref', '!Sub', '!GetAtt', '!If', '!Join', '!Select', '!Split', '!FindInMap', '!Equals', '!Not', '!And', '!Or', '!Base64', '!Cidr', '!GetAZs', '!ImportValue', '!Condition', '!Transform', '!Unknown', '!!str', '!!map', '!!seq', '!!binary', '!<tag:yaml.org,2002:str>'];

type Mutator = (text: string, rng: Rng, other: () => string, ext: string) => string;

function at(text: string, rng: Rng): number {
  return rng.int(text.length + 1);
}

const MUTATORS: Record<string, Mutator> = {
  flip: (t, rng) => {
    let s = t;
    const n = 1 + rng.int(8);
    for (let k = 0; k < n; k++) {
      const i = at(s, rng);
      const c = rng.chance(0.7) ? rng.pick(INTERESTING) : String.fromCharCode(rng.int(0x10000));
      s = s.slice(0, i) + c + s.slice(i + (rng.chance(0.5) ? 1 : 0));
    }
    return s;
  },
  truncate: (t, rng) => t.slice(0, at(t, rng)),
  deleteRange: (t, rng) => {
    const a = at(t, rng);
    const b = Math.min(t.length, a + rng.int(200));
    return t.slice(0, a) + t.slice(b);
  },
  splice: (t, rng, other) => {
    const o = other();
    return t.slice(0, at(t, rng)) + o.slice(at(o, rng));
  },
  duplicate: (t, rng) => {
    const a = at(t, rng);
    const b = Math.min(t.length, a + rng.int(400));
    const i = at(t, rng);
    const region = t.slice(a, b).repeat(1 + rng.int(rng.chance(0.1) ? 200 : 4));
    return t.slice(0, i) + region + t.slice(i);
  },
  nesting: (t, rng, _o, ext) => {
    const depth = rng.chance(0.2) ? 5000 + rng.int(15000) : 10 + rng.int(600);
    const hcl = ext === '.tf' || ext === '.tfvars';
    const kinds = hcl
      ? [['[', ']'], ['{ a = ', ' }'], ['(', ')'], ['f(', ')'], ['"${', '}"'], ['a = { a = ', ' }\n'], ['x {\n', '}\n'], ['!', ''], ['-', ''], ['a ? ', ' : b']]
      : [['[', ']'], ['{"a": ', '}'], ['- ', ''], ['a:\n  ', ''], ['!Sub ', ''], ['{Fn::Join: [x, [', ']]}']];
    const [open, close] = rng.pick(kinds);
    const nest = open.repeat(depth) + (rng.chance(0.5) ? '1' : '') + (rng.chance(0.7) ? close.repeat(depth) : '');
    const i = at(t, rng);
    return t.slice(0, i) + nest + t.slice(i);
  },
  hugeToken: (t, rng) => {
    const size = rng.chance(0.3) ? 1 << 20 : 1000 + rng.int(50000);
    const kind = rng.int(5);
    const body = 'a'.repeat(size);
    const token = kind === 0 ? `"${body}"` : kind === 1 ? body : kind === 2 ? '9'.repeat(size) : kind === 3 ? `# ${body}\n` : `/* ${body}`;
    const i = at(t, rng);
    return t.slice(0, i) + token + t.slice(i);
  },
  invalidUtf8: (t, rng) => {
    const buf = Buffer.from(t, 'utf8');
    const bad = [0x80, 0xbf, 0xc0, 0xc1, 0xe0, 0xed, 0xf0, 0xf4, 0xf5, 0xff, 0x00, 0xfe];
    const parts: Buffer[] = [];
    let last = 0;
    const n = 1 + rng.int(10);
    const cuts = Array.from({ length: n }, () => rng.int(buf.length + 1)).sort((a, b) => a - b);
    for (const c of cuts) {
      parts.push(buf.subarray(last, c), Buffer.from([rng.pick(bad), rng.pick(bad)].slice(0, 1 + rng.int(2))));
      last = c;
    }
    parts.push(buf.subarray(last));
    return Buffer.concat(parts).toString('utf8');
  },
  lineEndings: (t, rng) => {
    const k = rng.int(3);
    if (k === 0) return t.replace(/\n/g, '\r\n');
    if (k === 1) return t.replace(/\n/g, '\r');
    return t.replace(/\n/g, () => rng.pick(['\n', '\r\n', '\r', '\n\r']));
  },
  lines: (t, rng) => {
    const lines = t.split('\n');
    const n = 1 + rng.int(4);
    for (let k = 0; k < n && lines.length > 1; k++) {
      const a = rng.int(lines.length);
      const b = rng.int(lines.length);
      if (rng.chance(0.5)) [lines[a], lines[b]] = [lines[b], lines[a]];
      else lines.splice(a, 1);
    }
    return lines.join('\n');
  },
  indent: (t, rng) => t.replace(/\n( *)/g, (_m, s: string) => '\n' + (rng.chance(0.1) ? ' '.repeat(rng.int(12)) : s)),
  aliasBomb: (t, rng) => {
    const levels = 5 + rng.int(6);
    const width = 5 + rng.int(6);
    const lines = [`a0: &a0 [${Array(width).fill('"lol"').join(', ')}]`];
    for (let l = 1; l < levels; l++) lines.push(`a${l}: &a${l} [${Array(width).fill(`*a${l - 1}`).join(', ')}]`);
    const bomb = lines.join('\n') + '\n';
    if (rng.chance(0.5)) return bomb + t;
    // Inside a resource: `Properties: *aN` makes the model walk the expansion.
    return t.replace(/Properties:/, `Properties: *a${levels - 1}\n  X:`) + '\n' + bomb;
  },
  tagSoup: (t, rng) =>
    t.replace(/: /g, (m) => (rng.chance(0.3) ? `: ${rng.pick(YAML_TAGS)} ` : m)).replace(/- /g, (m) => (rng.chance(0.2) ? `- ${rng.pick(YAML_TAGS)} ` : m)),
  anchors: (t, rng) => t.replace(/: /g, (m) => (rng.chance(0.1) ? `: &x${rng.int(4)} ` : rng.chance(0.05) ? `: *x${rng.int(4)}\n# ` : m)),
};

const HCL_MUTATORS = ['flip', 'flip', 'truncate', 'deleteRange', 'splice', 'duplicate', 'nesting', 'hugeToken', 'invalidUtf8', 'lineEndings', 'lines', 'indent'];
const YAML_MUTATORS = [...HCL_MUTATORS, 'aliasBomb', 'tagSoup', 'anchors'];

function extOf(path: string): string {
  const e = EXTENSIONS.find((x) => path.endsWith(x));
  return e ?? '';
}

/** Input `index` of a run with `seed`. `engineEvery`: one input in that many also runs the Engine. */
export function makeInput(seeds: readonly SeedFile[], seed: number, index: number, engineEvery = 4): FuzzInput {
  const rng = new Rng(seed, index);
  const base = rng.pick(seeds);
  let path = base.path;
  // Now and then the same text under another extension (HCL parsed as YAML and the reverse).
  if (rng.chance(0.05)) path = path.replace(/\.[a-z]+$/, rng.pick(EXTENSIONS));
  const ext = extOf(path);
  const pool = ext === '.tf' || ext === '.tfvars' ? HCL_MUTATORS : YAML_MUTATORS;
  let text = base.text;
  const mutators: string[] = [];
  const rounds = 1 + rng.int(rng.chance(0.2) ? 6 : 3);
  for (let r = 0; r < rounds; r++) {
    let name = rng.pick(pool);
    // Expensive mutators (megabytes of text) are kept rare so a run covers many inputs.
    if ((name === 'hugeToken' || name === 'nesting') && !rng.chance(0.25)) name = 'flip';
    mutators.push(name);
    text = MUTATORS[name](text, rng, () => rng.pick(seeds).text, ext);
    if (text.length > 4 * 1024 * 1024) text = text.slice(0, 4 * 1024 * 1024);
  }
  return { path: `fuzz/${path.split('/').pop()}`, text, mutators, engine: index % engineEvery === 0 };
}

/**
 * Unmutated files analysed beside an engine input (same folder, so module building, references
 * across files and module calls are exercised): two seeds of the same format family, renamed to
 * their base names, none named like the input or each other.
 */
export function companionsFor(seeds: readonly SeedFile[], inputPath: string, index: number): SeedFile[] {
  const hcl = inputPath.endsWith('.tf') || inputPath.endsWith('.tfvars');
  const family = seeds.filter((s) => (s.path.endsWith('.tf') || s.path.endsWith('.tfvars')) === hcl);
  if (family.length === 0) return [];
  const names = new Set([inputPath.split('/').pop()]);
  const out: SeedFile[] = [];
  for (const s of [family[(index * 7919) % family.length], family[(index * 104729 + 13) % family.length]]) {
    const name = s.path.split('/').pop()!;
    if (names.has(name)) continue;
    names.add(name);
    out.push({ path: name, text: s.text });
  }
  return out;
}

function message(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}\n${(e.stack ?? '').split('\n').slice(1, 6).join('\n')}` : String(e);
}

/** Top-level blocks whose labels Terraform requires to be identifiers (how many of them). */
const NAMED_BLOCKS: Record<string, number> = { resource: 2, data: 2, module: 1, variable: 1, output: 1, provider: 1 };
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * Whether a file parses without syntax errors (the file's own parser) and, for Terraform, names its
 * resources with identifiers: our parser accepts `resource "t" "a?b"`, Terraform does not, and a
 * fix that refers to such a resource (`t.a?b.id`) cannot be written.
 */
function parsesCleanly(path: string, text: string): boolean {
  if (path.endsWith('.tf') || path.endsWith('.tfvars')) {
    const file = parseHcl(text);
    if (file.errors.length > 0) return false;
    for (const item of file.body.items) {
      if (item.type !== 'Block') continue;
      const named = NAMED_BLOCKS[item.blockType] ?? 0;
      for (let i = 0; i < named && i < item.labels.length; i++) if (!IDENTIFIER.test(item.labels[i].value)) return false;
    }
    return true;
  }
  return !parseCloudFormation(path, text).problems.some((p) => p.severity === 'error');
}

/**
 * Apply edits of one file as LSP does: ranges refer to the original text, edits at the same
 * position keep their order. Applied from the end, so the later of two edits at one position first.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = edits
    .map((e, i) => ({ e, i }))
    .sort((a, b) => b.e.range.start.offset - a.e.range.start.offset || b.e.range.end.offset - a.e.range.end.offset || b.i - a.i);
  let out = text;
  for (const { e } of sorted) out = out.slice(0, e.range.start.offset) + e.newText + out.slice(e.range.end.offset);
  return out;
}

/**
 * Run every check on one input; returns the failures (empty when all is well). `companions` (see
 * `companionsFor`) are put beside the input in the engine, in the same folder.
 */
export function checkInput(input: Pick<FuzzInput, 'path' | 'text' | 'engine'>, companions: readonly SeedFile[] = []): FuzzFailure[] {
  return checkInputTimed(input, companions).failures;
}

/** Messages of internal failures the parsers and the engine catch and report as problems. */
const INTERNAL = /^Internal (?:parser )?error|could not build a model/;

/** Fixes re-parsed per input at most (each re-parse costs a whole file's parse). */
const MAX_FIXES_CHECKED = 40;

function cpuNow(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * `checkInput`, also measuring the CPU time of what TrustLint itself does with the input (parse and
 * analysis), apart from the time this check spends re-parsing fixed files: only the former can
 * hang an editor.
 */
export function checkInputTimed(
  input: Pick<FuzzInput, 'path' | 'text' | 'engine'>,
  companions: readonly SeedFile[] = [],
): { failures: FuzzFailure[]; productMs: number } {
  const failures: FuzzFailure[] = [];
  const started = cpuNow();
  let productMs = 0;
  const { path, text } = input;
  const hcl = path.endsWith('.tf') || path.endsWith('.tfvars');
  if (!input.engine) {
    // The parsers alone. (Engine inputs skip this: the engine parses them itself, and a second
    // parse would double the time measured for the hang check.)
    try {
      const messages = hcl ? parseHcl(text).errors.map((e) => e.message) : parseCloudFormation(path, text).problems.map((p) => p.message);
      for (const m of messages) if (INTERNAL.test(m)) failures.push({ kind: 'crash', target: hcl ? 'parseHcl' : 'parseCloudFormation', message: `contained: ${m}` });
    } catch (e) {
      failures.push({ kind: 'crash', target: hcl ? 'parseHcl' : 'parseCloudFormation', message: message(e) });
    }
    return { failures, productMs: cpuNow() - started };
  }
  let engine: Engine;
  try {
    engine = new Engine({ today: '2026-01-01' });
    engine.setFile(path, text);
    const dir = path.slice(0, path.lastIndexOf('/') + 1);
    for (const c of companions) engine.setFile(dir + c.path, c.text);
    const result = engine.analyzeAll();
    productMs = cpuNow() - started;
    for (const p of result.problems) {
      if (p.kind === 'rule-error') failures.push({ kind: 'rule-error', target: 'engine', message: p.message });
      else if (INTERNAL.test(p.message)) failures.push({ kind: 'crash', target: 'engine', message: `contained: ${p.message}` });
    }
    const checked = new Set<string>();
    const clean = new Map<string, boolean>();
    for (const f of result.findings) {
      for (const fix of f.fixes) {
        const byFile = new Map<string, TextEdit[]>();
        for (const e of fix.edits) {
          const list = byFile.get(e.file) ?? [];
          list.push(e);
          byFile.set(e.file, list);
        }
        for (const [file, edits] of byFile) {
          const original = engine.fileText(file);
          if (original === undefined) continue;
          const key = `${file}\u0000${JSON.stringify(edits.map((e) => [e.range.start.offset, e.range.end.offset, e.newText]))}`;
          if (checked.has(key) || checked.size >= MAX_FIXES_CHECKED) continue;
          checked.add(key);
          let originalClean = clean.get(file);
          if (originalClean === undefined) clean.set(file, (originalClean = parsesCleanly(file, original)));
          if (!originalClean) continue;
          const fixed = applyEdits(original, edits);
          if (!parsesCleanly(file, fixed)) {
            failures.push({ kind: 'fix-breaks-parse', target: `${f.ruleId}: ${fix.title}`, message: `fix of ${f.ruleId} on ${file} gives a file with syntax errors` });
          }
        }
      }
    }
  } catch (e) {
    failures.push({ kind: 'crash', target: 'engine', message: message(e) });
    productMs = cpuNow() - started;
  }
  return { failures, productMs };
}
