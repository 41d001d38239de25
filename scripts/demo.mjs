// `npm run demo`: TrustLint in a real VS Code in your browser. Installs the pinned tools into
// .e2e/ if needed (scripts/e2e/setup.sh), builds, packages the .vsix, installs it into a fresh
// code-server profile and starts code-server on examples/ at 127.0.0.1 (port 8080 when free),
// without authentication. Prints the URL and runs until Ctrl-C. The UI test
// (test/e2e/ui/ui.mjs) starts code-server through the same launchDemo().
// Usage: npm run demo [-- --port N] [-- --folder PATH]
//   Opening the real examples/ folder: quick fixes you apply there change those files
//   (`git checkout examples` undoes them).
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { launchDemo, ROOT } from './e2e/lib.mjs';

const argv = process.argv.slice(2);
const opt = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const folder = resolve(opt('--folder') ?? resolve(ROOT, 'examples'));
const port = opt('--port') ? Number(opt('--port')) : undefined;

const demo = await launchDemo({ workspace: folder, port, preferPort: 8080 });
let stopping = false;
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`\n[demo] ${signal}: stopping code-server`);
  await demo.stop();
  demo.cleanup();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
demo.proc.on('exit', (code) => {
  if (stopping) return;
  console.log(`[demo] code-server exited (${code}); last output:\n${demo.output().slice(-2000)}`);
  rmSync(demo.profile.base, { recursive: true, force: true });
  process.exit(1);
});

console.log(`
TrustLint demo: code-server ${demo.installed.split('\n').find((l) => /trustlint/.test(l)) ?? ''} on ${folder}

    ${demo.url}

Open it in a browser (no password). Try terraform/saas-platform/storage.tf: squiggles, hovers with
ISO 27001 / SOC 2 controls, the lightbulb's quick fixes and suppressions, the TrustLint view in the
activity bar. Ctrl-C stops.`);
