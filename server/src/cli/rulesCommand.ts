/**
 * `trustlint rules`: the rule catalogue, as a table or JSON.
 */
import { DEFAULT_POLICY } from '../config/policy';
import { controlsForRule } from '../controls/mapping';
import { Engine } from '../engine';
import { ruleReadmeUrl } from '../workspace/hostInfo';
import { controlTag, frameworkIds } from '../workspace/controlInfo';
import { UsageError, type RulesOptions } from './args';
import { cmp } from './scan';

export function runRules(opts: RulesOptions, color: boolean): string {
  const frameworks = opts.frameworks ?? DEFAULT_POLICY.frameworks;
  if (opts.frameworks) {
    const known = frameworkIds();
    const unknown = known.length > 0 ? opts.frameworks.filter((f) => !known.includes(f)) : [];
    if (unknown.length > 0) throw new UsageError(`unknown framework '${unknown[0]}': expected one of ${known.join(', ')}`);
  }
  const engine = new Engine();
  const rules = [...engine.allRules].sort((a, b) => cmp(a.meta.id, b.meta.id));
  if (opts.format === 'json') {
    const list = rules.map((r) => ({
      id: r.meta.id,
      title: r.meta.title,
      severity: r.meta.severity,
      defaultEnabled: r.meta.defaultEnabled !== false,
      themes: [...r.meta.themes],
      resourceTypes: r.meta.resourceTypes,
      failMessage: r.meta.failMessage,
      rationale: r.meta.rationale,
      remediation: r.meta.remediation,
      aliases: r.meta.aliases ?? [],
      controls: controlsForRule(r.meta, frameworks).map((c) => ({ framework: c.framework, id: c.id, title: c.title, tag: controlTag(c) })),
      helpUri: ruleReadmeUrl(r.meta.id),
    }));
    return `${JSON.stringify({ frameworks, rules: list }, null, 2)}\n`;
  }
  const bold = (s: string) => (color ? `\u001b[1m${s}\u001b[0m` : s);
  const idWidth = Math.max(2, ...rules.map((r) => r.meta.id.length));
  const lines = [bold(`${'ID'.padEnd(idWidth)}  ${'SEVERITY'.padEnd(8)}  TITLE`)];
  for (const r of rules) {
    const off = r.meta.defaultEnabled === false ? ' (off by default)' : '';
    lines.push(`${r.meta.id.padEnd(idWidth)}  ${r.meta.severity.padEnd(8)}  ${r.meta.title}${off}`);
    const controls = controlsForRule(r.meta, frameworks).map(controlTag);
    if (controls.length > 0) lines.push(`${''.padEnd(idWidth)}  ${''.padEnd(8)}  ${controls.join(', ')}`);
  }
  lines.push('', `${rules.length} rule${rules.length === 1 ? '' : 's'}`);
  return `${lines.join('\n')}\n`;
}
