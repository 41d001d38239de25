/**
 * Client-side commands: restart, rule docs, suppress with a reason, fix all in file or workspace.
 */
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import { Commands, RulesRequest, type FixAllResult, type RulesResult, type SuppressCommandArgs } from '../../server/src/protocol';

const REPO = 'https://github.com/trustlint/trustlint';

export function registerCommands(context: vscode.ExtensionContext, getClient: () => LanguageClient | undefined, restart: () => Promise<void>): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.restartServer, restart),
    vscode.commands.registerCommand(Commands.showRuleDocs, (ruleId?: string) => showRuleDocs(context, getClient(), ruleId)),
    vscode.commands.registerCommand(Commands.suppressWithReason, (args?: SuppressCommandArgs) => suppressWithReason(args)),
    vscode.commands.registerCommand(Commands.fixAllInFile, () => fixAllInFile(getClient())),
    vscode.commands.registerCommand(Commands.fixAllInWorkspace, () => fixAllInWorkspace(getClient())),
  );
}

async function showRuleDocs(context: vscode.ExtensionContext, client: LanguageClient | undefined, ruleId?: string): Promise<void> {
  let id = ruleId;
  if (!id) {
    if (!client) return;
    const result = await client.sendRequest<RulesResult>(RulesRequest.method, {});
    const pick = await vscode.window.showQuickPick(
      result.rules.map((r) => ({ label: r.id, description: r.severity, detail: r.title })),
      { placeHolder: 'Which rule?' },
    );
    id = pick?.label;
  }
  if (!id || !/^[a-z0-9-]+$/.test(id)) return;
  const local = context.asAbsolutePath(`dist/docs/rules/${id}.md`);
  if (fs.existsSync(local)) {
    await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.file(local));
    return;
  }
  await vscode.env.openExternal(vscode.Uri.parse(`${REPO}/blob/main/server/src/rules/${id}/README.md`));
}

async function suppressWithReason(args?: SuppressCommandArgs): Promise<void> {
  if (!args || typeof args.uri !== 'string' || typeof args.ruleId !== 'string' || typeof args.line !== 'number') return;
  const reason = await vscode.window.showInputBox({
    title: `Suppress ${args.ruleId}`,
    prompt: 'Why is this finding accepted? Auditors will read this.',
    placeHolder: 'e.g. public website bucket, approved in RISK-123',
    ignoreFocusOut: true,
    validateInput: (value) => {
      if (!value.trim()) return 'A reason is required.';
      if (/[\r\n]/.test(value)) return 'The reason must fit on one line.';
      return undefined;
    },
  });
  if (!reason?.trim()) return;
  const uri = vscode.Uri.parse(args.uri);
  const doc = await vscode.workspace.openTextDocument(uri);
  const eol = doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
  const indent = typeof args.indent === 'string' ? args.indent : '';
  const edit = new vscode.WorkspaceEdit();
  edit.insert(uri, new vscode.Position(args.line, 0), `${indent}# trustlint:ignore ${args.ruleId} ${reason.trim()}${eol}`);
  await vscode.workspace.applyEdit(edit);
}

async function fixAllInFile(client: LanguageClient | undefined): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !client) return;
  const result = await client.sendRequest(ExecuteCommandRequest.type, {
    command: Commands.applyFixAll,
    arguments: [{ uri: editor.document.uri.toString() }],
  });
  const r = result as { applied?: boolean; count?: number } | null;
  if (!r || !r.count) void vscode.window.showInformationMessage('TrustLint: no safe fixes in this file.');
}

/**
 * The server sends one edit whose changes need confirmation, so VS Code opens its refactor
 * preview; declining it leaves every file untouched.
 */
async function fixAllInWorkspace(client: LanguageClient | undefined): Promise<void> {
  if (!client) return;
  const result = (await client.sendRequest(ExecuteCommandRequest.type, {
    command: Commands.applyFixAllInWorkspace,
    arguments: [],
  })) as FixAllResult | null;
  if (!result || !result.count) {
    void vscode.window.showInformationMessage('TrustLint: no safe fixes in the workspace.');
    return;
  }
  if (result.applied) {
    const files = result.files ?? 0;
    void vscode.window.showInformationMessage(`TrustLint: applied ${result.count} safe fix${result.count === 1 ? '' : 'es'} in ${files} file${files === 1 ? '' : 's'}.`);
  }
}
