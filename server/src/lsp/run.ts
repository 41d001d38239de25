/**
 * Start the language server on the transport named on the command line (`--stdio`,
 * `--node-ipc`, `--socket=N`; the library reads process.argv).
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

export function runLanguageServer(): void {
  const connection = createConnection(ProposedFeatures.all);
  startServer(connection);
}
