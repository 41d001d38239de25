/**
 * `trustlint scan --jobs N`: the scan's analysis spread over worker threads, each running its own
 * Engine on a share of the workspace, with a result identical to one Engine's.
 *
 * Work is split by analysis unit (a Terraform module folder, a CloudFormation template), never
 * inside one: a unit goes to one worker together with the files of every local module it calls
 * (transitively), which that worker needs to evaluate the calls. A called module's files may thus
 * be parsed by several workers; each unit is analysed by exactly one. Which folders a module calls
 * is first guessed from the text (any `source = "./…"` string, an over-approximation); each worker
 * then checks the guess against the parsed calls, and if any worker lacks a folder it needed the
 * scan is redone in this thread, so a wrong guess costs time, never correctness. The workers'
 * per-unit reports are merged exactly as `Engine.analyzeAll` merges its own (`mergeUnitReports`):
 * findings, problems, passes and resources are the same (the engine keeps resources without their
 * evaluated bodies in both).
 */
import { availableParallelism, cpus } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { isExcluded, type ProjectPolicy } from '../config/policy';
import { Engine, mergeUnitReports, type EngineOptions, type UnitReport } from '../engine';
import type { AnalysisResult } from '../findings';
import type { Resource } from '../model/types';
import { moduleIdOf } from '../terraform/module';
import { isLocalSource, isOutside, joinPath } from '../terraform/paths';

/** Workspaces with more files than this get several workers by default. */
export const PARALLEL_MIN_FILES = 500;
/** Default cap on workers: past four, copying files to workers and merging outweigh the gain. */
export const DEFAULT_MAX_JOBS = 4;

const WORKER_KIND = 'trustlint-scan-worker';

/**
 * Below this many cores the default stays one thread: each worker is a fresh VM (loading the rules,
 * warming up the compiler) and results are copied back, which on two cores made a 2,000-file scan
 * take about twice the CPU time and longer on the clock than one thread (see the issue note).
 */
export const PARALLEL_MIN_CORES = 3;

/**
 * Workers to use: the requested number, else min(cores, 4) for more than 500 files on a machine
 * with at least three cores, else 1.
 */
export function resolveJobs(requested: number | undefined, fileCount: number, cores = coreCount()): number {
  if (requested !== undefined && requested >= 1) return Math.floor(requested);
  if (fileCount <= PARALLEL_MIN_FILES || cores < PARALLEL_MIN_CORES) return 1;
  return Math.max(1, Math.min(cores, DEFAULT_MAX_JOBS));
}

function coreCount(): number {
  return typeof availableParallelism === 'function' ? availableParallelism() : cpus().length;
}

interface SourceFile {
  path: string;
  text: string;
}

interface WorkerInput {
  kind: typeof WORKER_KIND;
  options: { policy: ProjectPolicy; today?: string };
  files: SourceFile[];
  units: string[];
  /** Every folder of the workspace holding a `.tf` file (to tell a missing local module). */
  tfFolders: string[];
}

interface WorkerOutput {
  reports: UnitReport[];
  /** A module of this worker calls a workspace folder it was not given: its partition was wrong. */
  incomplete: boolean;
}

/**
 * The Engine of `trustlint scan`: files are only classified when added (same acceptance as
 * `Engine.setFile`) and parsed when the scan runs, in this thread or in workers.
 */
export class ScanEngine extends Engine {
  private readonly pending = new Map<string, string>();
  private readonly engineOptions: EngineOptions;

  constructor(
    options: EngineOptions,
    private readonly jobs?: number,
  ) {
    super(options);
    this.engineOptions = options;
  }

  override setFile(path: string, text: string): boolean {
    if (isExcluded(path, this.currentPolicy) || !Engine.classify(path, text)) {
      this.pending.delete(path);
      return false;
    }
    this.pending.set(path, text);
    return true;
  }

  override fileText(path: string): string | undefined {
    return this.pending.get(path) ?? super.fileText(path);
  }

  /** Analyse every file added, with `jobs` workers (see `resolveJobs`). */
  async analyzeFiles(): Promise<AnalysisResult> {
    const jobs = resolveJobs(this.jobs, this.pending.size);
    if (jobs > 1) {
      const result = await analyzeInWorkers([...this.pending].map(([path, text]) => ({ path, text })), this.engineOptions, this.currentPolicy, jobs);
      if (result) return result;
    }
    for (const [path, text] of this.pending) super.setFile(path, text);
    return this.analyzeAll();
  }
}

function isTerraform(path: string): boolean {
  return path.endsWith('.tf') || path.endsWith('.tfvars');
}

/** Folders a file may call as local modules: every `source = "…"` string that is a local path. */
function guessedCallTargets(folder: string, text: string): string[] {
  const out: string[] = [];
  const re = /\bsource\s*=\s*"([^"\n]*)"/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (!isLocalSource(m[1])) continue;
    const target = joinPath(folder, m[1]);
    if (!isOutside(target) && !out.includes(target)) out.push(target);
  }
  return out;
}

interface Partition {
  units: string[];
  folders: Set<string>;
  templates: string[];
  load: number;
}

/**
 * Split the units over `jobs` partitions: largest unit first, each to the least loaded partition
 * (preferring, among nearly equal loads, the one already holding most of its module folders).
 */
function partition(files: readonly SourceFile[], jobs: number): { partitions: Partition[]; tfFolders: string[] } {
  const sizeOfFolder = new Map<string, number>();
  const calls = new Map<string, Set<string>>();
  const unitIds = new Set<string>();
  const templates: SourceFile[] = [];
  for (const f of files) {
    if (!isTerraform(f.path)) {
      templates.push(f);
      continue;
    }
    const folder = moduleIdOf(f.path);
    sizeOfFolder.set(folder, (sizeOfFolder.get(folder) ?? 0) + f.text.length);
    if (f.path.endsWith('.tf')) {
      unitIds.add(folder);
      let set = calls.get(folder);
      if (!set) calls.set(folder, (set = new Set()));
      for (const t of guessedCallTargets(folder, f.text)) if (t !== folder) set.add(t);
    }
  }
  const closure = (folder: string): Set<string> => {
    const seen = new Set([folder]);
    const todo = [folder];
    while (todo.length) for (const t of calls.get(todo.pop()!) ?? []) if (!seen.has(t) && sizeOfFolder.has(t)) seen.add(t), todo.push(t);
    return seen;
  };
  const work: Array<{ id: string; folders: Set<string>; weight: number; template?: string }> = [];
  for (const folder of unitIds) {
    const folders = closure(folder);
    let weight = 0;
    for (const f of folders) weight += sizeOfFolder.get(f) ?? 0;
    work.push({ id: `tf:${folder}`, folders, weight });
  }
  for (const t of templates) work.push({ id: `cfn:${t.path}`, folders: new Set(), weight: t.text.length, template: t.path });
  work.sort((a, b) => b.weight - a.weight || (a.id < b.id ? -1 : 1));
  const partitions: Partition[] = Array.from({ length: jobs }, () => ({ units: [], folders: new Set(), templates: [], load: 0 }));
  for (const w of work) {
    let best = partitions[0];
    let bestScore = Infinity;
    for (const p of partitions) {
      // Folders this partition would have to parse anew.
      let extra = 0;
      for (const f of w.folders) if (!p.folders.has(f)) extra += sizeOfFolder.get(f) ?? 0;
      const score = p.load + extra;
      if (score < bestScore) {
        bestScore = score;
        best = p;
      }
    }
    best.units.push(w.id);
    for (const f of w.folders) if (!best.folders.has(f)) best.folders.add(f), (best.load += sizeOfFolder.get(f) ?? 0);
    if (w.template) best.templates.push(w.template), (best.load += w.weight);
  }
  return { partitions: partitions.filter((p) => p.units.length > 0), tfFolders: [...unitIds] };
}

/**
 * Analyse `files` with up to `jobs` workers. Resolves `undefined` when the split was wrong (a
 * worker lacked a module folder) or a worker failed: the caller then analyses in its own thread.
 */
export async function analyzeInWorkers(
  files: readonly SourceFile[],
  options: EngineOptions,
  policy: ProjectPolicy,
  jobs: number,
): Promise<AnalysisResult | undefined> {
  const { partitions, tfFolders } = partition(files, jobs);
  if (partitions.length < 2) return undefined;
  const byFolder = new Map<string, SourceFile[]>();
  const byPath = new Map<string, SourceFile>();
  for (const f of files) {
    byPath.set(f.path, f);
    if (!isTerraform(f.path)) continue;
    const folder = moduleIdOf(f.path);
    const list = byFolder.get(folder);
    if (list) list.push(f);
    else byFolder.set(folder, [f]);
  }
  // Suppression expiry is judged against one date for the whole scan.
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  let outputs: WorkerOutput[];
  try {
    outputs = await Promise.all(
      partitions.map((p) => {
        // The files in the scan's order, so every engine sees them as a single one would.
        const wanted = new Set<string>(p.templates);
        for (const folder of p.folders) for (const f of byFolder.get(folder) ?? []) wanted.add(f.path);
        const input: WorkerInput = {
          kind: WORKER_KIND,
          options: { policy, today },
          files: files.filter((f) => wanted.has(f.path)),
          units: p.units,
          tfFolders,
        };
        return runWorker(input);
      }),
    );
  } catch {
    return undefined;
  }
  if (outputs.some((o) => o.incomplete)) return undefined;
  const reports = outputs.flatMap((o) => o.reports).sort((a, b) => (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0));
  return mergeUnitReports(reports);
}

function runWorker(input: WorkerInput): Promise<WorkerOutput> {
  return new Promise((resolve, reject) => {
    // This module's own file: compiled, it is parallel.js; bundled, the CLI bundle, whose entry
    // starts no CLI in a worker thread (see main.ts).
    const worker = new Worker(__filename, { workerData: input });
    let output: WorkerOutput | undefined;
    worker.once('message', (m: WorkerOutput) => (output = m));
    worker.once('error', reject);
    worker.once('exit', (code) => (output ? resolve(output) : reject(new Error(`scan worker exited with code ${code}`))));
  });
}

/** Worker side: analyse the given units, and check that every module they call was provided. */
function workerMain(input: WorkerInput): WorkerOutput {
  const engine = new Engine(input.options);
  const present = new Set<string>();
  for (const f of input.files) {
    engine.setFile(f.path, f.text);
    if (isTerraform(f.path)) present.add(moduleIdOf(f.path));
  }
  const workspaceFolders = new Set(input.tfFolders);
  let incomplete = false;
  for (const f of input.files) {
    for (const target of engine.localModuleCalls(f.path)) if (workspaceFolders.has(target) && !present.has(target)) incomplete = true;
  }
  if (incomplete) return { reports: [], incomplete };
  // Resources come without their evaluated bodies (the engine keeps none), so the reports are small
  // to copy across threads.
  return { reports: engine.unitReports(input.units), incomplete };
}

if (!isMainThread && (workerData as WorkerInput | undefined)?.kind === WORKER_KIND) {
  parentPort!.postMessage(workerMain(workerData as WorkerInput));
}
