/**
 * Regex safety: every regex literal in server/src (found with the TypeScript parser, so none is
 * missed) and the regexes built at run time (exclude globs, template detection) against 100,000
 * characters of their worst input. Each must finish within a budget generous enough for a loaded
 * machine: a safety bound against catastrophic backtracking, not a benchmark.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { compileGlob, isExcluded, DEFAULT_POLICY } from '../../server/src/config/policy';
import { looksLikeCloudFormation } from '../../server/src/parsing/detect';
import { repoRoot } from '../util/paths';
import { ATTACK_LENGTH, attackStrings, collectRegexes, type FoundRegex } from './regexLib';

/** CPU time one regex may take over all its attack strings. */
const BUDGET_MS = 1000;
/** Wall time after which a regex is stopped (it is not coming back). */
const KILL_MS = 20_000;

interface Outcome {
  index: number;
  ms: number;
  error?: string;
  killed?: boolean;
}

/** Run the regexes in a worker, restarting it past any regex that had to be stopped. */
async function runAll(regexes: FoundRegex[]): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  let from = 0;
  while (from < regexes.length) {
    const worker = new Worker(join(__dirname, 'regexWorker.js'), { workerData: { regexes, from } });
    let current = from;
    let beat = Date.now();
    const killed = await new Promise<boolean>((resolve, reject) => {
      const timer = setInterval(() => {
        if (Date.now() - beat > KILL_MS) {
          clearInterval(timer);
          void worker.terminate();
          resolve(true);
        }
      }, 100);
      worker.on('message', (m: { type: string; index: number; ms: number; error?: string }) => {
        beat = Date.now();
        if (m.type === 'begin') current = m.index;
        else outcomes.push({ index: m.index, ms: m.ms, error: m.error });
      });
      worker.on('error', (e) => {
        clearInterval(timer);
        reject(e);
      });
      worker.on('exit', () => {
        clearInterval(timer);
        resolve(false);
      });
    });
    if (!killed) break;
    outcomes.push({ index: current, ms: KILL_MS, killed: true });
    from = current + 1;
  }
  return outcomes;
}

describe('robustness: regex safety', function () {
  this.timeout(600_000);

  it('every regex literal in server/src completes on 100k-character pathological input', async () => {
    const regexes = collectRegexes(repoRoot());
    assert.ok(regexes.length > 50, `the regexes are found (${regexes.length})`);
    const outcomes = await runAll(regexes);
    assert.equal(outcomes.length, regexes.length, 'every regex ran');
    const slow = outcomes
      .filter((o) => o.killed || o.ms > BUDGET_MS || o.error)
      .map((o) => `${regexes[o.index].where} /${regexes[o.index].source}/${regexes[o.index].flags}: ${o.killed ? 'stopped' : o.error ?? `${o.ms.toFixed(0)} ms`}`);
    assert.deepEqual(slow, []);
  });

  it('exclude globs match in linear time', () => {
    const globs = ['**/*.tf', '**/a/**/b/**/c/*.tf', '*'.repeat(50), '**/'.repeat(30) + 'x', 'a?b*c**d/**/e', ...DEFAULT_POLICY.exclude];
    const paths = ['a/'.repeat(ATTACK_LENGTH / 2) + '!', 'a'.repeat(ATTACK_LENGTH), '/'.repeat(ATTACK_LENGTH) + 'x', 'a/b/'.repeat(ATTACK_LENGTH / 4) + 'c'];
    for (const glob of globs) {
      const re = compileGlob(glob);
      const start = process.cpuUsage();
      for (const p of paths) re.test(p);
      const used = process.cpuUsage(start);
      assert.ok((used.user + used.system) / 1000 < BUDGET_MS, `glob ${glob.slice(0, 40)} took ${(used.user + used.system) / 1000} ms`);
    }
    assert.equal(isExcluded('a/'.repeat(1000) + 'node_modules/x.tf', DEFAULT_POLICY), true);
  });

  it('template detection stays linear on 512 KB heads of hostile text', () => {
    const heads = [
      ...attackStrings('^["\']?Type["\']?[ \\t]*:[ \\t]*["\']?(?:AWS|Alexa|Custom)::', 512 * 1024),
      'Resources:\n' + ' '.repeat(512 * 1024) + 'x',
      'Resources:\n' + ' Type: AWS'.repeat(50_000),
      '{"Resources": {' + '"Type" : '.repeat(50_000),
      '{' + ' '.repeat(512 * 1024),
    ];
    const start = process.cpuUsage();
    for (const h of heads) looksLikeCloudFormation(h);
    const used = process.cpuUsage(start);
    const ms = (used.user + used.system) / 1000;
    assert.ok(ms < heads.length * BUDGET_MS, `${heads.length} heads took ${ms.toFixed(0)} ms`);
  });
});
