/**
 * Shared logic of the `awsaccess` rule pack: resource-based policies that open a resource to
 * everyone, ingress to database ports, secret detection in literal values, and the account-level
 * "is this service switched on anywhere in the workspace" checks (judged in rules/accountLevel.ts).
 *
 * Everything is three-valued like the rest of the engine: a verdict that depends on an unknown
 * value is never a finding.
 */
import { asBool, asNumber, asString, attr, blocks, entry, field, hasDynamicBlocks } from '../../model/access';
import type { Attribute, Body, NestedBlock, ObjectValue, Range, Resource, TextEdit, Value } from '../../model/types';
import { addTerraformBlockAfter, positionAt, replaceValue } from '../fixkit';
import { result, type AccountCheck, type Check, type CheckContext, type CheckResult, type Fix } from '../types';
import { containsWildcard, policyDocumentValue, type Tri } from './iamPolicy';
import { isWholeInternet } from './securityGroup';

export type { Tri };

function and(...values: Tri[]): Tri {
  if (values.includes('no')) return 'no';
  if (values.includes('unknown')) return 'unknown';
  return 'yes';
}

function not(v: Tri): Tri {
  return v === 'yes' ? 'no' : v === 'no' ? 'yes' : 'unknown';
}

// ---------------------------------------------------------------------------------------------
// Text edits

/** Delete a whole attribute or block together with its line when it stands alone on it. */
export function deleteLines(ctx: CheckContext, file: string, range: Range, withBlankLineBefore = false): TextEdit {
  const text = ctx.fileText(file);
  let start = range.start.offset;
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  if (withBlankLineBefore && start > 0 && text[start - 1] === '\n') {
    // Take the blank line that separated the block from what comes before it.
    let prev = start - 1;
    while (prev > 0 && (text[prev - 1] === ' ' || text[prev - 1] === '\t' || text[prev - 1] === '\r')) prev--;
    if (prev > 0 && text[prev - 1] === '\n') start = prev;
  }
  let end = range.end.offset;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  // A comment trailing the deleted line goes with it.
  if (text[end] === '#' || text.startsWith('//', end)) while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  const ownLine = (start === 0 || text[start - 1] === '\n') && (end >= text.length || text[end] === '\n' || text[end] === '\r');
  if (ownLine) {
    if (text[end] === '\r') end++;
    if (text[end] === '\n') end++;
    return { file, range: { start: positionAt(text, start), end: positionAt(text, end) }, newText: '' };
  }
  return { file, range, newText: '' };
}

/** True when the attribute's value is written as a literal in the attribute itself (not `var.x`). */
export function isWrittenLiteral(ctx: CheckContext, file: string, a: Attribute): boolean {
  const r = a.value.range;
  if (r.start.offset < a.range.start.offset || r.end.offset > a.range.end.offset) return false;
  const written = ctx.fileText(file).slice(r.start.offset, r.end.offset).trimStart();
  return /^("|<<|\[|\{|true\b|false\b|[0-9])/.test(written);
}

// ---------------------------------------------------------------------------------------------
// Resource-based policies

/**
 * Condition keys that tie a statement to specific callers, networks, accounts or source resources.
 * A statement whose condition uses one of them is not "open to everyone". Compared in lower case
 * (condition keys are case-insensitive).
 */
const RESTRICTING_KEYS = new Set(
  [
    'aws:SourceVpce',
    'aws:SourceVpc',
    'aws:SourceArn',
    'aws:SourceAccount',
    'aws:SourceOwner',
    'aws:SourceOrgID',
    'aws:SourceOrgPaths',
    'aws:SourceIp',
    'aws:VpcSourceIp',
    'aws:PrincipalOrgID',
    'aws:PrincipalOrgPaths',
    'aws:PrincipalAccount',
    'aws:PrincipalArn',
    'aws:PrincipalServiceName',
    'aws:PrincipalServiceNamesList',
    'aws:PrincipalIsAWSService',
    'aws:userid',
    'aws:username',
    'aws:CalledVia',
    'aws:CalledViaFirst',
    'aws:CalledViaLast',
    'aws:ResourceOrgID',
    'sts:ExternalId',
    'kms:CallerAccount',
    'kms:ViaService',
    'kms:GrantIsForAWSResource',
    'lambda:FunctionUrlAuthType',
    'cognito-identity.amazonaws.com:aud',
    'token.actions.githubusercontent.com:sub',
  ].map((k) => k.toLowerCase()),
);

/**
 * Condition keys that narrow *how* a request is made but not *who* makes it: a statement open to
 * `*` with only these conditions is still open to everyone.
 */
const NON_RESTRICTING_KEYS = new Set(
  [
    'aws:SecureTransport',
    'aws:RequestedRegion',
    'aws:CurrentTime',
    'aws:EpochTime',
    'aws:UserAgent',
    'aws:Referer',
    'aws:TagKeys',
    'aws:RequestTag',
    's3:x-amz-acl',
    's3:x-amz-server-side-encryption',
    's3:x-amz-server-side-encryption-aws-kms-key-id',
    's3:prefix',
    's3:delimiter',
    's3:max-keys',
    's3:TlsVersion',
    's3:signatureversion',
    'kms:EncryptionContextKeys',
  ].map((k) => k.toLowerCase()),
);

/**
 * A condition key without its `/tag-key` suffix: what `k.replace(/\/.*$/, '')` gives (from the first
 * `/` of the last line), without the regex's quadratic retries on a long run of slashes.
 */
function keyPrefix(k: string): string {
  let lastBreak = -1;
  for (let i = k.length - 1; i >= 0; i--) {
    const c = k.charCodeAt(i);
    if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) {
      lastBreak = i;
      break;
    }
  }
  const slash = k.indexOf('/', lastBreak + 1);
  return slash < 0 ? k : k.slice(0, slash);
}

function conditionKeyVerdict(keys: string[]): Tri {
  // 'yes' = restricted to someone; 'no' = still open; 'unknown' = a key we cannot judge.
  if (keys.some((k) => RESTRICTING_KEYS.has(k.toLowerCase()))) return 'yes';
  if (keys.every((k) => NON_RESTRICTING_KEYS.has(keyPrefix(k.toLowerCase())))) return 'no';
  return 'unknown';
}

/** Does the statement's `Condition` restrict who can use it? */
function conditionRestricts(statement: Value): Tri {
  const cond = field(statement, 'Condition');
  if (!cond || cond.kind === 'null') return 'no';
  if (cond.kind !== 'object') return 'unknown';
  const keys: string[] = [];
  for (const op of cond.entries) {
    if (op.value.kind !== 'object') return 'unknown';
    for (const k of op.value.entries) keys.push(k.key);
  }
  if (keys.length === 0) return 'no';
  return conditionKeyVerdict(keys);
}

/** Is the `Principal` everyone (`"*"`, `{"AWS": "*"}`, a list holding `"*"`)? */
function principalIsPublic(principal: Value): Tri {
  if (principal.kind === 'unknown') return 'unknown';
  if (principal.kind === 'string' || principal.kind === 'list') return containsWildcard(principal);
  if (principal.kind !== 'object') return 'no';
  let unknown = false;
  for (const e of principal.entries) {
    const w = containsWildcard(e.value);
    if (w === 'yes') return 'yes';
    if (w === 'unknown') unknown = true;
  }
  return unknown ? 'unknown' : 'no';
}

/** Does an action (or action list) match one of the given actions, wildcards included? */
export function actionMatches(actionValue: Value | undefined, wanted: string[]): Tri {
  if (!actionValue || actionValue.kind === 'null') return 'no';
  const items = actionValue.kind === 'list' ? actionValue.items : [actionValue];
  let unknown = false;
  for (const item of items) {
    const s = asString(item);
    if (s === undefined) {
      if (item.kind !== 'null') unknown = true;
      continue;
    }
    if (wanted.some((w) => globMatches(s.trim(), w))) return 'yes';
  }
  return unknown ? 'unknown' : 'no';
}

/** IAM action globbing (`*` and `?`), case-insensitive, linear time. */
export function globMatches(pattern: string, action: string): boolean {
  const p = pattern.toLowerCase();
  const a = action.toLowerCase();
  let pi = 0;
  let ai = 0;
  let star = -1;
  let mark = 0;
  while (ai < a.length) {
    if (pi < p.length && (p[pi] === '?' || p[pi] === a[ai])) {
      pi++;
      ai++;
    } else if (pi < p.length && p[pi] === '*') {
      star = pi++;
      mark = ai;
    } else if (star >= 0) {
      pi = star + 1;
      ai = ++mark;
    } else return false;
  }
  while (pi < p.length && p[pi] === '*') pi++;
  return pi === p.length;
}

export interface PublicStatement {
  /** Where a CloudFormation finding points (the statement object); Terraform uses the attribute. */
  range: Range;
  sid?: string;
  /** For `data "aws_iam_policy_document"` statements: the fix that narrows the principal. */
  fix?: Fix;
}

export interface PublicVerdict {
  statements: PublicStatement[];
  unknown: boolean;
}

export interface PublicPolicyOptions {
  /** Only statements granting one of these actions count (e.g. `sts:AssumeRole`). */
  actions?: string[];
  /** Name of the placeholder variable the fix uses for the principals. */
  placeholder: string;
}

function statementsOf(doc: Value): { list: Value[]; unknown: boolean } {
  const statements = field(doc, 'Statement');
  if (!statements || statements.kind === 'null') return { list: [], unknown: doc.kind !== 'object' };
  if (statements.kind === 'unknown') return { list: [], unknown: true };
  return { list: statements.kind === 'list' ? statements.items : [statements], unknown: false };
}

/** Public `Allow` statements of a policy document value (object, or JSON text). */
export function publicStatements(doc: Value | undefined, opts: PublicPolicyOptions): PublicVerdict {
  const out: PublicVerdict = { statements: [], unknown: false };
  if (!doc || doc.kind === 'null') return out;
  if (doc.kind === 'string' && doc.value.trim() === '') return out;
  const value = policyDocumentValue(doc);
  if (!value) return out;
  if (value.kind === 'unknown') return { statements: [], unknown: true };
  const { list, unknown } = statementsOf(value);
  out.unknown = unknown;
  for (const s of list) {
    if (s.kind === 'unknown') {
      out.unknown = true;
      continue;
    }
    if (s.kind !== 'object') continue;
    const effect = asString(field(s, 'Effect'));
    const allow: Tri = field(s, 'Effect') === undefined ? 'no' : effect === undefined ? 'unknown' : effect === 'Allow' ? 'yes' : 'no';
    const principal = field(s, 'Principal');
    const notPrincipal = field(s, 'NotPrincipal');
    // Allow with NotPrincipal grants everyone except the listed principals.
    const open: Tri = principal ? principalIsPublic(principal) : notPrincipal ? (notPrincipal.kind === 'unknown' ? 'unknown' : 'yes') : 'no';
    const action: Tri = opts.actions ? actionMatches(field(s, 'Action'), opts.actions) : 'yes';
    const verdict = and(allow, open, action, not(conditionRestricts(s)));
    if (verdict === 'unknown') out.unknown = true;
    if (verdict === 'yes') out.statements.push({ range: s.range, sid: asString(field(s, 'Sid')) });
  }
  return out;
}

/** Public statements of a `data "aws_iam_policy_document"`, read from its blocks. */
export function publicDocumentStatements(ctx: CheckContext, ds: Resource, opts: PublicPolicyOptions): PublicVerdict {
  const out: PublicVerdict = { statements: [], unknown: false };
  if (hasDynamicBlocks(ds.body, 'statement')) out.unknown = true;
  for (const st of blocks(ds.body, 'statement')) {
    const body = st.body;
    const effectAttr = attr(body, 'effect');
    const effect = effectAttr ? asString(effectAttr.value) : 'Allow';
    const allow: Tri = effect === undefined ? 'unknown' : effect === 'Allow' ? 'yes' : 'no';
    let open: Tri = 'no';
    let openBlock: NestedBlock | undefined;
    for (const p of blocks(body, 'principals')) {
      const type = asString(attr(p.body, 'type')?.value);
      const ids = attr(p.body, 'identifiers')?.value;
      const w = containsWildcard(ids);
      if (type === undefined) {
        if (w !== 'no') open = open === 'yes' ? 'yes' : 'unknown';
        continue;
      }
      if ((type === '*' || type === 'AWS') && w === 'yes') {
        open = 'yes';
        openBlock ??= p;
      } else if (w === 'unknown' && open === 'no') open = 'unknown';
    }
    if (hasDynamicBlocks(body, 'principals') && open === 'no') open = 'unknown';
    if (open === 'no' && blocks(body, 'not_principals').length) open = 'yes';
    const action: Tri = opts.actions ? actionMatches(attr(body, 'actions')?.value, opts.actions) : 'yes';
    let restricted: Tri = 'no';
    if (hasDynamicBlocks(body, 'condition')) restricted = 'unknown';
    const keys: string[] = [];
    for (const c of blocks(body, 'condition')) {
      const variable = asString(attr(c.body, 'variable')?.value);
      if (variable === undefined) restricted = 'unknown';
      else keys.push(variable);
    }
    if (keys.length && restricted === 'no') restricted = conditionKeyVerdict(keys);
    const verdict = and(allow, open, action, not(restricted));
    if (verdict === 'unknown') out.unknown = true;
    if (verdict !== 'yes') continue;
    out.statements.push({ range: st.headerRange, sid: asString(attr(body, 'sid')?.value), fix: openBlock && principalFix(ctx, ds, openBlock, opts.placeholder) });
  }
  return out;
}

function principalFix(ctx: CheckContext, ds: Resource, principals: NestedBlock, placeholder: string): Fix | undefined {
  const type = attr(principals.body, 'type');
  const ids = attr(principals.body, 'identifiers');
  if (!type || !ids || !isWrittenLiteral(ctx, ds.file, ids) || !isWrittenLiteral(ctx, ds.file, type)) return undefined;
  const items = ids.value.kind === 'list' ? ids.value.items.map(asString) : [asString(ids.value)];
  if (items.some((i) => i === undefined)) return undefined;
  const rest = (items as string[]).filter((i) => i.trim() !== '*');
  if (rest.length) {
    return { title: 'Remove the wildcard principal, keeping the named ones', safety: 'suggestion', edits: [replaceValue(ds.file, ids, `[${rest.map((i) => JSON.stringify(i)).join(', ')}]`)] };
  }
  const edits = [replaceValue(ds.file, ids, `var.${placeholder}`)];
  if (asString(type.value) !== 'AWS') edits.unshift(replaceValue(ds.file, type, '"AWS"'));
  return { title: `Allow only named principals: use var.${placeholder} (declare it with the account or role ARNs)`, safety: 'suggestion', edits };
}

const DOC_ADDRESS = /^data\.aws_iam_policy_document\.[A-Za-z0-9_-]+$/;

/**
 * Terraform: check a resource's policy attribute (JSON text, `jsonencode`, or a reference to a
 * `data "aws_iam_policy_document"`, read from its blocks so that partly computed documents, e.g.
 * with `resources = [aws_s3_bucket.x.arn]`, are still judged on their principals).
 */
export function checkTerraformPolicyAttribute(
  resource: Resource,
  ctx: CheckContext,
  attrName: string,
  opts: PublicPolicyOptions & { what: string },
): CheckResult | CheckResult[] {
  if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
  const a = attr(resource.body, attrName);
  if (!a || a.value.kind === 'null') return result.skip(resource, `no ${attrName}`);
  const docRefs = (a.value.refs ?? []).filter((r) => DOC_ADDRESS.test(r));
  let verdict: PublicVerdict;
  const ds = docRefs.length === 1 ? ctx.resolve(docRefs[0]) : undefined;
  if (ds && ds.kind === 'data' && (a.value.kind === 'unknown' || a.value.kind === 'string')) {
    verdict = publicDocumentStatements(ctx, ds, opts);
    if (a.value.kind === 'string' && !verdict.statements.length) verdict = publicStatements(a.value, opts);
  } else {
    verdict = publicStatements(a.value, opts);
  }
  if (verdict.statements.length) {
    return verdict.statements.map((s) =>
      result.fail(resource, a.range, {
        message: `${opts.what} allows any principal${s.sid ? ` (statement "${s.sid}")` : ''} without a condition that limits callers`,
        fixes: s.fix ? [s.fix] : [],
      }),
    );
  }
  if (verdict.unknown) return result.skip(resource, `${attrName} is not fully known`);
  return result.pass(resource, a.range);
}

/** CloudFormation: check a policy-document property; findings point at the public statements. */
export function checkCloudFormationPolicy(resource: Resource, property: string, opts: PublicPolicyOptions & { what: string }): CheckResult | CheckResult[] {
  const a = attr(resource.body, property);
  if (!a || a.value.kind === 'null') return result.skip(resource, `no ${property}`);
  const verdict = publicStatements(a.value, opts);
  if (verdict.statements.length) {
    return verdict.statements.map((s) =>
      result.fail(resource, s.range.start.offset === a.value.range.start.offset && a.value.kind === 'string' ? a.range : s.range, {
        message: `${opts.what} allows any principal${s.sid ? ` (statement "${s.sid}")` : ''} without a condition that limits callers`,
      }),
    );
  }
  if (verdict.unknown) return result.skip(resource, `${property} is not fully known`);
  return result.pass(resource, a.range);
}

// ---------------------------------------------------------------------------------------------
// Security groups: ingress to database ports

export interface DbPort {
  port: number;
  service: string;
  protocols: Array<'tcp' | 'udp'>;
}

/** Ports of data stores that should never face the internet. */
export const DB_PORTS: DbPort[] = [
  { port: 1433, service: 'SQL Server', protocols: ['tcp'] },
  { port: 1521, service: 'Oracle', protocols: ['tcp'] },
  { port: 2483, service: 'Oracle', protocols: ['tcp'] },
  { port: 2484, service: 'Oracle (TLS)', protocols: ['tcp'] },
  { port: 3306, service: 'MySQL/MariaDB', protocols: ['tcp'] },
  { port: 5432, service: 'PostgreSQL', protocols: ['tcp'] },
  { port: 5439, service: 'Redshift', protocols: ['tcp'] },
  { port: 5601, service: 'Kibana', protocols: ['tcp'] },
  { port: 5984, service: 'CouchDB', protocols: ['tcp'] },
  { port: 6379, service: 'Redis', protocols: ['tcp'] },
  { port: 7000, service: 'Cassandra', protocols: ['tcp'] },
  { port: 7001, service: 'Cassandra (TLS)', protocols: ['tcp'] },
  { port: 8020, service: 'HDFS', protocols: ['tcp'] },
  { port: 9042, service: 'Cassandra', protocols: ['tcp'] },
  { port: 9200, service: 'Elasticsearch/OpenSearch', protocols: ['tcp'] },
  { port: 9300, service: 'Elasticsearch/OpenSearch', protocols: ['tcp'] },
  { port: 11211, service: 'Memcached', protocols: ['tcp', 'udp'] },
  { port: 27017, service: 'MongoDB', protocols: ['tcp'] },
  { port: 27018, service: 'MongoDB', protocols: ['tcp'] },
];

export interface Source {
  name: string;
  value: Value;
  range: Range;
  attribute?: Attribute;
}

export interface Permission {
  protocol: Value | undefined;
  fromPort: Value | undefined;
  toPort: Value | undefined;
  sources: Source[];
  fallbackRange: Range;
}

interface Getter {
  (name: string): { value: Value; range: Range; attribute?: Attribute } | undefined;
}

function bodyGetter(body: Body): Getter {
  return (name) => {
    const a = attr(body, name);
    return a ? { value: a.value, range: a.range, attribute: a } : undefined;
  };
}

function objectGetter(obj: ObjectValue): Getter {
  return (name) => {
    const e = entry(obj, name);
    return e ? { value: e.value, range: e.range } : undefined;
  };
}

function permission(get: Getter, names: { protocol: string; from: string; to: string; sources: string[] }, fallbackRange: Range): Permission {
  const sources: Source[] = [];
  for (const n of names.sources) {
    const found = get(n);
    if (found) sources.push({ name: n, value: found.value, range: found.range, attribute: found.attribute });
  }
  return { protocol: get(names.protocol)?.value, fromPort: get(names.from)?.value, toPort: get(names.to)?.value, sources, fallbackRange };
}

const TF_NAMES = { protocol: 'protocol', from: 'from_port', to: 'to_port', sources: ['cidr_blocks', 'ipv6_cidr_blocks'] };
const TF_VPC_NAMES = { protocol: 'ip_protocol', from: 'from_port', to: 'to_port', sources: ['cidr_ipv4', 'cidr_ipv6'] };
const CFN_NAMES = { protocol: 'IpProtocol', from: 'FromPort', to: 'ToPort', sources: ['CidrIp', 'CidrIpv6'] };

/** Ingress permissions of a security-group resource, and whether some could not be seen. */
export function ingressPermissions(resource: Resource): { permissions: Permission[]; hidden: boolean; notApplicable?: string } {
  const body = resource.body;
  const listForm = (list: Value | undefined, names: typeof TF_NAMES) => {
    const out: Permission[] = [];
    let hidden = false;
    if (!list || list.kind === 'null') return { out, hidden };
    if (list.kind !== 'list') return { out, hidden: true };
    for (const item of list.items) {
      if (item.kind === 'object') out.push(permission(objectGetter(item), names, item.range));
      else if (item.kind !== 'null') hidden = true;
    }
    return { out, hidden };
  };
  switch (resource.type) {
    case 'aws_security_group': {
      const permissions = blocks(body, 'ingress').map((b) => permission(bodyGetter(b.body), TF_NAMES, b.headerRange));
      const inline = listForm(attr(body, 'ingress')?.value, TF_NAMES);
      return { permissions: [...permissions, ...inline.out], hidden: inline.hidden || hasDynamicBlocks(body, 'ingress') };
    }
    case 'aws_security_group_rule': {
      const t = asString(attr(body, 'type')?.value);
      if (t === undefined) return { permissions: [], hidden: true };
      if (t !== 'ingress') return { permissions: [], hidden: false, notApplicable: 'egress rule' };
      return { permissions: [permission(bodyGetter(body), TF_NAMES, resource.headerRange)], hidden: false };
    }
    case 'aws_vpc_security_group_ingress_rule':
      return { permissions: [permission(bodyGetter(body), TF_VPC_NAMES, resource.headerRange)], hidden: false };
    case 'AWS::EC2::SecurityGroupIngress':
      return { permissions: [permission(bodyGetter(body), CFN_NAMES, resource.headerRange)], hidden: false };
    case 'AWS::EC2::SecurityGroup': {
      const inline = listForm(attr(body, 'SecurityGroupIngress')?.value, CFN_NAMES);
      return { permissions: inline.out, hidden: inline.hidden };
    }
    default:
      return { permissions: [], hidden: false, notApplicable: `not a security group type: ${resource.type}` };
  }
}

/** Whole-internet CIDRs of a source, or 'unknown'. */
export function openCidrs(value: Value): string[] | 'unknown' {
  if (value.kind === 'null') return [];
  if (value.kind === 'string') return isWholeInternet(value.value) ? [value.value.trim()] : [];
  if (value.kind === 'list') {
    const open: string[] = [];
    let unknown = false;
    for (const item of value.items) {
      if (item.kind === 'null') continue;
      const s = asString(item);
      if (s === undefined) unknown = true;
      else if (isWholeInternet(s)) open.push(s.trim());
    }
    return open.length || !unknown ? open : 'unknown';
  }
  return 'unknown';
}

export function protocolName(raw: string): 'all' | 'tcp' | 'udp' | 'icmp' | 'other' {
  const p = raw.trim().toLowerCase();
  if (p === '-1' || p === 'all') return 'all';
  if (p === 'tcp' || p === '6') return 'tcp';
  if (p === 'udp' || p === '17') return 'udp';
  if (p === 'icmp' || p === '1' || p === 'icmpv6' || p === '58') return 'icmp';
  return 'other';
}

export interface DbExposure {
  state: Tri | 'all-ports';
  ports: DbPort[];
  open: Source[];
  cidrs: string[];
}

/** Does the permission open a database port to the internet? Full-range openings are left to the all-ports rule. */
export function dbExposure(p: Permission): DbExposure {
  const open: Source[] = [];
  const cidrs: string[] = [];
  let unknownSource = false;
  for (const s of p.sources) {
    const o = openCidrs(s.value);
    if (o === 'unknown') unknownSource = true;
    else if (o.length) {
      open.push(s);
      for (const c of o) if (!cidrs.includes(c)) cidrs.push(c);
    }
  }
  const none: DbExposure = { state: 'no', ports: [], open, cidrs };
  if (!open.length) return unknownSource ? { ...none, state: 'unknown' } : none;
  const raw = asString(p.protocol);
  if (raw === undefined) return { ...none, state: 'unknown' };
  const proto = protocolName(raw);
  if (proto === 'all') return { ...none, state: 'all-ports' };
  if (proto !== 'tcp' && proto !== 'udp') return none;
  const from = asNumber(p.fromPort);
  const to = asNumber(p.toPort);
  if (from === undefined || to === undefined || from < 0 || to < 0 || from > to) return { ...none, state: 'unknown' };
  if (from <= 1 && to >= 65535) return { ...none, state: 'all-ports' };
  const ports = DB_PORTS.filter((d) => d.protocols.includes(proto) && from <= d.port && d.port <= to);
  return ports.length ? { state: 'yes', ports, open, cidrs } : none;
}

/**
 * Edits that close the open sources of a Terraform permission: drop whole-internet entries from a
 * list that also names other ranges, else swap the value for a placeholder variable.
 */
export function closeSourcesFix(ctx: CheckContext, file: string, open: Source[], placeholders: Record<string, string>, title: string): Fix | undefined {
  const edits: TextEdit[] = [];
  const used: string[] = [];
  for (const src of open) {
    const a = src.attribute;
    const placeholder = placeholders[src.name];
    if (!a || !placeholder || !isWrittenLiteral(ctx, file, a)) return undefined;
    if (src.value.kind === 'list') {
      const rest: string[] = [];
      for (const item of src.value.items) {
        const s = asString(item);
        if (s === undefined) return undefined;
        if (!isWholeInternet(s)) rest.push(s);
      }
      if (rest.length) {
        edits.push(replaceValue(file, a, `[${rest.map((s) => JSON.stringify(s)).join(', ')}]`));
        continue;
      }
    } else if (src.value.kind !== 'string') return undefined;
    const text = ctx.fileText(file).slice(a.value.range.start.offset, a.value.range.end.offset).trimStart();
    if (src.value.kind === 'list' && !text.startsWith('[')) return undefined;
    edits.push(replaceValue(file, a, `var.${placeholder}`));
    used.push(`var.${placeholder}`);
  }
  if (!edits.length) return undefined;
  return { title: used.length ? `${title}: use ${used.join(' and ')} (declare it with your ranges)` : `${title}: remove the whole-internet range`, safety: 'suggestion', edits };
}

// ---------------------------------------------------------------------------------------------
// Secrets in literal values

/** AWS access key ids (long-term `AKIA`, temporary `ASIA`). */
const ACCESS_KEY_ID = /(?:^|[^A-Z0-9])((?:AKIA|ASIA)[A-Z0-9]{16})(?![A-Z0-9])/;
/** A 40-character secret access key. */
const SECRET_ACCESS_KEY = /^[A-Za-z0-9/+=]{40}$/;

export function containsAccessKeyId(text: string): boolean {
  return ACCESS_KEY_ID.test(text);
}

export function looksLikeAccessKeyId(text: string): boolean {
  return /^(?:AKIA|ASIA)[A-Z0-9]{16}$/.test(text.trim());
}

export function looksLikeSecretAccessKey(text: string): boolean {
  return SECRET_ACCESS_KEY.test(text.trim());
}

const SECRET_NAME = /(PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|API_?KEY|APIKEY|PRIVATE_?KEY|ACCESS_?KEY|CLIENT_?SECRET|CREDENTIALS?)/i;
/** Names that hold a pointer to a secret (its ARN, name, path, id), not the secret itself. */
const POINTER_SUFFIX = /(?:_|-)?(ARN|NAME|ID|PATH|PARAM|PARAMETER|PARAM_NAME|SSM|URL|URI|ENDPOINT|FILE|KEY_ID|ENABLED|TTL|EXPIRY|EXPIRATION|LENGTH|HEADER|TYPE|FIELD)$/i;

/** Does an environment-variable name suggest it holds a secret? */
export function secretLikeName(name: string): boolean {
  const n = name.trim();
  return SECRET_NAME.test(n) && !POINTER_SUFFIX.test(n);
}

/**
 * Is a literal value plausibly a real secret rather than a reference, a flag or a placeholder?
 * Values that point to a secret store, paths, URLs, booleans and interpolations are not.
 */
export function plausibleSecretValue(value: string): boolean {
  const v = value.trim();
  if (v.length < 6) return false;
  if (/^(true|false|yes|no|none|null|enabled|disabled)$/i.test(v)) return false;
  if (/^(arn:|\{\{resolve:|ssm:|secretsmanager:|https?:\/\/|s3:\/\/|\/)/i.test(v)) return false;
  if (v.includes('${') || v.includes('$(') || /^\$[A-Za-z_]/.test(v)) return false;
  if (/\s/.test(v)) return false;
  return true;
}

/** Why an environment entry is a secret, or `undefined`. */
export function secretEnvReason(name: string, value: string): string | undefined {
  if (containsAccessKeyId(value)) return 'holds an AWS access key id';
  if (secretLikeName(name) && plausibleSecretValue(value)) return 'holds a literal secret';
  return undefined;
}

/** `PASSWORD=...`-style assignments and AWS keys in a script (user data). Returns what was found. */
export function scriptSecrets(script: string): string[] {
  const found: string[] = [];
  if (containsAccessKeyId(script)) found.push('an AWS access key id');
  const lines = script.split('\n');
  for (const line of lines) {
    if (line.length > 2000) continue;
    // NAME=value, NAME: value, --password value; NAME must look like a secret.
    const m = /([A-Za-z][A-Za-z0-9_.-]{0,60})\s*(?:=|:)\s*["']?([^\s"';|&]+)/.exec(line) ?? /--([A-Za-z][A-Za-z0-9_-]{0,60})[ =]["']?([^\s"';|&]+)/.exec(line);
    if (!m) continue;
    const [, name, value] = m;
    if (/^aws_secret_access_key$/i.test(name) && looksLikeSecretAccessKey(value)) {
      if (!found.includes('an AWS secret access key')) found.push('an AWS secret access key');
      continue;
    }
    if (secretLikeName(name) && plausibleSecretValue(value) && !/^[A-Z_][A-Z0-9_]*$/.test(value)) {
      const what = `a ${name.replace(/^(export\s+)?/, '')} assignment`;
      if (!found.includes(what)) found.push(what);
    }
  }
  return found;
}

/** Decode base64 text when the whole value is base64 (user data of launch templates). */
export function maybeBase64(text: string): string {
  const t = text.trim();
  if (t.length < 16 || t.length % 4 !== 0 || !/^[A-Za-z0-9+/]+=*$/.test(t)) return text;
  try {
    const decoded = Buffer.from(t, 'base64').toString('utf8');
    return /[\x00-\x08\x0e-\x1f]/.test(decoded) ? text : decoded;
  } catch {
    return text;
  }
}

// ---------------------------------------------------------------------------------------------
// Account-level "service switched on" checks

/**
 * Words in the source of a module we cannot read that suggest an account baseline, which may
 * switch on any account-level service (`acme/account-baseline/aws`, Control Tower account
 * factories, organisation and landing-zone modules).
 */
export const AWS_ACCOUNT_BASELINE_HINTS = [
  'baseline',
  'landing-zone',
  'landingzone',
  'control-tower',
  'controltower',
  'account',
  'accounts',
  'org',
  'organization',
  'organizations',
  'organisation',
  'compliance',
];

/** A definition that leaves the service off: where, and why. */
export interface Disabled {
  range: Range;
  message: string;
}

export interface AccountServiceSpec {
  /** Resource types that switch the service on (any of them is the definition). */
  types: string[];
  /** Data sources that show the service is managed elsewhere (the check then stays silent). */
  dataSources?: string[];
  /**
   * For each resource the rule routes (other than provider blocks): whether it leaves the service
   * off, e.g. `enable = false`. Defaults to 'no'.
   */
  disabled?: (r: Resource, ctx: CheckContext) => 'no' | 'unknown' | Disabled;
  /** The workspace finding's message: "No enabled GuardDuty detector (aws_guardduty_detector) is defined". */
  message: string;
  /** Words in a module source that suggest the module defines the service (besides the baseline words). */
  hints: string[];
  /** Fix title and the block it inserts after the provider. */
  fixTitle: string;
  fixBlock: string[];
}

/**
 * An account-level AWS service check: the per-resource part reports a definition that leaves the
 * service off at its attribute; the account part (judged once per workspace, see `AccountCheck`)
 * reports a workspace where no module defines it, at one `provider "aws"` block without alias.
 */
export function accountService(spec: AccountServiceSpec): { check: Check; account: AccountCheck } {
  const check: Check = (resource, ctx) => {
    if (resource.kind === 'provider') return result.skip(resource, 'account-level: judged once for the whole workspace');
    if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
    const d = spec.disabled ? spec.disabled(resource, ctx) : 'no';
    if (d === 'no') return result.pass(resource);
    if (d === 'unknown') return result.skip(resource, 'whether the service is switched on is not known');
    return result.fail(resource, d.range, { message: d.message });
  };
  const account: AccountCheck = {
    provider: 'aws',
    requirements: [spec.types.join(' or ')],
    assess(ctx) {
      if (ctx.moduleResources.some((r) => r.kind === 'resource' && spec.types.includes(r.type))) return ['defined'];
      if (ctx.moduleResources.some((r) => r.kind === 'data' && (spec.dataSources ?? []).includes(r.type))) return ['unknown'];
      return ['none'];
    },
    sourceHints: [...spec.hints, ...AWS_ACCOUNT_BASELINE_HINTS],
    message: spec.message,
    fix: (provider, ctx) => ({ title: spec.fixTitle, safety: 'suggestion', edits: [addTerraformBlockAfter(ctx, provider, spec.fixBlock)] }),
  };
  return { check, account };
}

/** `enable`-style boolean attribute, defaulting to on. */
export function boolOff(r: Resource, name: string): 'no' | 'unknown' | Disabled {
  const a = attr(r.body, name);
  if (!a) return 'no';
  const v = asBool(a.value);
  if (v === undefined) return 'unknown';
  return v ? 'no' : { range: a.range, message: `${r.address} has ${name} = false: the service is defined but switched off` };
}
