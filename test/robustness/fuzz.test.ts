/**
 * A short, fixed-seed fuzz run in the unit suite (the long runs are `npm run fuzz`), and every input
 * a fuzz run ever found failing (test/robustness/regressions/<case>/: the input, the unmutated
 * files it was analysed beside, and case.json). See fuzzLib.ts for what is checked.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../util/paths';
import { checkInput, checkInputTimed, companionsFor, loadSeedCorpus, makeInput, type FuzzFailure } from './fuzzLib';

/**
 * What `npm run fuzz` calls a hang: more than this much CPU time (TrustLint's own work on the input)
 * twice in a row. A `hang-*` regression case must stay under it.
 */
const HANG_CPU_MS = 2000;

/** Inputs of the CI run: about 10-20 s of work on an unloaded two-core machine. */
const CI_INPUTS = 3000;
const CI_SEED = 20261127;

function describeFailures(failures: Array<FuzzFailure & { index?: number }>): string {
  return failures.map((f) => `${f.index !== undefined ? `#${f.index} ` : ''}${f.kind} in ${f.target}: ${f.message.split('\n')[0]}`).join('\n');
}

describe('robustness: fuzzing', function () {
  this.timeout(600_000);

  it(`${CI_INPUTS} mutated inputs (seed ${CI_SEED}): no crash, no rule error, no fix that breaks parsing`, () => {
    const seeds = loadSeedCorpus(repoRoot());
    assert.ok(seeds.length > 100, 'the seed corpus is found');
    const failures: Array<FuzzFailure & { index: number }> = [];
    for (let i = 0; i < CI_INPUTS; i++) {
      const input = makeInput(seeds, CI_SEED, i);
      const companions = input.engine ? companionsFor(seeds, input.path, i) : [];
      for (const f of checkInput(input, companions)) failures.push({ ...f, index: i });
    }
    assert.equal(failures.length, 0, `reproduce with: npm run fuzz -- --seed ${CI_SEED} --start N --max N+1\n${describeFailures(failures)}`);
  });

  const dir = join(repoRoot(), 'test/robustness/regressions');
  const cases = existsSync(dir) ? readdirSync(dir).filter((n) => existsSync(join(dir, n, 'case.json'))).sort() : [];
  for (const name of cases) {
    it(`regression ${name}`, () => {
      const meta = JSON.parse(readFileSync(join(dir, name, 'case.json'), 'utf8')) as { input: string; companions: string[]; engine: boolean };
      const text = readFileSync(join(dir, name, meta.input), 'utf8');
      const companions = meta.companions.map((c) => ({ path: c, text: readFileSync(join(dir, name, c), 'utf8') }));
      const input = { path: `fuzz/${meta.input}`, text, engine: meta.engine };
      let { failures, productMs } = checkInputTimed(input, companions);
      assert.equal(failures.length, 0, describeFailures(failures));
      // Only a second slow run counts, as in the fuzz run (a GC of an earlier case can land on this one).
      if (name.startsWith('hang-') && productMs > HANG_CPU_MS) ({ failures, productMs } = checkInputTimed(input, companions));
      if (name.startsWith('hang-')) assert.ok(productMs <= HANG_CPU_MS, `${productMs.toFixed(0)} ms of CPU twice (a hang is over ${HANG_CPU_MS} ms)`);
    });
  }
});
