/**
 * Loads rule fixtures from `server/src/rules/<id>/fixtures/<format>/` and checks them against the
 * engine. A fixture is a file (`pass-*.tf`, `fail-*.yaml`, ...) or a folder (`fail-module-input/`)
 * analysed as a small workspace. Expected findings are marked by a comment containing
 * `expect: <rule-id>` on the line where the finding starts; JSON files, having no comments, list
 * 1-based line numbers in a sidecar `<file>.expect`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { TextEdit } from '../../server/src/model/types';

export interface FixtureFile {
  path: string;
  text: string;
}

export interface Fixture {
  name: string;
  kind: 'pass' | 'fail';
  format: 'terraform' | 'cloudformation';
  /** Absolute path of the fixture file or folder. */
  location: string;
  files: FixtureFile[];
  /** Golden file after applying fixes (single-file fixtures only). */
  fixed?: FixtureFile;
}

const IGNORED = /\.(expect|fixed\.[a-z]+)$|\.fixed\.|README\.md$/;

function readTree(root: string, base: string, out: FixtureFile[]): void {
  for (const name of readdirSync(root).sort()) {
    const full = join(root, name);
    if (statSync(full).isDirectory()) readTree(full, base, out);
    else if (!IGNORED.test(name)) out.push({ path: relative(base, full).split('\\').join('/'), text: readFileSync(full, 'utf8') });
  }
}

export function loadFixtures(ruleDir: string): Fixture[] {
  const fixtures: Fixture[] = [];
  for (const format of ['terraform', 'cloudformation'] as const) {
    const dir = join(ruleDir, 'fixtures', format);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      if (IGNORED.test(name)) continue;
      const kind = name.startsWith('pass') ? 'pass' : name.startsWith('fail') ? 'fail' : undefined;
      if (!kind) continue;
      const location = join(dir, name);
      const files: FixtureFile[] = [];
      let fixed: FixtureFile | undefined;
      if (statSync(location).isDirectory()) {
        readTree(location, location, files);
      } else {
        files.push({ path: name, text: readFileSync(location, 'utf8') });
        const dot = name.indexOf('.');
        const fixedName = `${name.slice(0, dot)}.fixed${name.slice(dot)}`;
        if (existsSync(join(dir, fixedName))) fixed = { path: name, text: readFileSync(join(dir, fixedName), 'utf8') };
      }
      fixtures.push({ name: `${format}/${name}`, kind, format, location, files, fixed });
    }
  }
  return fixtures;
}

/** Expected finding lines (0-based) per file path for a rule. */
export function expectedLines(fixture: Fixture, ruleId: string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const f of fixture.files) {
    const lines: number[] = [];
    if (f.path.endsWith('.json')) {
      const sidecar = statSync(fixture.location).isDirectory()
        ? join(fixture.location, `${f.path}.expect`)
        : `${fixture.location}.expect`;
      if (existsSync(sidecar)) {
        for (const l of readFileSync(sidecar, 'utf8').split('\n')) {
          const m = /^\s*(\d+)(?:\s+(\S+))?/.exec(l);
          if (m && (!m[2] || m[2] === ruleId)) lines.push(Number(m[1]) - 1);
        }
      }
    } else {
      f.text.split('\n').forEach((line, i) => {
        const re = /expect:\s*([a-z0-9-]+)/g;
        let m: RegExpExecArray | null;
        while ((m = re.exec(line))) if (m[1] === ruleId) lines.push(i);
      });
    }
    if (lines.length) out.set(f.path, lines.sort((a, b) => a - b));
  }
  return out;
}

/**
 * Apply non-overlapping edits to one file's text (later edits first). Insertions at one point keep
 * the order of the list, as in LSP clients; an edit identical to one already applied (two findings
 * declaring the same template parameter) is the same change and applies once.
 */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const seen = new Set<string>();
  const unique = edits.filter((e) => {
    const key = `${e.range.start.offset}:${e.range.end.offset}:${e.newText}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const sorted = unique.map((e, i) => ({ e, i })).sort((a, b) => b.e.range.start.offset - a.e.range.start.offset || b.i - a.i);
  let out = text;
  let lastStart = Infinity;
  for (const { e } of sorted) {
    if (e.range.end.offset > lastStart) continue; // overlapping: skip, as fix-all does
    out = out.slice(0, e.range.start.offset) + e.newText + out.slice(e.range.end.offset);
    lastStart = e.range.start.offset;
  }
  return out;
}

/**
 * Apply edits the way LSP clients do: none may overlap, and insertions at the same point appear in
 * the order of the array (fix-all relies on that when several fixes add resources after a block).
 */
export function applyEditsInOrder(text: string, edits: readonly TextEdit[]): string {
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => b.e.range.start.offset - a.e.range.start.offset || b.i - a.i);
  let out = text;
  let lastStart = Infinity;
  for (const { e } of sorted) {
    if (e.range.end.offset > lastStart) throw new Error(`overlapping edits at offset ${e.range.start.offset}`);
    out = out.slice(0, e.range.start.offset) + e.newText + out.slice(e.range.end.offset);
    lastStart = e.range.start.offset;
  }
  return out;
}
