/**
 * A tiny LSP client for protocol tests: spawns the bundled server over stdio, answers the
 * server's requests (configuration, registrations, progress, applyEdit) and lets tests await
 * notifications without sleeping.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
  type PublishDiagnosticsParams,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';

export interface Event {
  method: string;
  params: unknown;
}

interface Waiter {
  from: number;
  match: (e: Event) => boolean;
  resolve: (e: Event) => void;
}

export class TestClient {
  readonly events: Event[] = [];
  readonly logs: string[] = [];
  readonly appliedEdits: WorkspaceEdit[] = [];
  /** Every `workspace/applyEdit` request as sent (label included). */
  readonly applyEditRequests: Array<{ label?: string; edit: WorkspaceEdit }> = [];
  /** What the client answers `workspace/applyEdit` with (a user declining a preview answers false). */
  applyEditAnswer: { applied: boolean; failureReason?: string } = { applied: true };
  stderr = '';
  settings: Record<string, unknown> = { debounceMs: 0 };
  private waiters: Waiter[] = [];
  private exitPromise: Promise<number | null>;

  private constructor(
    readonly proc: ChildProcess,
    readonly conn: MessageConnection,
  ) {
    this.exitPromise = new Promise((resolve) => proc.on('exit', (code) => resolve(code)));
    proc.stderr?.on('data', (d: Buffer) => (this.stderr += d.toString()));
    conn.onNotification((method, params) => this.push({ method, params }));
    // jsonrpc routes $/progress to per-token handlers; ours has none, so it arrives here.
    conn.onUnhandledProgress((params) => this.push({ method: '$/progress', params }));
    conn.onRequest('workspace/configuration', (p: { items: Array<{ section?: string }> }) =>
      p.items.map((i) => (i.section === 'trustlint' ? this.settings : null)),
    );
    conn.onRequest('client/registerCapability', (p) => {
      this.push({ method: 'client/registerCapability', params: p });
      return null;
    });
    conn.onRequest('window/workDoneProgress/create', () => null);
    conn.onRequest('workspace/applyEdit', (p: { label?: string; edit: WorkspaceEdit }) => {
      this.applyEditRequests.push(p);
      this.appliedEdits.push(p.edit);
      return this.applyEditAnswer;
    });
    conn.listen();
  }

  static start(serverPath: string, args: string[] = ['--stdio']): TestClient {
    const proc = spawn(process.execPath, [serverPath, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    const conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    return new TestClient(proc, conn);
  }

  private push(e: Event): void {
    if (e.method === 'window/logMessage') this.logs.push((e.params as { message: string }).message);
    this.events.push(e);
    const index = this.events.length - 1;
    this.waiters = this.waiters.filter((w) => {
      if (index >= w.from && w.match(e)) {
        w.resolve(e);
        return false;
      }
      return true;
    });
  }

  /** Position in the event log: pass to `waitFor` to only accept later events. */
  mark(): number {
    return this.events.length;
  }

  /** The first event at or after `from` that matches (already received or still to come). */
  waitFor(match: (e: Event) => boolean, from = 0, timeoutMs = 10_000, what = 'notification'): Promise<Event> {
    for (let i = from; i < this.events.length; i++) if (match(this.events[i])) return Promise.resolve(this.events[i]);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`timed out waiting for ${what}; stderr: ${this.stderr.slice(-2000)}\nlogs:\n${this.logs.slice(-20).join('\n')}`));
      }, timeoutMs);
      const waiter: Waiter = {
        from,
        match,
        resolve: (e) => {
          clearTimeout(timer);
          resolve(e);
        },
      };
      this.waiters.push(waiter);
    });
  }

  /** The next publishDiagnostics for `uri` at or after `from` that satisfies `pred`. */
  async diagnostics(uri: string, from = 0, pred: (p: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams> {
    const e = await this.waitFor(
      (ev) => ev.method === 'textDocument/publishDiagnostics' && (ev.params as PublishDiagnosticsParams).uri === uri && pred(ev.params as PublishDiagnosticsParams),
      from,
      10_000,
      `diagnostics for ${uri}`,
    );
    return e.params as PublishDiagnosticsParams;
  }

  /** The latest diagnostics published for `uri` so far. */
  latest(uri: string): PublishDiagnosticsParams | undefined {
    for (let i = this.events.length - 1; i >= 0; i--) {
      const e = this.events[i];
      if (e.method === 'textDocument/publishDiagnostics' && (e.params as PublishDiagnosticsParams).uri === uri) return e.params as PublishDiagnosticsParams;
    }
    return undefined;
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.conn.sendRequest(method, params) as Promise<R>;
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.conn.sendNotification(method, params);
  }

  /** shutdown + exit; resolves with the process exit code. */
  async stop(): Promise<number | null> {
    await this.request('shutdown', null);
    await this.notify('exit', null);
    const code = await this.exitPromise;
    this.conn.dispose();
    return code;
  }

  kill(): void {
    if (this.proc.exitCode === null) this.proc.kill();
    this.conn.dispose();
  }
}

/** Apply LSP text edits to a text (edits must not overlap, as LSP requires). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const offset = (p: { line: number; character: number }) => Math.min((lineStarts[p.line] ?? text.length) + p.character, text.length);
  const sorted = edits
    .map((e, i) => ({ start: offset(e.range.start), end: offset(e.range.end), text: e.newText, i }))
    .sort((a, b) => b.start - a.start || b.i - a.i);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** The edits of a WorkspaceEdit for one URI (`changes` or `documentChanges`). */
export function editsFor(edit: WorkspaceEdit, uri: string): TextEdit[] {
  if (edit.changes) return edit.changes[uri] ?? [];
  const out: TextEdit[] = [];
  for (const dc of edit.documentChanges ?? []) {
    if ('textDocument' in dc && dc.textDocument.uri === uri) out.push(...(dc.edits as TextEdit[]));
  }
  return out;
}
