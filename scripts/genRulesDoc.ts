/** `npm run docs`: writes docs/rules.md from the rule metadata and prints the fix coverage. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_RULES } from '../server/src/rules/index.generated';
import { renderRulesMarkdown } from '../server/src/rules/docs';
import { fixableRuleIds } from '../test/rules/fixCoverage';
import { repoRoot } from '../test/util/paths';

const fixable = fixableRuleIds(ALL_RULES);
writeFileSync(join(repoRoot(), 'docs', 'rules.md'), renderRulesMarkdown(ALL_RULES, (r) => fixable.has(r.meta.id)));
const pct = Math.round((fixable.size / ALL_RULES.length) * 100);
console.log(`docs/rules.md: ${ALL_RULES.length} rules; fix coverage ${fixable.size}/${ALL_RULES.length} = ${pct}% (goal >= 70%)`);
