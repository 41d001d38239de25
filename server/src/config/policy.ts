/**
 * The project policy: one file in the repository that the CLI and the language server both read,
 * so CI and the editor agree. `.trustlint.yaml` (or `.trustlint.yml` / `.trustlint.json`) at the
 * workspace root.
 */
import { parse as parseYaml } from 'yaml';
import { SEVERITIES, type Severity } from '../rules/types';

export const POLICY_FILE_NAMES = ['.trustlint.yaml', '.trustlint.yml', '.trustlint.json'] as const;

export interface ProjectPolicy {
  /** Frameworks shown per finding and in coverage. Default: ISO 27001 and SOC 2. */
  frameworks: string[];
  /** Rules switched off entirely (ids or aliases). */
  disabledRules: string[];
  /** Rules that are off by default (account-level checks) switched on. */
  enabledRules: string[];
  /** Severity per rule id. */
  severityOverrides: Record<string, Severity>;
  /** Path globs (workspace-relative, `**` and `*`) never analysed. */
  exclude: string[];
  /** Honour `#checkov:skip`, `#tfsec:ignore`, `#trivy:ignore` and cfn-lint/cfn_nag/guard metadata. */
  honourPeerSuppressions: boolean;
  /** Files larger than this many bytes are skipped with a message. */
  maxFileBytes: number;
}

export const DEFAULT_POLICY: ProjectPolicy = {
  frameworks: ['iso27001-2022', 'soc2-2017'],
  disabledRules: [],
  enabledRules: [],
  severityOverrides: {},
  exclude: ['**/.terraform/**', '**/node_modules/**', '**/.git/**'],
  honourPeerSuppressions: true,
  maxFileBytes: 5 * 1024 * 1024,
};

export interface PolicyParseResult {
  policy: ProjectPolicy;
  /** Problems in the policy file, reported to the user; the valid parts still apply. */
  problems: string[];
}

function stringList(value: unknown, key: string, problems: string[]): string[] | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  problems.push(`'${key}' must be a list of strings`);
  return undefined;
}

/** Parse a policy file's text. Unknown keys and bad values are reported, never fatal. */
export function parsePolicy(text: string, fileName = '.trustlint.yaml'): PolicyParseResult {
  const problems: string[] = [];
  let raw: unknown;
  try {
    raw = fileName.endsWith('.json') ? JSON.parse(text) : parseYaml(text, { maxAliasCount: 50 });
  } catch (e) {
    return { policy: { ...DEFAULT_POLICY }, problems: [`${fileName}: ${(e as Error).message}`] };
  }
  const policy: ProjectPolicy = { ...DEFAULT_POLICY, severityOverrides: {} };
  if (raw === null || raw === undefined) return { policy, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { policy, problems: [`${fileName}: expected a map of settings`] };
  }
  const obj = raw as Record<string, unknown>;
  const known = new Set([
    'frameworks',
    'disabledRules',
    'enabledRules',
    'severity',
    'exclude',
    'honourPeerSuppressions',
    'maxFileBytes',
  ]);
  for (const key of Object.keys(obj)) if (!known.has(key)) problems.push(`unknown setting '${key}'`);
  policy.frameworks = stringList(obj.frameworks, 'frameworks', problems) ?? policy.frameworks;
  policy.disabledRules = stringList(obj.disabledRules, 'disabledRules', problems) ?? [];
  policy.enabledRules = stringList(obj.enabledRules, 'enabledRules', problems) ?? [];
  const extraExclude = stringList(obj.exclude, 'exclude', problems);
  if (extraExclude) policy.exclude = [...DEFAULT_POLICY.exclude, ...extraExclude];
  if (obj.honourPeerSuppressions !== undefined) {
    if (typeof obj.honourPeerSuppressions === 'boolean') policy.honourPeerSuppressions = obj.honourPeerSuppressions;
    else problems.push(`'honourPeerSuppressions' must be true or false`);
  }
  if (obj.maxFileBytes !== undefined) {
    if (typeof obj.maxFileBytes === 'number' && obj.maxFileBytes > 0) policy.maxFileBytes = obj.maxFileBytes;
    else problems.push(`'maxFileBytes' must be a positive number`);
  }
  if (obj.severity !== undefined) {
    if (typeof obj.severity === 'object' && obj.severity !== null && !Array.isArray(obj.severity)) {
      for (const [id, sev] of Object.entries(obj.severity as Record<string, unknown>)) {
        if (typeof sev === 'string' && (SEVERITIES as readonly string[]).includes(sev)) {
          policy.severityOverrides[id] = sev as Severity;
        } else {
          problems.push(`severity of '${id}' must be one of ${SEVERITIES.join(', ')}`);
        }
      }
    } else {
      problems.push(`'severity' must map rule ids to severities`);
    }
  }
  return { policy, problems: problems.map((p) => `${fileName}: ${p}`) };
}

type GlobToken =
  | { kind: 'char'; char: string }
  | { kind: 'one' } // ?  one character within a segment
  | { kind: 'segment' } // *  any run within a segment
  | { kind: 'any' } // ** any run, across segments
  | { kind: 'dirs' }; // **/ nothing, or any run ending in '/'

/** A compiled exclude glob. */
export interface GlobMatcher {
  test(path: string): boolean;
}

/**
 * Compile an exclude glob: `**` any number of path segments, `*` within a segment, `?` one
 * character. Matching runs over the path once per token (no backtracking regex), so hostile
 * patterns and paths stay linear in the path length.
 */
export function compileGlob(glob: string): GlobMatcher {
  const tokens: GlobToken[] = [];
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      i++;
      while (glob[i + 1] === '*') i++;
      if (glob[i + 1] === '/') {
        i++;
        tokens.push({ kind: 'dirs' });
      } else {
        tokens.push({ kind: 'any' });
      }
    } else if (c === '*') {
      while (glob[i + 1] === '*') i++;
      tokens.push({ kind: 'segment' });
    } else if (c === '?') {
      tokens.push({ kind: 'one' });
    } else {
      tokens.push({ kind: 'char', char: c });
    }
  }
  // Runs of literal characters match contiguous characters of the path: a path lacking one of them
  // cannot match. Most paths a host asks about lack `.terraform/` or `node_modules/`, and are
  // answered without the matching pass.
  const literals: string[] = [];
  let run = '';
  for (const t of tokens) {
    if (t.kind === 'char') run += t.char;
    else if (run) {
      literals.push(run);
      run = '';
    }
  }
  if (run) literals.push(run);
  return {
    test(path: string): boolean {
      for (const literal of literals) if (!path.includes(literal)) return false;
      const n = path.length;
      let cur = new Uint8Array(n + 1);
      let next = new Uint8Array(n + 1);
      cur[0] = 1;
      for (const t of tokens) {
        next.fill(0);
        let seen = 0;
        for (let j = 0; j <= n; j++) {
          switch (t.kind) {
            case 'char':
              if (j > 0 && cur[j - 1] && path[j - 1] === t.char) next[j] = 1;
              break;
            case 'one':
              if (j > 0 && cur[j - 1] && path[j - 1] !== '/') next[j] = 1;
              break;
            case 'segment':
              if (cur[j] || (j > 0 && next[j - 1] && path[j - 1] !== '/')) next[j] = 1;
              break;
            case 'any':
              if (cur[j] || (j > 0 && next[j - 1])) next[j] = 1;
              break;
            case 'dirs':
              if (cur[j] || (j > 0 && path[j - 1] === '/' && seen)) next[j] = 1;
              break;
          }
          if (cur[j]) seen = 1;
        }
        const done = cur;
        cur = next;
        next = done;
      }
      return cur[n] === 1;
    },
  };
}

const compiledGlobs = new Map<string, GlobMatcher>();

export function isExcluded(path: string, policy: ProjectPolicy): boolean {
  const p = path.replace(/\\/g, '/');
  return policy.exclude.some((g) => {
    let matcher = compiledGlobs.get(g);
    if (!matcher) {
      matcher = compileGlob(g);
      compiledGlobs.set(g, matcher);
    }
    return matcher.test(p) || matcher.test(`./${p}`);
  });
}
