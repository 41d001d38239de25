/**
 * The bundled examples/ workspace is what a new user sees first: every rule fires in the
 * non-compliant examples, and the compliant counterparts are clean.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { analyzeFiles } from '../server/src/engine';
import { ALL_RULES } from '../server/src/rules/index.generated';
import { repoRoot } from './util/paths';

function readWorkspace(root: string): Array<{ path: string; text: string }> {
  const out: Array<{ path: string; text: string }> = [];
  (function walk(dir: string) {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push({ path: relative(root, full).split('\\').join('/'), text: readFileSync(full, 'utf8') });
    }
  })(root);
  return out;
}

describe('examples workspace', () => {
  const root = join(repoRoot(), 'examples');
  const result = analyzeFiles(readWorkspace(root));

  it('parses without syntax errors', () => {
    assert.deepEqual(result.problems.filter((p) => p.severity === 'error').map((p) => `${p.file}: ${p.message}`), []);
  });

  it('shows every rule firing', () => {
    const fired = new Set(result.findings.map((f) => f.ruleId));
    const silent = ALL_RULES.filter((r) => r.meta.defaultEnabled !== false && !fired.has(r.meta.id)).map((r) => r.meta.id);
    assert.deepEqual(silent, [], 'rules with no finding in examples/');
  });

  it('shows every CloudFormation-capable rule firing in the CloudFormation example', () => {
    const fired = new Set(result.findings.filter((f) => f.format === 'cloudformation').map((f) => f.ruleId));
    const silent = ALL_RULES.filter((r) => r.meta.resourceTypes.cloudformation && r.meta.defaultEnabled !== false && !fired.has(r.meta.id))
      .map((r) => r.meta.id);
    assert.deepEqual(silent, []);
  });

  it('keeps the compliant counterparts clean', () => {
    // Convention: compliant counterparts live in folders named `compliant*` or files named `secure-*`.
    const noisy = result.findings.filter((f) => /(^|\/)(compliant[^/]*\/|secure-[^/]*$)/.test(f.file));
    assert.deepEqual(noisy.map((f) => `${f.file}:${f.range.start.line + 1} ${f.ruleId}`), []);
  });
});
