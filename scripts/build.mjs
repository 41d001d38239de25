// Bundles the extension client, the language server and the CLI with esbuild. Type checking is
// separate (`npm run typecheck`). Usage: node scripts/build.mjs [--watch] [--minify]
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const watch = process.argv.includes('--watch');
const minify = process.argv.includes('--minify');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

execFileSync(process.execPath, [join(root, 'scripts/genRuleIndex.mjs')], { stdio: 'inherit' });

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  minify,
  logLevel: 'warning',
  absWorkingDir: root,
  loader: { '.json': 'json' },
  define: { __TRUSTLINT_VERSION__: JSON.stringify(pkg.version) },
  // vscode-languageserver-types ships a UMD build that esbuild cannot follow statically.
  mainFields: ['module', 'main'],
};

const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js' },
  { ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
];

/** Each rule's README ships as dist/docs/rules/<id>.md: diagnostics link to it, offline. */
function copyRuleDocs() {
  const rulesDir = join(root, 'server/src/rules');
  const out = join(root, 'dist/docs/rules');
  mkdirSync(out, { recursive: true });
  for (const id of readdirSync(rulesDir)) {
    const readme = join(rulesDir, id, 'README.md');
    if (existsSync(readme)) copyFileSync(readme, join(out, `${id}.md`));
  }
}

const started = Date.now();
copyRuleDocs();
if (watch) {
  for (const b of builds) {
    const ctx = await esbuild.context(b);
    await ctx.rebuild();
    await ctx.watch();
  }
  chmodSync(join(root, 'dist/cli.js'), 0o755);
  console.log('esbuild: watching client, server and CLI');
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
  chmodSync(join(root, 'dist/cli.js'), 0o755);
  console.log(`built dist/client.js, dist/server.js, dist/cli.js in ${Date.now() - started} ms`);
}
