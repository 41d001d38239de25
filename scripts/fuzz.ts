/**
 * `npm run fuzz -- --seconds N [--seed S] [--max N] [--engine-every K] [--start I]`
 *
 * Mutates the fixture corpus (rule fixtures, test/corpus, examples) and feeds every input to
 * parseHcl / parseCloudFormation, and one input in K (default 4) to the whole Engine with every fix
 * applied and re-parsed (see test/robustness/fuzzLib.ts). Deterministic per seed: input i of seed S
 * is always the same text.
 *
 * The inputs run in a worker thread; the main thread is a watchdog. An input taking more than
 * --hang-ms (default 2000 ms of CPU time, re-run once to rule out a GC spike) is a hang; a
 * worker silent for --kill-ms (default 30000, wall time) is terminated, its input recorded as a hang, and a new
 * worker continues with the next input. Every crash, rule error, broken fix or hang is written to
 * test/robustness/regressions/ (picked up by the regression test) and the run exits 1.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { checkInputTimed, companionsFor, loadSeedCorpus, makeInput, type FuzzFailure, type SeedFile } from '../test/robustness/fuzzLib';

const ROOT = join(__dirname, '..', '..');

interface Options {
  seconds: number;
  seed: number;
  max: number;
  engineEvery: number;
  start: number;
  hangMs: number;
  killMs: number;
}

type WorkerMessage =
  | { type: 'begin'; index: number }
  | { type: 'done'; index: number; ms: number; failures: FuzzFailure[]; slow: boolean; path: string; mutators: string[]; engine: boolean; bytes: number };

function options(): Options {
  const a = process.argv.slice(2);
  const num = (name: string, fallback: number): number => {
    const i = a.indexOf(`--${name}`);
    return i >= 0 ? Number(a[i + 1]) : fallback;
  };
  return {
    seconds: num('seconds', 60),
    seed: num('seed', Date.now() % 100000),
    max: num('max', Number.MAX_SAFE_INTEGER),
    engineEvery: num('engine-every', 4),
    start: num('start', 0),
    hangMs: num('hang-ms', 2000),
    killMs: num('kill-ms', 30000),
  };
}

function workerMain(): void {
  const { opts, from } = workerData as { opts: Options; from: number };
  const seeds = loadSeedCorpus(ROOT);
  const deadline = performance.now() + opts.seconds * 1000;
  for (let i = from; i < opts.max && performance.now() < deadline; i++) {
    parentPort!.postMessage({ type: 'begin', index: i } satisfies WorkerMessage);
    const input = makeInput(seeds, opts.seed, i, opts.engineEvery);
    const companions = input.engine ? companionsFor(seeds, input.path, i) : [];
    // CPU time of TrustLint's own work on the input (not of re-parsing fixed files), not wall
    // time: the machine may be loaded, and the main thread only waits.
    let { failures, productMs: ms } = checkInputTimed(input, companions);
    let slow = false;
    if (ms > opts.hangMs) {
      // Only a second slow run counts (a GC of an earlier input's garbage can land on this one).
      ({ failures, productMs: ms } = checkInputTimed(input, companions));
      slow = ms > opts.hangMs;
    }
    parentPort!.postMessage({
      type: 'done',
      index: i,
      ms,
      failures,
      slow,
      path: input.path,
      mutators: input.mutators,
      engine: input.engine,
      bytes: input.text.length,
    } satisfies WorkerMessage);
  }
}

/**
 * Write a failing input as a regression case: a folder with the input file (named as the engine saw
 * it), the unmutated companion files it was analysed with, and `case.json` saying how it was made.
 */
function saveRegression(seeds: readonly SeedFile[], opts: Options, index: number, kind: string, detail: string): string {
  const input = makeInput(seeds, opts.seed, index, opts.engineEvery);
  const companions = input.engine ? companionsFor(seeds, input.path, index) : [];
  if (kind !== 'hang') input.text = minimize(input, companions, kind, detail);
  const hash = createHash('sha1').update(input.text).digest('hex').slice(0, 12);
  const name = `${kind}-${hash}`;
  const dir = join(ROOT, 'test/robustness/regressions', name);
  mkdirSync(dir, { recursive: true });
  const fileName = input.path.split('/').pop()!;
  writeFileSync(join(dir, fileName), input.text);
  for (const c of companions) writeFileSync(join(dir, c.path), c.text);
  const companionNames = companions.map((c) => c.path);
  writeFileSync(
    join(dir, 'case.json'),
    JSON.stringify({ seed: opts.seed, index, input: fileName, companions: companionNames, engine: input.engine, mutators: input.mutators, kind, detail: detail.slice(0, 2000) }, null, 2) + '\n',
  );
  return name;
}

/**
 * Shrink a failing input while it still fails the same way (same kind, same first line of the
 * message): remove halves, quarters, ... of its lines, then of its characters when it is small.
 * Bounded, so a regression case stays small without a long wait.
 */
function minimize(input: { path: string; text: string; engine: boolean }, companions: SeedFile[], kind: string, detail: string): string {
  const signature = (f: FuzzFailure): string => `${f.kind}|${f.target}: ${f.message}`.split('\n')[0].slice(0, 200);
  const wanted = `${kind}|${detail}`.split('\n')[0].slice(0, 200);
  let budget = 400;
  const fails = (text: string): boolean => {
    budget--;
    return checkInputTimed({ ...input, text }, companions).failures.some((f) => signature(f) === wanted);
  };
  if (!fails(input.text)) return input.text;
  const shrink = (units: string[], joiner: string): string[] => {
    for (let size = Math.ceil(units.length / 2); size >= 1 && budget > 0; size = size === 1 ? 0 : Math.ceil(size / 2)) {
      for (let i = 0; i < units.length && budget > 0; ) {
        const candidate = units.slice(0, i).concat(units.slice(i + size));
        if (candidate.length < units.length && fails(candidate.join(joiner))) units = candidate;
        else i += size;
      }
    }
    return units;
  };
  let text = shrink(input.text.split('\n'), '\n').join('\n');
  if (text.length < 4000) text = shrink(text.split(''), '').join('');
  return text;
}

async function main(): Promise<void> {
  const opts = options();
  const seeds = loadSeedCorpus(ROOT);
  console.log(`fuzz: seed ${opts.seed}, ${seeds.length} seed files, ${opts.seconds} s, one input in ${opts.engineEvery} through the whole Engine`);
  const started = performance.now();
  let tried = 0;
  let engineRuns = 0;
  let bytes = 0;
  let next = opts.start;
  const counts = { crash: 0, 'rule-error': 0, 'fix-breaks-parse': 0, hang: 0 };
  const saved: string[] = [];
  let slowest = { ms: 0, index: -1, mutators: [] as string[] };
  const seenFailures = new Set<string>();

  const record = (index: number, kind: keyof typeof counts, detail: string): void => {
    counts[kind]++;
    // One regression file per distinct failure message (a broken rule fails on many inputs).
    const key = `${kind}|${detail.split('\n')[0].slice(0, 200)}`;
    if (seenFailures.has(key)) return;
    seenFailures.add(key);
    const name = saveRegression(seeds, opts, index, kind, detail);
    saved.push(name);
    console.log(`  ${kind} at input ${index}: ${detail.split('\n')[0].slice(0, 240)} -> test/robustness/regressions/${name}`);
  };

  while (next < opts.max) {
    const elapsed = (performance.now() - started) / 1000;
    const remaining = opts.seconds - elapsed;
    if (remaining <= 0) break;
    const worker = new Worker(__filename, { workerData: { opts: { ...opts, seconds: remaining }, from: next } });
    let current = next;
    let lastBeat = performance.now();
    const finished = await new Promise<'done' | 'killed'>((resolve) => {
      const timer = setInterval(() => {
        if (performance.now() - lastBeat > opts.killMs) {
          clearInterval(timer);
          void worker.terminate();
          resolve('killed');
        }
      }, 250);
      worker.on('message', (m: WorkerMessage) => {
        lastBeat = performance.now();
        if (m.type === 'begin') {
          current = m.index;
          return;
        }
        tried++;
        bytes += m.bytes;
        if (m.engine) engineRuns++;
        next = m.index + 1;
        if (m.ms > slowest.ms) slowest = { ms: m.ms, index: m.index, mutators: m.mutators };
        if (m.slow) record(m.index, 'hang', `took ${m.ms.toFixed(0)} ms twice (${m.mutators.join(', ')})`);
        for (const f of m.failures) record(m.index, f.kind, `${f.target}: ${f.message}`);
      });
      worker.on('error', (e) => {
        clearInterval(timer);
        record(current, 'crash', `worker died: ${e.message}`);
        next = current + 1;
        resolve('killed');
      });
      worker.on('exit', () => {
        clearInterval(timer);
        resolve('done');
      });
    });
    if (finished === 'killed' && next <= current) {
      record(current, 'hang', `no answer for ${opts.killMs} ms`);
      tried++;
      next = current + 1;
    } else if (finished === 'done') {
      break;
    }
  }

  const seconds = (performance.now() - started) / 1000;
  console.log(
    `fuzz: ${tried.toLocaleString('en-US')} inputs tried (${engineRuns.toLocaleString('en-US')} through the Engine, ${(bytes / 1e6).toFixed(0)} MB) in ${seconds.toFixed(0)} s, ` +
      `inputs ${opts.start}..${next - 1} of seed ${opts.seed}`,
  );
  console.log(`  crashes: ${counts.crash}, hangs: ${counts.hang}, rule errors: ${counts['rule-error']}, fixes that break parsing: ${counts['fix-breaks-parse']}`);
  console.log(`  slowest input: ${slowest.ms.toFixed(0)} ms (#${slowest.index}: ${slowest.mutators.join(', ')})`);
  if (saved.length) console.log(`  written to test/robustness/regressions/: ${saved.join(', ')}`);
  process.exitCode = counts.crash + counts.hang + counts['rule-error'] + counts['fix-breaks-parse'] > 0 ? 1 : 0;
}

if (isMainThread) {
  main().catch((e) => {
    console.error(e);
    process.exit(2);
  });
} else {
  workerMain();
}
