/**
 * Creating the LanguageClient that runs `dist/server.js` over IPC.
 */
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  TransportKind,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import type { TrustlintInitializationOptions } from '../../server/src/protocol';

/** Restarts allowed within RESTART_WINDOW_MS before the client gives up. */
const MAX_RESTARTS = 4;
const RESTART_WINDOW_MS = 3 * 60 * 1000;

export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.OutputChannel): LanguageClient {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const initializationOptions: TrustlintInitializationOptions = {
    experimental: { trustlintSuppressCommand: true },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'terraform' },
      { scheme: 'file', language: 'terraform-vars' },
      // The server decides which YAML/JSON files are CloudFormation templates.
      { scheme: 'file', pattern: '**/*.{yaml,yml,json,template}' },
    ],
    synchronize: {
      configurationSection: 'trustlint',
      fileEvents: [
        vscode.workspace.createFileSystemWatcher('**/.trustlint.{yaml,yml,json}'),
        vscode.workspace.createFileSystemWatcher('**/*.{tf,tfvars}'),
      ],
    },
    initializationOptions,
    outputChannel: output,
    errorHandler: new CrashNotifyingErrorHandler(output),
  };
  return new LanguageClient('trustlint', 'TrustLint', serverOptions, clientOptions);
}

/**
 * Restarts the server when it dies (up to MAX_RESTARTS in RESTART_WINDOW_MS) and tells the user
 * once per session that it happened, so a crash is never silent but never nags either.
 */
class CrashNotifyingErrorHandler implements ErrorHandler {
  private restarts: number[] = [];
  private notified = false;

  constructor(private readonly output: vscode.OutputChannel) {}

  error(_error: Error, _message: unknown, count: number | undefined): ErrorHandlerResult {
    if (count !== undefined && count <= 3) return { action: ErrorAction.Continue };
    return { action: ErrorAction.Shutdown };
  }

  closed(): CloseHandlerResult {
    const now = Date.now();
    this.restarts = this.restarts.filter((t) => now - t < RESTART_WINDOW_MS);
    this.restarts.push(now);
    if (this.restarts.length > MAX_RESTARTS) {
      return {
        action: CloseAction.DoNotRestart,
        message: `The TrustLint server crashed ${MAX_RESTARTS + 1} times in the last 3 minutes and will not be restarted. See the TrustLint output for details; run "TrustLint: Restart Server" to try again.`,
      };
    }
    this.output.appendLine(`[${new Date().toISOString()}] The TrustLint server stopped unexpectedly; restarting it.`);
    if (!this.notified) {
      this.notified = true;
      void vscode.window
        .showWarningMessage('The TrustLint server crashed and was restarted. Details are in the TrustLint output.', 'Show Output')
        .then((choice) => {
          if (choice) this.output.show(true);
        });
    }
    return { action: CloseAction.Restart, handled: true };
  }
}
