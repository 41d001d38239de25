/** Entry point of the bundled language server (`dist/server.js`). */
import { runLanguageServer } from './run';

runLanguageServer();
