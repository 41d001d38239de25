// `npm run test:e2e`: every real-editor suite, one after the other, with one combined
// `N passed, N failed` line at the end (exit 1 when anything failed):
//   1. Neovim 0.7 as an independent LSP client       test/e2e/nvim/run.mjs
//   2. the packaged .vsix (contents, manifest, install) test/e2e/vsix.test.mjs
//   3. the extension-host suite inside code-server    scripts/e2e/run-extension-host.mjs
//   4. the UI in headless chromium (.vsix installed)  test/e2e/ui/ui.mjs
// Runs scripts/e2e/setup.sh first when .e2e/ is incomplete. Usage: node scripts/e2e/run-all.mjs [nvim|vsix|exthost|ui ...]
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { build, ensureSetup, parseSummary, ROOT, VSIX } from './lib.mjs';

const suites = [
  { name: 'neovim', key: 'nvim', args: [join(ROOT, 'test', 'e2e', 'nvim', 'run.mjs')] },
  { name: 'vsix', key: 'vsix', args: [join(ROOT, 'test', 'e2e', 'vsix.test.mjs')] },
  { name: 'extension host', key: 'exthost', args: [join(ROOT, 'scripts', 'e2e', 'run-extension-host.mjs')] },
  // Uses the .vsix the vsix suite packaged (the UI test packages one itself when it is missing).
  { name: 'ui', key: 'ui', args: [join(ROOT, 'test', 'e2e', 'ui', 'ui.mjs'), '--vsix', VSIX] },
];
const only = process.argv.slice(2);
const selected = only.length ? suites.filter((s) => only.includes(s.key)) : suites;

const started = Date.now();
const secs = (t) => ((Date.now() - t) / 1000).toFixed(1);

function runSuite(suite) {
  return new Promise((resolve) => {
    let out = '';
    const child = spawn(process.execPath, suite.args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d) => {
      out += d;
      process.stdout.write(d);
    });
    child.stderr.on('data', (d) => process.stderr.write(d));
    child.on('exit', (code, signal) => resolve({ code, signal, out }));
  });
}

const t0 = Date.now();
ensureSetup();
build();
const setupSecs = secs(t0);

const results = [];
for (const suite of selected) {
  console.log(`\n======== ${suite.name} ========`);
  const t = Date.now();
  const { code, signal, out } = await runSuite(suite);
  const summary = parseSummary(out);
  const skipped = Number(/(\d+) skipped/.exec(out.split('\n').slice(-6).join('\n'))?.[1] ?? 0);
  // A suite that died without a summary, or exited non-zero with none failed, counts as one failure.
  let { passed, failed } = summary ?? { passed: 0, failed: 1 };
  if (code !== 0 && failed === 0) failed = 1;
  results.push({ name: suite.name, passed, failed, skipped, secs: secs(t), code: code ?? signal });
}

console.log('\n======== real-editor suites ========');
console.log(`  setup + build: ${setupSecs} s`);
for (const r of results) {
  console.log(`  ${r.name.padEnd(15)} ${String(r.passed).padStart(3)} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''}  (${r.secs} s${r.code ? `, exit ${r.code}` : ''})`);
}
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log(`  total ${secs(started)} s`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
