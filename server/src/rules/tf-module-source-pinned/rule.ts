import { asString, attr } from '../../model/access';
import { result, type Rule } from '../types';

/** Branch names that move: a `ref` to one of them is not a pin. */
const MOVING_REFS = new Set(['main', 'master', 'develop', 'development', 'dev', 'trunk', 'head', 'latest', 'stable', 'release', 'default']);

type SourceKind = 'local' | 'registry' | 'git' | 'other';

function classify(source: string): SourceKind {
  const s = source.trim();
  if (s.startsWith('./') || s.startsWith('../')) return 'local';
  if (/^git::|^git@|\.git($|[/?])|^(github\.com|bitbucket\.org)\//.test(s)) return 'git';
  // Registry: [hostname/]namespace/name/provider[//subdir]
  if (/^([a-z0-9-]+(\.[a-z0-9-]+)+\/)?[A-Za-z0-9][A-Za-z0-9_-]*\/[A-Za-z0-9][A-Za-z0-9_-]*\/[a-z0-9]+(\/\/.*)?$/.test(s)) return 'registry';
  return 'other';
}

/** A `ref` query value, percent-decoded; as written when it is not valid percent-encoding. */
function decodeRef(v: string): string {
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

function gitRef(source: string): string | undefined {
  const q = source.indexOf('?');
  if (q < 0) return undefined;
  for (const part of source.slice(q + 1).split('&')) {
    const [k, v] = part.split('=');
    if (k === 'ref') return decodeRef(v ?? '');
  }
  return undefined;
}

/**
 * Module calls pin what they download: registry modules have a `version`, git sources a `?ref=`
 * naming a tag or commit (a missing ref or a branch such as `main` is reported). Local paths are
 * part of the same repository and skipped; other sources (HTTP archives, S3, GCS) too.
 */
export const rule: Rule = {
  meta: {
    id: 'tf-module-source-pinned',
    title: 'Module source is pinned to a version or commit',
    failMessage: 'Module source is not pinned to a version',
    rationale:
      'An unpinned module is whatever its author pushed last: every `terraform init` may pull different code into your infrastructure, so an upstream change, a compromised repository or a force-pushed branch reaches production without review, and the same commit of your code no longer produces the same plan. Pinning registry modules to a version and git modules to a tag or commit makes updates a deliberate, reviewed change.',
    remediation:
      'Add `version = "x.y.z"` (or a constraint such as `~> 5.1`) to registry modules; append `?ref=v1.2.3` or `?ref=<commit sha>` to git sources. Update pins through pull requests (Dependabot and Renovate can propose them).',
    severity: 'medium',
    themes: ['change-configuration-management', 'secure-development'],
    resourceTypes: { terraform: ['module'] },
    peers: { checkov: ['CKV_TF_1', 'CKV_TF_2'] },
  },
  check: {
    terraform(resource) {
      if (resource.kind !== 'module') return result.skip(resource, 'not a module call');
      const src = attr(resource.body, 'source');
      const source = asString(src?.value);
      if (!src || source === undefined) return result.skip(resource, 'source is not known');
      switch (classify(source)) {
        case 'local':
          return result.skip(resource, 'local module');
        case 'other':
          return result.skip(resource, 'archive or bucket source: pinning is not visible');
        case 'registry': {
          const v = attr(resource.body, 'version');
          if (v && v.value.kind !== 'null') return result.pass(resource, v.range);
          return result.fail(resource, src.range, { message: 'Registry module has no version: every init may download a newer release' });
        }
        case 'git': {
          const ref = gitRef(source);
          if (ref === undefined || ref === '') return result.fail(resource, src.range, { message: 'Git module source has no ?ref=: it follows the default branch' });
          if (MOVING_REFS.has(ref.toLowerCase())) return result.fail(resource, src.range, { message: `Git module source follows the branch "${ref}": pin a tag or commit` });
          return result.pass(resource, src.range);
        }
      }
    },
  },
};
