/**
 * The VS Code extension: starts the TrustLint language server and registers the commands and the
 * framework-coverage view.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { registerCommands } from './commands';
import { registerCoverageView } from './coverage/view';
import { createLanguageClient } from './languageClient';

let client: LanguageClient | undefined;

/**
 * What the extension exports to other extensions (and the extension-host tests): TrustLint's
 * custom requests (`trustlint/coverage`, `trustlint/prioritised`, `trustlint/report`, ...).
 */
export interface TrustLintApi {
  sendRequest(method: string, params: unknown): Promise<unknown>;
}

export async function activate(context: vscode.ExtensionContext): Promise<TrustLintApi> {
  const output = vscode.window.createOutputChannel('TrustLint');
  context.subscriptions.push(output);
  client = createLanguageClient(context, output);
  registerCommands(
    context,
    () => client,
    async () => {
      if (!client) return;
      output.appendLine(`[${new Date().toISOString()}] Restarting the TrustLint server.`);
      await client.restart();
    },
  );
  registerCoverageView(context, () => client);
  await client.start();
  return {
    sendRequest: async (method, params) => {
      if (!client) throw new Error('The TrustLint server is not running.');
      return client.sendRequest(method, params);
    },
  };
}

export async function deactivate(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) await c.stop();
}
