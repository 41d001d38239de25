/**
 * `docs/rules.md`, generated from the rules' metadata so it never drifts from the code (a test
 * compares the checked-in file with this output).
 */
import { getFramework } from '../controls/catalog';
import { controlsForRule } from '../controls/mapping';
import type { Rule } from './types';

const FORMAT_NAMES: Record<string, string> = { terraform: 'Terraform', cloudformation: 'CloudFormation' };

const PROVIDER_NAMES: Record<string, string> = { aws: 'AWS', azure: 'Azure', gcp: 'GCP', tf: 'Terraform (any provider)', cfn: 'CloudFormation' };

function providerOf(id: string): string {
  const prefix = id.split('-')[0];
  return PROVIDER_NAMES[prefix] ?? prefix;
}

/** Whether a rule offers a fix: declared by the rule, or seen on its fixtures by the caller. */
export type FixInfo = (rule: Rule) => boolean;

export function renderRulesMarkdown(rules: readonly Rule[], hasFix: FixInfo, frameworks: readonly string[] = ['iso27001-2022', 'soc2-2017']): string {
  const lines: string[] = [];
  const sorted = [...rules].sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1));
  const byProvider = new Map<string, number>();
  for (const r of sorted) byProvider.set(providerOf(r.meta.id), (byProvider.get(providerOf(r.meta.id)) ?? 0) + 1);
  const fixable = sorted.filter(hasFix).length;
  lines.push('# TrustLint rules', '');
  lines.push('<!-- Generated from the rule metadata by `npm run docs`. Do not edit by hand: a test checks it. -->', '');
  lines.push(
    `${sorted.length} rules (${[...byProvider].map(([p, n]) => `${p} ${n}`).join(', ')}); ${fixable} with a quick fix (${Math.round((fixable / Math.max(1, sorted.length)) * 100)}%).`,
    '',
  );
  lines.push(
    `Controls shown: ${frameworks.map((f) => getFramework(f)?.framework.shortName ?? f).join(', ')}. Each rule's README (linked) gives the rationale, examples, the fix and when suppressing is reasonable; the hover and \`trustlint rules\` list every framework.`,
    '',
  );
  lines.push('| Rule | Severity | Formats | Controls | Fix |', '|---|---|---|---|---|');
  for (const r of sorted) {
    const formats = Object.keys(r.meta.resourceTypes).map((f) => FORMAT_NAMES[f] ?? f).join(', ');
    const controls = controlsForRule(r.meta, frameworks);
    const byFw = new Map<string, string[]>();
    for (const c of controls) byFw.set(c.framework, [...(byFw.get(c.framework) ?? []), c.id]);
    const controlText = [...byFw].map(([fw, ids]) => `${getFramework(fw)?.framework.shortName ?? fw} ${ids.join(', ')}`).join('<br>');
    const off = r.meta.defaultEnabled === false ? ' (off by default)' : '';
    lines.push(
      `| [\`${r.meta.id}\`](../server/src/rules/${r.meta.id}/README.md)<br>${r.meta.title}${off} | ${r.meta.severity} | ${formats} | ${controlText} | ${hasFix(r) ? 'yes' : '—'} |`,
    );
  }
  lines.push('');
  return lines.join('\n');
}
