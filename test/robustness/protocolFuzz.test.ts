/**
 * A short protocol fuzz session in the unit suite (long runs: `npm run fuzz:protocol`): the real
 * stdio server gets a few hundred seeded random LSP messages (see protocolFuzzLib.ts) and must stay
 * alive, answer every request and publish diagnostics only inside their documents. Run
 * `npm run build` first (it uses dist/server.js).
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../util/paths';
import { runProtocolSession } from './protocolFuzzLib';

const SEED = 20261128;
const BATCHES = 16;
const BATCH_SIZE = 25;

/**
 * Sessions a long run found failing (replayed message for message; the generator does not look at
 * the server's answers).
 * - seed 2 session 31: a close, reopen and edits in one batch; the file's module was re-analysed
 *   while the close read the disk, and the editor text's diagnostics went out without a version,
 *   landing on the reopened document.
 * - seed 2 session 62: a file changed on disk, then opened and edited while the watcher handler
 *   read it; the handler put the disk text back into the engine and its diagnostics went out under
 *   the document's version.
 * - seed 3 session 30: a `\r\n` typed into a YAML mapping; yaml's error range ended between the
 *   `\r` and the `\n`, a character past the end of the line.
 */
const REGRESSIONS = [
  { seed: 2, session: 31, batches: 20 },
  { seed: 2, session: 62, batches: 13 },
  { seed: 3, session: 30, batches: 1 },
];

describe('robustness: protocol fuzzing (dist/server.js --stdio)', function () {
  // Generous bounds for a loaded two-core machine: these catch a dead or stuck server, not slowness.
  this.timeout(600_000);

  it(`${BATCHES * BATCH_SIZE} random messages (seed ${SEED}): no crash, every request answered, diagnostics inside their documents`, async () => {
    const serverPath = join(repoRoot(), 'dist', 'server.js');
    assert.ok(existsSync(serverPath), `${serverPath} is missing: run \`npm run build\` first`);
    const stats = await runProtocolSession({ serverPath, root: repoRoot(), seed: SEED, session: 0, batches: BATCHES, batchSize: BATCH_SIZE, replyMs: 60_000 });
    const failures = stats.failures.map((f) => `${f.kind} in batch ${f.batch}: ${f.message}`).join('\n');
    assert.equal(failures, '', `reproduce with: npm run fuzz:protocol -- --seed ${SEED} --session 0 --batches ${BATCHES}`);
    assert.equal(stats.batches, BATCHES);
    assert.ok(stats.messages >= BATCHES * BATCH_SIZE, `${stats.messages} messages sent`);
    // The checks looked at something: diagnostics were published and checked, requests answered.
    assert.ok(stats.diagnosticsChecked > 20, `${stats.diagnosticsChecked} publishDiagnostics checked`);
    assert.ok(stats.requests > 100, `${stats.requests} requests`);
  });

  for (const r of REGRESSIONS) {
    it(`regression: seed ${r.seed} session ${r.session} (${r.batches} batches)`, async () => {
      const serverPath = join(repoRoot(), 'dist', 'server.js');
      const stats = await runProtocolSession({ serverPath, root: repoRoot(), ...r, batchSize: BATCH_SIZE, replyMs: 60_000 });
      assert.equal(stats.failures.map((f) => `${f.kind} in batch ${f.batch}: ${f.message}`).join('\n'), '');
      assert.equal(stats.batches, r.batches);
    });
  }
});
