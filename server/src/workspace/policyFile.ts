/**
 * Loading the project policy file (`.trustlint.yaml|.yml|.json`) from disk, for the hosts.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_POLICY, parsePolicy, POLICY_FILE_NAMES, type ProjectPolicy } from '../config/policy';

export interface LoadedPolicy {
  policy: ProjectPolicy;
  /** Absolute path of the file read, if any. */
  file?: string;
  /** Problems in the file (already prefixed with the file name); the valid parts still apply. */
  problems: string[];
}

/** The policy file in `dir` (first of `.trustlint.yaml`, `.yml`, `.json` that exists), if any. */
export async function findPolicyFile(dir: string): Promise<string | undefined> {
  for (const name of POLICY_FILE_NAMES) {
    const candidate = path.join(dir, name);
    const st = await fs.stat(candidate).catch(() => undefined);
    if (st?.isFile()) return candidate;
  }
  return undefined;
}

/** Parse policy text, or read it from `file`. A missing file gives the default policy. */
export async function loadPolicyFile(file: string | undefined, text?: string): Promise<LoadedPolicy> {
  if (!file) return { policy: clonePolicy(DEFAULT_POLICY), problems: [] };
  let content = text;
  if (content === undefined) {
    try {
      content = await fs.readFile(file, 'utf8');
    } catch (e) {
      return { policy: clonePolicy(DEFAULT_POLICY), file, problems: [`${path.basename(file)}: ${(e as Error).message}`] };
    }
  }
  const parsed = parsePolicy(content, path.basename(file));
  return { policy: parsed.policy, file, problems: parsed.problems };
}

/** Read the policy of a project root directory. */
export async function loadPolicyForRoot(dir: string): Promise<LoadedPolicy> {
  return loadPolicyFile(await findPolicyFile(dir));
}

export function clonePolicy(p: ProjectPolicy): ProjectPolicy {
  return {
    ...p,
    frameworks: [...p.frameworks],
    disabledRules: [...p.disabledRules],
    enabledRules: [...p.enabledRules],
    severityOverrides: { ...p.severityOverrides },
    exclude: [...p.exclude],
  };
}
