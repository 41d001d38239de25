/**
 * Measurements of `npm run bench` that need a fresh process; run by `scripts/bench.ts`, print one
 * JSON line. (The cold start, (d), is `scripts/benchCold.ts`.)
 *
 *   node --expose-gc out/scripts/benchChild.js memory FILES
 *     Memory: RSS and heap of an Engine holding a FILES-file generated workspace after analyzeAll
 *     (after a full GC), and the CPU time of that scan.
 */
import { Engine } from '../server/src/engine';
import { countLines } from './benchLib';
import { generateTerraformCorpus } from './genCorpus';

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

const [mode, a] = process.argv.slice(2);
if (mode === 'memory') memory(Number(a));
else {
  console.error('usage: benchChild memory FILES');
  process.exit(2);
}
