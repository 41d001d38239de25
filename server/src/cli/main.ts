/** Entry point of the bundled CLI (`dist/cli.js`, the `trustlint` bin). */
import { isMainThread } from 'node:worker_threads';
import { runCli } from './cli';

// In a worker thread this bundle only hosts a scan worker (`--jobs`, see parallel.ts).
if (isMainThread) {
  runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() }).then(
    (code) => {
      if (code !== undefined) process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`trustlint: ${(e as Error).stack ?? String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
