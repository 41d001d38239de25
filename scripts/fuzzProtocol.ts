/**
 * `npm run fuzz:protocol -- --seconds N [--seed S] [--session K] [--batches B] [--batch-size M] [--reply-ms T]`
 *
 * Fuzzes the running language server (dist/server.js over stdio) with seeded random LSP traffic,
 * one session (a fresh server on a fresh workspace, B batches of M messages) after another until
 * N seconds have passed; see test/robustness/protocolFuzzLib.ts for what is sent and checked.
 * `--session K` replays only session K of seed S (sessions are independent). A crash, a request not
 * answered within T ms (default 30000) or a diagnostic outside its document stops the run with the
 * seed and session to replay it; the exit code is then 1.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runProtocolSession, type ProtocolFuzzStats } from '../test/robustness/protocolFuzzLib';

const ROOT = join(__dirname, '..', '..');

function options(): { seconds: number; seed: number; session?: number; batches: number; batchSize: number; replyMs: number } {
  const a = process.argv.slice(2);
  const num = (name: string): number | undefined => {
    const i = a.indexOf(`--${name}`);
    return i >= 0 ? Number(a[i + 1]) : undefined;
  };
  return {
    seconds: num('seconds') ?? 60,
    seed: num('seed') ?? Date.now() % 100000,
    session: num('session'),
    batches: num('batches') ?? 40,
    batchSize: num('batch-size') ?? 25,
    replyMs: num('reply-ms') ?? 30000,
  };
}

function add(into: Record<string, number>, from: Record<string, number>): void {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
}

async function main(): Promise<void> {
  const opts = options();
  const serverPath = join(ROOT, 'dist', 'server.js');
  const started = performance.now();
  const total = { sessions: 0, batches: 0, messages: 0, requests: 0, notifications: 0, checked: 0, unchecked: 0 };
  const byKind: Record<string, number> = {};
  const errors: Record<string, number> = {};
  const logged: Record<string, number> = {};
  let failures: ProtocolFuzzStats['failures'] = [];
  console.log(`fuzz:protocol: seed ${opts.seed}, ${opts.session !== undefined ? `session ${opts.session} only` : `${opts.seconds} s`}, ${opts.batches} batches of ${opts.batchSize} messages per session`);
  for (let session = opts.session ?? 0; ; session++) {
    const stats = await runProtocolSession({ serverPath, root: ROOT, seed: opts.seed, session, batches: opts.batches, batchSize: opts.batchSize, replyMs: opts.replyMs });
    total.sessions++;
    total.batches += stats.batches;
    total.messages += stats.messages;
    total.requests += stats.requests;
    total.notifications += stats.notifications;
    total.checked += stats.diagnosticsChecked;
    total.unchecked += stats.diagnosticsUnchecked;
    add(byKind, stats.byKind);
    add(errors, stats.errorResponses);
    add(logged, stats.loggedErrors);
    const seconds = (performance.now() - started) / 1000;
    console.log(`  session ${session}: ${stats.messages} messages, ${stats.diagnosticsChecked} diagnostics checked, ${stats.failures.length} failures (${seconds.toFixed(0)} s)`);
    failures = stats.failures;
    if (failures.length > 0 || opts.session !== undefined || seconds >= opts.seconds) break;
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `fuzz:protocol: ${total.messages.toLocaleString('en-US')} messages (${total.requests.toLocaleString('en-US')} requests, ${total.notifications.toLocaleString('en-US')} notifications) ` +
      `in ${total.sessions} sessions / ${total.batches} batches, ${seconds.toFixed(0)} s (${(total.messages / seconds).toFixed(0)} messages/s)`,
  );
  console.log(`  by kind: ${Object.entries(byKind).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  console.log(`  error responses by code: ${Object.entries(errors).map(([k, v]) => `${k}: ${v}`).join(', ') || 'none'}`);
  console.log(`  publishDiagnostics checked: ${total.checked} (${total.unchecked} of versions no longer kept)`);
  const loggedKeys = Object.keys(logged);
  console.log(`  errors the server logged and contained: ${loggedKeys.length === 0 ? 'none' : ''}`);
  for (const k of loggedKeys) console.log(`    ${logged[k]}x ${k}`);
  console.log(`  crashes: ${failures.filter((f) => f.kind === 'exit').length}, unanswered: ${failures.filter((f) => f.kind === 'unanswered').length}, ranges outside the document: ${failures.filter((f) => f.kind === 'range').length}`);
  for (const f of failures) {
    console.log(`  FAILED (${f.kind}) in batch ${f.batch}: ${f.message}`);
    console.log(`  replay: npm run fuzz:protocol -- --seed ${f.seed} --session ${f.session} --batches ${f.batch + 1} --batch-size ${opts.batchSize}`);
  }
  process.exitCode = failures.length > 0 ? 1 : 0;
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
