/**
 * `trustlint scan`: resolve the input paths to one scan root, read its policy, walk the folders,
 * feed everything to one Engine and return a report for the formatters.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { isExcluded, type ProjectPolicy } from '../config/policy';
import type { AnalysisResult, Finding } from '../findings';
import type { ParseProblem } from '../model/types';
import { rankRules, type RankedRule } from '../report/prioritise';
import type { Rule } from '../rules/types';
import { frameworkIds } from '../workspace/controlInfo';
import { ProblemClassifier } from '../workspace/problemKind';
import { loadPolicyFile, findPolicyFile, type LoadedPolicy } from '../workspace/policyFile';
import { readTextFile, toPosixRelative, walkDirectory, type SkippedFile } from '../workspace/walk';
import { UsageError, type ScanOptions } from './args';
import { ScanEngine } from './parallel';

/** A problem found while scanning, tagged with what kind it is. */
export interface ReportProblem extends ParseProblem {
  /** `syntax` (the file does not parse), `model` (parsed, but could not be fully understood), `policy` (the policy file). */
  code: 'syntax' | 'model' | 'policy';
}

export interface ScanReport {
  /** Absolute scan root; every path in the report is relative to it (posix). */
  root: string;
  /** Candidate files read (by extension). */
  filesConsidered: number;
  /** Files the engine analysed (Terraform, tfvars, CloudFormation templates), sorted. */
  filesAnalysed: string[];
  skipped: SkippedFile[];
  /** Every finding, suppressed ones included, in engine order (file, position, rule). */
  findings: Finding[];
  problems: ReportProblem[];
  /** Managed resources looked at (each written resource once). */
  resourceCount: number;
  /** Rules that ran, sorted by id. */
  rules: Rule[];
  policy: ProjectPolicy;
  /** Policy file used, relative to the root when inside it. */
  policyFile?: string;
  /** The engine's result as it is (passes and resources included), for coverage, ranking and reports. */
  analysis: AnalysisResult;
}

async function statOrThrow(abs: string, shown: string): Promise<import('node:fs').Stats> {
  try {
    return await fs.stat(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? `path not found: ${shown}` : `cannot read ${shown}: ${(e as Error).message}`);
  }
}

/** Deepest directory containing every path. */
function commonDir(dirs: string[]): string {
  let common = dirs[0];
  for (const d of dirs.slice(1)) {
    while (common !== path.dirname(common) && path.relative(common, d).startsWith('..')) common = path.dirname(common);
  }
  return common;
}

/** Scans for `trustlint scan` and `trustlint report`: only the inputs and the policy matter here. */
export async function runScan(opts: Pick<ScanOptions, 'paths' | 'frameworks' | 'policy' | 'jobs'>, cwd = process.cwd()): Promise<ScanReport> {
  const inputs: Array<{ abs: string; isDir: boolean }> = [];
  for (const p of opts.paths) {
    const abs = path.resolve(cwd, p);
    const st = await statOrThrow(abs, p);
    if (!st.isDirectory() && !st.isFile()) throw new UsageError(`not a file or folder: ${p}`);
    if (st.isDirectory()) {
      try {
        await fs.readdir(abs);
      } catch (e) {
        throw new UsageError(`cannot read folder ${p}: ${(e as Error).message}`);
      }
    }
    inputs.push({ abs, isDir: st.isDirectory() });
  }
  const root = commonDir(inputs.map((i) => (i.isDir ? i.abs : path.dirname(i.abs))));

  let loaded: LoadedPolicy;
  if (opts.policy) {
    const policyPath = path.resolve(cwd, opts.policy);
    await statOrThrow(policyPath, opts.policy);
    loaded = await loadPolicyFile(policyPath);
  } else {
    loaded = await loadPolicyFile(await findPolicyFile(root));
  }
  const policy = loaded.policy;
  if (opts.frameworks) {
    const known = frameworkIds();
    const unknown = known.length > 0 ? opts.frameworks.filter((f) => !known.includes(f)) : [];
    if (unknown.length > 0) throw new UsageError(`unknown framework '${unknown[0]}': expected one of ${known.join(', ')}`);
    policy.frameworks = [...opts.frameworks];
  }
  const policyRel = loaded.file ? relOrAbs(root, loaded.file) : undefined;

  const engine = new ScanEngine({ policy }, opts.jobs);
  const skipped: SkippedFile[] = [];
  const explicit: string[] = [];
  const candidates = new Map<string, string>(); // rel -> abs
  for (const input of inputs) {
    if (input.isDir) {
      const walk = await walkDirectory(input.abs, policy);
      const prefix = toPosixRelative(root, input.abs);
      for (const f of walk.files) candidates.set(prefix ? `${prefix}/${f.path}` : f.path, f.absPath);
      for (const s of walk.skipped) skipped.push({ path: prefix ? `${prefix}/${s.path}` : s.path, reason: s.reason });
    } else {
      const rel = toPosixRelative(root, input.abs);
      if (isExcluded(rel, policy)) {
        skipped.push({ path: rel, reason: 'excluded by the policy' });
        continue;
      }
      candidates.set(rel, input.abs);
      explicit.push(rel);
    }
  }

  const filesAnalysed: string[] = [];
  for (const rel of [...candidates.keys()].sort()) {
    const read = await readTextFile(candidates.get(rel)!, policy.maxFileBytes);
    if (!read.ok) {
      if (explicit.includes(rel)) throw new UsageError(`cannot read ${rel}: ${read.reason}`);
      skipped.push({ path: rel, reason: read.reason });
      continue;
    }
    if (engine.setFile(rel, read.text)) filesAnalysed.push(rel);
    else if (explicit.includes(rel)) throw new UsageError(`${rel} is not a Terraform file or CloudFormation template`);
  }

  const result = await engine.analyzeFiles();
  const classifier = new ProblemClassifier();
  const problems: ReportProblem[] = [];
  const seen = new Set<string>();
  for (const p of result.problems) {
    const key = problemKey(p);
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({ ...p, code: classifier.classify(p.file, engine.fileText(p.file), p) });
  }
  for (const message of loaded.problems) {
    const zero = { line: 0, character: 0, offset: 0 };
    problems.push({ file: policyRel ?? '.trustlint.yaml', range: { start: zero, end: zero }, message, severity: 'warning', code: 'policy' });
  }
  problems.sort(
    (a, b) =>
      cmp(a.file, b.file) || a.range.start.offset - b.range.start.offset || a.range.end.offset - b.range.end.offset || cmp(a.message, b.message),
  );

  const rules = engine.allRules.filter((r) => engine.isRuleEnabled(r)).sort((a, b) => cmp(a.meta.id, b.meta.id));
  return {
    root,
    filesConsidered: candidates.size,
    filesAnalysed,
    skipped: skipped.sort((a, b) => cmp(a.path, b.path)),
    findings: result.findings,
    problems,
    resourceCount: result.resources.filter((r) => r.kind === 'resource' && !r.viaModuleCall).length,
    rules,
    policy,
    policyFile: policyRel,
    analysis: result,
  };
}

function problemKey(p: ParseProblem): string {
  return `${p.file}|${p.range.start.offset}|${p.range.end.offset}|${p.message}`;
}

function relOrAbs(root: string, abs: string): string {
  const rel = path.relative(root, abs);
  return rel.startsWith('..') || path.isAbsolute(rel) ? abs.split(path.sep).join('/') : rel.split(path.sep).join('/');
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Rules with open findings, ranked by the controls of the policy's frameworks fixing them clears. */
export function prioritisedRules(report: ScanReport): RankedRule[] {
  return rankRules(report.analysis, report.rules, report.policy.frameworks);
}

/** Findings that count against the threshold: unsuppressed, at or above `failOn`. */
export function failingFindings(findings: readonly Finding[], failOn: ScanOptions['failOn']): Finding[] {
  if (failOn === 'none') return [];
  const order = ['low', 'medium', 'high', 'critical'];
  const min = order.indexOf(failOn);
  return findings.filter((f) => !f.suppressed && order.indexOf(f.severity) >= min);
}
