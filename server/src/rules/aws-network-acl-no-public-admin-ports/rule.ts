import { asBool, asNumber, asString, attr, blocks, field, hasDynamicBlocks } from '../../model/access';
import type { Body, Range, Resource, Value } from '../../model/types';
import { cloudFormationValueText, isTaggedYamlValue, withCfnParameter } from '../fixkit';
import { closeSourcesFix, openCidrs, protocolName, type Source, type Tri } from '../shared/awsaccess';
import { isLiteral } from '../shared/awsdata';
import { result, type CheckContext, type CheckResult, type Fix, type Rule } from '../types';

const ADMIN_PORTS = [
  { port: 22, service: 'SSH (22)' },
  { port: 3389, service: 'RDP (3389)' },
];

const PLACEHOLDERS: Record<string, string> = { cidr_block: 'admin_cidr_block', ipv6_cidr_block: 'admin_ipv6_cidr_block' };

interface Entry {
  action: Value | undefined;
  protocol: Value | undefined;
  from: Value | undefined;
  to: Value | undefined;
  sources: Source[];
  fallback: Range;
}

interface Verdict {
  state: Tri;
  services: string[];
  open: Source[];
  cidrs: string[];
}

function evaluateEntry(e: Entry): Verdict {
  const none: Verdict = { state: 'no', services: [], open: [], cidrs: [] };
  const open: Source[] = [];
  const cidrs: string[] = [];
  let unknownSource = false;
  for (const s of e.sources) {
    const o = openCidrs(s.value);
    if (o === 'unknown') unknownSource = true;
    else if (o.length) {
      open.push(s);
      cidrs.push(...o);
    }
  }
  if (!open.length) return unknownSource ? { ...none, state: 'unknown' } : none;
  const action = asString(e.action)?.toLowerCase();
  if (action === undefined) return { ...none, state: 'unknown' };
  if (action !== 'allow') return none;
  const raw = asString(e.protocol);
  if (raw === undefined) return { ...none, state: 'unknown' };
  const proto = protocolName(raw);
  // Allow-all entries are how AWS's default NACL looks: filtering is left to security groups.
  if (proto !== 'tcp' && proto !== 'udp') return none;
  const from = asNumber(e.from);
  const to = asNumber(e.to);
  if (from === undefined || to === undefined) return { ...none, state: 'unknown' };
  if (from <= 1 && to >= 65535) return none;
  const services = ADMIN_PORTS.filter((p) => (proto === 'tcp' || p.port === 3389) && from <= p.port && p.port <= to).map((p) => p.service);
  return services.length ? { state: 'yes', services, open, cidrs } : none;
}

function tfEntry(body: Body, actionName: string, fallback: Range): Entry {
  const sources: Source[] = [];
  for (const name of ['cidr_block', 'ipv6_cidr_block']) {
    const a = attr(body, name);
    if (a) sources.push({ name, value: a.value, range: a.range, attribute: a });
  }
  return { action: attr(body, actionName)?.value, protocol: attr(body, 'protocol')?.value, from: attr(body, 'from_port')?.value, to: attr(body, 'to_port')?.value, sources, fallback };
}

const FIX_TITLE = 'Allow admin ports only from your admin network';

/** CloudFormation: the template parameter that replaces an open source, per property. */
const CFN_PARAMETERS: Record<string, { name: string; family: string }> = {
  CidrBlock: { name: 'AdminCidrBlock', family: 'IPv4' },
  Ipv6CidrBlock: { name: 'AdminIpv6CidrBlock', family: 'IPv6' },
};

/**
 * CloudFormation form of the fix: each literal `0.0.0.0/0` / `::/0` becomes a `Ref` to a parameter
 * the fix declares (no default: deploying asks for the range). None when a source is not a literal.
 */
function cfnCloseSourcesFix(ctx: CheckContext, resource: Resource, open: Source[]): Fix | undefined {
  const edits: Fix['edits'] = [];
  const names: string[] = [];
  for (const src of open) {
    const param = CFN_PARAMETERS[src.name];
    if (!param || !isLiteral(src.value) || (src.value.file !== undefined && src.value.file !== resource.file)) return undefined;
    const range = src.value.range;
    if (isTaggedYamlValue(ctx.fileText(resource.file), range.start.offset)) return undefined;
    const description = `${param.family} range (CIDR) of your admin network, the only source allowed to SSH/RDP`;
    const closing = withCfnParameter(ctx, resource, param.name, { description }, (ref) => ({ file: resource.file, range, newText: cloudFormationValueText(ctx, resource.file, ref) }));
    if (!closing) return undefined;
    edits.push(...closing);
    names.push(param.name);
  }
  return edits.length ? { title: `${FIX_TITLE}: use the ${names.join(' and ')} parameter (added: set it to your ranges)`, safety: 'suggestion', edits } : undefined;
}

function report(resource: Resource, ctx: CheckContext, entries: Entry[], hidden: boolean): CheckResult | CheckResult[] {
  const failures: CheckResult[] = [];
  let unknown = hidden;
  for (const e of entries) {
    const v = evaluateEntry(e);
    if (v.state === 'unknown') unknown = true;
    if (v.state !== 'yes') continue;
    const fix = resource.format === 'terraform' ? closeSourcesFix(ctx, resource.file, v.open, PLACEHOLDERS, FIX_TITLE) : cfnCloseSourcesFix(ctx, resource, v.open);
    failures.push(
      result.fail(resource, v.open[0]?.range ?? e.fallback, {
        message: `Network ACL allows ${v.services.join(' and ')} from ${[...new Set(v.cidrs)].join(' and ')}`,
        fixes: fix ? [fix] : [],
      }),
    );
  }
  if (failures.length) return failures;
  if (unknown) return result.skip(resource, 'some entries are not known');
  return result.pass(resource);
}

/**
 * Network ACL entries do not allow SSH or RDP from the whole internet. Entries that allow all
 * traffic (protocol -1, or every port) are how AWS's default ACL looks and are not reported; the
 * rule targets deliberate admin-port openings. Rule ordering (a lower-numbered deny) is not
 * evaluated.
 */
export const rule: Rule = {
  meta: {
    id: 'aws-network-acl-no-public-admin-ports',
    title: 'Network ACL does not allow admin ports from anywhere',
    failMessage: 'Network ACL allows SSH or RDP from the internet',
    rationale:
      'Network ACLs are the subnet-level layer of defence in depth. An entry that explicitly allows SSH (22) or RDP (3389) from 0.0.0.0/0 removes that layer for the most attacked services on the internet, so one permissive security group is all that stands between a brute-force campaign and a server. Admin access belongs behind a VPN, Session Manager or a bastion with a narrow source range.',
    remediation:
      'Set `cidr_block` (or `CidrBlock`) of the entry to your admin network, or remove the entry and use AWS Systems Manager Session Manager for shell access.',
    severity: 'medium',
    themes: ['network-security-segmentation'],
    resourceTypes: {
      terraform: ['aws_network_acl', 'aws_default_network_acl', 'aws_network_acl_rule'],
      cloudformation: ['AWS::EC2::NetworkAclEntry'],
    },
    peers: {
      checkov: ['CKV_AWS_232', 'CKV_AWS_231'],
      trivy: ['AVD-AWS-0105'],
      kics: ['Network ACL With Unrestricted Access To SSH', 'Network ACL With Unrestricted Access To RDP'],
      guard: ['EC2_NETWORK_ACL_PORT_RANGE_RULE'],
    },
  },
  check: {
    terraform(resource, ctx) {
      if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
      if (resource.type === 'aws_network_acl_rule') {
        const egress = attr(resource.body, 'egress');
        const isEgress = egress ? asBool(egress.value) : false;
        if (isEgress === undefined) return result.skip(resource, 'egress is not known');
        if (isEgress) return result.skip(resource, 'egress rule');
        return report(resource, ctx, [tfEntry(resource.body, 'rule_action', resource.headerRange)], false);
      }
      const entries = blocks(resource.body, 'ingress').map((b) => tfEntry(b.body, 'action', b.headerRange));
      const inline = attr(resource.body, 'ingress');
      const hidden = hasDynamicBlocks(resource.body, 'ingress') || (inline !== undefined && inline.value.kind !== 'null');
      return report(resource, ctx, entries, hidden);
    },
    cloudformation(resource, ctx) {
      const egress = attr(resource.body, 'Egress');
      const isEgress = egress ? asBool(egress.value) : false;
      if (isEgress === undefined) return result.skip(resource, 'Egress is not known');
      if (isEgress) return result.skip(resource, 'egress entry');
      const sources: Source[] = [];
      for (const name of ['CidrBlock', 'Ipv6CidrBlock']) {
        const a = attr(resource.body, name);
        if (a) sources.push({ name, value: a.value, range: a.range });
      }
      const range = attr(resource.body, 'PortRange')?.value;
      const entry: Entry = {
        action: attr(resource.body, 'RuleAction')?.value,
        protocol: attr(resource.body, 'Protocol')?.value,
        from: field(range, 'From'),
        to: field(range, 'To'),
        sources,
        fallback: resource.headerRange,
      };
      return report(resource, ctx, [entry], false);
    },
  },
};
