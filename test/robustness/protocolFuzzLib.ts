/**
 * The protocol fuzzer's core, shared by `scripts/fuzzProtocol.ts` (long runs) and
 * `protocolFuzz.test.ts` (a short run with a fixed seed in the unit suite).
 *
 * A session starts the real stdio server (dist/server.js) on a temporary workspace (the LSP test
 * workspace plus files of the fuzz seed corpus), opens some of its documents and sends seeded
 * random, valid-JSON LSP traffic in batches: range edits (random fragments, corpus snippets, split
 * surrogate pairs, huge inserts, CR/CRLF), hovers and code actions at any position (also outside the
 * document), commands with bogus arguments, close/reopen, files changed on disk, policy and
 * settings changes, unknown methods, cancellations and malformed params. After each batch it checks:
 * - the server process is alive;
 * - every request of the batch was answered (a result or an error) within the reply time limit,
 *   and a hover sent afterwards is answered too;
 * - every published diagnostic lies inside the text it was computed for (the document at the
 *   version it names; the disk or editor text when it names none), and so does every range in a
 *   hover or code action answer (the texts when the request was sent: the server handles messages
 *   in order), as LSP counts lines (`\n`, `\r\n` and `\r` end a line).
 *
 * Session `k` of seed `s` sends the same messages whatever the server answers (the generator only
 * looks at its own mirror of the documents), so a failure is replayed with `--seed s --session k`.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource, type CodeAction, type Hover, type PublishDiagnosticsParams, type Range } from 'vscode-languageserver/node';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { TestClient } from '../lsp/client';
import { loadSeedCorpus, Rng, type SeedFile } from './fuzzLib';

export interface ProtocolFuzzOptions {
  /** dist/server.js */
  serverPath: string;
  /** Repository root (for the seed corpus and the LSP test workspace). */
  root: string;
  seed: number;
  session: number;
  batches: number;
  batchSize: number;
  /** Time a request (and the liveness hover) may take before it counts as unanswered. */
  replyMs: number;
  /** Called after each batch (progress output). */
  onBatch?: (batch: number, stats: ProtocolFuzzStats) => void;
}

export interface ProtocolFailure {
  kind: 'exit' | 'unanswered' | 'range';
  seed: number;
  session: number;
  batch: number;
  message: string;
}

export interface ProtocolFuzzStats {
  /** LSP messages sent (requests and notifications, the liveness hovers included). */
  messages: number;
  requests: number;
  notifications: number;
  /** Messages by what the generator meant to exercise. */
  byKind: Record<string, number>;
  /** Requests answered with an error (invalid params, unknown method, cancelled), by code. */
  errorResponses: Record<string, number>;
  /** publishDiagnostics notifications whose ranges were checked against their text. */
  diagnosticsChecked: number;
  /** ... and those whose text was no longer known (an old version), not checked. */
  diagnosticsUnchecked: number;
  /** Distinct errors the server logged (handlers that threw and were contained), with counts. */
  loggedErrors: Record<string, number>;
  batches: number;
  failures: ProtocolFailure[];
}

/** Documents bigger than this are reset to their original text before the next edit. */
const MAX_DOC_CHARS = 3 * 1024 * 1024;
/** Versions of a document whose text is kept for checking diagnostics that arrive late. */
const KEPT_VERSIONS = 96;

const FRAGMENTS = [
  '{', '}', '[', ']', '(', ')', '"', "'", '$', '${', '%{', '\n', '\r\n', '\r', '\t', '\\', '#', '//', '/*', '*/', '=', ':', '- ', ',',
  '.', '<<EOT\n', '\nEOT\n', '!Ref ', '!Sub ', '!GetAtt ', '&a ', '*a', '---\n', '? ', '|\n', '\u0000', '\ufffd', '\ud800', '\udc00',
  '\u2028', '\ufeff', 'é', '😀', '𝔘', '  ', 'resource "aws_s3_bucket" "x" {\n', 'Resources:\n', '  Type: AWS::S3::Bucket\n',
  'enable_key_rotation = false\n', '# trustlint:ignore aws-kms-key-rotation-enabled why\n', 'var.', 'module.', 'count = 0\n',
];

const RULE_IDS = ['aws-kms-key-rotation-enabled', 'aws-security-group-no-public-ssh', 'aws-s3-bucket-versioning-enabled', 'aws-rds-storage-encrypted', 'syntax', 'nope'];

interface MirrorDoc {
  uri: string;
  /** Path relative to the workspace folder (`../` for files outside it). */
  rel: string;
  languageId: string;
  original: string;
  doc: TextDocument;
  open: boolean;
  /** version -> text, the last KEPT_VERSIONS versions. */
  history: Map<number, string>;
}

interface PendingRequest {
  method: string;
  kind: string;
  settled: boolean;
  promise: Promise<void>;
}

let corpusCache: { root: string; seeds: SeedFile[] } | undefined;

function seedCorpus(root: string): SeedFile[] {
  if (corpusCache?.root !== root) corpusCache = { root, seeds: loadSeedCorpus(root) };
  return corpusCache.seeds;
}

/**
 * Lengths of the lines of `text` as LSP counts them: `\r\n`, `\n` and `\r` end a line, and a
 * line's length leaves its terminator out.
 */
export function lspLineLengths(text: string): number[] {
  const out: number[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 10 && c !== 13) continue;
    out.push(i - start);
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    start = i + 1;
  }
  out.push(text.length - start);
  return out;
}

/** Why `r` is not a range inside the text with these line lengths (undefined when it is). */
export function rangeProblem(r: Range, lines: readonly number[]): string | undefined {
  for (const [name, p] of [['start', r?.start], ['end', r?.end]] as const) {
    if (!p || !Number.isInteger(p.line) || !Number.isInteger(p.character)) return `${name} is not a position: ${JSON.stringify(p)}`;
    if (p.line < 0 || p.line >= lines.length) return `${name} line ${p.line} outside 0..${lines.length - 1}`;
    if (p.character < 0 || p.character > lines[p.line]) return `${name} ${p.line}:${p.character} past the end of the line (length ${lines[p.line]})`;
  }
  if (r.start.line > r.end.line || (r.start.line === r.end.line && r.start.character > r.end.character)) return 'start after end';
  return undefined;
}

/** Paths (relative, with `/`) of the files under `dir`. */
function filesUnder(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...filesUnder(dir, rel));
    else if (e.isFile()) out.push(rel);
  }
  return out;
}

/** Line lengths of recently checked texts: a code action answer has many edits in one big text. */
const linesCache = new Map<string, number[]>();

function linesOf(text: string): number[] {
  let lines = linesCache.get(text);
  if (!lines) {
    if (linesCache.size >= 32) linesCache.delete(linesCache.keys().next().value as string);
    linesCache.set(text, (lines = lspLineLengths(text)));
  }
  return lines;
}

/** Why `range` lies outside every one of `texts` (undefined when inside one, or when none is known). */
function outsideAll(range: Range, texts: readonly string[]): string | undefined {
  let first: string | undefined;
  for (const t of texts) {
    const problem = rangeProblem(range, linesOf(t));
    if (problem === undefined) return undefined;
    first ??= problem;
  }
  return first;
}

/** Ranges of the text edits in a hover or code action answer, with the document each refers to. */
function answerRanges(method: string, result: unknown, uri: string | undefined): Array<{ uri: string; range: Range; what: string }> {
  const out: Array<{ uri: string; range: Range; what: string }> = [];
  if (method === 'textDocument/hover') {
    const r = (result as Hover | null)?.range;
    if (r && uri) out.push({ uri, range: r, what: 'hover range' });
    return out;
  }
  for (const action of Array.isArray(result) ? (result as CodeAction[]) : []) {
    const edit = action?.edit;
    for (const [u, edits] of Object.entries(edit?.changes ?? {})) for (const e of edits) out.push({ uri: u, range: e.range, what: `edit of "${action.title}"` });
    for (const dc of edit?.documentChanges ?? []) {
      if (!('textDocument' in dc)) continue;
      for (const e of dc.edits) out.push({ uri: dc.textDocument.uri, range: e.range, what: `edit of "${action.title}"` });
    }
  }
  return out;
}

/** One fuzz session against a fresh server; resolves with its statistics (failures included). */
export async function runProtocolSession(opts: ProtocolFuzzOptions): Promise<ProtocolFuzzStats> {
  const session = new Session(opts);
  try {
    await session.start();
    await session.run();
  } finally {
    await session.stop();
  }
  return session.stats;
}

class Session {
  readonly stats: ProtocolFuzzStats = {
    messages: 0,
    requests: 0,
    notifications: 0,
    byKind: {},
    errorResponses: {},
    diagnosticsChecked: 0,
    diagnosticsUnchecked: 0,
    loggedErrors: {},
    batches: 0,
    failures: [],
  };
  private readonly rng: Rng;
  private readonly seeds: SeedFile[];
  private ws = '';
  private client: TestClient | undefined;
  private readonly docs = new Map<string, MirrorDoc>();
  /** uri -> recent texts on disk (a file changed while its diagnostics were in flight). */
  private readonly diskTexts = new Map<string, string[]>();
  /** Files of the workspace (paths relative to it) the fuzzer opens, changes and deletes. */
  private workspaceFiles: string[] = [];
  private pending: PendingRequest[] = [];
  private eventsChecked = 0;
  private batch = -1;
  private extraCount = 0;

  constructor(private readonly opts: ProtocolFuzzOptions) {
    this.rng = new Rng(opts.seed, opts.session);
    this.seeds = seedCorpus(opts.root);
  }

  // ------------------------------------------------------------------ lifecycle

  async start(): Promise<void> {
    this.ws = mkdtempSync(join(tmpdir(), 'trustlint-pfuzz-'));
    cpSync(join(this.opts.root, 'test/lsp/fixtures/workspace'), this.ws, { recursive: true });
    // Corpus files: some alone, some two to a folder (a module of two files).
    // Every file's text, for diagnostics of files never opened (a policy change may un-ignore one).
    for (const rel of filesUnder(this.ws)) this.rememberDisk(rel);
    this.workspaceFiles = ['infra/database.tf', 'infra/network.tf', 'infra/storage.tf', 'cloudformation/database.yaml', 'cloudformation/keys.json', 'compliant/main.tf'];
    for (let i = 0; i < 8; i++) {
      const seed = this.rng.pick(this.seeds);
      const rel = `extra/m${i >> 1}/${i}-${seed.path.split('/').pop()}`;
      this.writeDisk(rel, seed.text);
      this.workspaceFiles.push(rel);
    }
    const client = TestClient.start(this.opts.serverPath);
    this.client = client;
    client.settings = { debounceMs: 0 };
    const wsUri = pathToFileURL(this.ws).href;
    await this.within(
      client.request('initialize', {
        processId: process.pid,
        rootUri: wsUri,
        workspaceFolders: [{ uri: wsUri, name: 'ws' }],
        capabilities: {
          workspace: {
            configuration: true,
            didChangeWatchedFiles: { dynamicRegistration: true },
            didChangeConfiguration: { dynamicRegistration: true },
            workspaceEdit: { documentChanges: true, changeAnnotationSupport: {} },
            workspaceFolders: true,
          },
          window: { workDoneProgress: true },
          textDocument: { publishDiagnostics: { versionSupport: true } },
        },
        initializationOptions: {},
      }),
      'initialize',
    );
    await client.notify('initialized', {});
    await this.within(
      client.waitFor((e) => e.method === '$/progress' && (e.params as { value?: { kind?: string } }).value?.kind === 'end', 0, this.opts.replyMs * 2, 'the first scan'),
      'the first scan',
    );
    // Open five workspace files to start with.
    for (let i = 0; i < 5; i++) this.sendOpen(this.rng.pick(this.workspaceFiles));
  }

  async run(): Promise<void> {
    for (this.batch = 0; this.batch < this.opts.batches; this.batch++) {
      for (let i = 0; i < this.opts.batchSize; i++) this.step();
      await this.endOfBatch();
      this.stats.batches++;
      this.opts.onBatch?.(this.batch, this.stats);
      if (this.stats.failures.length > 0) return;
    }
  }

  async stop(): Promise<void> {
    const client = this.client;
    try {
      if (client && client.proc.exitCode === null && this.stats.failures.length === 0) {
        const code = await this.within(client.stop(), 'shutdown and exit');
        if (code !== 0 && this.stats.failures.length === 0) this.fail('exit', `the server exited with ${code} after shutdown and exit`);
      }
    } catch {
      // Reported by `within` already.
    } finally {
      client?.kill();
      rmSync(this.ws, { recursive: true, force: true });
    }
  }

  // ------------------------------------------------------------------ checks

  private fail(kind: ProtocolFailure['kind'], message: string): void {
    this.stats.failures.push({ kind, seed: this.opts.seed, session: this.opts.session, batch: this.batch, message });
  }

  /** `promise`, or a failure ('unanswered') after replyMs. */
  private within<T>(promise: Promise<T>, what: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.fail(this.exited() ? 'exit' : 'unanswered', `${what}: no answer within ${this.opts.replyMs} ms${this.exitNote()}`);
        reject(new Error(`${what} unanswered`));
      }, this.opts.replyMs);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }

  private exited(): boolean {
    const p = this.client?.proc;
    return !!p && (p.exitCode !== null || p.signalCode !== null);
  }

  private exitNote(): string {
    const p = this.client?.proc;
    if (!p || !this.exited()) return '';
    return ` (the server exited: code ${p.exitCode}, signal ${p.signalCode}; stderr: ${this.client!.stderr.slice(-1500)})`;
  }

  private async endOfBatch(): Promise<void> {
    const client = this.client!;
    const deadline = Date.now() + this.opts.replyMs;
    while (this.pending.some((p) => !p.settled) && Date.now() < deadline && !this.exited()) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    if (this.exited()) {
      this.fail('exit', `the server died${this.exitNote()}`);
      return;
    }
    const unanswered = this.pending.filter((p) => !p.settled);
    // The server's last log lines say what it was doing (a stuck request is otherwise a mystery).
    const logTail = unanswered.length ? `; the server's last log lines:\n${client.logs.slice(-12).join('\n')}` : '';
    for (const p of unanswered) this.fail('unanswered', `${p.method} (${p.kind}): no answer within ${this.opts.replyMs} ms${logTail}`);
    this.pending = [];
    if (unanswered.length > 0) return;
    // Alive: a hover on an open document (or none) is answered in time.
    const open = [...this.docs.values()].filter((d) => d.open);
    const target = open.length > 0 ? this.rng.pick(open) : undefined;
    const uri = target?.uri ?? pathToFileURL(join(this.ws, 'infra/database.tf')).href;
    this.count('liveness', 'request');
    try {
      await this.within(client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } }), 'liveness hover');
    } catch {
      return;
    }
    this.checkEvents();
  }

  private checkEvents(): void {
    const events = this.client!.events;
    for (; this.eventsChecked < events.length; this.eventsChecked++) {
      const e = events[this.eventsChecked];
      if (e.method === 'window/logMessage') {
        const { type, message } = e.params as { type: number; message: string };
        if (type === 1) {
          const key = message.split('\n').slice(0, 2).join(' | ').slice(0, 300);
          this.stats.loggedErrors[key] = (this.stats.loggedErrors[key] ?? 0) + 1;
        }
        continue;
      }
      if (e.method !== 'textDocument/publishDiagnostics') continue;
      const p = e.params as PublishDiagnosticsParams;
      if (p.diagnostics.length === 0) continue;
      const texts = this.textsFor(p);
      if (texts.length === 0) {
        this.stats.diagnosticsUnchecked++;
        continue;
      }
      this.stats.diagnosticsChecked++;
      for (const d of p.diagnostics) {
        const problem = outsideAll(d.range, texts);
        if (problem) {
          this.fail('range', `diagnostic ${String(d.code)} at ${JSON.stringify(d.range)} of ${p.uri} (version ${p.version ?? 'none'}) is outside the document: ${problem}`);
          return;
        }
      }
    }
  }

  /** The texts a publishDiagnostics may have been computed from. */
  private textsFor(p: PublishDiagnosticsParams): string[] {
    const doc = this.docs.get(p.uri);
    if (typeof p.version === 'number') {
      const text = doc?.history.get(p.version);
      return text === undefined ? [] : [text];
    }
    // No version: the file as on disk, or an editor text the server still had (a close in flight).
    const out = [...(this.diskTexts.get(p.uri) ?? [])];
    if (doc) out.push(...[...doc.history.values()].slice(-4));
    return out;
  }

  // ------------------------------------------------------------------ sending

  private count(kind: string, type: 'request' | 'notification'): void {
    this.stats.messages++;
    if (type === 'request') this.stats.requests++;
    else this.stats.notifications++;
    this.stats.byKind[kind] = (this.stats.byKind[kind] ?? 0) + 1;
  }

  private request(kind: string, method: string, params: unknown, cancel = false): void {
    const client = this.client!;
    this.count(kind, 'request');
    const source = cancel ? new CancellationTokenSource() : undefined;
    const entry: PendingRequest = { method, kind, settled: false, promise: Promise.resolve() };
    // The server handles messages in order: the texts now are the texts it answers about.
    const textsAt = this.snapshot();
    const uri = (params as { textDocument?: { uri?: string } } | null)?.textDocument?.uri;
    const sent = source ? client.conn.sendRequest(method, params, source.token) : client.conn.sendRequest(method, params);
    entry.promise = sent.then(
      (result: unknown) => {
        entry.settled = true;
        for (const a of answerRanges(method, result, typeof uri === 'string' ? uri : undefined)) {
          const problem = outsideAll(a.range, textsAt(a.uri));
          if (problem) this.fail('range', `${method} at ${JSON.stringify(params).slice(0, 300)}: ${a.what} ${JSON.stringify(a.range)} in ${a.uri} is outside the document: ${problem}`);
        }
      },
      (e: { code?: number }) => {
        entry.settled = true;
        const code = String(e?.code ?? 'none');
        this.stats.errorResponses[code] = (this.stats.errorResponses[code] ?? 0) + 1;
      },
    );
    this.pending.push(entry);
    if (source) {
      this.count(kind, 'notification'); // the $/cancelRequest jsonrpc sends
      source.cancel();
    }
  }

  /** The texts the server may hold for each document now (one for an open document). */
  private snapshot(): (uri: string) => string[] {
    const open = new Map<string, string>();
    const recent = new Map<string, string[]>();
    for (const m of this.docs.values()) {
      if (m.open) open.set(m.uri, m.doc.getText());
      else recent.set(m.uri, [...m.history.values()].slice(-4));
    }
    const disk = new Map([...this.diskTexts].map(([u, list]) => [u, [...list]]));
    return (uri) => {
      const text = open.get(uri);
      return text !== undefined ? [text] : [...(disk.get(uri) ?? []), ...(recent.get(uri) ?? [])];
    };
  }

  private notify(kind: string, method: string, params: unknown): void {
    this.count(kind, 'notification');
    void this.client!.notify(method, params);
  }

  // ------------------------------------------------------------------ workspace on disk

  private uriOf(rel: string): string {
    return pathToFileURL(join(this.ws, rel)).href;
  }

  private writeDisk(rel: string, text: string): void {
    const abs = join(this.ws, rel);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, text);
    this.rememberDisk(rel);
  }

  private rememberDisk(rel: string): void {
    const uri = this.uriOf(rel);
    const abs = join(this.ws, rel);
    const list = this.diskTexts.get(uri) ?? [];
    if (existsSync(abs)) list.push(readFileSync(abs, 'utf8'));
    this.diskTexts.set(uri, list.slice(-3));
  }

  // ------------------------------------------------------------------ documents

  private sendOpen(rel: string, text?: string): void {
    const uri = this.uriOf(rel);
    const disk = this.diskTexts.get(uri);
    const content = text ?? disk?.[disk.length - 1] ?? '';
    const languageId = rel.endsWith('.tf') ? 'terraform' : rel.endsWith('.tfvars') ? 'terraform-vars' : rel.endsWith('.json') ? 'json' : 'yaml';
    const existing = this.docs.get(uri);
    const version = existing ? existing.doc.version + 1 : 1;
    const doc = TextDocument.create(uri, languageId, version, content);
    const mirror: MirrorDoc = existing ?? { uri, rel, languageId, original: content, doc, open: true, history: new Map() };
    mirror.doc = doc;
    mirror.open = true;
    this.record(mirror);
    this.docs.set(uri, mirror);
    this.notify('open', 'textDocument/didOpen', { textDocument: { uri, languageId, version, text: content } });
  }

  private record(m: MirrorDoc): void {
    m.history.set(m.doc.version, m.doc.getText());
    if (m.history.size > KEPT_VERSIONS) m.history.delete(m.history.keys().next().value as number);
  }

  private openDocs(): MirrorDoc[] {
    return [...this.docs.values()].filter((d) => d.open);
  }

  /** A random position: mostly inside the document, sometimes inside a surrogate pair or outside. */
  private position(doc: TextDocument, outside = 0.05): { line: number; character: number } {
    const rng = this.rng;
    if (rng.chance(outside)) {
      return rng.pick([
        { line: doc.lineCount + rng.int(100), character: rng.int(50) },
        { line: rng.int(doc.lineCount), character: 10_000 + rng.int(100_000) },
        { line: 2 ** 31 - 1, character: 2 ** 31 - 1 },
      ]);
    }
    const text = doc.getText();
    let offset = rng.int(text.length + 1);
    if (rng.chance(0.2)) {
      // Between the two halves of an astral character, when the text has one.
      const i = text.indexOf('\ud83d', rng.int(text.length + 1));
      const j = i >= 0 ? i : text.search(/[\ud800-\udbff]/);
      if (j >= 0) offset = j + 1;
    }
    return doc.positionAt(offset);
  }

  private fragment(): string {
    const rng = this.rng;
    const roll = rng.next();
    if (roll < 0.01) {
      // Huge insert: a long token or a corpus file repeated (hundreds of kilobytes).
      const size = 100_000 + rng.int(900_000);
      return rng.chance(0.5) ? 'a'.repeat(size) : rng.pick(this.seeds).text.repeat(Math.ceil(size / 2000)).slice(0, size);
    }
    if (roll < 0.4) {
      const seed = rng.pick(this.seeds).text;
      const a = rng.int(seed.length + 1);
      return seed.slice(a, a + rng.int(300));
    }
    let out = '';
    for (let n = 1 + rng.int(4); n > 0; n--) out += rng.pick(FRAGMENTS);
    return out;
  }

  // ------------------------------------------------------------------ messages

  private step(): void {
    const r = this.rng.next();
    if (r < 0.36) this.change();
    else if (r < 0.38) this.fullChange();
    else if (r < 0.52) this.hover();
    else if (r < 0.63) this.codeAction();
    else if (r < 0.66) this.executeCommand();
    else if (r < 0.7) this.reopen();
    else if (r < 0.73) this.openOther();
    else if (r < 0.76) this.unknownMethod();
    else if (r < 0.8) this.cancel();
    else if (r < 0.87) this.invalidParams();
    else if (r < 0.91) this.customRequest();
    else if (r < 0.95) this.diskChange();
    else if (r < 0.97) this.configuration();
    else this.save();
  }

  private change(): void {
    const open = this.openDocs();
    if (open.length === 0) return this.openOther();
    const m = this.rng.pick(open);
    if (m.doc.getText().length > MAX_DOC_CHARS) return this.sendFull(m, m.original);
    const changes: TextDocumentContentChangeEvent[] = [];
    for (let n = 1 + (this.rng.chance(0.3) ? this.rng.int(4) : 0); n > 0; n--) {
      // Each change applies to the text the previous ones left (as LSP specifies).
      const doc = TextDocument.create(m.uri, m.languageId, 0, m.doc.getText());
      TextDocument.update(doc, changes, 0);
      const start = this.position(doc, 0.03);
      let end = start;
      if (this.rng.chance(0.6)) {
        const from = doc.offsetAt(start);
        end = doc.positionAt(from + this.rng.int(this.rng.chance(0.1) ? 5000 : 60));
      }
      const text = this.rng.chance(0.25) ? '' : this.fragment();
      changes.push({ range: { start, end }, text });
    }
    this.applyChanges(m, changes, 'change');
  }

  private fullChange(): void {
    const open = this.openDocs();
    if (open.length === 0) return this.openOther();
    const m = this.rng.pick(open);
    const text = m.doc.getText();
    const r = this.rng.int(4);
    const next = r === 0 ? text.replace(/\r?\n/g, '\r\n') : r === 1 ? text.replace(/\r?\n/g, '\r') : r === 2 ? m.original : '';
    this.sendFull(m, next);
  }

  private sendFull(m: MirrorDoc, text: string): void {
    this.applyChanges(m, [{ text }], 'fullChange');
  }

  private applyChanges(m: MirrorDoc, changes: TextDocumentContentChangeEvent[], kind: string): void {
    const version = m.doc.version + 1;
    TextDocument.update(m.doc, changes, version);
    this.record(m);
    this.notify(kind, 'textDocument/didChange', { textDocument: { uri: m.uri, version }, contentChanges: changes });
  }

  private anyDoc(): MirrorDoc | undefined {
    const all = [...this.docs.values()];
    return all.length > 0 ? this.rng.pick(all) : undefined;
  }

  private hover(): void {
    const m = this.anyDoc();
    if (!m) return this.openOther();
    this.request('hover', 'textDocument/hover', { textDocument: { uri: m.uri }, position: this.position(m.doc, 0.15) });
  }

  private codeAction(): void {
    const m = this.anyDoc();
    if (!m) return this.openOther();
    const a = this.position(m.doc, 0.1);
    const b = this.rng.chance(0.5) ? a : this.position(m.doc, 0.1);
    const range = a.line < b.line || (a.line === b.line && a.character <= b.character) ? { start: a, end: b } : { start: b, end: a };
    const diagnostics: unknown[] = [];
    for (let n = this.rng.chance(0.3) ? 1 + this.rng.int(3) : 0; n > 0; n--) {
      diagnostics.push({
        range: this.rng.chance(0.5) ? range : { start: this.position(m.doc), end: this.position(m.doc) },
        source: this.rng.chance(0.8) ? 'trustlint' : 'other',
        code: this.rng.pick(RULE_IDS),
        message: 'x',
        data: this.rng.pick([undefined, null, { ruleId: 5 }, { fixes: 'no' }, { ruleId: this.rng.pick(RULE_IDS), controls: [], fixes: [] }]),
      });
    }
    const only = this.rng.pick([undefined, undefined, ['quickfix'], ['source.fixAll'], ['source'], ['refactor'], []]);
    this.request('codeAction', 'textDocument/codeAction', { textDocument: { uri: m.uri }, range, context: { diagnostics, ...(only ? { only } : {}) } });
  }

  private executeCommand(): void {
    const m = this.anyDoc();
    const uri = m?.uri ?? this.uriOf('infra/database.tf');
    const params = this.rng.pick<unknown>([
      { command: 'trustlint.applyFixAll', arguments: [{ uri }] },
      { command: 'trustlint.applyFixAll', arguments: [uri] },
      { command: 'trustlint.applyFixAll', arguments: [{ uri: 5 }] },
      { command: 'trustlint.applyFixAll', arguments: [null, 1, 'x'] },
      { command: 'trustlint.applyFixAll' },
      { command: 'trustlint.applyFixAll', arguments: [{ uri: 'untitled:Untitled-1' }] },
      { command: 'trustlint.applyFixAllInWorkspace', arguments: [] },
      { command: 'trustlint.suppressWithReason', arguments: [{ uri, ruleId: 'x', line: -3 }] },
      { command: 'trustlint.nope', arguments: [{}] },
      { command: 42, arguments: 'x' },
      {},
    ]);
    this.request('executeCommand', 'workspace/executeCommand', params);
  }

  private reopen(): void {
    const open = this.openDocs();
    if (open.length === 0) return this.openOther();
    const m = this.rng.pick(open);
    this.notify('close', 'textDocument/didClose', { textDocument: { uri: m.uri } });
    m.open = false;
    if (this.rng.chance(0.7)) this.sendOpen(m.rel, this.rng.chance(0.5) ? m.doc.getText() : undefined);
  }

  private openOther(): void {
    const rng = this.rng;
    const r = rng.int(4);
    if (r === 0 || this.workspaceFiles.length === 0) {
      // A new file, in the workspace or outside it, of a corpus file's text.
      const seed = rng.pick(this.seeds);
      const name = `new${this.extraCount++}-${seed.path.split('/').pop()}`;
      this.sendOpen(rng.chance(0.7) ? `extra/open/${name}` : `../outside-${this.opts.seed}-${this.opts.session}/${name}`, seed.text);
      return;
    }
    if (r === 1) {
      // Not a file: ignored by the server, but it must say so by not failing.
      const uri = rng.pick(['untitled:Untitled-1', 'git:/x/y.tf?ref=HEAD', 'file:///', 'file://host/share/x.tf']);
      this.notify('open', 'textDocument/didOpen', { textDocument: { uri, languageId: 'terraform', version: 1, text: this.fragment() } });
      return;
    }
    this.sendOpen(rng.pick(this.workspaceFiles));
  }

  private unknownMethod(): void {
    const m = this.anyDoc();
    const td = { textDocument: { uri: m?.uri ?? 'file:///nope.tf' }, position: { line: 0, character: 0 } };
    if (this.rng.chance(0.6)) {
      const method = this.rng.pick(['textDocument/definition', 'textDocument/completion', 'trustlint/nope', 'nope', '$/nope', 'workspace/symbol']);
      this.request('unknown', method, this.rng.pick<unknown>([td, {}, [1, 2], null]));
    } else {
      const method = this.rng.pick(['nope/notification', '$/nope', 'workspace/didRenameFiles', '$/setTrace', 'textDocument/willSave']);
      this.notify('unknown', method, this.rng.pick<unknown>([td, { value: 'verbose' }, {}, [1]]));
    }
  }

  private cancel(): void {
    const m = this.anyDoc();
    if (this.rng.chance(0.3)) {
      this.notify('cancel', '$/cancelRequest', { id: this.rng.pick<unknown>([99999, 'x', null, -1]) });
      return;
    }
    if (m && this.rng.chance(0.5)) {
      this.request('cancel', 'textDocument/hover', { textDocument: { uri: m.uri }, position: this.position(m.doc) }, true);
    } else {
      this.request('cancel', this.rng.pick(['trustlint/coverage', 'trustlint/findings', 'trustlint/prioritised']), {}, true);
    }
  }

  private invalidParams(): void {
    const rng = this.rng;
    const m = this.anyDoc();
    const uri = m?.uri ?? this.uriOf('infra/database.tf');
    if (rng.chance(0.6)) {
      const method = rng.pick(['textDocument/hover', 'textDocument/codeAction', 'trustlint/findings', 'trustlint/coverage', 'trustlint/prioritised', 'trustlint/report', 'workspace/executeCommand']);
      const params = rng.pick<unknown>([
        null,
        {},
        [],
        'x',
        { textDocument: { uri: 5 }, position: { line: 'x' } },
        { textDocument: { uri }, position: null },
        { textDocument: { uri }, position: { line: -1, character: -5 } },
        { textDocument: { uri }, position: { line: 1.5, character: 0.25 } },
        { textDocument: { uri }, range: null, context: null },
        { textDocument: { uri }, range: { start: { line: 3, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: 'x', only: 'quickfix' } },
        { textDocument: { uri }, range: { start: {}, end: {} }, context: { diagnostics: [null, 5, { range: null, source: 'trustlint', code: 'aws-kms-key-rotation-enabled' }] } },
        { uri: 5, frameworks: 'iso27001-2022', limit: 'x', format: 'html' },
        { format: 'nope' },
        { format: 'md', frameworks: [1, null, 'nope'] },
        { command: null },
      ]);
      this.request('invalidParams', method, params);
      return;
    }
    // Notifications: malformed opens under their own uri (the mirror does not follow them), changes
    // without a version or to unknown documents, closes of documents never opened.
    const junk = pathToFileURL(join(this.ws, `extra/junk/j${this.extraCount++}.tf`)).href;
    const [method, params] = rng.pick<[string, unknown]>([
      ['textDocument/didOpen', { textDocument: { uri: junk, languageId: 'terraform', version: 1, text: 42 } }],
      ['textDocument/didOpen', { textDocument: { uri: junk, languageId: 5, version: 'x', text: null } }],
      ['textDocument/didOpen', {}],
      ['textDocument/didChange', { textDocument: { uri }, contentChanges: [{ text: 'x' }] }],
      ['textDocument/didChange', { textDocument: { uri: junk, version: 7 }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }] }],
      ['textDocument/didChange', { textDocument: { uri }, contentChanges: 'x' }],
      ['textDocument/didClose', { textDocument: { uri: junk } }],
      ['textDocument/didClose', {}],
      ['textDocument/didSave', { textDocument: null }],
      ['workspace/didChangeWatchedFiles', { changes: [{ uri: 5, type: 9 }, null] }],
      ['workspace/didChangeWatchedFiles', {}],
      ['workspace/didChangeConfiguration', { settings: { trustlint: { debounceMs: 'x', severityOverrides: 5, disabledRules: 'all', frameworks: [1] } } }],
      ['workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: 5 }], removed: null } }],
      ['workspace/didChangeWorkspaceFolders', {}],
    ]);
    this.notify('invalidParams', method, params);
  }

  private customRequest(): void {
    const m = this.anyDoc();
    const [method, params] = this.rng.pick<[string, unknown]>([
      ['trustlint/rules', {}],
      ['trustlint/findings', { uri: m?.uri }],
      ['trustlint/findings', {}],
      ['trustlint/coverage', { frameworks: ['iso27001-2022'] }],
      ['trustlint/coverage', {}],
      ['trustlint/prioritised', { limit: 3 }],
      ['trustlint/report', { format: 'md' }],
      ['trustlint/report', { format: 'json', frameworks: ['soc2-2017'] }],
    ]);
    this.request('custom', method, params);
  }

  /** A file changed, created or deleted on disk (files open in the editor are left alone). */
  private diskChange(): void {
    const rng = this.rng;
    const closed = this.workspaceFiles.filter((rel) => !this.docs.get(this.uriOf(rel))?.open);
    const r = rng.int(5);
    let rel: string;
    let type: number;
    if (r === 0) {
      rel = '.trustlint.yaml';
      const policy = rng.pick([
        '',
        'frameworks:\n  - iso27001-2022\n',
        `disabledRules:\n  - ${rng.pick(RULE_IDS)}\n`,
        'exclude:\n  - "extra/**"\n',
        'frameworks: 5\nexclude: [[[\n',
        `severity:\n  ${rng.pick(RULE_IDS)}: low\n`,
        this.fragment(),
      ]);
      this.writeDisk(rel, policy);
      type = 2;
    } else if (r === 1 || closed.length === 0) {
      const seed = rng.pick(this.seeds);
      rel = `extra/disk/new${this.extraCount++}-${seed.path.split('/').pop()}`;
      this.writeDisk(rel, seed.text);
      this.workspaceFiles.push(rel);
      type = 1;
    } else if (r === 2) {
      rel = rng.pick(closed);
      const abs = join(this.ws, rel);
      if (existsSync(abs)) unlinkSync(abs);
      this.rememberDisk(rel);
      type = 3;
    } else {
      rel = rng.pick(closed);
      const list = this.diskTexts.get(this.uriOf(rel)) ?? [];
      const text = list[list.length - 1] ?? '';
      const at = rng.int(text.length + 1);
      this.writeDisk(rel, text.slice(0, at) + this.fragment() + text.slice(at + rng.int(100)));
      type = 2;
    }
    this.notify('diskChange', 'workspace/didChangeWatchedFiles', { changes: [{ uri: this.uriOf(rel), type }] });
  }

  private configuration(): void {
    const rng = this.rng;
    const settings: Record<string, unknown> = { debounceMs: rng.pick([0, 0, 5, 30]) };
    if (rng.chance(0.3)) settings.severityOverrides = { [rng.pick(RULE_IDS)]: rng.pick(['hint', 'error', 'bogus']) };
    if (rng.chance(0.3)) settings.disabledRules = [rng.pick(RULE_IDS)];
    if (rng.chance(0.2)) settings.showSuppressed = true;
    if (rng.chance(0.2)) settings.frameworks = rng.pick([['nis2'], ['bogus'], []]);
    if (rng.chance(0.1)) settings.enable = false;
    this.client!.settings = settings;
    this.notify('configuration', 'workspace/didChangeConfiguration', { settings: rng.chance(0.8) ? { trustlint: settings } : null });
  }

  private save(): void {
    const m = this.anyDoc();
    const uri = this.rng.chance(0.5) || !m ? this.uriOf('.trustlint.yaml') : m.uri;
    this.notify('save', 'textDocument/didSave', { textDocument: { uri } });
  }
}
