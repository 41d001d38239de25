/**
 * Measurements of `npm run bench` that need a fresh process; run by `scripts/bench.ts`, print one
 * JSON line.
 *
 *   node out/scripts/benchChild.js cold CORPUS_DIR REL_PATH
 *     Cold start: from process start (Node bootstrap and loading the engine included) to the first
 *     diagnostics of one file, reading only that file's module and the local modules it calls.
 *   node --expose-gc out/scripts/benchChild.js memory FILES
 *     Memory: RSS and heap of an Engine holding a FILES-file generated workspace after analyzeAll
 *     (after a full GC), and the CPU time of that scan.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Engine } from '../server/src/engine';
import { parseHcl } from '../server/src/parsing/terraform/parser';
import { localModuleFolder, moduleIdOf } from '../server/src/terraform/module';
import { countLines } from './benchLib';
import { generateTerraformCorpus } from './genCorpus';

function cpuSinceStart(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function cold(root: string, rel: string): void {
  const engine = new Engine();
  const folders = [moduleIdOf(rel)];
  const seen = new Set(folders);
  let files = 0;
  for (let i = 0; i < folders.length; i++) {
    const folder = folders[i];
    for (const name of readdirSync(join(root, folder)).sort()) {
      if (!name.endsWith('.tf') && !name.endsWith('.tfvars')) continue;
      const path = folder === '.' ? name : `${folder}/${name}`;
      const text = readFileSync(join(root, path), 'utf8');
      engine.setFile(path, text);
      files++;
      if (!name.endsWith('.tf')) continue;
      // Local module calls: their folders are needed to evaluate this module's calls.
      for (const item of parseHcl(text).body.items) {
        if (item.type !== 'Block' || item.blockType !== 'module') continue;
        const target = localModuleFolder(folder, item);
        if (target !== undefined && !seen.has(target)) {
          seen.add(target);
          folders.push(target);
        }
      }
    }
  }
  const result = engine.fileResult(rel);
  console.log(
    JSON.stringify({
      wallMs: performance.now(),
      cpuMs: cpuSinceStart(),
      files,
      modules: folders.length,
      findings: result.findings.length,
    }),
  );
}

function memory(count: number): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  const files = generateTerraformCorpus({ files: count, seed: 42 });
  const lines = files.reduce((n, f) => n + countLines(f.text), 0);
  gc();
  const start = process.cpuUsage();
  const engine = new Engine();
  for (const f of files) engine.setFile(f.path, f.text);
  const findings = engine.analyzeAll().findings.length;
  const used = process.cpuUsage(start);
  gc();
  const m = process.memoryUsage();
  console.log(
    JSON.stringify({
      files: engine.filePaths().length,
      lines,
      findings,
      scanCpuMs: (used.user + used.system) / 1000,
      rssMb: m.rss / 1048576,
      heapUsedMb: m.heapUsed / 1048576,
    }),
  );
}

const [mode, a, b] = process.argv.slice(2);
if (mode === 'cold') cold(a, b);
else if (mode === 'memory') memory(Number(a));
else {
  console.error('usage: benchChild cold CORPUS_DIR REL_PATH | memory FILES');
  process.exit(2);
}
