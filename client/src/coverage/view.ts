/**
 * The "Framework coverage" view (`trustlint.coverage`) and its commands: the tree comes from
 * `trustlint/coverage` through `model.ts`; this file only turns nodes into `TreeItem`s and talks to
 * VS Code. The view refreshes on `trustlint/coverageChanged` (debounced, and only while visible).
 */
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import {
  Commands,
  CoverageChangedNotification,
  CoverageRequest,
  PrioritisedRequest,
  ReportRequest,
  type CoverageParams,
  type CoverageResult,
  type PrioritisedParams,
  type PrioritisedResult,
  type ProtocolRange,
  type ReportParams,
  type ReportResult,
} from '../../../server/src/protocol';
import {
  buildCoverageTree,
  controlFindingPicks,
  frameworkPicks,
  prioritisedPicks,
  REPORT_FILTERS,
  REPORT_FORMAT_PICKS,
  viewMessage,
  walkNodes,
  type CoverageNode,
  type NodeLocation,
} from './model';

export const COVERAGE_VIEW_ID = 'trustlint.coverage';
/** Context key for the filter toggle's two title-bar buttons. */
const VIOLATED_ONLY_CONTEXT = 'trustlint.coverage.violatedOnly';
const REFRESH_DELAY_MS = 250;

function toRange(r: ProtocolRange): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

function displayPath(uri: string): string {
  return vscode.workspace.asRelativePath(vscode.Uri.parse(uri), vscode.workspace.workspaceFolders !== undefined && vscode.workspace.workspaceFolders.length > 1);
}

/** Opens a file with the range selected. */
export async function openLocation(location: NodeLocation): Promise<void> {
  await vscode.window.showTextDocument(vscode.Uri.parse(location.uri), { selection: toRange(location.range), preserveFocus: false });
}

function runningClient(getClient: () => LanguageClient | undefined): LanguageClient | undefined {
  const client = getClient();
  return client && client.state === State.Running ? client : undefined;
}

class CoverageTreeProvider implements vscode.TreeDataProvider<CoverageNode> {
  private readonly changed = new vscode.EventEmitter<CoverageNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  result: CoverageResult | undefined;
  private nodes: CoverageNode[] = [];
  private parents = new Map<string, CoverageNode>();
  violatedOnly = false;
  error: string | undefined;

  getTreeItem(node: CoverageNode): vscode.TreeItem {
    const state =
      node.collapsible === 'expanded'
        ? vscode.TreeItemCollapsibleState.Expanded
        : node.collapsible === 'collapsed'
          ? vscode.TreeItemCollapsibleState.Collapsed
          : vscode.TreeItemCollapsibleState.None;
    const item = new vscode.TreeItem(node.label, state);
    item.id = node.id;
    item.description = node.description;
    item.contextValue = node.contextValue;
    if (node.icon) item.iconPath = new vscode.ThemeIcon(node.icon.id, node.icon.color ? new vscode.ThemeColor(node.icon.color) : undefined);
    if (node.tooltip) item.tooltip = new vscode.MarkdownString(node.tooltip);
    if (node.location) {
      item.command = {
        command: 'vscode.open',
        title: 'Open',
        arguments: [vscode.Uri.parse(node.location.uri), { selection: toRange(node.location.range) } satisfies vscode.TextDocumentShowOptions],
      };
    }
    return item;
  }

  getChildren(node?: CoverageNode): CoverageNode[] {
    return node ? node.children : this.nodes;
  }

  getParent(node: CoverageNode): CoverageNode | undefined {
    return this.parents.get(node.id);
  }

  /** Rebuilds the nodes from the last answer (after a new answer or a filter change). */
  rebuild(): void {
    this.nodes = buildCoverageTree(this.result, { violatedOnly: this.violatedOnly, displayPath });
    this.parents = new Map();
    for (const node of walkNodes(this.nodes)) for (const child of node.children) this.parents.set(child.id, node);
    this.changed.fire(undefined);
  }

  message(): string | undefined {
    return this.error ?? viewMessage(this.result, { violatedOnly: this.violatedOnly });
  }
}

/** Registers the coverage view, its live updates and the coverage, prioritisation and report commands. */
export function registerCoverageView(context: vscode.ExtensionContext, getClient: () => LanguageClient | undefined): void {
  const provider = new CoverageTreeProvider();
  const view = vscode.window.createTreeView(COVERAGE_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  context.subscriptions.push(view);
  void vscode.commands.executeCommand('setContext', VIOLATED_ONLY_CONTEXT, false);

  let timer: NodeJS.Timeout | undefined;
  let stale = true;
  let generation = 0;

  const render = () => {
    provider.rebuild();
    view.message = provider.message();
  };

  const refresh = async (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const client = runningClient(getClient);
    if (!client) {
      provider.result = undefined;
      provider.error = undefined;
      render();
      return;
    }
    const mine = ++generation;
    stale = false;
    try {
      const params: CoverageParams = {};
      const result = await client.sendRequest<CoverageResult>(CoverageRequest.method, params);
      if (mine !== generation) return; // A newer refresh is under way.
      provider.result = result;
      provider.error = undefined;
    } catch (e) {
      if (mine !== generation) return;
      provider.error = `Could not get coverage from the TrustLint server: ${(e as Error).message}`;
    }
    render();
  };

  /** Coalesces bursts of notifications; a hidden view only remembers that it is stale. */
  const scheduleRefresh = () => {
    if (!view.visible) {
      stale = true;
      return;
    }
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void refresh(), REFRESH_DELAY_MS);
  };

  const client = getClient();
  if (client) {
    // Registered before start: the client keeps the handler across restarts.
    context.subscriptions.push(client.onNotification(CoverageChangedNotification.method, scheduleRefresh));
    context.subscriptions.push(
      client.onDidChangeState((e) => {
        if (e.newState === State.Running || e.newState === State.Stopped) scheduleRefresh();
      }),
    );
  }
  context.subscriptions.push(
    view.onDidChangeVisibility((e) => {
      if (e.visible && stale) void refresh();
    }),
    { dispose: () => timer && clearTimeout(timer) },
  );

  const setViolatedOnly = (value: boolean) => {
    provider.violatedOnly = value;
    void vscode.commands.executeCommand('setContext', VIOLATED_ONLY_CONTEXT, value);
    render();
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.coverageRefresh, () => refresh()),
    vscode.commands.registerCommand(Commands.coverageFilterViolated, () => setViolatedOnly(!provider.violatedOnly)),
    vscode.commands.registerCommand(Commands.coverageShowAll, () => setViolatedOnly(false)),
    vscode.commands.registerCommand(Commands.coverageSelectFrameworks, () => reportErrors(() => selectFrameworks(getClient, provider.result))),
    vscode.commands.registerCommand(Commands.coverageShowControlFindings, (node?: CoverageNode) => reportErrors(() => showControlFindings(node))),
    vscode.commands.registerCommand(Commands.prioritiseFixes, () => reportErrors(() => prioritiseFixes(getClient))),
    vscode.commands.registerCommand(Commands.exportReport, () => reportErrors(() => exportReport(getClient))),
  );
  render();
}

/** Commands run from menus: a failure becomes one readable message instead of a stack trace. */
async function reportErrors(fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (e) {
    void vscode.window.showErrorMessage(`TrustLint: ${(e as Error).message}`);
  }
}

function notRunning(): void {
  void vscode.window.showWarningMessage('The TrustLint server is not running. Run "TrustLint: Restart Server" and try again.');
}

async function selectFrameworks(getClient: () => LanguageClient | undefined, last: CoverageResult | undefined): Promise<void> {
  const client = runningClient(getClient);
  let result = last;
  if (client) result = await client.sendRequest<CoverageResult>(CoverageRequest.method, {} satisfies CoverageParams);
  if (!result) return notRunning();
  const picks = await vscode.window.showQuickPick(frameworkPicks(result.available), {
    canPickMany: true,
    title: 'TrustLint: frameworks to map findings to',
    placeHolder: 'Pick none to use the project policy file (.trustlint.yaml) again',
    ignoreFocusOut: true,
  });
  if (!picks) return;
  const config = vscode.workspace.getConfiguration('trustlint');
  const value = picks.length > 0 ? picks.map((p) => p.id) : undefined;
  // Workspace scope, so the choice belongs to this project; without a workspace, the user's settings.
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await config.update('frameworks', value, target);
}

async function showControlFindings(node: CoverageNode | undefined): Promise<void> {
  const control = node?.control;
  if (!control) return;
  const picks = controlFindingPicks(control, displayPath);
  if (picks.length === 0) {
    void vscode.window.showInformationMessage(`TrustLint: ${control.id} has no findings.`);
    return;
  }
  const pick = await vscode.window.showQuickPick(picks, {
    title: `${control.id} ${control.title}`,
    placeHolder: 'Open a finding',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (pick) await openLocation(pick.location);
}

async function prioritiseFixes(getClient: () => LanguageClient | undefined): Promise<void> {
  const client = runningClient(getClient);
  if (!client) return notRunning();
  const result = await client.sendRequest<PrioritisedResult>(PrioritisedRequest.method, {} satisfies PrioritisedParams);
  if (result.rules.length === 0) {
    void vscode.window.showInformationMessage('TrustLint: no open findings, nothing to fix.');
    return;
  }
  const pick = await vscode.window.showQuickPick(prioritisedPicks(result.rules), {
    title: 'TrustLint: fixes that satisfy the most controls',
    placeHolder: 'Pick a rule to open its first finding',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (pick?.location) await openLocation(pick.location);
}

async function exportReport(getClient: () => LanguageClient | undefined): Promise<void> {
  const client = runningClient(getClient);
  if (!client) return notRunning();
  const formatPick = await vscode.window.showQuickPick(REPORT_FORMAT_PICKS, { title: 'TrustLint: export compliance report', placeHolder: 'Format' });
  if (!formatPick) return;
  const format = formatPick.format;
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'TrustLint: building the compliance report' },
    () => client.sendRequest<ReportResult>(ReportRequest.method, { format } satisfies ReportParams),
  );
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    title: 'Save compliance report',
    filters: REPORT_FILTERS[format],
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, result.fileName) } : {}),
  });
  if (!target) return;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(result.content));
  const choice = await vscode.window.showInformationMessage(`TrustLint: compliance report saved to ${vscode.workspace.asRelativePath(target)}.`, 'Open');
  if (choice !== 'Open') return;
  if (format === 'html') await vscode.env.openExternal(target);
  else if (format === 'md') await vscode.commands.executeCommand('markdown.showPreview', target);
  else await vscode.window.showTextDocument(target);
}
