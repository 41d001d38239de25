/**
 * Cold start for `npm run bench` (d): from process start (Node bootstrap and loading the engine
 * included) to the first diagnostics of one file, reading only that file's module and the local
 * modules it calls. Prints one JSON line.
 *
 *   node <bundle of this file> CORPUS_DIR REL_PATH
 *
 * `scripts/bench.ts` runs it as an esbuild bundle, like the shipped language server
 * (`dist/server.js`): loading the engine from the many files tsc emits costs about 200 ms of CPU
 * that users never pay. It imports nothing the cold path does not need (the corpus generator,
 * for one, is not loaded).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Engine } from '../server/src/engine';
import { moduleIdOf } from '../server/src/terraform/module';

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
      engine.setFile(path, readFileSync(join(root, path), 'utf8'));
      files++;
      // Local module calls, from the engine's own parse: their folders are needed to evaluate
      // this module's calls.
      for (const target of engine.localModuleCalls(path)) {
        if (seen.has(target)) continue;
        seen.add(target);
        folders.push(target);
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

const [root, rel] = process.argv.slice(2);
if (root === undefined || rel === undefined) {
  console.error('usage: benchCold CORPUS_DIR REL_PATH');
  process.exit(2);
}
cold(root, rel);
