/**
 * `trustlint report`: scan like `trustlint scan`, then render the compliance report (per framework,
 * group and control: violated, waived, passing, not assessed, not assessable; evidence; the fixes
 * that clear the most controls) with `generateReport`, the same code the editor's export uses.
 */
import * as path from 'node:path';
import { generateReport } from '../report';
import { ruleReadmeUrl, TRUSTLINT_VERSION } from '../workspace/hostInfo';
import type { ReportOptions } from './args';
import { runScan, type ScanReport } from './scan';

export interface ReportRun {
  content: string;
  scan: ScanReport;
}

/**
 * When the report says it was generated: `SOURCE_DATE_EPOCH` (seconds, the reproducible-builds
 * convention) when set, so CI can produce byte-identical reports; else now.
 */
export function reportTimestamp(env: NodeJS.ProcessEnv, now: () => Date = () => new Date()): string {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && /^\d+$/.test(epoch.trim())) return new Date(Number(epoch.trim()) * 1000).toISOString();
  return now().toISOString();
}

/** The scan root as the user named it: relative to the working directory when inside it. */
function displayRoot(root: string, cwd: string): string {
  const rel = path.relative(cwd, root);
  if (rel === '') return '.';
  if (rel.startsWith('..') || path.isAbsolute(rel)) return root.split(path.sep).join('/');
  return rel.split(path.sep).join('/');
}

export async function runReport(opts: ReportOptions, cwd: string, env: NodeJS.ProcessEnv): Promise<ReportRun> {
  const scan = await runScan(opts, cwd);
  const content = generateReport(opts.format, {
    result: scan.analysis,
    rules: scan.rules,
    frameworks: scan.policy.frameworks,
    root: displayRoot(scan.root, cwd),
    generatedAt: reportTimestamp(env),
    toolVersion: TRUSTLINT_VERSION,
    ruleDocsUrl: ruleReadmeUrl,
  });
  return { content, scan };
}
