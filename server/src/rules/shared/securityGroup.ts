/**
 * Shared logic of the three "no public ingress" security-group rules (SSH, RDP, all ports).
 *
 * Every way of writing an ingress permission (inline `ingress` blocks or `ingress = [...]`,
 * `aws_security_group_rule`, `aws_vpc_security_group_ingress_rule`, CloudFormation
 * `SecurityGroupIngress` items and `AWS::EC2::SecurityGroupIngress`) is first turned into one
 * `IngressPermission`; the rules then differ only in which ports they look for.
 *
 * Overlap: a permission open on every port (protocol `-1`/`all`, or a full 0/1–65535 TCP/UDP range)
 * also reaches 22 and 3389. It is reported once, by `aws-security-group-no-public-all-ports`; the
 * SSH and RDP rules skip it (never pass it) so that one open door is one finding.
 *
 * Findings name the module's resources that attach the group (instances, load balancers, databases)
 * so the reader sees what the open door leads to.
 */
import { asNumber, asString, attr, blocks, entry, hasDynamicBlocks } from '../../model/access';
import type { Attribute, Body, ObjectValue, Range, Resource, Value } from '../../model/types';
import { cloudFormationValueText, replaceValue, withCfnParameter } from '../fixkit';
import { isLiteral } from './awsdata';
import { result, type Check, type CheckContext, type CheckResult, type Fix } from '../types';
import { attachedSuffix } from './usage';

/** The three exposures the rules look for. */
export type ExposureTarget = 'ssh' | 'rdp' | 'all-ports';

/** A place an ingress permission takes its source addresses from. */
export interface CidrSource {
  /** Property name as written: `cidr_blocks`, `cidr_ipv6`, `CidrIp`, ... */
  name: string;
  family: 'ipv4' | 'ipv6';
  /** A list of CIDRs (`cidr_blocks`) or a single CIDR (`cidr_ipv4`, `CidrIp`). */
  shape: 'list' | 'single';
  value: Value;
  /** The attribute or object entry, where a finding points. */
  range: Range;
  /** Set for Terraform attributes (the only sources a quick fix rewrites). */
  attribute?: Attribute;
}

/** One ingress permission, independent of how it was written. */
export interface IngressPermission {
  protocol: Value | undefined;
  fromPort: Value | undefined;
  toPort: Value | undefined;
  sources: CidrSource[];
  /** Reported when no source range fits: the block header or list item. */
  fallbackRange: Range;
  file: string;
}

type Tri = 'yes' | 'no' | 'unknown';

/** Outcome of one permission for one target. `deferred`: open on all ports, left to the all-ports rule. */
export interface Evaluation {
  match: Tri | 'deferred';
  openSources: CidrSource[];
  openCidrs: string[];
  /** Human wording of what is open: "all traffic", "tcp port 22", "tcp ports 0-1024". */
  scope: string;
}

/** `0.0.0.0/0`, `::/0` and any other CIDR with a /0 prefix: the whole address space. */
export function isWholeInternet(cidr: string): boolean {
  return /^[0-9a-fA-F:.]+\/0$/.test(cidr.trim());
}

function sourceOpenness(src: CidrSource): { state: Tri; open: string[] } {
  const v = src.value;
  if (v.kind === 'null') return { state: 'no', open: [] };
  if (v.kind === 'list') {
    const open: string[] = [];
    let unknownItem = false;
    for (const item of v.items) {
      if (item.kind === 'null') continue;
      const s = asString(item);
      if (s === undefined) unknownItem = true;
      else if (isWholeInternet(s)) open.push(s.trim());
    }
    if (open.length) return { state: 'yes', open };
    return { state: unknownItem ? 'unknown' : 'no', open };
  }
  if (v.kind === 'string') return isWholeInternet(v.value) ? { state: 'yes', open: [v.value.trim()] } : { state: 'no', open: [] };
  return { state: 'unknown', open: [] };
}

const TARGET_PORT: Record<Exclude<ExposureTarget, 'all-ports'>, { port: number; protocols: string[] }> = {
  ssh: { port: 22, protocols: ['tcp'] },
  // RDP 8.0 and later also carries sessions over UDP 3389.
  rdp: { port: 3389, protocols: ['tcp', 'udp'] },
};

function protocolName(raw: string): 'all' | 'tcp' | 'udp' | 'other' {
  const p = raw.trim().toLowerCase();
  if (p === '-1' || p === 'all') return 'all';
  if (p === 'tcp' || p === '6') return 'tcp';
  if (p === 'udp' || p === '17') return 'udp';
  return 'other';
}

/** Does this permission open the target to the whole internet? */
export function evaluate(p: IngressPermission, target: ExposureTarget): Evaluation {
  const openSources: CidrSource[] = [];
  const openCidrs: string[] = [];
  let sourceUnknown = false;
  for (const src of p.sources) {
    const o = sourceOpenness(src);
    if (o.state === 'yes') {
      openSources.push(src);
      for (const c of o.open) if (!openCidrs.includes(c)) openCidrs.push(c);
    } else if (o.state === 'unknown') sourceUnknown = true;
  }
  const sources: Tri = openSources.length ? 'yes' : sourceUnknown ? 'unknown' : 'no';
  const none: Evaluation = { match: 'no', openSources, openCidrs, scope: '' };
  if (sources === 'no') return none;

  const rawProtocol = asString(p.protocol);
  if (rawProtocol === undefined) return { ...none, match: 'unknown' };
  const protocol = protocolName(rawProtocol);
  if (protocol === 'other') return none; // ICMP, ESP, GRE...: no TCP/UDP ports
  let ports: Tri;
  let scope: string;
  let allPorts: boolean;
  if (protocol === 'all') {
    allPorts = true;
    scope = 'all traffic';
    ports = target === 'all-ports' ? 'yes' : 'no';
  } else {
    const from = asNumber(p.fromPort);
    const to = asNumber(p.toPort);
    // Negative TCP/UDP ports are invalid; a missing or computed port is unknowable.
    if (from === undefined || to === undefined || from < 0 || to < 0 || from > to) return { ...none, match: 'unknown' };
    allPorts = from <= 1 && to >= 65535;
    scope = from === to ? `${protocol} port ${from}` : `${protocol} ports ${from}-${to}`;
    if (target === 'all-ports') ports = allPorts ? 'yes' : 'no';
    else {
      const t = TARGET_PORT[target];
      ports = t.protocols.includes(protocol) && from <= t.port && t.port <= to ? 'yes' : 'no';
    }
  }
  if (target !== 'all-ports' && allPorts) return { match: sources === 'yes' ? 'deferred' : 'unknown', openSources, openCidrs, scope };
  if (ports === 'no') return { ...none, scope };
  return { match: sources, openSources, openCidrs, scope };
}

// ---------------------------------------------------------------------------------------------
// Building permissions from the model

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

interface Shape {
  protocol: string;
  from: string;
  to: string;
  sources: Array<{ name: string; family: 'ipv4' | 'ipv6'; shape: 'list' | 'single' }>;
}

const TF_LIST_SHAPE: Shape = {
  protocol: 'protocol',
  from: 'from_port',
  to: 'to_port',
  sources: [
    { name: 'cidr_blocks', family: 'ipv4', shape: 'list' },
    { name: 'ipv6_cidr_blocks', family: 'ipv6', shape: 'list' },
  ],
};

const TF_VPC_RULE_SHAPE: Shape = {
  protocol: 'ip_protocol',
  from: 'from_port',
  to: 'to_port',
  sources: [
    { name: 'cidr_ipv4', family: 'ipv4', shape: 'single' },
    { name: 'cidr_ipv6', family: 'ipv6', shape: 'single' },
  ],
};

const CFN_SHAPE: Shape = {
  protocol: 'IpProtocol',
  from: 'FromPort',
  to: 'ToPort',
  sources: [
    { name: 'CidrIp', family: 'ipv4', shape: 'single' },
    { name: 'CidrIpv6', family: 'ipv6', shape: 'single' },
  ],
};

function buildPermission(get: Getter, shape: Shape, fallbackRange: Range, file: string): IngressPermission {
  const sources: CidrSource[] = [];
  for (const s of shape.sources) {
    const found = get(s.name);
    if (found) sources.push({ name: s.name, family: s.family, shape: s.shape, value: found.value, range: found.range, attribute: found.attribute });
  }
  return { protocol: get(shape.protocol)?.value, fromPort: get(shape.from)?.value, toPort: get(shape.to)?.value, sources, fallbackRange, file };
}

/** Permissions of a Terraform resource, plus whether some permissions could not be seen. */
interface Collected {
  permissions: IngressPermission[];
  hidden: boolean;
  /** Why the resource is not applicable (egress rule...), when it is not. */
  notApplicable?: string;
}

/**
 * Per resource: the three rules (SSH, RDP, all ports) read the same permissions, and collecting
 * them allocates. Resources and what is collected from them are not changed while rules run.
 */
const collectedCache = new WeakMap<Resource, Collected>();

function terraformPermissions(resource: Resource): Collected {
  let collected = collectedCache.get(resource);
  if (!collected) {
    collected = collectTerraformPermissions(resource);
    collectedCache.set(resource, collected);
  }
  return collected;
}

function collectTerraformPermissions(resource: Resource): Collected {
  const body = resource.body;
  switch (resource.type) {
    case 'aws_security_group': {
      const permissions = blocks(body, 'ingress').map((b) => buildPermission(bodyGetter(b.body), TF_LIST_SHAPE, b.headerRange, resource.file));
      let hidden = hasDynamicBlocks(body, 'ingress');
      // `ingress = [{ ... }]` (attributes-as-blocks syntax).
      const asAttr = attr(body, 'ingress');
      if (asAttr) {
        if (asAttr.value.kind === 'list') {
          for (const item of asAttr.value.items) {
            if (item.kind === 'object') permissions.push(buildPermission(objectGetter(item), TF_LIST_SHAPE, item.range, resource.file));
            else if (item.kind !== 'null') hidden = true;
          }
        } else if (asAttr.value.kind !== 'null') hidden = true;
      }
      return { permissions, hidden };
    }
    case 'aws_security_group_rule': {
      const type = attr(body, 'type');
      const t = asString(type?.value);
      if (t === undefined) return { permissions: [], hidden: true };
      if (t !== 'ingress') return { permissions: [], hidden: false, notApplicable: 'egress rule' };
      return { permissions: [buildPermission(bodyGetter(body), TF_LIST_SHAPE, resource.headerRange, resource.file)], hidden: false };
    }
    case 'aws_vpc_security_group_ingress_rule':
      return { permissions: [buildPermission(bodyGetter(body), TF_VPC_RULE_SHAPE, resource.headerRange, resource.file)], hidden: false };
    default:
      return { permissions: [], hidden: false, notApplicable: `not a security group type: ${resource.type}` };
  }
}

/** Per resource: the three rules read the same permissions of every group, and none changes them. */
const cfnPermissionsCache = new WeakMap<Resource, Collected>();

function cloudFormationPermissions(resource: Resource): Collected {
  let collected = cfnPermissionsCache.get(resource);
  if (!collected) {
    collected = collectCloudFormationPermissions(resource);
    cfnPermissionsCache.set(resource, collected);
  }
  return collected;
}

function collectCloudFormationPermissions(resource: Resource): Collected {
  if (resource.type === 'AWS::EC2::SecurityGroupIngress') {
    return { permissions: [buildPermission(bodyGetter(resource.body), CFN_SHAPE, resource.headerRange, resource.file)], hidden: false };
  }
  const ingress = attr(resource.body, 'SecurityGroupIngress');
  if (!ingress || ingress.value.kind === 'null') return { permissions: [], hidden: false };
  if (ingress.value.kind !== 'list') return { permissions: [], hidden: true };
  const permissions: IngressPermission[] = [];
  let hidden = false;
  for (const item of ingress.value.items) {
    if (item.kind === 'object') permissions.push(buildPermission(objectGetter(item), CFN_SHAPE, item.range, resource.file));
    else if (item.kind !== 'null') hidden = true;
  }
  return { permissions, hidden };
}

// ---------------------------------------------------------------------------------------------
// Quick fixes: swap the open CIDR for a variable (Terraform) or parameter (CloudFormation) the
// user sets to their ranges.

const PLACEHOLDER: Record<string, string> = {
  cidr_blocks: 'admin_cidr_blocks',
  ipv6_cidr_blocks: 'admin_ipv6_cidr_blocks',
  cidr_ipv4: 'admin_cidr_ipv4',
  cidr_ipv6: 'admin_cidr_ipv6',
};

/**
 * Edits that close the open sources of a permission, or `undefined` when any source is not a
 * literal written in the attribute itself (a variable, local or module input is fixed where it is
 * defined, which we leave to the user). A list that also names other CIDRs just loses its
 * whole-internet entries; otherwise the value becomes a placeholder variable: TrustLint never
 * invents an address range.
 */
function closingEdits(ctx: CheckContext, p: IngressPermission): { edits: Fix['edits']; placeholders: string[]; removed: string[] } | undefined {
  const text = ctx.fileText(p.file);
  const edits: Fix['edits'] = [];
  const placeholders: string[] = [];
  const removed: string[] = [];
  for (const src of p.sources) {
    if (sourceOpenness(src).state !== 'yes') continue;
    const a = src.attribute;
    const placeholder = PLACEHOLDER[src.name];
    if (!a || !placeholder) return undefined;
    const r = src.value.range;
    if (r.start.offset < a.range.start.offset || r.end.offset > a.range.end.offset) return undefined;
    const written = text.slice(r.start.offset, r.end.offset).trimStart();
    if (src.value.kind === 'list') {
      if (!written.startsWith('[')) return undefined;
      const rest: string[] = [];
      for (const item of src.value.items) {
        const s = asString(item);
        if (s === undefined) return undefined;
        if (!isWholeInternet(s)) rest.push(s);
      }
      if (rest.length) {
        edits.push(replaceValue(p.file, a, `[${rest.map((s) => JSON.stringify(s)).join(', ')}]`));
        removed.push(...sourceOpenness(src).open);
        continue;
      }
    } else if (!written.startsWith('"')) return undefined;
    edits.push(replaceValue(p.file, a, `var.${placeholder}`));
    placeholders.push(placeholder);
  }
  return edits.length ? { edits, placeholders, removed } : undefined;
}

/** CloudFormation: the template parameter that replaces an open source, per property. */
const CFN_PARAMETER: Record<string, { name: string; description: string }> = {
  CidrIp: { name: 'AdminCidrIp', description: 'IPv4 range (CIDR) of your admin network, the only source this rule lets in' },
  CidrIpv6: { name: 'AdminCidrIpv6', description: 'IPv6 range (CIDR) of your admin network, the only source this rule lets in' },
};

/**
 * CloudFormation edits that close the open sources of a permission: each literal `0.0.0.0/0` /
 * `::/0` becomes a `Ref` to a parameter the fix declares (without a default, so a deployment asks
 * for the range). Undefined when a source is not a literal written in the template.
 */
function cfnClosingEdits(ctx: CheckContext, resource: Resource, p: IngressPermission): { edits: Fix['edits']; placeholders: string[]; removed: string[] } | undefined {
  const edits: Fix['edits'] = [];
  const placeholders: string[] = [];
  for (const src of p.sources) {
    if (sourceOpenness(src).state !== 'yes') continue;
    const param = CFN_PARAMETER[src.name];
    if (!param || !isLiteral(src.value) || (src.value.file !== undefined && src.value.file !== p.file)) return undefined;
    const range = src.value.range;
    const closing = withCfnParameter(ctx, resource, param.name, { description: param.description }, (ref) => ({
      file: p.file,
      range,
      newText: cloudFormationValueText(ctx, p.file, ref),
    }));
    if (!closing) return undefined;
    edits.push(...closing);
    placeholders.push(param.name);
  }
  return edits.length ? { edits, placeholders, removed: [] } : undefined;
}

// ---------------------------------------------------------------------------------------------
// The checks

export interface ExposureWording {
  /** "SSH (port 22)" */
  service: string;
  /** The service's port, to word findings on exactly that port tersely. */
  port?: number;
  /** Fix title for the placeholder case, e.g. "Restrict SSH to your admin network". */
  fixTitle: string;
}

function message(target: ExposureTarget, wording: ExposureWording, ev: Evaluation): string {
  const from = ev.openCidrs.join(' and ');
  if (target === 'all-ports') {
    return ev.scope === 'all traffic' ? `Security group allows all traffic from ${from}` : `Security group opens every ${ev.scope.split(' ')[0]} port to ${from}`;
  }
  // "tcp port 22" says nothing the service name does not; a range or UDP is worth naming.
  const exact = ev.scope === `tcp port ${wording.port}`;
  return exact ? `Security group opens ${wording.service} to ${from}` : `Security group opens ${wording.service} to ${from} via ${ev.scope}`;
}

function runChecks(
  resource: Resource,
  ctx: CheckContext,
  collected: Collected,
  target: ExposureTarget,
  wording: ExposureWording,
  withFixes: boolean,
): CheckResult | CheckResult[] {
  if (collected.notApplicable) return result.skip(resource, collected.notApplicable);
  const failures: CheckResult[] = [];
  let undecided = collected.hidden;
  let deferred = false;
  // What the group protects, named in every finding: computed once, and only when something fails.
  let attached: string | undefined;
  for (const p of collected.permissions) {
    const ev = evaluate(p, target);
    if (ev.match === 'unknown') undecided = true;
    else if (ev.match === 'deferred') deferred = true;
    else if (ev.match === 'yes') {
      const range = ev.openSources[0]?.range ?? p.fallbackRange;
      const fixes: Fix[] = [];
      if (withFixes) {
        const cfn = resource.format === 'cloudformation';
        const closing = cfn ? cfnClosingEdits(ctx, resource, p) : closingEdits(ctx, p);
        if (closing) {
          const parts: string[] = [];
          if (closing.removed.length) parts.push(`remove ${closing.removed.join(' and ')} from the sources`);
          if (closing.placeholders.length) {
            parts.push(
              cfn
                ? `use the ${closing.placeholders.join(' and ')} parameter (added: set it to your ranges)`
                : `use ${closing.placeholders.map((n) => `var.${n}`).join(' and ')} (declare it with your ranges)`,
            );
          }
          fixes.push({ title: `${wording.fixTitle}: ${parts.join('; ')}`, safety: 'suggestion', edits: closing.edits });
        }
      }
      attached ??= attachedSuffix(resource, ctx);
      failures.push(result.fail(resource, range, { message: message(target, wording, ev) + attached, fixes }));
    }
  }
  if (failures.length) return failures;
  if (deferred) return result.skip(resource, 'open on all ports: reported by aws-security-group-no-public-all-ports');
  if (undecided) return result.skip(resource, 'some ingress sources, protocols or ports are not known statically');
  return result.pass(resource);
}

/** The Terraform and CloudFormation checks of one of the three rules. */
export function securityGroupChecks(target: ExposureTarget, wording: ExposureWording): { terraform: Check; cloudformation: Check } {
  return {
    terraform: (resource, ctx) =>
      resource.kind === 'resource' ? runChecks(resource, ctx, terraformPermissions(resource), target, wording, true) : result.skip(resource, 'data source'),
    cloudformation: (resource, ctx) => runChecks(resource, ctx, cloudFormationPermissions(resource), target, wording, true),
  };
}

export const SECURITY_GROUP_TYPES = {
  terraform: ['aws_security_group', 'aws_security_group_rule', 'aws_vpc_security_group_ingress_rule'],
  cloudformation: ['AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupIngress'],
};
