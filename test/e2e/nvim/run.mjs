// Neovim 0.7 (Debian) as an independent LSP client of dist/server.js: headless, configured only by
// init.lua (the README's snippet), on a copy of test/e2e/workspace. probe.lua dumps what Neovim
// saw (diagnostics, hover, code actions, the result of applying one) as JSON; the checks are here.
// Prints `N passed, N failed`. Usage: node test/e2e/nvim/run.mjs
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const server = join(root, 'dist', 'server.js');
const started = Date.now();

let passed = 0;
let failed = 0;
function check(name, ok, detail = '') {
  if (ok) passed++;
  else failed++;
  console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${name}${ok || !detail ? '' : `\n       ${detail}`}`);
}

// Neovim writes a log under XDG_CACHE_HOME even for --version: keep it out of $HOME.
const tmp = mkdtempSync(join(tmpdir(), 'trustlint-nvim-'));
const ws = join(tmp, 'workspace');
cpSync(join(root, 'test', 'e2e', 'workspace'), ws, { recursive: true });
const xdg = Object.fromEntries(['CONFIG', 'DATA', 'CACHE', 'STATE'].map((k) => [`XDG_${k}_HOME`, join(tmp, 'xdg', k.toLowerCase())]));
const nvimVersion = spawnSync('nvim', ['--version'], { encoding: 'utf8', env: { ...process.env, ...xdg } });
if (nvimVersion.status !== 0) {
  console.log('nvim not found: run scripts/e2e/setup.sh (apt-get install neovim)');
  console.log('\n0 passed, 1 failed');
  process.exit(1);
}
if (!existsSync(server)) execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
console.log(`neovim LSP client: ${nvimVersion.stdout.split('\n')[0]}, server ${server}`);


/** Run Neovim on one file and return what probe.lua wrote. */
function probe(rel, env) {
  const out = join(tmp, `${rel.replace(/\W/g, '_')}.json`);
  const t0 = Date.now();
  const res = spawnSync(
    'nvim',
    ['--headless', '-n', '-i', 'NONE', '-u', join(here, 'init.lua'), '-c', `luafile ${join(here, 'probe.lua')}`, join(ws, rel)],
    { cwd: ws, env: { ...process.env, ...xdg, TRUSTLINT_SERVER: server, OUT: out, ...env }, encoding: 'utf8', timeout: 60_000 },
  );
  const ms = Date.now() - t0;
  if (!existsSync(out)) {
    return { error: `nvim wrote no result (status ${res.status}, signal ${res.signal}): ${res.stderr?.slice(-500)}`, ms };
  }
  return { ...JSON.parse(readFileSync(out, 'utf8')), ms };
}

const KMS = 'aws-kms-key-rotation-enabled';
const RDS = 'aws-rds-storage-encrypted';
const SQS = 'aws-sqs-queue-encrypted';
const at = (d) => `${d.code}@${d.lnum}:${d.col}-${d.end_lnum}:${d.end_col}`;
// Rules these expectations are about; diagnostics of newer rules on the fixture are not compared.
const IN_SCOPE = new Set([KMS, RDS, SQS]);

const cases = [
  {
    rel: 'platform/main.tf',
    filetype: 'terraform',
    env: { HOVER_LINE: '4', HOVER_CHAR: '12', ACTION_CODE: KMS, FIX_TITLE: 'Enable automatic key rotation', COVERAGE: '1' },
    diagnostics: [`${KMS}@6:2-6:29`],
    severity: { [KMS]: 2 },
    hover: [/aws_kms_key\.data/, /KMS customer-managed key rotates automatically/, /ISO\/IEC 27001:2022 Annex A\*\*: A\.8\.24/, /CC6\.1/],
    actions: ['Enable automatic key rotation', `Suppress ${KMS} for this resource`, `Show documentation for ${KMS}`],
    fixedLine: /^  enable_key_rotation = true$/m,
  },
  {
    rel: 'cloudformation/app.yaml',
    filetype: 'yaml',
    env: { HOVER_LINE: '3', HOVER_CHAR: '4', ACTION_CODE: RDS, FIX_TITLE: `Suppress ${RDS} for this resource` },
    diagnostics: [`${RDS}@12:6-12:29`, `${SQS}@16:6-16:33`],
    severity: { [RDS]: 1, [SQS]: 2 },
    hover: [/OrdersDatabase/, /RDS database storage is encrypted/, /A\.8\.24/],
    actions: [`Suppress ${RDS} for this resource`, `Show documentation for ${RDS}`],
    fixedLine: new RegExp(`^  # trustlint:ignore ${RDS} TODO: reason\n  OrdersDatabase:$`, 'm'),
  },
  {
    rel: 'cloudformation/keys.json',
    filetype: 'json',
    env: { HOVER_LINE: '4', HOVER_CHAR: '6', ACTION_CODE: KMS, FIX_TITLE: 'Enable automatic key rotation' },
    diagnostics: [`${KMS}@8:8-8:34`],
    severity: { [KMS]: 2 },
    hover: [/DataKey/, /A\.8\.24/],
    actions: ['Enable automatic key rotation', `Show documentation for ${KMS}`],
    noActions: [/^Suppress/],
    fixedLine: /"EnableKeyRotation": true/,
  },
];

// The README's Neovim snippet is this init.lua, with a literal server path.
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const snippet = readFileSync(join(here, 'init.lua'), 'utf8')
  .split('\n')
  .filter((l) => !l.startsWith('--'))
  .join('\n')
  .replace("vim.env.TRUSTLINT_SERVER or '/path/to/trustlint/dist/server.js'", "'/path/to/trustlint/dist/server.js'")
  .trim();
check('the README\'s Neovim snippet is test/e2e/nvim/init.lua', readme.includes(snippet), 'README.md and test/e2e/nvim/init.lua differ');

try {
  for (const c of cases) {
    const r = probe(c.rel, c.env);
    console.log(`${c.rel} (nvim ${r.ms} ms, diagnostics after ${r.diagnostics_ms ?? '?'} ms)`);
    if (r.error) {
      check(`${c.rel}: probe ran`, false, r.error);
      continue;
    }
    check(`${c.rel}: filetype ${c.filetype}, TrustLint attached`, r.filetype === c.filetype && JSON.stringify(r.attached) === '["trustlint"]', `filetype=${r.filetype} attached=${JSON.stringify(r.attached)}`);
    const got = (r.diagnostics ?? []).filter((d) => IN_SCOPE.has(d.code)).map(at).sort();
    check(`${c.rel}: diagnostics with rule ids and exact ranges`, JSON.stringify(got) === JSON.stringify([...c.diagnostics].sort()), `got ${JSON.stringify(got)}`);
    const ours = (r.diagnostics ?? []).filter((d) => d.code in c.severity);
    check(
      `${c.rel}: source trustlint, severities, controls in the messages`,
      ours.length > 0 && ours.every((d) => d.source === 'trustlint' && d.severity === c.severity[d.code] && /ISO 27001 A\.\d+\.\d+/.test(d.message) && /SOC 2 /.test(d.message)),
      JSON.stringify(ours),
    );
    const hover = typeof r.hover === 'string' ? r.hover : JSON.stringify(r.hover ?? null);
    const missing = c.hover.filter((re) => !re.test(hover));
    check(`${c.rel}: hover names the rule and its controls`, missing.length === 0, `missing ${missing.join(', ')} in ${hover.slice(0, 300)}`);
    const titles = (r.actions ?? []).map((a) => a.title);
    check(
      `${c.rel}: code actions incl. the quick fix`,
      c.actions.every((t) => titles.includes(t)) && !(c.noActions ?? []).some((re) => titles.some((t) => re.test(t))) && r.context_diagnostics === 1,
      `got ${JSON.stringify(titles)} (context diagnostics ${r.context_diagnostics})`,
    );
    if (c.env.COVERAGE) {
      if (r.coverage_error && /unhandled method|method not found/i.test(r.coverage_error)) {
        console.log(`  skip ${c.rel}: trustlint/coverage: the server does not implement it (${r.coverage_error})`);
      } else {
        const fws = r.coverage?.frameworks ?? [];
        const iso = fws.find((f) => f.id === 'iso27001-2022');
        const soc = fws.find((f) => f.id === 'soc2-2017');
        check(
          `trustlint/coverage through Neovim: ISO 27001 and SOC 2, A.8.24 and CC6.1 violated (${iso?.summary ?? '-'})`,
          fws.length === 2 && iso?.violated.includes('A.8.24') && soc?.violated.includes('CC6.1') && r.coverage.files >= 10,
          JSON.stringify(r.coverage ?? r.coverage_error),
        );
      }
    }
    const preferred = (r.actions ?? []).find((a) => a.isPreferred);
    if (c.actions[0].startsWith('Enable')) check(`${c.rel}: the safe fix is preferred`, preferred?.title === c.actions[0], JSON.stringify(preferred));
    check(
      `${c.rel}: applying "${c.env.FIX_TITLE}" removes the diagnostic`,
      r.applied === c.env.FIX_TITLE && r.fixed === true && c.fixedLine.test(r.fixed_text ?? ''),
      `applied=${r.applied} fixed=${r.fixed} after=${JSON.stringify(r.after_fix)} text=${JSON.stringify(r.fixed_text)}`,
    );
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
console.log(`neovim suite: ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
