// Renders scripts/e2e/icon.svg to images/icon.png (128x128, the Marketplace size) with headless
// chromium via playwright-core from .e2e/ (run scripts/e2e/setup.sh first). The PNG is committed;
// run this only when the SVG changes. Usage: node scripts/e2e/make-icon.mjs
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium, ROOT } from './lib.mjs';

const svg = readFileSync(join(ROOT, 'scripts', 'e2e', 'icon.svg'), 'utf8');
const out = join(ROOT, 'images', 'icon.png');
mkdirSync(join(ROOT, 'images'), { recursive: true });
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 128, height: 128 }, deviceScaleFactor: 1 });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.locator('svg').screenshot({ path: out, omitBackground: true });
} finally {
  await browser.close();
}
const png = readFileSync(out);
console.log(`${out}: ${png.readUInt32BE(16)}x${png.readUInt32BE(20)}, ${statSync(out).size} bytes`);
