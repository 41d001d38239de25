/**
 * The language server's workspace scan in a worker thread. A full analysis allocates several times
 * the memory it keeps (syntax trees, evaluated module bodies, rule scratch); in the server's own heap
 * that garbage would stay committed for the session (V8 does not give it back), and the server
 * could not answer the editor while it ran. The worker gets the engine's texts, analyses every unit
 * with the same policy, and sends back the unit reports (findings, passes, problems, resources
 * without bodies), which the server's engine adopts; the worker's heap is freed when it exits.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { ProjectPolicy } from '../config/policy';
import { Engine, type UnitReport } from '../engine';
import { ReportCompactor } from './compactReports';

const WORKER_KIND = 'trustlint-lsp-scan-worker';

/** Workspaces with fewer files are analysed in the server's thread: a worker costs ~0.3 s to start. */
export const DEFAULT_SCAN_WORKER_MIN_FILES = 500;

interface ScanInput {
  kind: typeof WORKER_KIND;
  policy: ProjectPolicy;
  today?: string;
  files: Array<{ path: string; text: string }>;
  units: string[];
}

/**
 * Analyse every unit of `engine` in a worker and adopt the reports (the decoded messages are left
 * as garbage: callers collect it, see `collectGarbage`). Resolves false when the worker
 * could not run (the caller then analyses in its own thread); `cancelled` is polled to stop waiting
 * (the worker is terminated).
 */
export async function analyzeInWorker(
  engine: Engine,
  options: { today?: string; cancelled?: () => boolean; progress?: (unitsDone: number, unitsTotal: number) => void } = {},
): Promise<boolean> {
  const files: ScanInput['files'] = [];
  for (const path of engine.filePaths()) {
    const text = engine.fileText(path);
    if (text !== undefined) files.push({ path, text });
  }
  const input: ScanInput = { kind: WORKER_KIND, policy: engine.currentPolicy, today: options.today, files, units: engine.unitIds() };
  let output: ScanOutput;
  try {
    output = await runWorker(input, options.cancelled, options.progress);
  } catch {
    return false;
  }
  engine.adoptUnitReports(output.reports, new Map(output.callTargets));
  return true;
}

/** Heap growth between two collections while reports are adopted. */
const COLLECT_EVERY_BYTES = 32 * 1024 * 1024;

/**
 * V8's full garbage collection, which Node exposes only behind a flag: the flag is set for this
 * isolate and the function taken from a fresh context. Undefined where that is not possible.
 *
 * With `compact`, every page of the old generation is compacted (V8's `--compact-on-every-full-gc`,
 * set for this one collection only). A plain full collection frees the garbage but moves few live
 * objects: after a scan, the adopted reports lie scattered over pages that also held the decoded
 * batches, and the old generation stayed ~60 MB larger than what it held (a 10,000-file
 * workspace). Compacting once, after the reports are adopted, gives those pages back.
 */
export const collectGarbage: ((options?: { compact?: boolean }) => void) | undefined = (() => {
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    if (typeof gc !== 'function') return undefined;
    return (options?: { compact?: boolean }) => {
      if (!options?.compact) return (gc as () => void)();
      setFlagsFromString('--compact-on-every-full-gc');
      try {
        (gc as () => void)();
      } finally {
        setFlagsFromString('--no-compact-on-every-full-gc');
      }
    };
  } catch {
    return undefined;
  }
})();

/**
 * Units per message: the reports arrive in parts, each made compact before the next is decoded.
 * Smaller parts leave less of the worker's serialised messages in the allocator's arenas after it
 * exits (a 10,000-file workspace: ~295 MB RSS with 25 units per part, 280–311 MB with 100).
 */
const BATCH_UNITS = 25;

type ScanMessage =
  | { kind: 'reports'; reports: UnitReport[] }
  /** Local module calls of every `.tf` file (the server needs them to tell which modules an edit affects). */
  | { kind: 'done'; callTargets: Array<[string, string[]]> };

interface ScanOutput {
  reports: UnitReport[];
  callTargets: Array<[string, string[]]>;
}

function runWorker(input: ScanInput, cancelled?: () => boolean, progress?: (unitsDone: number, unitsTotal: number) => void): Promise<ScanOutput> {
  return new Promise((resolve, reject) => {
    // This module's own file: compiled, scanWorker.js; bundled, dist/server.js, whose entry starts
    // no language server in a worker thread (see main.ts).
    const worker = new Worker(__filename, { workerData: input });
    // Rebuilds each batch compact as it arrives (see compactReports.ts); garbage once the scan ends.
    const compactor = new ReportCompactor();
    const reports: UnitReport[] = [];
    let callTargets: ScanOutput['callTargets'] | undefined;
    const poll = cancelled
      ? setInterval(() => {
          if (cancelled()) void worker.terminate();
        }, 100)
      : undefined;
    let collectedAt = process.memoryUsage().heapUsed;
    worker.on('message', (m: ScanMessage) => {
      if (m.kind === 'reports') {
        for (const r of m.reports) reports.push(compactor.report(r));
        progress?.(reports.length, input.units.length);
      } else {
        callTargets = compactor.callTargets(m.callTargets);
      }
      // Each batch leaves its decoded duplicates behind as garbage. V8 collects it late, letting the
      // heap grow to several times what is kept (and committed memory is not given back): collect
      // as the garbage accumulates instead.
      const used = process.memoryUsage().heapUsed;
      if (used - collectedAt > COLLECT_EVERY_BYTES && collectGarbage) {
        collectGarbage();
        collectedAt = process.memoryUsage().heapUsed;
      }
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (poll) clearInterval(poll);
      if (callTargets) resolve({ reports, callTargets });
      else reject(new Error(`scan worker exited with code ${code}`));
    });
  });
}

function workerMain(input: ScanInput, post: (m: ScanMessage) => void): void {
  const engine = new Engine({ policy: input.policy, today: input.today });
  for (const f of input.files) engine.setFile(f.path, f.text);
  for (let i = 0; i < input.units.length; i += BATCH_UNITS) {
    post({ kind: 'reports', reports: engine.unitReports(input.units.slice(i, i + BATCH_UNITS)) });
  }
  const callTargets: ScanOutput['callTargets'] = [];
  for (const f of input.files) if (f.path.endsWith('.tf')) callTargets.push([f.path, engine.localModuleCalls(f.path)]);
  post({ kind: 'done', callTargets });
}

if (!isMainThread && (workerData as ScanInput | undefined)?.kind === WORKER_KIND) {
  workerMain(workerData as ScanInput, (m) => parentPort!.postMessage(m));
}
