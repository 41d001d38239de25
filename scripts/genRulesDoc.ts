/**
 * `npm run docs`: writes docs/rules.md from the rule metadata and prints the fix coverage, overall
 * and per format (`-- --missing` lists the rules without a fix for each format).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_RULES } from '../server/src/rules/index.generated';
import { renderRulesMarkdown } from '../server/src/rules/docs';
import { fixableRuleIds, fixCoverageByFormat } from '../test/rules/fixCoverage';
import { repoRoot } from '../test/util/paths';

const fixable = fixableRuleIds(ALL_RULES);
writeFileSync(join(repoRoot(), 'docs', 'rules.md'), renderRulesMarkdown(ALL_RULES, (r) => fixable.has(r.meta.id)));
const pct = Math.round((fixable.size / ALL_RULES.length) * 100);
console.log(`docs/rules.md: ${ALL_RULES.length} rules; fix coverage ${fixable.size}/${ALL_RULES.length} = ${pct}% (goal >= 70%)`);
for (const c of fixCoverageByFormat(ALL_RULES)) {
  const share = Math.round((c.fixable / Math.max(1, c.capable)) * 100);
  console.log(`  ${c.format}: ${c.fixable}/${c.capable} rules that check it have a fix for it = ${share}%`);
  if (process.argv.includes('--missing')) for (const id of c.missing) console.log(`    no ${c.format} fix: ${id}`);
}
