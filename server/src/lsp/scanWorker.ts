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
 * Analyse every unit of `engine` in a worker and adopt the reports. Resolves false when the worker
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
  // The batches' duplicates and the interner's tables are garbage now.
  collectGarbage?.();
  return true;
}

/** Heap growth between two collections while reports are adopted. */
const COLLECT_EVERY_BYTES = 32 * 1024 * 1024;

/**
 * V8's full garbage collection, which Node exposes only behind a flag: the flag is set for this
 * isolate and the function taken from a fresh context. Undefined where that is not possible.
 */
export const collectGarbage: (() => void) | undefined = (() => {
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  }
})();

/** Units per message: the reports arrive in parts, each made compact before the next is decoded. */
const BATCH_UNITS = 100;

type ScanMessage =
  | { kind: 'reports'; reports: UnitReport[] }
  /** Local module calls of every `.tf` file (the server needs them to tell which modules an edit affects). */
  | { kind: 'done'; callTargets: Array<[string, string[]]> };

interface ScanOutput {
  reports: UnitReport[];
  callTargets: Array<[string, string[]]>;
}

/**
 * Restores the sharing a structured clone undoes. In the worker, thousands of findings share their
 * rule's title and message, their file's path, the control objects of their rule and many ranges;
 * each copy sent across threads is separate, which doubled the memory the adopted reports took.
 * Equal strings become one string, and equal small objects (at most 8 keys) whose values are
 * primitives or such shared objects (positions, ranges, control references, resource summaries)
 * one object, within one batch of reports (see `forgetObjects`). Arrays are never shared (hosts may sort or extend `controls`), and nothing in the
 * results is mutated in place, so sharing objects is safe.
 */
export class Interner {
  private readonly strings = new Map<string, string>();
  private readonly objects = new Map<string, object>();
  /** Ids of shared objects, which the keys of objects holding them are made of. */
  private readonly ids = new Map<object, number>();

  intern<T>(value: T): T {
    return this.visit(value) as T;
  }

  /**
   * Forget the shared objects (not the strings): their keys take more memory than sharing across
   * batches saves, since a unit's findings, passes and resources mostly share within the unit.
   */
  forgetObjects(): void {
    this.objects.clear();
    this.ids.clear();
  }

  private visit(value: unknown): unknown {
    if (typeof value === 'string') {
      const known = this.strings.get(value);
      if (known !== undefined) return known;
      this.strings.set(value, value);
      return value;
    }
    if (typeof value !== 'object' || value === null) return value;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) value[i] = this.visit(value[i]);
      return value;
    }
    const obj = value as Record<string, unknown>;
    let key: string | undefined = '';
    let keys = 0;
    for (const name in obj) {
      const v = this.visit(obj[name]);
      obj[name] = v;
      if (key === undefined) continue;
      if (++keys > 8) {
        key = undefined;
      } else if (typeof v === 'object' && v !== null) {
        const id = this.ids.get(v);
        key = id === undefined ? undefined : `${key}${name}\u0000#${id}\u0000`;
      } else {
        key += `${name}\u0000${typeof v}\u0000${String(v)}\u0000`;
      }
    }
    if (key === undefined) return obj;
    const known = this.objects.get(key);
    if (known) return known;
    this.objects.set(key, obj);
    this.ids.set(obj, this.ids.size);
    return obj;
  }
}

function runWorker(input: ScanInput, cancelled?: () => boolean, progress?: (unitsDone: number, unitsTotal: number) => void): Promise<ScanOutput> {
  return new Promise((resolve, reject) => {
    // This module's own file: compiled, scanWorker.js; bundled, dist/server.js, whose entry starts
    // no language server in a worker thread (see main.ts).
    const worker = new Worker(__filename, { workerData: input });
    const interner = new Interner();
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
        for (const r of m.reports) reports.push(interner.intern(r));
        progress?.(reports.length, input.units.length);
      } else {
        callTargets = interner.intern(m.callTargets);
      }
      interner.forgetObjects();
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
