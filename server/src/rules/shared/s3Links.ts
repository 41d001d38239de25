/**
 * S3 facts shared by the S3 bucket rules: which provider-v4 configuration resources apply to a
 * bucket, whether a bucket is written in the legacy inline (provider v3) style, whether it looks
 * deliberately public, and fix snippets that add a configuration resource after a bucket.
 *
 * Linking is deliberately conservative. A configuration resource applies to a bucket when its
 * `bucket` argument references the bucket or names it literally; when a configuration's target
 * cannot be determined (a variable without default, a module output, `each.value`), it might
 * apply to any bucket whose name is not known either, and the callers treat that as "unknown" and
 * stay silent rather than report a bucket that may well be configured.
 */
import { asString, attr, blocks, toJson } from '../../model/access';
import type { Resource, Value } from '../../model/types';
import { addTerraformBlockAfter, insertIntoTerraformBody, isReferable } from '../fixkit';
import type { CheckContext, Fix, FixSafety } from '../types';

export const TF_BUCKET = 'aws_s3_bucket';
export const CFN_BUCKET = 'AWS::S3::Bucket';

/** ACL grantee groups that mean "anyone" and "any AWS account". */
export const ALL_USERS_URI = 'acs.amazonaws.com/groups/global/AllUsers';
export const AUTHENTICATED_USERS_URI = 'acs.amazonaws.com/groups/global/AuthenticatedUsers';
export const LOG_DELIVERY_URI = 'acs.amazonaws.com/groups/s3/LogDelivery';

/** Canned ACLs that grant access beyond the bucket owner's account. */
export const PUBLIC_CANNED_ACLS = ['public-read', 'public-read-write', 'authenticated-read'];

/** Every resource address a value (or anything nested in it) refers to. */
export function refsIn(value: Value | undefined, into: Set<string> = new Set()): Set<string> {
  if (!value) return into;
  for (const r of value.refs ?? []) into.add(r);
  if (value.kind === 'list') for (const item of value.items) refsIn(item, into);
  else if (value.kind === 'object') for (const e of value.entries) refsIn(e.value, into);
  return into;
}

/** Per-scope index of managed resources by type; scopes are immutable while rules run. */
const byTypeCache = new WeakMap<readonly Resource[], Map<string, Resource[]>>();

/** Managed resources of a type in the check's scope (data sources excluded). */
export function resourcesOfType(ctx: CheckContext, type: string): Resource[] {
  let index = byTypeCache.get(ctx.moduleResources);
  if (!index) {
    index = new Map();
    for (const r of ctx.moduleResources) {
      if (r.kind !== 'resource') continue;
      const list = index.get(r.type) ?? [];
      list.push(r);
      index.set(r.type, list);
    }
    byTypeCache.set(ctx.moduleResources, index);
  }
  let list = index.get(type);
  if (!list) {
    // Kept, not returned fresh: the per-list caches below (bucket and config indexes) are keyed by
    // this array, and a new empty array per call missed them for every bucket of every rule.
    list = [];
    index.set(type, list);
  }
  return list;
}

/**
 * The bucket's name when it is known. `undefined` with `generated: true` means the provider picks a
 * random name (no `bucket`/`BucketName` and no prefix), which no literal elsewhere can match.
 */
export function bucketName(bucket: Resource): { name?: string; generated: boolean } {
  const nameAttr = attr(bucket.body, bucket.format === 'terraform' ? 'bucket' : 'BucketName');
  if (nameAttr) {
    if (nameAttr.value.kind === 'null') return { generated: !attr(bucket.body, 'bucket_prefix') };
    const name = asString(nameAttr.value);
    return { name, generated: false };
  }
  if (bucket.format === 'terraform' && attr(bucket.body, 'bucket_prefix')) return { generated: false };
  return { generated: true };
}

export type Target = 'this' | 'other' | 'unknown';

/**
 * Whether a value naming a bucket (`bucket = aws_s3_bucket.b.id`, `Bucket: !Ref B`,
 * `target_bucket = "logs"`) designates `bucket`, another bucket, or cannot be told.
 */
export function targetOf(value: Value | undefined, bucket: Resource, ctx: CheckContext): Target {
  if (!value) return 'other';
  const refs = refsIn(value);
  if (refs.has(bucket.address)) return 'this';
  const bucketType = bucket.format === 'terraform' ? TF_BUCKET : CFN_BUCKET;
  const index = bucketIndex(resourcesOfType(ctx, bucketType));
  for (const r of refs) if (index.addresses.has(r)) return 'other';
  const literal = asString(value);
  if (literal === undefined || value.kind === 'unknown') return 'unknown';
  const own = bucketName(bucket);
  if (own.name !== undefined) return own.name === literal ? 'this' : 'other';
  if (own.generated) return 'other';
  // This bucket's name is not known: the literal may still be ours unless another bucket has it.
  return index.byName.get(literal)?.some((b) => b !== bucket) ? 'other' : 'unknown';
}

/** The first bucket of the scope (of `bucketType`) whose known name is `name`. */
export function bucketNamed(ctx: CheckContext, bucketType: string, name: string): Resource | undefined {
  return bucketIndex(resourcesOfType(ctx, bucketType)).byName.get(name)?.[0];
}

/** Addresses and known names of a scope's buckets. */
interface BucketIndex {
  addresses: Set<string>;
  byName: Map<string, Resource[]>;
}

/**
 * Per bucket list (one per scope and type, see `resourcesOfType`): rules ask `targetOf` for every
 * pair of buckets, and scanning the bucket list inside each call made a large template cubic.
 */
const bucketIndexCache = new WeakMap<readonly Resource[], BucketIndex>();

function bucketIndex(buckets: readonly Resource[]): BucketIndex {
  let index = bucketIndexCache.get(buckets);
  if (!index) {
    index = { addresses: new Set(), byName: new Map() };
    for (const b of buckets) {
      index.addresses.add(b.address);
      const name = bucketName(b).name;
      if (name === undefined) continue;
      const list = index.byName.get(name);
      if (list) list.push(b);
      else index.byName.set(name, [b]);
    }
    bucketIndexCache.set(buckets, index);
  }
  return index;
}

/**
 * What `resourcesNaming` finds for one bucket. Computed once per bucket, type and key while the
 * rules run over one scope (several rules ask the same question), and shared: callers read it and
 * never change it.
 */
export interface Links {
  linked: Resource[];
  unresolved: Resource[];
}

/**
 * Provider-v4 configuration resources of `type` (e.g. `aws_s3_bucket_versioning`) whose `bucket`
 * argument designates `bucket`, and those whose target cannot be determined.
 */
export function bucketConfigs(bucket: Resource, ctx: CheckContext, type: string): Links {
  return resourcesNaming(bucket, ctx, type, 'bucket', (r) => attr(r.body, 'bucket')?.value);
}

/**
 * Resources of `type` whose value `valueOf` (e.g. a CloudFormation policy's `Bucket`, another
 * bucket's `LoggingConfiguration.DestinationBucketName`) designates `bucket`, and those whose target
 * cannot be determined. `key` names `valueOf` for the per-scope index: rules ask this for every
 * bucket, and judging every resource for each bucket made a template with many buckets quadratic.
 */
export function resourcesNaming(
  bucket: Resource,
  ctx: CheckContext,
  type: string,
  key: string,
  valueOf: (r: Resource) => Value | undefined,
): Links {
  const configs = resourcesOfType(ctx, type);
  const bucketType = bucket.format === 'terraform' ? TF_BUCKET : CFN_BUCKET;
  const buckets = bucketIndex(resourcesOfType(ctx, bucketType));
  const index = configIndex(configs, bucketType, buckets.addresses, key, valueOf);
  let links = index.links.get(bucket);
  if (!links) {
    links = linksOf(bucket, ctx, configs, index, buckets, true);
    index.links.set(bucket, links);
  }
  return links;
}

/**
 * `resourcesNaming(...).linked` without collecting the unresolved ones: with many buckets of
 * unknown name, each would list every literal that is no other bucket's name.
 */
export function resourcesLinkedTo(
  bucket: Resource,
  ctx: CheckContext,
  type: string,
  key: string,
  valueOf: (r: Resource) => Value | undefined,
): Resource[] {
  const configs = resourcesOfType(ctx, type);
  const bucketType = bucket.format === 'terraform' ? TF_BUCKET : CFN_BUCKET;
  const buckets = bucketIndex(resourcesOfType(ctx, bucketType));
  const index = configIndex(configs, bucketType, buckets.addresses, key, valueOf);
  return (index.links.get(bucket) ?? linksOf(bucket, ctx, configs, index, buckets, false)).linked;
}

const NONE: readonly Resource[] = [];

function linksOf(
  bucket: Resource,
  ctx: CheckContext,
  configs: readonly Resource[],
  index: ConfigIndex,
  buckets: BucketIndex,
  withUnresolved: boolean,
): Links {
  // Resources referring to this bucket are linked to it (`targetOf` gives 'this' at once); those
  // referring to other buckets only are not; those naming a bucket literally are looked up by the
  // name; the rest are judged one by one. Arrays are only made when there is something to add.
  const byRef = index.byRef.get(bucket.address);
  let extra: number[] | undefined;
  let unresolved: Resource[] | undefined;
  const judge = (i: number): void => {
    const r = configs[i];
    if (r === bucket) return;
    const t = targetOf(index.values[i], bucket, ctx);
    if (t === 'this') (extra ??= []).push(i);
    else if (t === 'unknown' && withUnresolved) (unresolved ??= []).push(r);
  };
  for (const i of index.rest) judge(i);
  // Unknown values without a bucket reference cannot be told apart: each may be any bucket's,
  // unless its `for_each = aws_s3_bucket.b` (with `bucket = each.value.id`) names this bucket.
  const iterating = index.unknownByForEach.get(bucket.address);
  if (iterating) {
    for (const i of index.unknownAt) {
      if (configs[i] === bucket) continue;
      if (iterating.includes(i)) (extra ??= []).push(i);
      else if (withUnresolved) (unresolved ??= []).push(configs[i]);
    }
  } else if (index.unknownAt.length > 0 && withUnresolved) {
    for (const r of index.unknownResources) if (r !== bucket) (unresolved ??= []).push(r);
  }
  const own = bucketName(bucket);
  if (own.name !== undefined) {
    // A known name: only the literals equal to it designate this bucket.
    for (const i of index.byLiteral.get(own.name) ?? NONE_AT) judge(i);
  } else if (!own.generated && withUnresolved) {
    // An unknown name: any literal may be this bucket's, unless another bucket is known by it (what
    // `targetOf` says, which is the same for every bucket without a known name).
    index.literalsOfNoKnownBucket ??= literalsOfNoKnownBucket(index, buckets);
    for (const i of index.literalsOfNoKnownBucket) if (configs[i] !== bucket) (unresolved ??= []).push(configs[i]);
  }
  // `byRef` lists positions in ascending order without repeats (see `configIndex`): merged with
  // the others only when there are others.
  let linkedAt: readonly number[] = byRef ?? NONE_AT;
  if (extra) {
    const all = linkedAt.concat(extra);
    all.sort((a, b) => a - b);
    linkedAt = all;
  }
  const linked: Resource[] = [];
  for (let k = 0; k < linkedAt.length; k++) {
    if ((k === 0 || linkedAt[k] !== linkedAt[k - 1]) && configs[linkedAt[k]] !== bucket) linked.push(configs[linkedAt[k]]);
  }
  return { linked, unresolved: unresolved ?? (NONE as Resource[]) };
}

const NONE_AT: readonly number[] = [];

/** Resources of one type in one scope, by the buckets a value of theirs refers to. */
interface ConfigIndex {
  /** The value of each resource (by position), `undefined` without one. */
  values: Array<Value | undefined>;
  /** Bucket address -> positions of the resources whose value refers to it. */
  byRef: Map<string, number[]>;
  /** Literal bucket name -> positions of the resources whose value is that known string. */
  byLiteral: Map<string, number[]>;
  /** Positions of the resources whose value is unknown (and refers to no bucket)... */
  unknownAt: number[];
  /** ...those resources... */
  unknownResources: Resource[];
  /** ...and, by bucket address, those whose `for_each` refers to that bucket. */
  unknownByForEach: Map<string, number[]>;
  /** Positions of the other resources with a value (no bucket reference, not a known literal). */
  rest: number[];
  /** What `resourcesNaming` answered, per bucket. */
  links: Map<Resource, Links>;
  /** Positions in `byLiteral` (in its order) whose literal is no known bucket's name; computed on first use. */
  literalsOfNoKnownBucket?: number[];
}

function literalsOfNoKnownBucket(index: ConfigIndex, buckets: BucketIndex): number[] {
  const out: number[] = [];
  for (const [literal, list] of index.byLiteral) if (!buckets.byName.has(literal)) for (const i of list) out.push(i);
  return out;
}

/**
 * Per resource list, then bucket type, then value key (see `resourcesNaming`). Nested maps rather
 * than one concatenated key: building and hashing a new key string on every call cost more than
 * the lookup it served.
 */
const configIndexCache = new WeakMap<readonly Resource[], Map<string, Map<string, ConfigIndex>>>();

function configIndex(
  configs: readonly Resource[],
  bucketType: string,
  bucketAddresses: ReadonlySet<string>,
  key: string,
  valueOf: (r: Resource) => Value | undefined,
): ConfigIndex {
  let perType = configIndexCache.get(configs);
  if (!perType) {
    perType = new Map();
    configIndexCache.set(configs, perType);
  }
  let perKey = perType.get(bucketType);
  if (!perKey) {
    perKey = new Map();
    perType.set(bucketType, perKey);
  }
  let index = perKey.get(key);
  if (index) return index;
  index = { values: [], byRef: new Map(), byLiteral: new Map(), unknownAt: [], unknownResources: [], unknownByForEach: new Map(), rest: [], links: new Map() };
  for (let i = 0; i < configs.length; i++) {
    const value = valueOf(configs[i]);
    index.values.push(value);
    if (!value) continue;
    let refersToBucket = false;
    const refs = refsIn(value);
    for (const ref of refs) {
      if (!bucketAddresses.has(ref)) continue;
      refersToBucket = true;
      push(index.byRef, ref, i);
    }
    if (refersToBucket) continue;
    // Same test as `targetOf`: a known string without references is looked up by name.
    const literal = refs.size === 0 && value.kind !== 'unknown' ? asString(value) : undefined;
    if (literal !== undefined) {
      push(index.byLiteral, literal, i);
    } else if (value.kind === 'unknown') {
      // What `targetOf` says of it is 'unknown' whatever the bucket.
      index.unknownAt.push(i);
      index.unknownResources.push(configs[i]);
      for (const ref of refsIn(attr(configs[i].body, 'for_each')?.value)) push(index.unknownByForEach, ref, i);
    } else {
      index.rest.push(i);
    }
  }
  perKey.set(key, index);
  return index;
}

function push(map: Map<string, number[]>, key: string, i: number): void {
  const list = map.get(key);
  if (list) list.push(i);
  else map.set(key, [i]);
}

/** Blocks and arguments of `aws_s3_bucket` that provider v4 moved to separate resources. */
const LEGACY_INLINE_BLOCKS = [
  'versioning',
  'logging',
  'server_side_encryption_configuration',
  'website',
  'cors_rule',
  'lifecycle_rule',
  'replication_configuration',
  'grant',
  'object_lock_configuration',
];

/**
 * True when the bucket is written in the provider-v3 inline style. Such code may be pinned to a
 * provider without the v4 split resources, so fixes add inline blocks there, which every provider
 * version accepts, rather than a resource the pinned provider may not know.
 */
export function usesInlineStyle(bucket: Resource): boolean {
  if (bucket.body.blocks.some((b) => LEGACY_INLINE_BLOCKS.includes(b.type))) return true;
  if (bucket.body.dynamicBlockTypes.some((t) => LEGACY_INLINE_BLOCKS.includes(t))) return true;
  return attr(bucket.body, 'acl') !== undefined;
}

/**
 * A name for a new resource of `type` next to `bucket`: the bucket's own name label unless the
 * module already has a resource of that type and name.
 */
function freeName(bucket: Resource, ctx: CheckContext, type: string): string {
  const taken = namesOfType(ctx, type);
  if (!taken.has(bucket.name)) return bucket.name;
  for (let i = 2; ; i++) if (!taken.has(`${bucket.name}_${i}`)) return `${bucket.name}_${i}`;
}

/** Names of the managed resources of a type in the check's scope, cached per resource list. */
const namesCache = new WeakMap<readonly Resource[], Map<string, Set<string>>>();

function namesOfType(ctx: CheckContext, type: string): Set<string> {
  let perType = namesCache.get(ctx.moduleResources);
  if (!perType) {
    perType = new Map();
    namesCache.set(ctx.moduleResources, perType);
  }
  let names = perType.get(type);
  if (!names) {
    names = new Set(resourcesOfType(ctx, type).map((r) => r.name));
    perType.set(type, names);
  }
  return names;
}

/**
 * Fix that adds a separate configuration resource after a Terraform bucket. `body` lines are the
 * resource's arguments after `bucket = ...`, indented two spaces per level relative to the body.
 * Repeated buckets get a matching `count`/`for_each`; returns `undefined` when the repetition cannot
 * be mirrored or the bucket cannot be referred to (then the caller offers no fix).
 */
export function addConfigResourceFix(
  bucket: Resource,
  ctx: CheckContext,
  type: string,
  body: string[],
  title: string,
  safety: FixSafety,
): Fix | undefined {
  if (!isReferable(bucket)) return undefined;
  const name = freeName(bucket, ctx, type);
  const head: string[] = [];
  if (bucket.repeated) {
    if (attr(bucket.body, 'for_each')) {
      head.push(`  for_each = ${bucket.address}`, '', `  bucket = ${bucket.address}[each.key].id`);
    } else if (attr(bucket.body, 'count')) {
      head.push(`  count = length(${bucket.address})`, '', `  bucket = ${bucket.address}[count.index].id`);
    } else {
      return undefined;
    }
  } else {
    head.push(`  bucket = ${bucket.address}.id`);
  }
  const lines = [`resource "${type}" "${name}" {`];
  for (const l of head) lines.push(l);
  if (body.length) lines.push('');
  for (const l of body) lines.push(`  ${l}`);
  lines.push('}');
  return { title, safety, edits: [addTerraformBlockAfter(ctx, bucket, lines)] };
}

/** Fix that adds a nested block (given as lines, two spaces per level) at the end of the bucket. */
export function addInlineBlockFix(bucket: Resource, ctx: CheckContext, lines: string[], title: string, safety: FixSafety): Fix {
  return { title, safety, edits: [insertIntoTerraformBody(ctx, bucket.file, bucket.body, bucket.headerRange.start.offset, lines)] };
}

/** Policy principal that matches everyone: `"*"`, `{"AWS": "*"}` or a list containing one. */
function isWildcardPrincipal(p: unknown): boolean {
  if (p === '*') return true;
  if (Array.isArray(p)) return p.some(isWildcardPrincipal);
  if (p && typeof p === 'object') return Object.values(p as Record<string, unknown>).some(isWildcardPrincipal);
  return false;
}

/** The JSON document of a policy value (a JSON string or an evaluated object), if known. */
export function policyDocument(value: Value | undefined): unknown {
  if (!value) return undefined;
  if (value.kind === 'string') {
    try {
      return JSON.parse(value.value) as unknown;
    } catch {
      return undefined;
    }
  }
  if (value.kind === 'object') return toJson(value);
  return undefined;
}

function statements(doc: unknown): Array<Record<string, unknown>> {
  if (!doc || typeof doc !== 'object') return [];
  const s = (doc as Record<string, unknown>).Statement;
  const list = Array.isArray(s) ? s : s ? [s] : [];
  return list.filter((x): x is Record<string, unknown> => !!x && typeof x === 'object');
}

/** `true` when a policy allows a wildcard principal, `undefined` when the policy is not known. */
export function policyAllowsEveryone(value: Value | undefined): boolean | undefined {
  const doc = policyDocument(value);
  if (doc === undefined) return undefined;
  return statements(doc).some((st) => st.Effect === 'Allow' && isWildcardPrincipal(st.Principal));
}

/** `true` when a policy grants the S3 log delivery service (so the bucket receives access logs). */
export function policyAdmitsLogDelivery(value: Value | undefined): boolean {
  const doc = policyDocument(value);
  if (doc === undefined) return false;
  return JSON.stringify(statements(doc).filter((st) => st.Effect === 'Allow').map((st) => st.Principal ?? null)).includes('logging.s3.amazonaws.com');
}

/** Normalised grantee URI (scheme dropped) for comparisons. */
export function granteeUri(value: Value | undefined): string | undefined {
  const s = asString(value);
  return s === undefined ? undefined : s.replace(/^https?:\/\//i, '');
}

/**
 * Whether a Terraform bucket may be meant to be public: it hosts a website, has a policy that
 * allows everyone (or a policy we cannot read), or a public ACL. Used to decide whether adding a
 * public access block is safe to apply without asking.
 */
export function mayBeIntentionallyPublic(bucket: Resource, ctx: CheckContext): boolean {
  if (blocks(bucket.body, 'website').length || bucket.body.dynamicBlockTypes.includes('website')) return true;
  const website = bucketConfigs(bucket, ctx, 'aws_s3_bucket_website_configuration');
  if (website.linked.length || website.unresolved.length) return true;
  const inlinePolicy = attr(bucket.body, 'policy');
  if (inlinePolicy && policyAllowsEveryone(inlinePolicy.value) !== false) return true;
  const policies = bucketConfigs(bucket, ctx, 'aws_s3_bucket_policy');
  if (policies.unresolved.length) return true;
  for (const p of policies.linked) if (policyAllowsEveryone(attr(p.body, 'policy')?.value) !== false) return true;
  const acls = [attr(bucket.body, 'acl')?.value];
  const aclConfigs = bucketConfigs(bucket, ctx, 'aws_s3_bucket_acl');
  if (aclConfigs.unresolved.length) return true;
  for (const a of aclConfigs.linked) acls.push(attr(a.body, 'acl')?.value);
  for (const v of acls) {
    if (!v) continue;
    const acl = asString(v);
    if (acl === undefined || PUBLIC_CANNED_ACLS.includes(acl)) return true;
  }
  return false;
}
