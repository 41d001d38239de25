/**
 * Command-line parsing for `trustlint`. Hand-written (no dependency): long options, `--opt value`
 * and `--opt=value`, and a clear UsageError for anything unexpected.
 */
import { SEVERITIES, type Severity } from '../rules/types';

export class UsageError extends Error {}

export type ScanFormat = 'text' | 'json' | 'sarif';
export type FailOn = Severity | 'none';

export interface ScanOptions {
  command: 'scan';
  paths: string[];
  format: ScanFormat;
  output?: string;
  failOn: FailOn;
  frameworks?: string[];
  policy?: string;
  includeSuppressed: boolean;
  /** Also rank the rules by the controls fixing them would clear (text: a table; JSON: `prioritised`). */
  prioritise: boolean;
  color: boolean;
  /** Worker threads for the analysis; default: min(cores, 4) above 500 files on 3+ cores, else 1. */
  jobs?: number;
}

export type ReportFormatOption = 'md' | 'html' | 'json';

export interface ReportOptions {
  command: 'report';
  paths: string[];
  format: ReportFormatOption;
  output?: string;
  frameworks?: string[];
  policy?: string;
}

export interface RulesOptions {
  command: 'rules';
  format: 'text' | 'json';
  frameworks?: string[];
  color: boolean;
}

export type Command =
  | ScanOptions
  | ReportOptions
  | RulesOptions
  | { command: 'lsp'; transportArgs: string[] }
  | { command: 'version' }
  | { command: 'help'; topic?: string };

export const HELP = `Usage: trustlint <command> [options]

Compliance-aware checks for Terraform and CloudFormation, mapped to ISO/IEC 27001:2022 Annex A,
SOC 2, NIS2, BSI C5, DORA and GDPR Art. 32. Runs fully offline.

Commands:
  scan [PATH...]       Analyse files and folders (default: the current folder)
  report [PATH...]     Compliance report per framework and control (Markdown, HTML, JSON)
  rules                List the rules
  lsp --stdio          Start the language server (also --node-ipc, --socket=N)

Options for scan:
  --format text|json|sarif   Output format (default: text)
  --output FILE              Write the report to FILE instead of stdout
  --fail-on LEVEL            low|medium|high|critical|none: exit 1 when an unsuppressed
                             finding at or above LEVEL exists (default: low)
  --frameworks IDS           Comma-separated framework ids, e.g. iso27001-2022,soc2-2017
                             (replaces the policy file's list)
  --policy FILE              Policy file to use instead of <root>/.trustlint.yaml
  --include-suppressed       Also list suppressed findings (text and json; SARIF always
                             includes them, marked with suppressions)
  --prioritise, --rank       Also rank the rules by how many controls fixing them clears
                             (text: a table; json: a "prioritised" array)
  --no-color                 No ANSI colours (also when NO_COLOR is set or not on a TTY)
  --jobs N, -j N             Analyse with N worker threads (default: min(cores, 4) for more
                             than 500 files on 3+ cores, else 1); the output is the same for any N

Options for report:
  --format md|html|json      Report format (default: md)
  --output FILE              Write the report to FILE instead of stdout
  --frameworks IDS           Frameworks to report on (replaces the policy file's list)
  --policy FILE              Policy file to use instead of <root>/.trustlint.yaml

Options for rules:
  --format text|json         Output format (default: text)
  --frameworks IDS           Frameworks whose controls to show

Other:
  --version, -v              Print the version
  --help, -h                 Show this help

Exit codes:
  0  no unsuppressed finding at or above the --fail-on level (report: the report was written)
  1  at least one such finding (scan only: findings never fail a report)
  2  usage error, unreadable input path, or a file that could not be parsed
`;

function takeValue(argv: string[], i: number, name: string, inline: string | undefined): [string, number] {
  if (inline !== undefined) {
    if (inline === '') throw new UsageError(`option ${name} needs a value`);
    return [inline, i];
  }
  const v = argv[i + 1];
  if (v === undefined || v.startsWith('--')) throw new UsageError(`option ${name} needs a value`);
  return [v, i + 1];
}

function oneOf<T extends string>(value: string, allowed: readonly T[], name: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`invalid value '${value}' for ${name}: expected one of ${allowed.join(', ')}`);
}

function frameworkList(value: string): string[] {
  const list = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (list.length === 0) throw new UsageError('--frameworks needs at least one framework id');
  return list;
}

export function parseArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): Command {
  if (argv.length === 0) return { command: 'help' };
  const [first, ...rest] = argv;
  if (first === '--version' || first === '-v' || first === 'version') return { command: 'version' };
  if (first === '--help' || first === '-h' || first === 'help') return { command: 'help', topic: rest[0] };
  if (first === 'lsp') {
    const transport = rest.filter((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket=') || a.startsWith('--clientProcessId='));
    const unknown = rest.filter((a) => !transport.includes(a));
    if (unknown.length > 0) throw new UsageError(`unknown option for lsp: ${unknown[0]}`);
    return { command: 'lsp', transportArgs: transport };
  }
  if (first !== 'scan' && first !== 'rules' && first !== 'report') {
    if (first.startsWith('-')) throw new UsageError(`unknown option: ${first}`);
    throw new UsageError(`unknown command: ${first}`);
  }
  let color = !env.NO_COLOR;
  let format: string | undefined;
  let output: string | undefined;
  let failOn: FailOn = 'low';
  let frameworks: string[] | undefined;
  let policy: string | undefined;
  let includeSuppressed = false;
  let prioritise = false;
  let jobs: number | undefined;
  const paths: string[] = [];
  let help = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--') {
      paths.push(...rest.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      paths.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const flag = (): void => {
      if (inline !== undefined) throw new UsageError(`option ${name} takes no value`);
    };
    let v: string;
    switch (name) {
      case '--format':
      case '-f':
        [v, i] = takeValue(rest, i, name, inline);
        format = v;
        break;
      case '--output':
      case '-o':
        if (first === 'rules') throw new UsageError(`unknown option for ${first}: ${name}`);
        [v, i] = takeValue(rest, i, name, inline);
        output = v;
        break;
      case '--fail-on':
        if (first !== 'scan') throw new UsageError(`unknown option for ${first}: ${name}`);
        [v, i] = takeValue(rest, i, name, inline);
        failOn = oneOf(v, [...SEVERITIES, 'none'] as const, '--fail-on');
        break;
      case '--frameworks':
        [v, i] = takeValue(rest, i, name, inline);
        frameworks = frameworkList(v);
        break;
      case '--policy':
        if (first === 'rules') throw new UsageError(`unknown option for ${first}: ${name}`);
        [v, i] = takeValue(rest, i, name, inline);
        policy = v;
        break;
      case '--include-suppressed':
        if (first !== 'scan') throw new UsageError(`unknown option for ${first}: ${name}`);
        flag();
        includeSuppressed = true;
        break;
      case '--prioritise':
      case '--prioritize':
      case '--rank':
        if (first !== 'scan') throw new UsageError(`unknown option for ${first}: ${name}`);
        flag();
        prioritise = true;
        break;
      case '--jobs':
      case '-j':
        if (first !== 'scan') throw new UsageError(`unknown option for ${first}: ${name}`);
        [v, i] = takeValue(rest, i, name, inline);
        if (!/^[1-9][0-9]{0,2}$/.test(v)) throw new UsageError(`invalid value '${v}' for ${name}: expected a number of workers (1-999)`);
        jobs = Number(v);
        break;
      case '--no-color':
      case '--no-colour':
        flag();
        color = false;
        break;
      case '--help':
      case '-h':
        help = true;
        break;
      default:
        throw new UsageError(`unknown option: ${name}`);
    }
  }
  if (help) return { command: 'help', topic: first };
  if (first === 'rules') {
    if (paths.length > 0) throw new UsageError(`unexpected argument for rules: ${paths[0]}`);
    return { command: 'rules', format: oneOf(format ?? 'text', ['text', 'json'] as const, '--format'), frameworks, color };
  }
  if (first === 'report') {
    return {
      command: 'report',
      paths: paths.length > 0 ? paths : ['.'],
      format: oneOf(format ?? 'md', ['md', 'html', 'json'] as const, '--format'),
      output,
      frameworks,
      policy,
    };
  }
  return {
    command: 'scan',
    paths: paths.length > 0 ? paths : ['.'],
    format: oneOf(format ?? 'text', ['text', 'json', 'sarif'] as const, '--format'),
    output,
    failOn,
    frameworks,
    policy,
    includeSuppressed,
    prioritise,
    color,
    ...(jobs !== undefined ? { jobs } : {}),
  };
}
