/**
 * Small facts both hosts (language server, CLI) need and that are not engine concerns: the tool
 * version, where a rule's documentation lives, and short framework prefixes for machine output.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

declare const __TRUSTLINT_VERSION__: string | undefined;

/** Injected by the bundler (scripts/build.mjs) from package.json. */
export const TRUSTLINT_VERSION: string = typeof __TRUSTLINT_VERSION__ === 'string' ? __TRUSTLINT_VERSION__ : '0.0.0-dev';

export const TOOL_NAME = 'TrustLint';
export const INFORMATION_URI = 'https://github.com/trustlint/trustlint';

/** The rule's README in the repository (used when no bundled docs exist). */
export function ruleReadmeUrl(ruleId: string): string {
  return `${INFORMATION_URI}/blob/main/server/src/rules/${encodeURIComponent(ruleId)}/README.md`;
}

/** Absolute path of the bundled doc of a rule (`dist/docs/rules/<id>.md`, copied by the build), if it exists. */
export function bundledRuleDocPath(ruleId: string): string | undefined {
  // __dirname is `dist/` in the bundles.
  const p = path.join(__dirname, 'docs', 'rules', `${ruleId}.md`);
  return existsSync(p) ? p : undefined;
}

/** Where to read about a rule: the bundled markdown as a file:// URI when present, else the README online. */
export function ruleDocsUri(ruleId: string): string {
  const local = bundledRuleDocPath(ruleId);
  return local ? pathToFileURL(local).href : ruleReadmeUrl(ruleId);
}
