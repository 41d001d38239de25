// Packaging: `npm run package` (@vscode/vsce) into .e2e/trustlint.vsix, then checks what the .vsix
// holds against an allow-list, its size, the manifest fields the Marketplace reads and the icon,
// and installs it into code-server with --install-extension. Prints `N passed, N failed`.
// Usage: node test/e2e/vsix.test.mjs [--no-package]   (--no-package: check the existing .vsix)
import { readFileSync, rmSync, statSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { ensureSetup, installExtension, packageVsix, prepareProfile, VSIX } from '../../scripts/e2e/lib.mjs';

const MAX_BYTES = 2 * 1024 * 1024;
const started = Date.now();
let passed = 0;
let failed = 0;
function check(name, ok, detail = '') {
  if (ok) passed++;
  else failed++;
  console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${name}${ok || !detail ? '' : `\n       ${detail}`}`);
}

/** The entries of a zip file from its central directory (no dependency): name, sizes, method, local header offset. */
export function readZip(buf) {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file (no end of central directory)');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries = [];
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`bad central directory entry at ${p}`);
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const offset = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    entries.push({ name, method, compressed, size, offset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  const read = (name) => {
    const e = entries.find((x) => x.name === name);
    if (!e) return undefined;
    const start = e.offset + 30 + buf.readUInt16LE(e.offset + 26) + buf.readUInt16LE(e.offset + 28);
    const data = buf.subarray(start, start + e.compressed);
    return e.method === 0 ? Buffer.from(data) : inflateRawSync(data);
  };
  return { entries, read };
}

/** What may ship, relative to the .vsix root. */
const ALLOWED = [
  /^extension\.vsixmanifest$/,
  /^\[Content_Types\]\.xml$/,
  /^extension\/package\.json$/,
  /^extension\/readme\.md$/i,
  /^extension\/changelog\.md$/i,
  /^extension\/LICENSE(\.txt)?$/i,
  /^extension\/dist\/(client|server|cli)\.js$/,
  /^extension\/dist\/docs\/rules\/[a-z0-9-]+\.md$/,
  /^extension\/syntaxes\/[a-z]+\.tmLanguage\.json$/,
  /^extension\/language-configuration\.json$/,
  /^extension\/images\/icon\.png$/,
  // Icons of contributed views (the coverage view's activity-bar icon).
  /^extension\/resources\/[a-z0-9-]+\.svg$/,
];
const REQUIRED = [
  'extension/package.json',
  'extension/readme.md',
  'extension/changelog.md',
  'extension/LICENSE.txt',
  'extension/dist/client.js',
  'extension/dist/server.js',
  'extension/language-configuration.json',
  'extension/syntaxes/hcl.tmLanguage.json',
  'extension/syntaxes/tfvars.tmLanguage.json',
  'extension/images/icon.png',
];

const noPackage = process.argv.includes('--no-package');
console.log(noPackage ? `checking ${VSIX}` : 'npm run package');
const t0 = Date.now();
const vsix = noPackage ? VSIX : packageVsix();
if (!noPackage) console.log(`packaged in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

const buf = readFileSync(vsix);
const { entries, read } = readZip(buf);
const names = entries.map((e) => e.name);
const size = statSync(vsix).size;
console.log(`${vsix}: ${names.length} files, ${(size / 1024).toFixed(0)} KiB`);

const extra = names.filter((n) => !ALLOWED.some((re) => re.test(n)));
check('contains only allow-listed files (no sources, tests, maps, node_modules, examples)', extra.length === 0, `unexpected: ${extra.join(', ')}`);
const missing = REQUIRED.filter((n) => !names.includes(n));
check('contains the bundles, grammars, language configuration, icon, README, CHANGELOG, LICENSE', missing.length === 0, `missing: ${missing.join(', ')}`);
check('has the rule docs the "Show documentation" action opens', names.filter((n) => n.startsWith('extension/dist/docs/rules/')).length >= 20, String(names.filter((n) => n.includes('docs/rules')).length));
check(`is smaller than 2 MiB (${(size / 1024).toFixed(0)} KiB)`, size < MAX_BYTES);

const manifest = JSON.parse(read('extension/package.json').toString('utf8'));
check(
  'manifest: publisher, icon, categories [Linters], keywords, repository, galleryBanner',
  manifest.publisher === 'trustlint' &&
    manifest.icon === 'images/icon.png' &&
    JSON.stringify(manifest.categories) === '["Linters"]' &&
    Array.isArray(manifest.keywords) &&
    manifest.keywords.length >= 5 &&
    /github\.com\/trustlint\/trustlint/.test(manifest.repository?.url ?? manifest.repository) &&
    typeof manifest.galleryBanner?.color === 'string',
  JSON.stringify({ publisher: manifest.publisher, icon: manifest.icon, categories: manifest.categories, repository: manifest.repository, galleryBanner: manifest.galleryBanner }),
);
check(
  'manifest: works in untrusted workspaces, not in virtual ones (with a reason)',
  manifest.capabilities?.untrustedWorkspaces?.supported === true &&
    manifest.capabilities?.virtualWorkspaces?.supported === false &&
    (manifest.capabilities?.virtualWorkspaces?.description ?? '').length > 20,
  JSON.stringify(manifest.capabilities),
);
check('manifest: main is the bundled client', manifest.main === './dist/client.js' && names.includes('extension/dist/client.js'));
const icon = read('extension/images/icon.png');
const isPng = icon && icon.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
check(
  'icon is a 128x128 PNG under 20 KiB',
  isPng && icon.readUInt32BE(16) === 128 && icon.readUInt32BE(20) === 128 && icon.length < 20 * 1024,
  icon ? `${icon.readUInt32BE(16)}x${icon.readUInt32BE(20)}, ${icon.length} bytes` : 'missing',
);
const xml = read('extension.vsixmanifest').toString('utf8');
check('vsixmanifest names the icon and the Linters category', /Microsoft\.VisualStudio\.Services\.Icons\.Default" Path="extension\/images\/icon\.png"/.test(xml) && /<Categories>Linters<\/Categories>/.test(xml));

ensureSetup();
const profile = prepareProfile();
let listed = '';
try {
  listed = installExtension(profile, vsix);
} catch (e) {
  listed = `install failed: ${e.stderr?.toString() ?? e.message}`;
} finally {
  rmSync(profile.base, { recursive: true, force: true });
}
check(`installs into code-server with --install-extension (${listed.split('\n').find((l) => /trustlint/.test(l)) ?? '-'})`, new RegExp(`^trustlint\\.trustlint@${manifest.version.replace(/\./g, '\\.')}$`, 'm').test(listed), listed);

console.log(`vsix checks: ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
