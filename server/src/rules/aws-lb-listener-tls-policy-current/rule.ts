import { asString, attr } from '../../model/access';
import type { Attribute, Resource } from '../../model/types';
import { replaceValue } from '../fixkit';
import { editableInPlace } from '../shared/awsdata';
import { result, type CheckContext, type CheckResult, type Rule } from '../types';

/**
 * True when the attribute's value is written in place (`false`, `"x"`), not resolved through a
 * variable, local or module input: those are fixed where they are defined, not at the use site.
 */
function writtenInPlace(ctx: CheckContext, file: string, a: Attribute): boolean {
  const r = a.value.range;
  const text = ctx.fileText(file).slice(r.start.offset, r.end.offset).trim();
  return /^(true|false|null|"[^"$%]*")$/.test(text);
}


const RECOMMENDED = 'ELBSecurityPolicy-TLS13-1-2-2021-06';

/**
 * Predefined ELB security policies that still negotiate TLS 1.0 or 1.1, with the oldest version
 * each accepts. Only names known to be outdated are reported: custom, newer or unrecognised
 * policy names stay silent.
 */
const OUTDATED: Record<string, string> = {
  'ELBSecurityPolicy-2015-05': 'TLS 1.0',
  'ELBSecurityPolicy-2016-08': 'TLS 1.0',
  'ELBSecurityPolicy-TLS-1-0-2015-04': 'TLS 1.0',
  'ELBSecurityPolicy-FS-2018-06': 'TLS 1.0',
  'ELBSecurityPolicy-TLS-1-1-2017-01': 'TLS 1.1',
  'ELBSecurityPolicy-FS-1-1-2019-08': 'TLS 1.1',
};

/** The oldest TLS version a predefined policy accepts, when it is below 1.2. */
export function outdatedProtocol(policy: string): string | undefined {
  const name = policy.trim();
  if (OUTDATED[name]) return OUTDATED[name];
  // TLS 1.3 families name their minimum version: ELBSecurityPolicy-TLS13-1-0-2021-06,
  // ELBSecurityPolicy-TLS13-1-1-FIPS-2023-04, ...
  const m = /^ELBSecurityPolicy-TLS13-1-([0-3])-/.exec(name);
  if (m && (m[1] === '0' || m[1] === '1')) return `TLS 1.${m[1]}`;
  return undefined;
}

const SECURE = ['HTTPS', 'TLS'];

/** A result, or the outdated policy attribute to report. */
function check(resource: Resource, protocolName: string, policyName: string): CheckResult | { policy: Attribute; outdated: string } {
  const protocolAttr = attr(resource.body, protocolName);
  const protocol = asString(protocolAttr?.value)?.toUpperCase();
  if (protocolAttr && protocol === undefined) return result.skip(resource, 'listener protocol is not known statically');
  if (!protocol || !SECURE.includes(protocol)) return result.skip(resource, 'not an HTTPS or TLS listener');
  const policy = attr(resource.body, policyName);
  // Omitted: the API picks a default that has changed over time; we do not guess it.
  if (!policy) return result.skip(resource, `${policyName} not set: the AWS default applies`);
  const name = asString(policy.value);
  if (name === undefined) return result.skip(resource, `${policyName} is not known statically`);
  const outdated = outdatedProtocol(name);
  if (!outdated) return result.pass(resource, policy.range);
  return { policy, outdated };
}

function message(outdated: string): string {
  return `Listener security policy still accepts ${outdated}; use a TLS 1.2+ policy such as ${RECOMMENDED}`;
}

/** HTTPS and TLS listeners use an ELB security policy whose minimum protocol is TLS 1.2. */
export const rule: Rule = {
  meta: {
    id: 'aws-lb-listener-tls-policy-current',
    title: 'Load balancer TLS listener requires TLS 1.2 or later',
    failMessage: 'Load balancer listener security policy allows TLS 1.0 or 1.1',
    rationale:
      'TLS 1.0 and 1.1 rely on outdated constructions (CBC ciphers with MAC-then-encrypt, SHA-1 in the handshake) that are deprecated by RFC 8996 and no longer accepted under PCI DSS or most security baselines. A listener that still offers them lets a network attacker push clients onto the weakest shared protocol. Choosing a TLS 1.2+ security policy, preferably one that also offers TLS 1.3, keeps encryption in transit at a level auditors accept.',
    remediation:
      `Set \`ssl_policy\` (Terraform) or \`SslPolicy\` (CloudFormation) on the HTTPS/TLS listener to a TLS 1.2+ policy: \`${RECOMMENDED}\` (recommended), an \`ELBSecurityPolicy-TLS13-1-2-*\`, \`ELBSecurityPolicy-TLS-1-2-*\` or \`ELBSecurityPolicy-FS-1-2-*\` policy.`,
    severity: 'high',
    themes: ['encryption-in-transit'],
    resourceTypes: {
      terraform: ['aws_lb_listener', 'aws_alb_listener'],
      cloudformation: ['AWS::ElasticLoadBalancingV2::Listener'],
    },
    peers: {
      checkov: ['CKV_AWS_103'],
      trivy: ['AVD-AWS-0047', 'aws-elb-use-secure-tls-policy'],
      kics: ['ELB Using Insecure Protocols'],
      guard: ['ELBV2_LISTENER_SSL_POLICY_RULE'],
    },
  },
  check: {
    terraform(resource, ctx) {
      if (resource.kind !== 'resource') return result.skip(resource, 'data source');
      const r = check(resource, 'protocol', 'ssl_policy');
      if ('status' in r) return r;
      const policy = r.policy;
      const fixes = writtenInPlace(ctx, resource.file, policy)
        ? [{ title: `Use ${RECOMMENDED} (clients limited to TLS 1.0/1.1 can no longer connect)`, safety: 'suggestion' as const, edits: [replaceValue(resource.file, policy, JSON.stringify(RECOMMENDED))] }]
        : [];
      return result.fail(resource, policy.range, { message: message(r.outdated), fixes });
    },
    cloudformation(resource) {
      const r = check(resource, 'Protocol', 'SslPolicy');
      if ('status' in r) return r;
      const policy = r.policy;
      // YAML writes the policy name unquoted: any literal written here is replaced in place.
      const fixes = editableInPlace(resource, policy.value, policy.range)
        ? [{ title: `Use ${RECOMMENDED} (clients limited to TLS 1.0/1.1 can no longer connect)`, safety: 'suggestion' as const, edits: [replaceValue(resource.file, policy, JSON.stringify(RECOMMENDED))] }]
        : [];
      return result.fail(resource, policy.range, { message: message(r.outdated), fixes });
    },
  },
};
