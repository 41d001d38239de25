import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_RULES } from '../server/src/rules/index.generated';
import { renderRulesMarkdown } from '../server/src/rules/docs';
import { fixableRuleIds } from './rules/fixCoverage';
import { repoRoot } from './util/paths';

describe('generated docs', () => {
  it('docs/rules.md matches the rule metadata (run `npm run docs` after changing rules)', () => {
    const fixable = fixableRuleIds(ALL_RULES);
    const expected = renderRulesMarkdown(ALL_RULES, (r) => fixable.has(r.meta.id));
    const actual = readFileSync(join(repoRoot(), 'docs', 'rules.md'), 'utf8');
    assert.equal(actual, expected);
  });
});
