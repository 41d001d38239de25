/**
 * The TrustLint language server: feeds workspace files and open documents to one Engine per
 * workspace folder and turns its results into diagnostics, hovers and code actions. Every handler
 * is guarded: an exception is logged to the client's console and the request answers empty.
 */
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  FileChangeType,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
  type ClientCapabilities,
  type CodeAction,
  type Connection,
  type Diagnostic,
  type Hover,
  type InitializeParams,
  type InitializeResult,
  type WorkspaceFolder,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_POLICY, POLICY_FILE_NAMES, type ProjectPolicy } from '../config/policy';
import { controlsForRule } from '../controls/mapping';
import { Engine, RESIDENT_TREE_CACHE_CHARS } from '../engine';
import type { Finding } from '../findings';
import {
  Commands,
  CoverageChangedNotification,
  CoverageRequest,
  FindingsChangedNotification,
  FindingsRequest,
  PrioritisedRequest,
  REPORT_FORMATS,
  ReportRequest,
  RulesRequest,
  type CoverageChangedParams,
  type CoverageParams,
  type CoverageResult,
  type FindingsChangedParams,
  type FindingsParams,
  type FindingsResult,
  type FixAllResult,
  type PrioritisedParams,
  type PrioritisedResult,
  type ProtocolFinding,
  type ReportParams,
  type ReportResult,
  type RuleInfo,
  type RulesResult,
  type TrustlintInitializationOptions,
  type TrustlintSettings,
} from '../protocol';
import { ruleDocsUri, TRUSTLINT_VERSION } from '../workspace/hostInfo';
import { clonePolicy, findPolicyFile, loadPolicyFile } from '../workspace/policyFile';
import { ALWAYS_SKIPPED_DIRS, isCandidateFile, readTextFile, walkDirectory, type WalkResult } from '../workspace/walk';
import { AnalysisRoot } from './analysisRoot';
import { buildCodeActions, collectSafeFixEdits, FIX_ALL_KIND, type CodeActionEnv } from './codeActions';
import { buildWorkspaceFixAll } from './workspaceFixAll';
import { analyzeInWorker, collectGarbage, DEFAULT_SCAN_WORKER_MIN_FILES } from './scanWorker';
import { groupEdits, toLspRange, toWorkspaceEdit } from './convert';
import { findingToDiagnostic, problemToDiagnostic, SOURCE } from './diagnostics';
import { ProblemClassifier } from '../workspace/problemKind';
import { buildHover } from './hover';
import { codeActionParams, documentUri, isPosition, objectsOf, STRING_TEXT_DOCUMENTS } from './params';
import { buildCoverage, buildPrioritised, buildReport, disabledCoverage, resolveFrameworks } from './coverage';
import { effectivePolicy, normalizeSettings } from './settings';

/** Files fed to the engine between two yields to the event loop during a scan. */
const SCAN_BATCH = 50;

interface Located {
  root: AnalysisRoot;
  relPath: string;
  absPath: string;
}

function uriToPath(uri: string): string | undefined {
  if (typeof uri !== 'string' || !uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Zero-based line/character -> UTF-16 offset in `text` (clamped to the line). Lines end at `\n`,
 * `\r\n` or a lone `\r`, as the client counts them; `TextDocument` does exactly that.
 */
function offsetAt(text: string, pos: { line: number; character: number }): number {
  return TextDocument.create('', '', 0, text).offsetAt(pos);
}

export class TrustlintServer {
  private readonly documents = new TextDocuments(STRING_TEXT_DOCUMENTS);
  private roots: AnalysisRoot[] = [];
  private readonly singleRoots = new Map<string, AnalysisRoot>();
  private settings: TrustlintSettings = normalizeSettings(undefined);
  private capabilities: ClientCapabilities = {};
  private initOptions: TrustlintInitializationOptions = {};
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Per edited file, the pending re-analysis of the modules calling its module (see analyzeAndPublish). */
  private readonly followUps = new Map<string, object>();
  /**
   * Files just closed in the editor, until their disk content is read back (see onClose): the
   * engine still has the editor's text, and diagnostics of it sent without a version would land on
   * the disk file, or on the document if it is opened again meanwhile. Not published until then.
   */
  private readonly reverting = new Map<string, object>();
  private readonly classifier = new ProblemClassifier();
  private shuttingDown = false;

  constructor(private readonly connection: Connection) {}

  listen(): void {
    const c = this.connection;
    c.onInitialize((params) => this.onInitialize(params));
    c.onInitialized(() => void this.guardAsync('initialized', () => this.onInitialized()));
    c.onShutdown(() => {
      this.shuttingDown = true;
      for (const t of this.timers.values()) clearTimeout(t);
      this.timers.clear();
      this.followUps.clear();
    });

    this.documents.onDidOpen((e) => this.guard('didOpen', undefined, () => this.onOpen(e.document)));
    this.documents.onDidChangeContent((e) => this.guard('didChange', undefined, () => this.onContent(e.document)));
    this.documents.onDidClose((e) => void this.guardAsync('didClose', () => this.onClose(e.document)));
    this.documents.onDidSave((e) => void this.guardAsync('didSave', () => this.onSave(e.document)));
    this.documents.listen(c);

    c.onDidChangeConfiguration((params) => void this.guardAsync('didChangeConfiguration', () => this.onConfigurationChanged(params.settings)));
    c.onDidChangeWatchedFiles((params) => void this.guardAsync('didChangeWatchedFiles', () => this.onWatchedFiles(objectsOf(params?.changes))));

    c.onHover((params) => this.guard<Hover | null>('hover', null, () => {
      const uri = documentUri(params);
      if (!uri || !isPosition(params.position)) return null;
      const loc = this.locate(uri, false);
      if (!loc || !this.settings.enable) return null;
      const text = loc.root.engine.fileText(loc.relPath);
      if (text === undefined) return null;
      return buildHover(loc.root, loc.relPath, offsetAt(text, params.position));
    }));

    c.onCodeAction((raw) => this.guard<CodeAction[]>('codeAction', [], () => {
      const params = codeActionParams(raw);
      const env = params && this.actionEnv(params.textDocument.uri);
      if (!params || !env || !this.settings.enable) return [];
      return buildCodeActions(env, params);
    }));

    c.onExecuteCommand((params) => this.guardAsync('executeCommand', async () => {
      if (params.command === Commands.applyFixAllInWorkspace) return this.applyFixAllInWorkspace();
      if (params.command !== Commands.applyFixAll) return null;
      const arg = params.arguments?.[0] as { uri?: string } | string | undefined;
      const uri = typeof arg === 'string' ? arg : arg?.uri;
      if (!uri) return null;
      const env = this.actionEnv(uri);
      if (!env) return null;
      const { edits, count } = collectSafeFixEdits(env.root.engine.fileResult(env.relPath).findings);
      if (count === 0) return { applied: false, count: 0 };
      const edit = toWorkspaceEdit(groupEdits(edits, (f) => env.root.uriOf(f)), env.useDocumentChanges, env.versionOf);
      const res = await c.workspace.applyEdit({ label: 'TrustLint: fix all', edit });
      return { applied: res.applied, count };
    }));

    c.onRequest(RulesRequest.method, () => this.guard<RulesResult>('trustlint/rules', { rules: [] }, () => this.listRules()));
    c.onRequest(FindingsRequest.method, (params: FindingsParams | undefined) =>
      this.guard<FindingsResult>('trustlint/findings', { findings: [], passes: [], frameworks: [] }, () => this.listFindings(params?.uri)),
    );
    c.onRequest(CoverageRequest.method, (params: CoverageParams | undefined) =>
      this.guard<CoverageResult>('trustlint/coverage', disabledCoverage([]), () => this.coverage(params)),
    );
    c.onRequest(PrioritisedRequest.method, (params: PrioritisedParams | undefined) =>
      this.guard<PrioritisedResult>('trustlint/prioritised', { rules: [], frameworks: [] }, () => this.prioritised(params)),
    );
    c.onRequest(ReportRequest.method, (params: ReportParams | undefined) => {
      const format = params?.format;
      if (!format || !REPORT_FORMATS.includes(format)) {
        return new ResponseError(ErrorCodes.InvalidParams, `format must be one of ${REPORT_FORMATS.join(', ')}`);
      }
      try {
        return this.report(format, params.frameworks);
      } catch (e) {
        // Unlike views, an export must not silently produce an empty file.
        this.logError('trustlint/report', e);
        return new ResponseError<void>(ErrorCodes.InternalError, `TrustLint could not build the report: ${(e as Error).message}`);
      }
    });

    c.listen();
  }

  // ---------------------------------------------------------------- lifecycle

  private onInitialize(params: InitializeParams): InitializeResult {
    this.capabilities = params.capabilities ?? {};
    const opts = params.initializationOptions;
    this.initOptions = typeof opts === 'object' && opts !== null ? (opts as TrustlintInitializationOptions) : {};
    this.settings = normalizeSettings(this.initOptions.settings);

    let folders: WorkspaceFolder[] = params.workspaceFolders ?? [];
    if (folders.length === 0 && params.rootUri) folders = [{ uri: params.rootUri, name: path.basename(params.rootUri) }];
    for (const f of folders) this.addRoot(f);

    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
        executeCommandProvider: { commands: [Commands.applyFixAll, Commands.applyFixAllInWorkspace] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'TrustLint', version: TRUSTLINT_VERSION },
    };
  }

  private addRoot(folder: WorkspaceFolder): AnalysisRoot | undefined {
    const fsPath = uriToPath(folder.uri);
    if (!fsPath) {
      this.log(`Ignoring workspace folder ${folder.uri}: only file:// folders are analysed`);
      return undefined;
    }
    if (this.roots.some((r) => r.rootPath === fsPath)) return undefined;
    const root = new AnalysisRoot(fsPath, folder.name, false, effectivePolicy(this.defaultPolicy(), this.settings));
    this.roots.push(root);
    // Longest path first so nested folders win when locating a file.
    this.roots.sort((a, b) => b.rootPath.length - a.rootPath.length);
    return root;
  }

  private defaultPolicy(): ProjectPolicy {
    return clonePolicy(DEFAULT_POLICY);
  }

  private async onInitialized(): Promise<void> {
    const caps = this.capabilities;
    if (caps.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      await this.connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/.trustlint.{yaml,yml,json}' }, { globPattern: '**/*.{tf,tfvars,yaml,yml,json,template}' }],
      });
    }
    if (caps.workspace?.didChangeConfiguration?.dynamicRegistration) {
      await this.connection.client.register(DidChangeConfigurationNotification.type, { section: 'trustlint' });
    }
    if (caps.workspace?.workspaceFolders) {
      this.connection.workspace.onDidChangeWorkspaceFolders((e) =>
        void this.guardAsync('didChangeWorkspaceFolders', async () => {
          for (const removed of objectsOf<WorkspaceFolder>(e?.removed)) {
            const fsPath = uriToPath(removed.uri);
            const root = this.roots.find((r) => r.rootPath === fsPath);
            if (!root) continue;
            root.generation++;
            this.roots = this.roots.filter((r) => r !== root);
            this.clearRoot(root);
          }
          const added = objectsOf<WorkspaceFolder>(e?.added).map((f) => this.addRoot(f)).filter((r): r is AnalysisRoot => r !== undefined);
          await this.scanRoots(added);
        }),
      );
    }
    await this.loadSettings();
    await this.scanRoots(this.roots);
  }

  private async loadSettings(pushed?: unknown): Promise<void> {
    if (this.capabilities.workspace?.configuration) {
      try {
        const raw: unknown = await this.connection.workspace.getConfiguration({ section: 'trustlint' });
        this.settings = normalizeSettings(raw ?? this.initOptions.settings);
        return;
      } catch (e) {
        this.log(`Could not read settings: ${(e as Error).message}`);
      }
    }
    const fromPush = typeof pushed === 'object' && pushed !== null ? (pushed as Record<string, unknown>).trustlint : undefined;
    this.settings = normalizeSettings(fromPush ?? this.initOptions.settings);
  }

  private async onConfigurationChanged(pushed: unknown): Promise<void> {
    const before = this.settings;
    await this.loadSettings(pushed);
    for (const root of this.allRoots()) {
      const policy = effectivePolicy(root.basePolicy, this.settings);
      if (!sameJson(policy, root.engine.currentPolicy)) root.engine.setPolicy(policy);
    }
    if (!sameJson(before, this.settings)) this.log('Settings changed; re-publishing diagnostics');
    for (const root of this.allRoots()) this.publishAll(root);
  }

  private allRoots(): AnalysisRoot[] {
    return [...this.roots, ...this.singleRoots.values()];
  }

  // ---------------------------------------------------------------- scanning

  private async scanRoots(roots: AnalysisRoot[]): Promise<void> {
    if (roots.length === 0) return;
    const progress = this.capabilities.window?.workDoneProgress
      ? await this.connection.window.createWorkDoneProgress().catch(() => undefined)
      : undefined;
    progress?.begin('TrustLint', 0, 'Scanning workspace', false);
    try {
      let i = 0;
      for (const root of roots) {
        await this.scanRoot(root, (fraction, message) => {
          progress?.report(Math.floor(((i + fraction) / roots.length) * 100), `${root.name}: ${message}`);
        });
        i++;
      }
    } finally {
      progress?.done();
    }
  }

  /**
   * Read the folder's policy, walk it and feed every candidate file to a fresh Engine, which
   * replaces the root's engine at the end (open documents are overlaid first). A newer scan of the
   * same root makes this one stop.
   */
  private scanRoot(root: AnalysisRoot, report?: (fraction: number, message: string) => void): Promise<void> {
    // Taken when the scan is queued, so a queued newer scan makes a running older one stop early.
    const gen = ++root.generation;
    const run = async (): Promise<void> => {
      if (gen !== root.generation) return;
      const loaded = await loadPolicyFile(await findPolicyFile(root.rootPath));
      if (gen !== root.generation) return;
      root.basePolicy = loaded.policy;
      root.policyFile = loaded.file;
      root.policyProblems = loaded.problems;
      for (const p of loaded.problems) this.log(p);
      const policy = effectivePolicy(root.basePolicy, this.settings);
      const engine = new Engine({ policy, treeCacheChars: RESIDENT_TREE_CACHE_CHARS });
      const started = Date.now();
      let walk: WalkResult;
      try {
        walk = await walkDirectory(root.rootPath, policy, () => gen !== root.generation || this.shuttingDown);
      } catch (e) {
        this.log(`Cannot read workspace folder ${root.rootPath}: ${(e as Error).message}`);
        walk = { files: [], skipped: [] };
      }
      for (const s of walk.skipped) this.log(`Skipping ${s.path}: ${s.reason}`);
      const asked = this.initOptions.experimental?.scanWorkerMinFiles;
      const minFiles = typeof asked === 'number' && asked >= 0 ? asked : DEFAULT_SCAN_WORKER_MIN_FILES;
      // Progress: reading is the whole of it in the server's thread (the analysis then takes no
      // turn of the event loop), the first third when the worker analyses afterwards.
      const readShare = walk.files.length >= minFiles ? 1 / 3 : 1;
      let done = 0;
      let accepted = 0;
      for (const file of walk.files) {
        if (gen !== root.generation || this.shuttingDown) return;
        if (!this.openDocument(root, file.path)) {
          const read = await readTextFile(file.absPath, policy.maxFileBytes);
          if (read.ok) {
            if (engine.setFile(file.path, read.text)) accepted++;
          } else if (!read.missing) {
            this.log(`Skipping ${file.path}: ${read.reason}`);
          }
        }
        done++;
        if (done % SCAN_BATCH === 0) {
          report?.(readShare * (done / walk.files.length), `${done}/${walk.files.length} files`);
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
      }
      if (gen !== root.generation || this.shuttingDown) return;
      // Open documents win over disk content (they may be unsaved).
      const overlayOpenDocuments = (): number => {
        let n = 0;
        for (const doc of this.documents.all()) {
          const abs = uriToPath(doc.uri);
          const rel = abs && this.rootOf(abs) === root ? root.relativePath(abs) : undefined;
          if (rel === undefined) continue;
          root.rememberUri(rel, doc.uri);
          if (engine.setFile(rel, doc.getText())) n++;
        }
        return n;
      };
      accepted += overlayOpenDocuments();
      let inWorker = false;
      if (this.settings.enable && accepted >= minFiles) {
        // Big workspaces are analysed in a worker (see scanWorker.ts); the root's current engine
        // keeps serving meanwhile, and documents edited during the scan are applied again after.
        inWorker = await analyzeInWorker(engine, {
          cancelled: () => gen !== root.generation || this.shuttingDown,
          progress: (units, total) => report?.(readShare + (1 - readShare) * (units / total), `${units}/${total} modules and templates analysed`),
        });
        if (gen !== root.generation || this.shuttingDown) return;
        if (!inWorker) this.log(`${root.name}: the scan worker failed; analysing in the server's thread`);
        overlayOpenDocuments();
      }
      root.engine = engine;
      // Files may have changed on disk after the scan read them (the worker's analysis takes a
      // while): apply those changes to the new engine too.
      const missed = root.diskChangesDuringScan;
      root.diskChangesDuringScan = [];
      if (missed.length) await this.onWatchedFiles(missed, true);
      if (gen !== root.generation || this.shuttingDown) return;
      report?.(1, `${walk.files.length}/${walk.files.length} files`);
      const result = engine.analyzeAll();
      this.log(
        `${root.name}: ${accepted} of ${walk.files.length} candidate files analysed, ${result.findings.length} findings, in ${Date.now() - started} ms${inWorker ? ' (in a worker thread)' : ''}`,
      );
      // The scan's garbage (the worker's decoded reports, the merge above) is collected, and what
      // stays is compacted (see collectGarbage), before publishing.
      if (inWorker) collectGarbage?.({ compact: true });
      // Publishing takes a while in a big workspace (see publishAllPaced): edits made meanwhile are
      // analysed and published as usual, no longer left for the scan's end.
      root.scanning = false;
      await this.publishAllPaced(root, () => gen !== root.generation || this.shuttingDown);
      if (gen !== root.generation || this.shuttingDown) return;
      this.publishPolicyProblems(root);
      if (inWorker) collectGarbage?.();
    };
    const guarded = async (): Promise<void> => {
      root.scanning = true;
      root.diskChangesDuringScan = [];
      try {
        await run();
      } finally {
        root.scanning = false;
      }
    };
    const previous = root.ready;
    const next = previous.then(guarded, guarded);
    root.ready = next.catch((e) => this.logError('scan', e));
    return root.ready;
  }

  // ---------------------------------------------------------------- documents

  private onOpen(doc: TextDocument): void {
    const abs = uriToPath(doc.uri);
    if (abs && this.isPolicyFileOfRoot(abs)) void this.guardAsync('policy', () => this.reloadPolicy(this.rootOf(abs)!, doc.getText()));
  }

  private async onSave(doc: TextDocument): Promise<void> {
    const abs = uriToPath(doc.uri);
    if (abs && this.isPolicyFileOfRoot(abs)) await this.reloadPolicy(this.rootOf(abs)!);
  }

  private onContent(doc: TextDocument): void {
    const abs = uriToPath(doc.uri);
    if (!abs || this.isPolicyFileOfRoot(abs)) return;
    const loc = this.locate(doc.uri, true);
    if (!loc) return;
    // Opened again while the close was reading the disk: the editor's text is current again.
    this.reverting.delete(`${loc.root.rootPath}\u0000${loc.relPath}`);
    loc.root.rememberUri(loc.relPath, doc.uri);
    const wasKnown = loc.root.engine.hasFile(loc.relPath);
    const accepted = loc.root.engine.setFile(loc.relPath, doc.getText());
    if (!accepted && !wasKnown) {
      // Not Terraform, not a template (any YAML/JSON file the client sends us): nothing to do,
      // except clearing diagnostics it had when it still was a template.
      if (loc.root.published.has(loc.relPath)) this.publish(loc.root, [loc.relPath]);
      return;
    }
    this.schedule(loc, !accepted);
  }

  private schedule(loc: Located, removed: boolean): void {
    // A module half-read by a running scan would give wrong findings; the scan publishes at its end.
    if (loc.root.scanning) return;
    const key = `${loc.root.rootPath}\u0000${loc.relPath}`;
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    // A newer edit supersedes the callers' re-analysis still due for the previous one.
    this.followUps.delete(key);
    const run = () => {
      this.timers.delete(key);
      this.guard('analyze', undefined, () => this.analyzeAndPublish(loc.root, loc.relPath, removed));
    };
    if (this.settings.debounceMs <= 0) run();
    else this.timers.set(key, setTimeout(run, this.settings.debounceMs));
  }

  private analyzeAndPublish(root: AnalysisRoot, relPath: string, removed: boolean): void {
    if (removed) {
      // The file's module lost a file: everything in it may change, and analyzeAffected no longer
      // knows which units the file belonged to.
      this.publishAll(root, [relPath]);
      return;
    }
    if (root.engine.affectsOtherUnits(relPath)) {
      // The module is called by others: publish the edited file from its own module first, then
      // re-analyse the callers (which instantiate it with their inputs) on the next turn, unless
      // the user typed again meanwhile. Findings the callers place in this file come back then.
      root.engine.analyzeOwnUnit(relPath);
      this.publish(root, [relPath], new Set([relPath]), { readyOnly: true });
      const key = `${root.rootPath}\u0000${relPath}`;
      const token = {};
      this.followUps.set(key, token);
      setImmediate(() => {
        if (this.followUps.get(key) !== token) return;
        this.followUps.delete(key);
        if (root.scanning) return; // The scan publishes everything at its end.
        this.guard('analyze', undefined, () => {
          const { files } = root.engine.analyzeAffected(relPath);
          this.publish(root, [...files, relPath], new Set([relPath]));
        });
      });
      return;
    }
    const { files } = root.engine.analyzeAffected(relPath);
    this.publish(root, [...files, relPath], new Set([relPath]));
  }

  private async onClose(doc: TextDocument): Promise<void> {
    const loc = this.locate(doc.uri, false);
    if (!loc) return;
    const key = `${loc.root.rootPath}\u0000${loc.relPath}`;
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    this.timers.delete(key);
    if (this.isPolicyFileOfRoot(loc.absPath)) return;
    if (loc.root.singleFile) {
      // Outside the workspace we only know open files: forget it.
      loc.root.engine.removeFile(loc.relPath);
      this.publishAll(loc.root, [loc.relPath]);
      if (loc.root.engine.filePaths().length === 0 && loc.root.published.size === 0) this.singleRoots.delete(loc.root.rootPath);
      return;
    }
    // Back to what is on disk.
    const token = {};
    this.reverting.set(key, token);
    let read: Awaited<ReturnType<typeof readTextFile>>;
    try {
      read = await readTextFile(loc.absPath, loc.root.engine.currentPolicy.maxFileBytes);
    } finally {
      if (this.reverting.get(key) === token) this.reverting.delete(key);
    }
    if (this.openDocument(loc.root, loc.relPath)) return; // Re-opened meanwhile.
    if (read.ok) {
      const wasKnown = loc.root.engine.hasFile(loc.relPath);
      const accepted = loc.root.engine.setFile(loc.relPath, read.text);
      if (accepted || wasKnown) this.analyzeAndPublish(loc.root, loc.relPath, !accepted);
    } else if (loc.root.engine.hasFile(loc.relPath)) {
      loc.root.engine.removeFile(loc.relPath);
      this.analyzeAndPublish(loc.root, loc.relPath, true);
    }
  }

  private async onWatchedFiles(changes: Array<{ uri: string; type: number }>, replayed = false): Promise<void> {
    const policyRoots = new Set<AnalysisRoot>();
    const changed = new Map<AnalysisRoot, Set<string>>();
    const removedIn = new Set<AnalysisRoot>();
    for (const change of changes) {
      const abs = uriToPath(change.uri);
      if (!abs) continue;
      const root = this.rootOf(abs);
      if (!root || root.singleFile) continue;
      if (root.scanning && !replayed) root.diskChangesDuringScan.push(change);
      if (this.isPolicyFileOfRoot(abs)) {
        policyRoots.add(root);
        continue;
      }
      const rel = root.relativePath(abs);
      if (rel === undefined || this.openDocument(root, rel)) continue; // The editor owns open files.
      if (rel.split('/').some((seg) => ALWAYS_SKIPPED_DIRS.has(seg))) continue;
      const engine = root.engine;
      if (change.type === FileChangeType.Deleted) {
        const gone = engine.hasFile(rel) ? [rel] : engine.filePaths().filter((p) => p.startsWith(`${rel}/`));
        for (const p of gone) engine.removeFile(p);
        if (gone.length > 0) removedIn.add(root);
        continue;
      }
      if (!isCandidateFile(path.basename(abs))) continue;
      const read = await readTextFile(abs, engine.currentPolicy.maxFileBytes);
      // Opened in the editor while the disk was read: its text wins (the disk's would be published
      // under the document's version); a scan that replaced the engine meanwhile read the disk itself.
      if (this.openDocument(root, rel) || root.engine !== engine) continue;
      if (!read.ok) {
        if (!read.missing) this.log(`Skipping ${rel}: ${read.reason}`);
        if (engine.hasFile(rel)) {
          engine.removeFile(rel);
          removedIn.add(root);
        }
        continue;
      }
      const wasKnown = engine.hasFile(rel);
      const accepted = engine.setFile(rel, read.text);
      if (!accepted && wasKnown) removedIn.add(root);
      if (accepted) {
        const set = changed.get(root) ?? new Set<string>();
        set.add(rel);
        changed.set(root, set);
      }
    }
    // Replayed by a scan at its end: the rescan is queued behind that scan (which then stops), so
    // waiting for it there would wait forever, and every later scan with it.
    for (const root of policyRoots) await this.reloadPolicy(root, undefined, replayed);
    for (const root of removedIn) if (!policyRoots.has(root)) this.publishAll(root);
    for (const [root, rels] of changed) {
      if (policyRoots.has(root) || removedIn.has(root)) continue;
      const files = new Set<string>();
      for (const rel of rels) for (const f of root.engine.analyzeAffected(rel).files) files.add(f);
      this.publish(root, files);
    }
  }

  /**
   * Re-read a root's policy (from `text` when the editor has it open); rescan when it changed.
   * Resolves when the rescan ends, or with `queueOnly` as soon as it is queued: a scan replaying
   * the disk changes it missed must not wait for a rescan that starts after it ends.
   */
  private async reloadPolicy(root: AnalysisRoot, text?: string, queueOnly = false): Promise<void> {
    const file = text === undefined ? await findPolicyFile(root.rootPath) : root.policyFile ?? (await findPolicyFile(root.rootPath));
    const loaded = await loadPolicyFile(file, text);
    if (sameJson(loaded.policy, root.basePolicy) && sameJson(loaded.problems, root.policyProblems) && loaded.file === root.policyFile) return;
    this.log(`Policy ${file ? path.basename(file) : '(default)'} changed for ${root.name}: rescanning`);
    const rescan = this.scanRoot(root);
    if (!queueOnly) await rescan;
  }

  private isPolicyFileOfRoot(abs: string): boolean {
    const root = this.rootOf(abs);
    return !!root && !root.singleFile && path.dirname(abs) === root.rootPath && (POLICY_FILE_NAMES as readonly string[]).includes(path.basename(abs));
  }

  // ---------------------------------------------------------------- locating files

  private rootOf(abs: string): AnalysisRoot | undefined {
    for (const r of this.roots) if (r.relativePath(abs) !== undefined) return r;
    return this.singleRoots.get(path.dirname(abs));
  }

  /** Root and root-relative path of a document; creates a single-file root for files outside every folder. */
  private locate(uri: string, create: boolean): Located | undefined {
    const abs = uriToPath(uri);
    if (!abs) return undefined;
    let root = this.rootOf(abs);
    if (!root && create) {
      const dir = path.dirname(abs);
      root = new AnalysisRoot(dir, dir, true, effectivePolicy(this.defaultPolicy(), this.settings));
      this.singleRoots.set(dir, root);
    }
    if (!root) return undefined;
    const relPath = root.relativePath(abs);
    if (relPath === undefined) return undefined;
    return { root, relPath, absPath: abs };
  }

  private openDocument(root: AnalysisRoot, relPath: string): TextDocument | undefined {
    const direct = this.documents.get(root.uriOf(relPath));
    if (direct) return direct;
    for (const doc of this.documents.all()) {
      const abs = uriToPath(doc.uri);
      if (abs && this.rootOf(abs) === root && root.relativePath(abs) === relPath) return doc;
    }
    return undefined;
  }

  private actionEnv(uri: string): CodeActionEnv | undefined {
    const loc = this.locate(uri, false);
    if (!loc) return undefined;
    return {
      root: loc.root,
      relPath: loc.relPath,
      uri,
      useDocumentChanges: !!this.capabilities.workspace?.workspaceEdit?.documentChanges,
      suppressCommand: !!this.initOptions.experimental?.trustlintSuppressCommand,
      versionOf: (u) => this.documents.get(u)?.version ?? null,
    };
  }

  // ---------------------------------------------------------------- publishing

  private diagnosticsFor(root: AnalysisRoot, relPath: string, options: { readyOnly?: boolean } = {}): Diagnostic[] {
    if (!this.settings.enable) return [];
    const { findings, problems } = root.engine.fileResult(relPath, options);
    const text = root.engine.fileText(relPath);
    const out: Diagnostic[] = [];
    const seen = new Set<string>();
    for (const p of problems) {
      const key = `${p.range.start.offset}|${p.range.end.offset}|${p.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(problemToDiagnostic(p, this.classifier.classify(`${root.rootPath}\u0000${relPath}`, text, p)));
    }
    for (const f of findings) {
      const d = findingToDiagnostic(f, this.settings, (file) => root.uriOf(file));
      if (d) out.push(d);
    }
    return out;
  }

  /**
   * Publish the diagnostics of `relPaths`. Files without diagnostics are only sent (empty) when
   * they had some before, or when forced (the document that just changed).
   */
  private publish(
    root: AnalysisRoot,
    relPaths: Iterable<string>,
    force: ReadonlySet<string> = new Set(),
    options: { readyOnly?: boolean } = {},
  ): void {
    const uris: string[] = [];
    for (const rel of [...new Set(relPaths)].sort()) {
      const sent = this.publishFile(root, rel, force, options);
      if (sent) uris.push(sent.uri);
    }
    this.publishedFiles(root, uris);
  }

  /** Send one file's diagnostics (see `publish`); what was sent, if anything. */
  private publishFile(
    root: AnalysisRoot,
    rel: string,
    force: ReadonlySet<string>,
    options: { readyOnly?: boolean } = {},
  ): { uri: string; written: Promise<void> } | undefined {
    if (this.reverting.has(`${root.rootPath}\u0000${rel}`)) return undefined;
    // One file the engine chokes on must not keep the others from being published.
    const diagnostics = this.guard(`diagnostics of ${rel}`, [] as Diagnostic[], () => this.diagnosticsFor(root, rel, options));
    if (diagnostics.length === 0 && !root.published.has(rel) && !force.has(rel)) return undefined;
    const uri = root.uriOf(rel);
    const version = this.documents.get(uri)?.version;
    const written = this.connection.sendDiagnostics({ uri, diagnostics, version });
    if (diagnostics.length > 0) root.published.add(rel);
    else root.published.delete(rel);
    return { uri, written };
  }

  /** After files were published: tell the client's views. */
  private publishedFiles(root: AnalysisRoot, uris: string[]): void {
    if (uris.length > 0) this.notifyChanged(uris);
    // Passes change coverage without changing any diagnostic (a compliant resource added).
    this.notifyCoverageChanged(root);
  }

  /** Publish every file of a root (after a policy or settings change, a removal). */
  private publishAll(root: AnalysisRoot, force: string[] = []): void {
    if (this.settings.enable) root.engine.analyzeAll();
    this.publish(root, [...root.engine.filePaths(), ...root.published, ...force], new Set(force));
    if (root.published.size === 0 && root.engine.filePaths().length === 0) this.notifyChanged([]);
  }

  /**
   * `publishAll` after a scan, one file at a time: a file's diagnostics are built once the previous
   * file's were written to the client. Built all at once, a 10,000-file workspace's ~40,000
   * diagnostics (each with its controls and fixes) waited seconds in the connection's queue, ~40 MB
   * that outlived young-generation collections into the old generation, which stayed grown
   * afterwards (even 50 files at a time, most of them ended there). One file at a time, they are
   * written as fast as the client reads them and die young. A file is built when its turn comes, from the
   * engine's state then (an edit meanwhile is also published by its own analysis). The caller has
   * analysed the root (`analyzeAll`). Stops when `stopped` says so (a newer scan publishes again).
   */
  private async publishAllPaced(root: AnalysisRoot, stopped: () => boolean): Promise<void> {
    const rels = [...new Set([...root.engine.filePaths(), ...root.published])].sort();
    const none = new Set<string>();
    const uris: string[] = [];
    for (const rel of rels) {
      const sent = this.publishFile(root, rel, none);
      if (!sent) continue;
      uris.push(sent.uri);
      await sent.written.catch(() => undefined);
      if (stopped()) return;
    }
    this.publishedFiles(root, uris);
    if (root.published.size === 0 && rels.length === 0) this.notifyChanged([]);
  }

  private notifyChanged(uris: string[]): void {
    const params: FindingsChangedParams = { uris };
    void this.connection.sendNotification(FindingsChangedNotification.method, params);
  }

  private notifyCoverageChanged(root: AnalysisRoot): void {
    const params: CoverageChangedParams = { folders: [pathToFileURL(root.rootPath).href] };
    void this.connection.sendNotification(CoverageChangedNotification.method, params);
  }

  private publishPolicyProblems(root: AnalysisRoot): void {
    const uri = root.policyFile ? root.uriOf(path.basename(root.policyFile)) : undefined;
    if (root.policyDiagnosticsUri && root.policyDiagnosticsUri !== uri) {
      void this.connection.sendDiagnostics({ uri: root.policyDiagnosticsUri, diagnostics: [] });
      root.policyDiagnosticsUri = undefined;
    }
    if (!uri) return;
    const diagnostics: Diagnostic[] = root.policyProblems.map((message) => ({
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: DiagnosticSeverity.Warning,
      code: 'policy',
      source: SOURCE,
      message,
    }));
    if (diagnostics.length === 0 && root.policyDiagnosticsUri !== uri) return;
    void this.connection.sendDiagnostics({ uri, diagnostics });
    root.policyDiagnosticsUri = diagnostics.length > 0 ? uri : undefined;
  }

  private clearRoot(root: AnalysisRoot): void {
    const uris: string[] = [];
    for (const rel of root.published) {
      const uri = root.uriOf(rel);
      void this.connection.sendDiagnostics({ uri, diagnostics: [] });
      uris.push(uri);
    }
    root.published.clear();
    if (root.policyDiagnosticsUri) void this.connection.sendDiagnostics({ uri: root.policyDiagnosticsUri, diagnostics: [] });
    this.notifyChanged(uris);
    this.notifyCoverageChanged(root);
  }

  // ---------------------------------------------------------------- custom requests

  /**
   * Every safe fix of the workspace folders in one edit the client previews (change annotations
   * needing confirmation, when it supports them). Waits for running scans so no file is missed;
   * files not open are edited from the engine's text of them (the disk content), with version null.
   */
  private async applyFixAllInWorkspace(): Promise<FixAllResult> {
    if (!this.settings.enable) return { applied: false, count: 0, files: 0 };
    const roots = this.scopeRoots();
    const scanning = roots.filter((r) => r.scanning);
    if (scanning.length) this.log(`Workspace fix-all waits for the scan of ${scanning.map((r) => r.name).join(', ')}`);
    // Scans queued meanwhile (a scan that saw the policy change queues a rescan) are waited for too.
    for (;;) {
      const pending = roots.map((r) => r.ready);
      await Promise.all(pending);
      if (roots.every((r, i) => r.ready === pending[i])) break;
    }
    // A file inside a nested folder belongs to the innermost root only (the one holding its editor text).
    const sources = roots.map((root) => ({
      root,
      relPaths: root.engine.filePaths().filter((rel) => this.rootOf(root.absolutePath(rel)) === root),
    }));
    const workspaceEdit = this.capabilities.workspace?.workspaceEdit;
    const useDocumentChanges = !!workspaceEdit?.documentChanges;
    const fixAll = buildWorkspaceFixAll(sources, {
      annotate: useDocumentChanges && !!workspaceEdit?.changeAnnotationSupport,
      useDocumentChanges,
      versionOf: (u) => this.documents.get(u)?.version ?? null,
    });
    if (!fixAll) return { applied: false, count: 0, files: 0 };
    const res = await this.connection.workspace.applyEdit({ label: 'TrustLint: fix all safe issues in the workspace', edit: fixAll.edit });
    if (!res.applied && res.failureReason) this.log(`Workspace fix-all not applied: ${res.failureReason}`);
    return { applied: res.applied, count: fixAll.count, files: fixAll.files };
  }

  private listRules(): RulesResult {
    const root = this.roots[this.roots.length - 1] ?? this.singleRoots.values().next().value;
    const engine = root?.engine ?? new Engine({ policy: effectivePolicy(this.defaultPolicy(), this.settings) });
    const frameworks = engine.currentPolicy.frameworks;
    const rules: RuleInfo[] = [...engine.allRules]
      .sort((a, b) => (a.meta.id < b.meta.id ? -1 : a.meta.id > b.meta.id ? 1 : 0))
      .map((r) => ({
        id: r.meta.id,
        title: r.meta.title,
        failMessage: r.meta.failMessage,
        rationale: r.meta.rationale,
        remediation: r.meta.remediation,
        severity: engine.currentPolicy.severityOverrides[r.meta.id] ?? r.meta.severity,
        themes: [...r.meta.themes],
        resourceTypes: r.meta.resourceTypes,
        enabled: engine.isRuleEnabled(r),
        controls: controlsForRule(r.meta, frameworks).map((c) => ({ framework: c.framework, id: c.id, title: c.title })),
        docsUri: ruleDocsUri(r.meta.id),
      }));
    return { rules };
  }

  private listFindings(uri: string | undefined): FindingsResult {
    const out: FindingsResult = { findings: [], passes: [], frameworks: [] };
    const frameworks = new Set<string>();
    const add = (root: AnalysisRoot, findings: Finding[], passes: Array<{ ruleId: string; file: string; address: string }>) => {
      for (const f of root.engine.currentPolicy.frameworks) frameworks.add(f);
      for (const f of findings) out.findings.push(toProtocolFinding(f, root.uriOf(f.file)));
      for (const p of passes) out.passes.push({ uri: root.uriOf(p.file), ruleId: p.ruleId, address: p.address });
    };
    if (uri) {
      const loc = this.locate(uri, false);
      if (loc) {
        const { findings } = loc.root.engine.fileResult(loc.relPath);
        const passes = loc.root.engine.analyzeAffected(loc.relPath).result.passes.filter((p) => p.file === loc.relPath);
        add(loc.root, findings, passes);
      }
    } else {
      for (const root of this.allRoots()) {
        const result = root.engine.analyzeAll();
        add(root, result.findings, result.passes);
      }
    }
    out.frameworks = [...frameworks];
    return out;
  }

  /**
   * The roots coverage, rankings and reports speak for: the workspace folders; files opened outside
   * every folder only when no folder is open (they are not part of the workspace's audit scope).
   */
  private scopeRoots(): AnalysisRoot[] {
    const roots = this.roots.length > 0 ? this.roots : [...this.singleRoots.values()];
    // Folder order, not the longest-path-first order used for locating files.
    return [...roots].sort((a, b) => (a.rootPath < b.rootPath ? -1 : a.rootPath > b.rootPath ? 1 : 0));
  }

  /** Frameworks in effect when nothing is requested: settings > policy file (per root) > default. */
  private frameworksFor(roots: AnalysisRoot[], requested?: string[]): string[] {
    const fallback = effectivePolicy(this.defaultPolicy(), this.settings).frameworks;
    return resolveFrameworks(roots, Array.isArray(requested) ? requested.filter((f) => typeof f === 'string') : undefined, fallback);
  }

  private coverage(params: CoverageParams | undefined): CoverageResult {
    const roots = this.scopeRoots();
    const inEffect = this.frameworksFor(roots);
    if (!this.settings.enable) return disabledCoverage(inEffect);
    return buildCoverage(roots, this.frameworksFor(roots, params?.frameworks), inEffect);
  }

  private prioritised(params: PrioritisedParams | undefined): PrioritisedResult {
    if (!this.settings.enable) return { rules: [], frameworks: [] };
    const roots = this.scopeRoots();
    const limit = typeof params?.limit === 'number' && params.limit >= 0 ? Math.floor(params.limit) : undefined;
    return buildPrioritised(roots, this.frameworksFor(roots, params?.frameworks), limit);
  }

  private report(format: ReportResult['format'], frameworks: string[] | undefined): ReportResult {
    const roots = this.scopeRoots();
    return buildReport(roots, this.frameworksFor(roots, frameworks), format, new Date().toISOString());
  }

  // ---------------------------------------------------------------- robustness

  private log(message: string): void {
    this.connection.console.info(message);
  }

  private logError(where: string, e: unknown): void {
    const err = e as Error;
    this.connection.console.error(`TrustLint ${where} failed: ${err?.stack ?? String(e)}`);
  }

  private guard<T>(where: string, fallback: T, fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      this.logError(where, e);
      return fallback;
    }
  }

  private async guardAsync<T>(where: string, fn: () => Promise<T>): Promise<T | null> {
    try {
      return await fn();
    } catch (e) {
      this.logError(where, e);
      return null;
    }
  }
}

function toProtocolFinding(f: Finding, uri: string): ProtocolFinding {
  const out: ProtocolFinding = {
    uri,
    ruleId: f.ruleId,
    title: f.title,
    message: f.message,
    severity: f.severity,
    range: toLspRange(f.range),
    resource: { type: f.resource.type, name: f.resource.name, address: f.resource.address, range: toLspRange(f.resource.range) },
    controls: f.controls.map((c) => ({ framework: c.framework, id: c.id, title: c.title })),
    hasFix: f.fixes.length > 0,
  };
  if (f.suppressed) out.suppressed = { reason: f.suppressed.reason, expires: f.suppressed.expires, source: f.suppressed.source };
  return out;
}

/** Start a server on an existing connection. */
export function startServer(connection: Connection): TrustlintServer {
  const server = new TrustlintServer(connection);
  server.listen();
  return server;
}
