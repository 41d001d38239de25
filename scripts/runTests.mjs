// Runs the compiled mocha suites and ends with one plain `N passed, N failed, N skipped` line,
// which CI reads. Usage: node scripts/runTests.mjs [grep]
import Mocha from 'mocha';
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outTest = join(root, 'out', 'test');
if (!existsSync(outTest)) {
  console.error('No compiled tests in out/test: run `npm run compile-tests` first.');
  process.exit(2);
}
const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) {
      // The extension-host suites run inside a real editor, not here.
      if (name === 'e2e') continue;
      walk(full);
    } else if (name.endsWith('.test.js')) files.push(full);
  }
})(outTest);

const grep = process.argv[2];
const mocha = new Mocha({ timeout: 60000, reporter: 'spec', ...(grep ? { grep } : {}) });
for (const f of files) mocha.addFile(f);
const runner = mocha.run();
runner.on('end', () => {
  const s = runner.stats ?? { passes: 0, failures: 0, pending: 0 };
  console.log(`\n${s.passes} passed, ${s.failures} failed, ${s.pending} skipped`);
  process.exitCode = s.failures > 0 || s.passes === 0 ? 1 : 0;
});
