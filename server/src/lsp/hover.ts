/**
 * Hover on a resource: its findings (waived ones marked), why they matter, how to fix them, and the
 * controls they affect grouped by framework.
 */
import type { Hover, MarkupContent } from 'vscode-languageserver/node';
import { MarkupKind } from 'vscode-languageserver/node';
import type { Finding } from '../findings';
import type { Resource } from '../model/types';
import type { Rule } from '../rules/types';
import { controlTitle, frameworkName } from '../workspace/controlInfo';
import { toLspRange } from './convert';
import type { AnalysisRoot } from './analysisRoot';

const SEVERITY_LABEL: Record<string, string> = { critical: 'CRITICAL', high: 'HIGH', medium: 'MEDIUM', low: 'LOW' };

/** Escape text for Markdown (rule texts use backticks on purpose, which we keep). */
function md(text: string): string {
  return text.replace(/([\\*_[\]<>#|])/g, '\\$1');
}

export function buildHover(root: AnalysisRoot, relPath: string, offset: number): Hover | null {
  const engine = root.engine;
  const resources = engine.resourcesAt(relPath, offset);
  if (resources.length === 0) return null;
  // Innermost last: the resource the cursor is most specifically in.
  const resource: Resource = resources[resources.length - 1];
  const { findings } = engine.fileResult(relPath);
  const mine = findings.filter((f) => f.resource.address === resource.address && f.resource.range.start.offset === resource.range.start.offset);
  const lines: string[] = [];
  if (mine.length === 0) {
    const passes = engine
      .analyzeAffected(relPath)
      .result.passes.filter((p) => p.file === relPath && p.address === resource.address);
    if (passes.length === 0) return null;
    const n = new Set(passes.map((p) => p.ruleId)).size;
    lines.push(`TrustLint: ${n} check${n === 1 ? '' : 's'} pass${n === 1 ? 'es' : ''} on \`${resource.address}\``);
  } else {
    const rules = new Map<string, Rule>(engine.allRules.map((r) => [r.meta.id, r]));
    const active = mine.filter((f) => !f.suppressed).length;
    const waived = mine.length - active;
    lines.push(
      `**TrustLint** · \`${resource.address}\` — ${active} finding${active === 1 ? '' : 's'}${waived ? `, ${waived} waived` : ''}`,
    );
    for (const f of mine) {
      lines.push('', '---', '');
      lines.push(...findingSection(f, rules.get(f.ruleId)));
    }
  }
  const contents: MarkupContent = { kind: MarkupKind.Markdown, value: lines.join('\n') };
  return { contents, range: toLspRange(resource.headerRange) };
}

function findingSection(f: Finding, rule: Rule | undefined): string[] {
  const out: string[] = [];
  const sev = SEVERITY_LABEL[f.severity] ?? f.severity.toUpperCase();
  if (f.suppressed) {
    const reason = f.suppressed.reason?.trim();
    out.push(`~~${sev}~~ **${md(f.title)}** (\`${f.ruleId}\`) — *waived*${reason ? `: ${md(reason)}` : ''}${f.suppressed.expires ? ` (until ${f.suppressed.expires})` : ''}`);
  } else {
    out.push(`**${sev}** · **${md(f.title)}** (\`${f.ruleId}\`)`);
  }
  out.push('', f.message);
  if (rule) {
    out.push('', `*Why:* ${rule.meta.rationale}`, '', `*Fix:* ${rule.meta.remediation}`);
  }
  if (f.fixes.length > 0 && !f.suppressed) out.push('', `Quick fix available: ${md(f.fixes[0].title)}`);
  if (f.controls.length > 0) {
    const byFramework = new Map<string, string[]>();
    for (const c of f.controls) {
      const list = byFramework.get(c.framework) ?? [];
      const title = controlTitle(c.framework, c.id) ?? c.title;
      list.push(`${c.id}${title ? ` ${md(title)}` : ''}`);
      byFramework.set(c.framework, list);
    }
    out.push('', 'Controls:');
    for (const [fw, controls] of byFramework) out.push(`- **${md(frameworkName(fw))}**: ${controls.join('; ')}`);
  }
  return out;
}
