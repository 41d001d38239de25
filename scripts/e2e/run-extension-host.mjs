// Runs the extension-host suite (test/e2e/suite, mocha) inside code-server's real extension host:
// code-server with `--vscode-option enable-smoke-test-driver` honours the `payload` of the URL
// (extensionDevelopmentPath = this repo, extensionTestsPath = out/test/e2e/suite), and headless
// chromium opens it; the workbench calls window.codeAutomationExit(code) when run() settles.
// Prints one line per test and `N passed, N failed`; exits 1 on any failure or timeout.
// Usage: node scripts/e2e/run-extension-host.mjs [--grep TEXT] [--timeout SECONDS] [--keep]
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildIfNeeded,
  compileSuite,
  copyWorkspace,
  ensureSetup,
  freePort,
  launchChromium,
  prepareProfile,
  RESULTS_DIR,
  ROOT,
  startCodeServer,
  tempDir,
} from './lib.mjs';

const argv = process.argv.slice(2);
const opt = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const HARD_CAP_S = Number(opt('--timeout') ?? 180);
const keep = argv.includes('--keep');
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const log = (m) => console.log(`[exthost ${elapsed()}] ${m}`);

let server;
let browser;
let work;
let finished = false;

async function teardown() {
  await browser?.close().catch(() => {});
  await server?.stop();
  if (work && !keep) rmSync(work, { recursive: true, force: true });
}

function finish(passed, failed, extra = '') {
  if (finished) return;
  finished = true;
  if (extra) console.log(extra);
  console.log(`\n${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
}

const hardCap = setTimeout(async () => {
  log(`hard cap of ${HARD_CAP_S} s reached: stopping everything`);
  if (browser) {
    const page = browser.contexts()[0]?.pages()[0];
    await page?.screenshot({ path: join(RESULTS_DIR, 'exthost-timeout.png') }).catch(() => {});
  }
  finish(0, 1, 'extension-host suite: TIMEOUT');
  await teardown();
  process.exit(1);
}, HARD_CAP_S * 1000);

try {
  ensureSetup();
  buildIfNeeded();
  compileSuite();
  const suite = join(ROOT, 'out', 'test', 'e2e', 'suite', 'index.js');
  if (!existsSync(suite)) throw new Error(`${suite} missing after compiling`);

  work = tempDir('exthost');
  const folder = copyWorkspace(join(ROOT, 'test', 'e2e', 'workspace'), work);
  const resultsFile = join(work, 'results.json');
  const profile = prepareProfile({ base: work, settings: { 'editor.hover.delay': 100 } });
  const port = await freePort();
  server = await startCodeServer({
    folder,
    port,
    profile,
    smokeTestDriver: true,
    env: { TRUSTLINT_E2E_RESULTS: resultsFile, ...(opt('--grep') ? { TRUSTLINT_E2E_GREP: opt('--grep') } : {}) },
  });
  log(`code-server on 127.0.0.1:${port}, workspace ${folder}`);

  const authority = `127.0.0.1:${port}`;
  const payload = [
    ['extensionDevelopmentPath', `vscode-remote://${authority}${ROOT}`],
    ['extensionTestsPath', `vscode-remote://${authority}${suite}`],
    ['skipWelcome', 'true'],
  ];
  const url = `http://${authority}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;

  browser = await launchChromium(join(work, 'chromium'));
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  let exitCode;
  let onExit;
  const exited = new Promise((resolve) => (onExit = resolve));
  await page.exposeFunction('codeAutomationExit', (code) => {
    exitCode = code;
    onExit(code);
  });
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const text = (Array.isArray(args) ? args : [args]).map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
    if (/\[e2e\]/.test(text)) console.log(text.replace(/^.*?\[e2e\] /, '  '));
    else if (process.env.TRUSTLINT_E2E_VERBOSE) console.log(`  [${type}] ${text}`);
  });
  await page.goto(url);
  log('workbench loading; the suite runs inside the extension host');
  await exited;
  log(`codeAutomationExit(${exitCode})`);

  const results = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : [];
  const passed = results.filter((r) => r.state === 'passed').length;
  const failed = results.filter((r) => r.state === 'failed').length;
  const skipped = results.filter((r) => r.state === 'pending').length;
  console.log('\nextension-host suite:');
  for (const r of results) {
    const mark = r.state === 'passed' ? 'ok  ' : r.state === 'failed' ? 'FAIL' : 'skip';
    console.log(`  ${mark} ${r.title}${r.durationMs !== undefined ? ` (${r.durationMs} ms)` : ''}`);
    if (r.error) console.log(r.error.replace(/^/gm, '       '));
    if (r.reason) console.log(`       reason: ${r.reason}`);
  }
  // run() rejected without a recorded failure (e.g. the suite did not load): count it.
  const unexplained = exitCode !== 0 && failed === 0 ? 1 : 0;
  if (unexplained) console.log(`  FAIL the suite exited with ${exitCode} without a failing test (did it load? see TRUSTLINT_E2E_VERBOSE=1)`);
  finish(passed, failed + unexplained, skipped ? `${skipped} skipped (reasons above)` : '');
} catch (e) {
  console.error(e?.stack ?? String(e));
  if (server) console.error(server.output().slice(-3000));
  finish(0, 1, 'extension-host suite: ERROR');
} finally {
  clearTimeout(hardCap);
  log('stopping code-server and chromium');
  await teardown();
}
