/**
 * Entry point of the extension-host suite, loaded by the editor as `extensionTestsPath` (the
 * contract of @vscode/test-electron: export `run(): Promise<void>`, reject on failure). Runs the
 * `*.test.js` files next to it with mocha inside the real extension host, logs one line per test
 * and, when TRUSTLINT_E2E_RESULTS names a file, writes the results there as JSON for the runner.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { skipReasons } from './helpers';

export interface SuiteResult {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs?: number;
  error?: string;
  reason?: string;
}

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: 30_000,
    // Our own listeners print the results; the built-in reporters write to a stdout nobody reads here.
    reporter: class Quiet extends Mocha.reporters.Base {},
  });
  const grep = process.env.TRUSTLINT_E2E_GREP;
  if (grep) mocha.grep(grep);
  for (const f of fs.readdirSync(__dirname).sort()) if (f.endsWith('.test.js')) mocha.addFile(path.join(__dirname, f));

  const results: SuiteResult[] = [];
  const out = process.env.TRUSTLINT_E2E_RESULTS;
  const save = () => {
    if (out) fs.writeFileSync(out, JSON.stringify(results, null, 2));
  };
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      save();
      const passed = results.filter((r) => r.state === 'passed').length;
      console.log(`[e2e] ${passed} passed, ${failures} failed`);
      if (failures > 0 || passed === 0) reject(new Error(`${failures} extension-host test(s) failed`));
      else resolve();
    });
    runner.on('pass', (t) => {
      results.push({ title: t.fullTitle(), state: 'passed', durationMs: t.duration });
      console.log(`[e2e] ok - ${t.fullTitle()} (${t.duration} ms)`);
      save();
    });
    runner.on('fail', (t, err: Error) => {
      const error = `${err?.message ?? String(err)}\n${(err?.stack ?? '').split('\n').slice(1, 6).join('\n')}`;
      results.push({ title: t.fullTitle(), state: 'failed', durationMs: t.duration, error });
      console.log(`[e2e] not ok - ${t.fullTitle()}\n${error}`);
      save();
    });
    runner.on('pending', (t) => {
      results.push({ title: t.fullTitle(), state: 'pending', reason: skipReasons.get(t.fullTitle()) });
      console.log(`[e2e] skip - ${t.fullTitle()}`);
      save();
    });
  });
}
