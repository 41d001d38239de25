/**
 * Helpers shared by `scripts/bench.ts` and `scripts/benchChild.ts`: CPU-time measurement, the
 * "floor" tokenizer, the 5,000-line file of the keystroke benchmark, writing a corpus to disk.
 *
 * The machine the benchmarks run on is shared and often loaded, so figures are CPU time of this
 * process (`process.cpuUsage()`, user + system), best of N; wall-clock time is printed only where
 * it is the quantity itself (latency), next to the CPU figure.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** CPU milliseconds (user + system) spent by this process while running `fn`. */
export function cpuMs(fn: () => void): number {
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** Async variant of `cpuMs` (the reference HCL parser is asynchronous). */
export async function cpuMsAsync(fn: () => Promise<void>): Promise<number> {
  const start = process.cpuUsage();
  await fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** Best (lowest) CPU time of `runs` runs. */
export function bestCpu(runs: number, fn: () => void): number {
  let min = Infinity;
  for (let i = 0; i < runs; i++) min = Math.min(min, cpuMs(fn));
  return min;
}

export function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export function countLines(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * The floor: the fastest tokenizer of HCL-like text we can write — one pass over char codes that
 * recognises identifiers, numbers, quoted strings (with escapes), comments and punctuation, and
 * counts tokens. No positions, no tree, no allocation. Nothing that reads every character can be
 * meaningfully faster, so a full scan is judged by how far it is from this.
 */
export function floorTokenize(text: string): number {
  const len = text.length;
  let tokens = 0;
  let i = 0;
  while (i < len) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 13) {
      i++;
      continue;
    }
    tokens++;
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95) {
      i++;
      for (;;) {
        const d = text.charCodeAt(i);
        if ((d >= 97 && d <= 122) || (d >= 65 && d <= 90) || (d >= 48 && d <= 57) || d === 95 || d === 45) i++;
        else break;
      }
    } else if (c >= 48 && c <= 57) {
      i++;
      for (;;) {
        const d = text.charCodeAt(i);
        if ((d >= 48 && d <= 57) || d === 46) i++;
        else break;
      }
    } else if (c === 34) {
      i++;
      while (i < len) {
        const d = text.charCodeAt(i);
        if (d === 92) i += 2;
        else if (d === 34 || d === 10) {
          i++;
          break;
        } else i++;
      }
    } else if (c === 35 || (c === 47 && text.charCodeAt(i + 1) === 47)) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? len : nl;
    } else {
      i++;
    }
  }
  return tokens;
}

/** Write generated files under `root` (created as needed). */
export function writeCorpus(root: string, files: ReadonlyArray<{ path: string; text: string }>): void {
  for (const f of files) {
    const p = join(root, f.path);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, f.text);
  }
}

/**
 * A realistic single Terraform file of about `lines` lines (the keystroke benchmark's edited
 * file): repeated groups of an S3 bucket with its companion resources and a security group, using
 * variables and locals. `port` is the value the benchmark edits.
 */
export function bigTerraformFile(lines: number, port = 443): string {
  const out: string[] = [
    'variable "name" {',
    '  type    = string',
    '  default = "bench"',
    '}',
    '',
    'locals {',
    '  tags = { Service = var.name, ManagedBy = "terraform" }',
    '}',
    '',
  ];
  let i = 0;
  while (out.length < lines) {
    const n = `b${i}`;
    const edited = i === 0 ? port : 443;
    out.push(
      `resource "aws_s3_bucket" "${n}" {`,
      `  bucket = "\${var.name}-${n}"`,
      '  tags   = merge(local.tags, { Name = "' + n + '" })',
      '}',
      '',
      `resource "aws_s3_bucket_versioning" "${n}" {`,
      `  bucket = aws_s3_bucket.${n}.id`,
      '  versioning_configuration {',
      `    status = "${i % 3 === 0 ? 'Suspended' : 'Enabled'}"`,
      '  }',
      '}',
      '',
      `resource "aws_s3_bucket_server_side_encryption_configuration" "${n}" {`,
      `  bucket = aws_s3_bucket.${n}.id`,
      '  rule {',
      '    apply_server_side_encryption_by_default {',
      '      sse_algorithm = "aws:kms"',
      '    }',
      '  }',
      '}',
      '',
      `resource "aws_security_group" "${n}" {`,
      `  name   = "\${var.name}-${n}"`,
      '  vpc_id = "vpc-123456"',
      '  ingress {',
      `    from_port   = ${edited}`,
      `    to_port     = ${edited}`,
      '    protocol    = "tcp"',
      `    cidr_blocks = ["${i % 4 === 0 ? '0.0.0.0/0' : '10.0.0.0/8'}"]`,
      '  }',
      '  tags = local.tags',
      '}',
      '',
    );
    i++;
  }
  return out.join('\n') + '\n';
}

/**
 * The language server's memory on a workspace: start `dist/server.js --stdio` as a separate process
 * on `root`, wait until its workspace scan has been published, let it settle, and read the
 * process's resident set (now, and the peak) from /proc. Resolves undefined where /proc is missing.
 */
export async function serverMemory(serverJs: string, root: string, settleMs = 2000): Promise<{ rssMb: number; peakRssMb: number; scanWallMs: number; log: string } | undefined> {
  const { spawn } = await import('node:child_process');
  const { readFileSync } = await import('node:fs');
  const { pathToFileURL } = await import('node:url');
  const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = await import('vscode-languageserver/node');
  const proc = spawn(process.execPath, [serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  const started = performance.now();
  const scanned = new Promise<string>((resolve, reject) => {
    proc.on('exit', (code) => reject(new Error(`server exited with code ${code}`)));
    conn.onNotification('window/logMessage', (p: { message: string }) => {
      if (/candidate files analysed/.test(p.message)) resolve(p.message);
    });
  });
  // The server asks for settings and registrations: no settings, every registration accepted.
  conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
  conn.onRequest(() => null);
  conn.listen();
  await conn.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(root).href, capabilities: {}, initializationOptions: {} });
  await conn.sendNotification('initialized', {});
  try {
    const log = await scanned;
    const scanWallMs = performance.now() - started;
    await new Promise((r) => setTimeout(r, settleMs));
    let status: string;
    try {
      status = readFileSync(`/proc/${proc.pid}/status`, 'utf8');
    } catch {
      return undefined;
    }
    const kb = (field: string): number => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
    return { rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024, scanWallMs, log };
  } finally {
    conn.dispose();
    proc.kill();
  }
}
