import * as assert from 'assert';
import { compileGlob, DEFAULT_POLICY, isExcluded } from '../../server/src/config/policy';

/**
 * The glob semantics the policy file documents, written as a regular expression: the reference
 * compileGlob's matcher (linear, no backtracking, with a literal-substring shortcut) must agree
 * with on every path.
 */
function reference(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      while (glob[i + 1] === '*') i++;
      if (glob[i + 1] === '/') {
        i++;
        re += '(?:.*/)?';
      } else re += '.*';
    } else if (c === '*') {
      while (glob[i + 1] === '*') i++;
      re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 's');
}

/** Deterministic pseudo-random numbers (a fixed seed keeps failures reproducible). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('exclude globs', () => {
  const globs = [
    ...DEFAULT_POLICY.exclude,
    '**/*.tf',
    'examples/**',
    'modules/*/test/**',
    '**/fixtures/*.yaml',
    'a?c/**/x*y',
    '*.tfvars',
    '**/legacy/**/main.tf',
    '.terraform/**',
  ];

  it('match the documented semantics on hand-picked paths', () => {
    const cases: Array<[string, string, boolean]> = [
      ['**/.terraform/**', 'env/prod/.terraform/modules/x.tf', true],
      ['**/.terraform/**', '.terraform/x.tf', true],
      ['**/.terraform/**', 'env/prod/terraform/x.tf', false],
      ['**/.terraform/**', 'env/prod/.terraform', false],
      ['**/node_modules/**', 'a/node_modules/b/c.yaml', true],
      ['**/node_modules/**', 'a/node_modulesx/b.yaml', false],
      ['examples/**', 'examples/a/b.tf', true],
      ['examples/**', 'other/examples/a.tf', false],
      ['modules/*/test/**', 'modules/vpc/test/main.tf', true],
      ['modules/*/test/**', 'modules/vpc/sub/test/main.tf', false],
      ['*.tfvars', 'prod.tfvars', true],
      ['*.tfvars', 'env/prod.tfvars', false],
      ['a?c/**/x*y', 'abc/x1y', true],
      ['a?c/**/x*y', 'abc/d/e/xy', true],
      ['a?c/**/x*y', 'a/c/xy', false],
    ];
    for (const [glob, path, expected] of cases) {
      assert.strictEqual(compileGlob(glob).test(path), expected, `${glob} on ${path}`);
      assert.strictEqual(reference(glob).test(path), expected, `reference ${glob} on ${path}`);
    }
  });

  it('agree with the reference on 20,000 generated paths', () => {
    const next = rng(7);
    const parts = ['a', 'abc', 'x1y', 'xy', '.terraform', 'node_modules', '.git', 'examples', 'modules', 'vpc', 'test', 'fixtures', 'legacy', 'main.tf', 'prod.tfvars', 'a.yaml', ''];
    const matchers = globs.map((g) => ({ g, ours: compileGlob(g), ref: reference(g) }));
    let matched = 0;
    for (let i = 0; i < 20_000; i++) {
      const depth = 1 + Math.floor(next() * 5);
      const path = Array.from({ length: depth }, () => parts[Math.floor(next() * parts.length)]).join('/');
      for (const m of matchers) {
        const expected = m.ref.test(path);
        if (expected) matched++;
        assert.strictEqual(m.ours.test(path), expected, `${m.g} on ${path}`);
      }
    }
    assert.ok(matched > 1000, `the generated paths exercise matches too (${matched})`);
  });

  it('isExcluded applies the default excludes with and without a leading ./', () => {
    assert.strictEqual(isExcluded('stacks/a/.terraform/modules/vpc/main.tf', DEFAULT_POLICY), true);
    assert.strictEqual(isExcluded('stacks/a/main.tf', DEFAULT_POLICY), false);
    assert.strictEqual(isExcluded('.git/x.tf', DEFAULT_POLICY), true);
    assert.strictEqual(isExcluded('stacks\\a\\node_modules\\x.tf', DEFAULT_POLICY), true);
  });
});
