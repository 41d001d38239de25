/** Entry point of the bundled language server (`dist/server.js`). */
import { isMainThread } from 'node:worker_threads';
import { runLanguageServer } from './run';
// The workspace scan runs this bundle again as a worker thread (see scanWorker.ts): no server there.
import './scanWorker';

if (isMainThread) runLanguageServer();
