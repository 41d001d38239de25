/**
 * Regex safety: every regular expression literal in server/src, run against long pathological
 * strings built from the pattern's own characters (100,000 characters of the worst repetition,
 * ending in a character that makes the match fail and backtrack). Shared by regex.test.ts and the
 * worker it runs the regexes in (regexWorker.ts), so a catastrophic pattern can be stopped.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

export interface FoundRegex {
  /** `file:line` where it is written. */
  where: string;
  source: string;
  flags: string;
}

/** Every regex literal in the TypeScript sources under `dir` (fixtures excluded), in file order. */
export function collectRegexes(root: string, dir = 'server/src'): FoundRegex[] {
  const out: FoundRegex[] = [];
  const walk = (abs: string): void => {
    for (const name of readdirSync(abs).sort()) {
      const full = join(abs, name);
      if (statSync(full).isDirectory()) {
        if (name !== 'fixtures') walk(full);
        continue;
      }
      if (!name.endsWith('.ts')) continue;
      const text = readFileSync(full, 'utf8');
      const sf = ts.createSourceFile(full, text, ts.ScriptTarget.ES2022, true);
      const visit = (node: ts.Node): void => {
        if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
          const literal = (node as ts.RegularExpressionLiteral).text;
          const end = literal.lastIndexOf('/');
          const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
          out.push({ where: `${full.slice(root.length + 1)}:${line}`, source: literal.slice(1, end), flags: literal.slice(end + 1) });
        }
        ts.forEachChild(node, visit);
      };
      visit(sf);
    }
  };
  walk(join(root, dir));
  return out;
}

/** Attack length: the issue asks for 100k characters of the worst pattern. */
export const ATTACK_LENGTH = 100_000;

/**
 * Strings that make backtracking regexes blow up: long runs of each character (and escape class
 * representative) the pattern mentions, alone and in pairs, each followed by characters that make
 * the overall match fail.
 */
export function attackStrings(source: string, length = ATTACK_LENGTH): string[] {
  const own = new Set<string>();
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      const d = source[++i];
      const rep: Record<string, string[]> = { s: [' ', '\t', '\n'], d: ['7'], w: ['x', '_'], S: ['x'], D: ['x'], W: ['!'], n: ['\n'], r: ['\r'], t: ['\t'], b: ['x'] };
      for (const r of rep[d] ?? (d === undefined ? [] : [d])) own.add(r);
    } else if (/[ -~]/.test(c)) {
      own.add(c);
    }
  }
  const units = new Set<string>([' ', '\t', '\n', 'a', '0', '-', '/', '.', '"', '{', '$', ':', '=', '#', '\u00a0', ...own]);
  // Pairs of common separators with the pattern's own characters ("a/a/a/…", " x x x…").
  for (const a of [' ', '/', '\n', '.', '-']) for (const b of own) if (a !== b) units.add(a + b);
  const tails = ['!', '\u0000', '\n!'];
  const out: string[] = [];
  for (const unit of units) {
    const body = unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
    out.push(body + tails[out.length % tails.length]);
  }
  return out;
}

/** Run one regex over the attack strings the way code uses it (test, exec, replace with g). */
export function runRegex(source: string, flags: string, strings: readonly string[]): void {
  const re = new RegExp(source, flags);
  for (const s of strings) {
    re.lastIndex = 0;
    if (flags.includes('g')) s.replace(re, '');
    else re.exec(s);
  }
}
