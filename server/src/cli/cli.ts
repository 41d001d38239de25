/**
 * The `trustlint` command: dispatch, output and exit codes (0 clean, 1 findings at or above the
 * threshold, 2 usage error / unreadable input / a file that does not parse).
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { TRUSTLINT_VERSION } from '../workspace/hostInfo';
import { HELP, parseArgs, UsageError, type Command } from './args';
import { formatJson } from './formatJson';
import { formatSarif } from './formatSarif';
import { formatText } from './formatText';
import { runReport } from './reportCommand';
import { runRules } from './rulesCommand';
import { failingFindings, runScan } from './scan';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => stream.write(text, (err) => (err ? reject(err) : resolve())));
}

/**
 * Run a command. Resolves with the exit code, or `undefined` for `lsp` (the server keeps the
 * process alive and exits on the protocol's `exit`).
 */
export async function runCli(argv: string[], io: CliIo): Promise<number | undefined> {
  let cmd: Command;
  try {
    cmd = parseArgs(argv, io.env);
  } catch (e) {
    if (e instanceof UsageError) {
      await write(io.stderr, `trustlint: ${e.message}\nRun 'trustlint --help' for usage.\n`);
      return EXIT_ERROR;
    }
    throw e;
  }
  try {
    switch (cmd.command) {
      case 'help':
        await write(io.stdout, HELP);
        return EXIT_OK;
      case 'version':
        await write(io.stdout, `${TRUSTLINT_VERSION}\n`);
        return EXIT_OK;
      case 'lsp': {
        if (cmd.transportArgs.length === 0) process.argv.push('--stdio');
        // Loaded lazily: the scan path does not need the protocol library.
        const { runLanguageServer } = await import('../lsp/run');
        runLanguageServer();
        return undefined;
      }
      case 'rules': {
        const color = cmd.color && !!io.stdout.isTTY;
        await write(io.stdout, runRules(cmd, color));
        return EXIT_OK;
      }
      case 'scan': {
        const report = await runScan(cmd, io.cwd);
        const toFile = cmd.output !== undefined;
        const color = cmd.color && !toFile && !!io.stdout.isTTY;
        const text =
          cmd.format === 'json' ? formatJson(report, cmd) : cmd.format === 'sarif' ? formatSarif(report) : formatText(report, cmd, color);
        if (toFile) {
          const out = path.resolve(io.cwd, cmd.output!);
          try {
            await fs.writeFile(out, text);
          } catch (e) {
            await write(io.stderr, `trustlint: cannot write ${cmd.output}: ${(e as Error).message}\n`);
            return EXIT_ERROR;
          }
        } else {
          await write(io.stdout, text);
        }
        for (const s of report.skipped) await write(io.stderr, `trustlint: skipped ${s.path}: ${s.reason}\n`);
        const parseErrors = report.problems.filter((p) => p.severity === 'error');
        if (parseErrors.length > 0) {
          if (cmd.format !== 'text' || toFile) {
            for (const p of parseErrors) {
              await write(io.stderr, `trustlint: ${p.file}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.message}\n`);
            }
          }
          return EXIT_ERROR;
        }
        return failingFindings(report.findings, cmd.failOn).length > 0 ? EXIT_FINDINGS : EXIT_OK;
      }
      case 'report': {
        const { content, scan } = await runReport(cmd, io.cwd, io.env);
        if (cmd.output !== undefined) {
          try {
            await fs.writeFile(path.resolve(io.cwd, cmd.output), content);
          } catch (e) {
            await write(io.stderr, `trustlint: cannot write ${cmd.output}: ${(e as Error).message}\n`);
            return EXIT_ERROR;
          }
        } else {
          await write(io.stdout, content);
        }
        for (const s of scan.skipped) await write(io.stderr, `trustlint: skipped ${s.path}: ${s.reason}\n`);
        // Findings are what a report documents, so they never fail it; a file that does not parse
        // may hide violations, so the report is written but the run fails, as for scan.
        const parseErrors = scan.problems.filter((p) => p.severity === 'error');
        for (const p of parseErrors) {
          await write(io.stderr, `trustlint: ${p.file}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.message}\n`);
        }
        return parseErrors.length > 0 ? EXIT_ERROR : EXIT_OK;
      }
    }
  } catch (e) {
    if (e instanceof UsageError) {
      await write(io.stderr, `trustlint: ${e.message}\n`);
      return EXIT_ERROR;
    }
    await write(io.stderr, `trustlint: internal error: ${(e as Error).stack ?? String(e)}\n`);
    return EXIT_ERROR;
  }
}
