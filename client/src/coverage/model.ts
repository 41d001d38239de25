/**
 * The framework-coverage tree as plain data: everything the view shows (labels, descriptions,
 * icons, tooltips, what a click opens) is decided here from the `trustlint/coverage` answer, so it
 * can be unit-tested without VS Code. `view.ts` only turns these nodes into `TreeItem`s. This file
 * must not import `vscode`.
 */
import type {
  CoverageControlInfo,
  CoverageFindingLocation,
  CoverageFrameworkInfo,
  CoverageGroupInfo,
  CoverageResult,
  CoverageRuleInfo,
  CoverageStatus,
  FrameworkChoice,
  ProtocolRange,
  RankedRuleInfo,
  ReportFormat,
  RuleSeverity,
} from '../../../server/src/protocol';

export type CoverageNodeKind = 'framework' | 'group' | 'control' | 'rule' | 'finding' | 'message';

/** A codicon id (`ThemeIcon`) and, optionally, a theme colour id (`ThemeColor`). */
export interface NodeIcon {
  id: string;
  color?: string;
}

/** A place in a file to open. */
export interface NodeLocation {
  uri: string;
  range: ProtocolRange;
}

export interface CoverageNode {
  kind: CoverageNodeKind;
  /** Stable across refreshes, so the view keeps what the user expanded. */
  id: string;
  label: string;
  description?: string;
  /** Markdown. */
  tooltip?: string;
  icon?: NodeIcon;
  /** `TreeItem.contextValue`, matched by `viewItem` in the manifest's menus. */
  contextValue: string;
  collapsible: 'none' | 'collapsed' | 'expanded';
  children: CoverageNode[];
  /** Finding nodes: where a click goes. */
  location?: NodeLocation;
  /** Control nodes: the control, for "Show findings of this control". */
  control?: CoverageControlInfo;
  /** Framework of the node (all kinds below the root). */
  framework?: string;
}

export interface TreeOptions {
  /** Show only violated controls (and the groups and frameworks above them). */
  violatedOnly: boolean;
  /** How to show a finding's file: VS Code passes `workspace.asRelativePath`. */
  displayPath?: (uri: string) => string;
}

/** Codicon per control status. */
export const STATUS_ICON: Record<CoverageStatus, string> = {
  violated: 'error',
  passing: 'pass',
  'not-assessed': 'circle-outline',
  'not-assessable': 'dash',
};

/** Theme colour per control status (none: the icon's default foreground). */
const STATUS_COLOR: Partial<Record<CoverageStatus, string>> = {
  violated: 'problemsErrorIcon.foreground',
  passing: 'testing.iconPassed',
};

export const STATUS_LABEL: Record<CoverageStatus, string> = {
  violated: 'violated',
  passing: 'passing',
  'not-assessed': 'not assessed',
  'not-assessable': 'not assessable',
};

/** Codicon of a waived (suppressed) finding. */
export const WAIVED_ICON = 'shield';

const SEVERITY_ICON: Record<RuleSeverity, NodeIcon> = {
  critical: { id: 'error', color: 'problemsErrorIcon.foreground' },
  high: { id: 'error', color: 'problemsErrorIcon.foreground' },
  medium: { id: 'warning', color: 'problemsWarningIcon.foreground' },
  low: { id: 'info', color: 'problemsInfoIcon.foreground' },
};

const ASSESSABILITY_TEXT: Record<CoverageControlInfo['assessable'], string> = {
  iac: 'Assessable from infrastructure code',
  partial: 'Partly assessable from infrastructure code',
  no: 'Not assessable from infrastructure code',
};

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Escapes text for Markdown tooltips (the same characters `MarkdownString.appendText` escapes). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&');
}

/** Last path segments of a URI, decoded: the fallback when no `displayPath` is given. */
export function defaultDisplayPath(uri: string): string {
  const path = uri.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
  const parts = path.split('/').filter(Boolean);
  const tail = parts.slice(-2).join('/');
  try {
    return decodeURIComponent(tail);
  } catch {
    return tail;
  }
}

/** `infra/database.tf:7` (1-based line). */
export function locationLabel(location: NodeLocation, displayPath: (uri: string) => string = defaultDisplayPath): string {
  return `${displayPath(location.uri)}:${location.range.start.line + 1}`;
}

/** `A.8 Technological controls`, `CC6 Logical and physical access controls`. */
export function groupLabel(group: Pick<CoverageGroupInfo, 'id' | 'title'>): string {
  return group.id === group.title ? group.id : `${group.id} ${group.title}`;
}

/** `A.8.24 Use of cryptography` */
export function controlLabel(control: Pick<CoverageControlInfo, 'id' | 'title'>): string {
  return `${control.id} ${control.title}`;
}

/** `2 findings · 1 waived · 3 passes`; zero counts are left out. */
export function countsText(counts: CoverageControlInfo['counts']): string {
  const parts: string[] = [];
  if (counts.findings > 0) parts.push(plural(counts.findings, 'finding'));
  if (counts.waived > 0) parts.push(`${counts.waived} waived`);
  if (counts.passes > 0) parts.push(plural(counts.passes, 'pass', 'passes'));
  return parts.join(' · ');
}

/** The control's description: status, then counts or why it cannot be assessed. */
export function controlDescription(control: CoverageControlInfo): string {
  switch (control.status) {
    case 'violated':
    case 'passing': {
      const counts = countsText(control.counts);
      return counts ? `${STATUS_LABEL[control.status]} · ${counts}` : STATUS_LABEL[control.status];
    }
    case 'not-assessed':
      return 'not assessed · no matching resources';
    case 'not-assessable':
      return control.reason === 'not-assessable-from-iac' ? 'not assessable from IaC' : 'not assessable · no rule yet';
  }
}

function statusSentence(control: CoverageControlInfo): string {
  const { findings, waived, passes } = control.counts;
  switch (control.status) {
    case 'violated':
      return `**Violated**: ${plural(findings, 'open finding')}${waived ? `, ${waived} waived` : ''}${passes ? `, ${plural(passes, 'passing resource')}` : ''}.`;
    case 'passing':
      return `**Passing**: no open finding${passes ? `; ${plural(passes, 'passing resource')}` : ''}${waived ? `; ${plural(waived, 'waived finding')} (see the reasons below the rules)` : ''}.`;
    case 'not-assessed':
      return '**Not assessed**: rules map to this control, but no resource they look at was analysed.';
    case 'not-assessable':
      return control.reason === 'not-assessable-from-iac'
        ? '**Not assessable from infrastructure code**: people, physical or organisational control.'
        : '**Not assessable**: infrastructure code could give evidence, but no rule maps to this control yet.';
  }
}

/** Markdown tooltip of a control: status, assessability, why the rules evidence it, the rules. */
export function controlTooltip(control: CoverageControlInfo, framework: Pick<CoverageFrameworkInfo, 'shortName'>): string {
  const lines: string[] = [];
  lines.push(`**${escapeMarkdown(`${framework.shortName} ${control.id}`)}** ${escapeMarkdown(control.title)}`);
  lines.push('', statusSentence(control));
  const note = control.assessableNote ? ` ${escapeMarkdown(control.assessableNote)}` : '';
  lines.push('', `*${ASSESSABILITY_TEXT[control.assessable]}.*${note}`);
  if (control.rationale.length > 0) {
    lines.push('', '**Why the rules evidence it**', '');
    for (const r of control.rationale) lines.push(`- ${escapeMarkdown(r)}`);
  }
  if (control.rules.length > 0) {
    lines.push('', `**Rules:** ${control.rules.map((r) => `\`${r.ruleId}\``).join(', ')}`);
  }
  return lines.join('\n');
}

function ruleCounts(rule: CoverageRuleInfo): { findings: number; waived: number; passes: number } {
  const waived = rule.findings.filter((f) => f.suppressed).length;
  return { findings: rule.findings.length - waived, waived, passes: rule.passes };
}

function ruleIcon(rule: CoverageRuleInfo): NodeIcon {
  const c = ruleCounts(rule);
  if (c.findings > 0) return { id: STATUS_ICON.violated, color: STATUS_COLOR.violated };
  if (c.passes > 0 || c.waived > 0) return { id: STATUS_ICON.passing, color: STATUS_COLOR.passing };
  return { id: STATUS_ICON['not-assessed'] };
}

/** `waived: public website, approved in RISK-12 (until 2026-12-31)` */
export function waiverText(suppressed: NonNullable<CoverageFindingLocation['suppressed']>): string {
  const reason = suppressed.reason.trim() || 'no reason given';
  return `waived: ${reason}${suppressed.expires ? ` (until ${suppressed.expires})` : ''}`;
}

function findingNode(f: CoverageFindingLocation, parentId: string, index: number, framework: string, displayPath: (uri: string) => string): CoverageNode {
  const location: NodeLocation = { uri: f.uri, range: f.range };
  const waived = f.suppressed !== undefined;
  const tooltip = [`${escapeMarkdown(f.message)}`, '', `\`${f.address}\` · ${f.severity}`];
  if (f.suppressed) tooltip.push('', `**Waived**: ${escapeMarkdown(f.suppressed.reason.trim() || 'no reason given')}${f.suppressed.expires ? ` (until ${escapeMarkdown(f.suppressed.expires)})` : ''}`);
  return {
    kind: 'finding',
    id: `${parentId}/${index}:${f.uri}:${f.range.start.line}:${f.range.start.character}`,
    label: locationLabel(location, displayPath),
    description: f.suppressed ? waiverText(f.suppressed) : `${f.address} · ${f.severity}`,
    tooltip: tooltip.join('\n'),
    icon: waived ? { id: WAIVED_ICON } : SEVERITY_ICON[f.severity],
    contextValue: waived ? 'finding:waived' : 'finding',
    collapsible: 'none',
    children: [],
    location,
    framework,
  };
}

function ruleNode(rule: CoverageRuleInfo, parentId: string, framework: string, displayPath: (uri: string) => string): CoverageNode {
  const id = `${parentId}/rule:${rule.ruleId}`;
  const children = rule.findings.map((f, i) => findingNode(f, id, i, framework, displayPath));
  const counts = countsText(ruleCounts(rule));
  return {
    kind: 'rule',
    id,
    label: rule.title,
    description: counts ? `${rule.ruleId} · ${counts}` : `${rule.ruleId} · nothing analysed`,
    tooltip: `**${escapeMarkdown(rule.title)}**\n\n\`${rule.ruleId}\``,
    icon: ruleIcon(rule),
    contextValue: 'rule',
    collapsible: children.length > 0 ? 'collapsed' : 'none',
    children,
    framework,
  };
}

function controlNode(control: CoverageControlInfo, fw: CoverageFrameworkInfo, displayPath: (uri: string) => string): CoverageNode {
  const id = `ctl:${fw.id}:${control.id}`;
  const children = control.rules.map((r) => ruleNode(r, id, fw.id, displayPath));
  const hasFindings = control.counts.findings + control.counts.waived > 0;
  return {
    kind: 'control',
    id,
    label: controlLabel(control),
    description: controlDescription(control),
    tooltip: controlTooltip(control, fw),
    icon: { id: STATUS_ICON[control.status], ...(STATUS_COLOR[control.status] ? { color: STATUS_COLOR[control.status] } : {}) },
    contextValue: `control:${control.status}${hasFindings ? ':hasFindings' : ''}`,
    collapsible: children.length > 0 ? 'collapsed' : 'none',
    children,
    control,
    framework: fw.id,
  };
}

/** `2 violated · 5 passing · 34 controls` */
export function groupDescription(controls: readonly CoverageControlInfo[]): string {
  const violated = controls.filter((c) => c.status === 'violated').length;
  const passing = controls.filter((c) => c.status === 'passing').length;
  const parts: string[] = [];
  if (violated > 0) parts.push(`${violated} violated`);
  if (passing > 0) parts.push(`${passing} passing`);
  parts.push(plural(controls.length, 'control'));
  return parts.join(' · ');
}

function messageNode(id: string, label: string, framework?: string): CoverageNode {
  return { kind: 'message', id, label, icon: { id: 'info' }, contextValue: 'message', collapsible: 'none', children: [], ...(framework ? { framework } : {}) };
}

function frameworkNode(fw: CoverageFrameworkInfo, options: TreeOptions): CoverageNode {
  const displayPath = options.displayPath ?? defaultDisplayPath;
  const id = `fw:${fw.id}`;
  const children: CoverageNode[] = [];
  for (const group of fw.groups) {
    const controls = options.violatedOnly ? group.controls.filter((c) => c.status === 'violated') : group.controls;
    if (controls.length === 0) continue;
    // Under the filter a group gets another id: views keep an item's expansion state by id, and
    // the filtered groups should open although the user had them collapsed.
    const groupId = `grp:${fw.id}:${group.id}${options.violatedOnly ? ':violated' : ''}`;
    children.push({
      kind: 'group',
      id: groupId,
      label: groupLabel(group),
      description: groupDescription(group.controls),
      tooltip: `**${escapeMarkdown(groupLabel(group))}** (${escapeMarkdown(fw.shortName)})\n\n${escapeMarkdown(groupDescription(group.controls))}`,
      icon: { id: 'list-tree' },
      contextValue: 'group',
      // Collapsed, so that every framework fits on screen (ISO alone has 93 controls); the filter
      // leaves few controls, so it shows them at once.
      collapsible: options.violatedOnly ? 'expanded' : 'collapsed',
      children: controls.map((c) => controlNode(c, fw, displayPath)),
      framework: fw.id,
    });
  }
  if (children.length === 0) {
    children.push(messageNode(`${id}/empty`, options.violatedOnly ? 'No violated controls' : 'No controls', fw.id));
  }
  const c = fw.counts;
  const tooltip = [
    `**${escapeMarkdown(fw.name)}**`,
    '',
    escapeMarkdown(fw.summary),
    '',
    `- ${c.violated} violated, ${c.passing} passing, ${c.notAssessed} not assessed (no matching resources)`,
    `- ${c.notAssessableFromIac} not assessable from infrastructure code, ${c.noRule} without a rule yet`,
  ].join('\n');
  return {
    kind: 'framework',
    id,
    label: fw.name,
    description: fw.summary,
    tooltip,
    icon: { id: 'book' },
    contextValue: 'framework',
    collapsible: 'expanded',
    children,
    framework: fw.id,
  };
}

/** The tree's top level (frameworks, in the order of the answer). */
export function buildCoverageTree(result: CoverageResult | undefined, options: TreeOptions): CoverageNode[] {
  if (!result) return [];
  if (!result.analysisEnabled) return [messageNode('msg:disabled', 'TrustLint is switched off (trustlint.enable)')];
  return result.frameworks.map((fw) => frameworkNode(fw, options));
}

/** The text above the tree (`TreeView.message`), or undefined for none. */
export function viewMessage(result: CoverageResult | undefined, options: Pick<TreeOptions, 'violatedOnly'>): string | undefined {
  if (!result) return 'Waiting for the TrustLint language server…';
  if (!result.analysisEnabled) return undefined;
  const parts: string[] = [];
  if (result.files === 0) parts.push('No Terraform files or CloudFormation templates found in the workspace.');
  if (options.violatedOnly) parts.push('Showing violated controls only.');
  return parts.length > 0 ? parts.join(' ') : undefined;
}

/** Every node of a tree, depth first (for lookups by id and for tests). */
export function* walkNodes(nodes: readonly CoverageNode[]): Generator<CoverageNode> {
  for (const node of nodes) {
    yield node;
    yield* walkNodes(node.children);
  }
}

// ------------------------------------------------------------------------------ quick picks

export interface LocationPick {
  label: string;
  description?: string;
  detail?: string;
  location: NodeLocation;
}

/** Quick-pick items for the findings of one control: open ones first, then waived ones with their reason. */
export function controlFindingPicks(control: CoverageControlInfo, displayPath: (uri: string) => string = defaultDisplayPath): LocationPick[] {
  const open: LocationPick[] = [];
  const waived: LocationPick[] = [];
  for (const rule of control.rules) {
    for (const f of rule.findings) {
      const location = { uri: f.uri, range: f.range };
      const icon = f.suppressed ? WAIVED_ICON : SEVERITY_ICON[f.severity].id;
      const pick: LocationPick = {
        label: `$(${icon}) ${locationLabel(location, displayPath)}`,
        description: f.suppressed ? `${rule.ruleId} · ${waiverText(f.suppressed)}` : `${rule.ruleId} · ${f.severity}`,
        detail: f.message,
        location,
      };
      (f.suppressed ? waived : open).push(pick);
    }
  }
  return [...open, ...waived];
}

/**
 * `clears 3 controls across 2 frameworks · 4 findings`. A rule whose controls all stay violated
 * by other rules says what it touches instead of "clears 0 controls across 0 frameworks".
 */
export function prioritisedDetail(rule: Pick<RankedRuleInfo, 'score' | 'frameworksCleared' | 'findings' | 'fixAvailable' | 'controlsTouched'>): string {
  let text: string;
  if (rule.score > 0 || rule.controlsTouched.length === 0) {
    text = `clears ${plural(rule.score, 'control')} across ${plural(rule.frameworksCleared.length, 'framework')}`;
  } else {
    const frameworks = new Set(rule.controlsTouched.map((c) => c.framework)).size;
    text = `clears no control on its own (other rules violate its ${plural(rule.controlsTouched.length, 'control')} across ${plural(frameworks, 'framework')} too)`;
  }
  text += ` · ${plural(rule.findings, 'finding')}`;
  if (rule.fixAvailable > 0) text += ` · ${rule.fixAvailable === rule.findings ? 'safe fix available' : `${rule.fixAvailable} with a safe fix`}`;
  return text;
}

export interface RankedPick {
  label: string;
  description: string;
  detail: string;
  ruleId: string;
  /** The first finding to open, if any. */
  location?: NodeLocation;
}

/** Quick-pick items for `trustlint/prioritised`, best first. */
export function prioritisedPicks(rules: readonly RankedRuleInfo[]): RankedPick[] {
  return rules.map((r) => {
    const first = r.locations[0];
    return {
      label: `${r.rank}. ${r.title}`,
      description: `${r.ruleId} · ${r.severity}`,
      detail: prioritisedDetail(r),
      ruleId: r.ruleId,
      ...(first ? { location: { uri: first.uri, range: first.range } } : {}),
    };
  });
}

export interface FrameworkPick {
  label: string;
  description: string;
  detail?: string;
  id: string;
  picked: boolean;
}

/** Quick-pick items for choosing frameworks; the ones in effect are picked. */
export function frameworkPicks(available: readonly FrameworkChoice[]): FrameworkPick[] {
  return available.map((f) => ({
    label: f.name,
    description: f.shortName,
    ...(f.defaultEnabled ? { detail: 'On by default' } : {}),
    id: f.id,
    picked: f.enabled,
  }));
}

export interface FormatPick {
  label: string;
  description: string;
  format: ReportFormat;
}

/** The report formats, as offered by "Export compliance report". */
export const REPORT_FORMAT_PICKS: readonly FormatPick[] = [
  { label: 'HTML', description: 'One self-contained page, printable, for auditors', format: 'html' },
  { label: 'Markdown', description: 'For pull requests, wikis and version control', format: 'md' },
  { label: 'JSON', description: 'Machine-readable, for further processing', format: 'json' },
];

/** Save-dialog filters per format. */
export const REPORT_FILTERS: Record<ReportFormat, Record<string, string[]>> = {
  md: { Markdown: ['md'] },
  html: { HTML: ['html', 'htm'] },
  json: { JSON: ['json'] },
};
