import type { Resource } from '../../model/types';
import { cloudFormationValueText, withCfnParameter } from '../fixkit';
import { closeSourcesFix, dbExposure, ingressPermissions, type Source } from '../shared/awsaccess';
import { isLiteral } from '../shared/awsdata';
import { SECURITY_GROUP_TYPES } from '../shared/securityGroup';
import { attachedSuffix } from '../shared/usage';
import { result, type CheckContext, type CheckResult, type Fix, type Rule } from '../types';

const PLACEHOLDERS: Record<string, string> = {
  cidr_blocks: 'db_client_cidr_blocks',
  ipv6_cidr_blocks: 'db_client_ipv6_cidr_blocks',
  cidr_ipv4: 'db_client_cidr_ipv4',
  cidr_ipv6: 'db_client_cidr_ipv6',
};

const FIX_TITLE = 'Restrict database access to your application network';

/** CloudFormation: the template parameter that replaces an open source, per property. */
const CFN_PARAMETERS: Record<string, string> = { CidrIp: 'DbClientCidrIp', CidrIpv6: 'DbClientCidrIpv6' };

/**
 * CloudFormation form of the fix: each literal `0.0.0.0/0` / `::/0` becomes a `Ref` to a parameter
 * the fix declares (no default: deploying asks for the range). None when a source is not a literal.
 */
function cfnCloseSourcesFix(ctx: CheckContext, resource: Resource, open: Source[]): Fix | undefined {
  const edits: Fix['edits'] = [];
  const names: string[] = [];
  for (const src of open) {
    const name = CFN_PARAMETERS[src.name];
    if (!name || !isLiteral(src.value) || (src.value.file !== undefined && src.value.file !== resource.file)) return undefined;
    const range = src.value.range;
    const description = `${src.name === 'CidrIp' ? 'IPv4' : 'IPv6'} range (CIDR) of the clients that may reach the database`;
    const closing = withCfnParameter(ctx, resource, name, { description }, (ref) => ({ file: resource.file, range, newText: cloudFormationValueText(ctx, resource.file, ref) }));
    if (!closing) return undefined;
    edits.push(...closing);
    names.push(name);
  }
  return edits.length ? { title: `${FIX_TITLE}: use the ${names.join(' and ')} parameter (added: set it to your ranges)`, safety: 'suggestion', edits } : undefined;
}

function check(resource: Resource, ctx: CheckContext): CheckResult | CheckResult[] {
  if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
  const collected = ingressPermissions(resource);
  if (collected.notApplicable) return result.skip(resource, collected.notApplicable);
  const failures: CheckResult[] = [];
  let undecided = collected.hidden;
  let allPorts = false;
  let attached: string | undefined;
  for (const p of collected.permissions) {
    const ex = dbExposure(p);
    if (ex.state === 'unknown') undecided = true;
    else if (ex.state === 'all-ports') allPorts = true;
    else if (ex.state === 'yes') {
      const services = [...new Set(ex.ports.map((d) => `${d.service} (${d.port})`))];
      const fix = resource.format === 'terraform' ? closeSourcesFix(ctx, resource.file, ex.open, PLACEHOLDERS, FIX_TITLE) : cfnCloseSourcesFix(ctx, resource, ex.open);
      attached ??= attachedSuffix(resource, ctx);
      failures.push(
        result.fail(resource, ex.open[0]?.range ?? p.fallbackRange, {
          message: `Security group opens ${services.join(', ')} to ${ex.cidrs.join(' and ')}${attached}`,
          fixes: fix ? [fix] : [],
        }),
      );
    }
  }
  if (failures.length) return failures;
  if (allPorts) return result.skip(resource, 'open on all ports: reported by aws-security-group-no-public-all-ports');
  if (undecided) return result.skip(resource, 'some ingress sources, protocols or ports are not known');
  return result.pass(resource);
}

/**
 * No security group lets the whole internet reach a database or cache port (MySQL, PostgreSQL,
 * SQL Server, Oracle, MongoDB, Redis, Memcached, Elasticsearch/OpenSearch, Kibana, Cassandra...).
 * A permission open on every port is left to aws-security-group-no-public-all-ports.
 */
export const rule: Rule = {
  meta: {
    id: 'aws-security-group-no-public-database-ports',
    title: 'Database ports are not open to the internet',
    failMessage: 'Security group opens a database port to the internet',
    rationale:
      'Databases, caches and search clusters reachable from 0.0.0.0/0 are found by internet-wide scanners within minutes and attacked with default credentials, password spraying and known exploits; Redis, Memcached, MongoDB and Elasticsearch have a long history of mass data theft and ransom campaigns when exposed. Data stores should only accept connections from the application tier: a security group reference or the private ranges of the VPC.',
    remediation:
      'Replace `0.0.0.0/0` / `::/0` with the application tier: `source_security_group_id` / `referenced_security_group_id` (`SourceSecurityGroupId` in CloudFormation) or the private CIDR of the subnets that need access. Reach the database from outside through a VPN, Session Manager port forwarding or a bastion, never directly.',
    severity: 'critical',
    themes: ['network-security-segmentation', 'public-exposure-data-leakage'],
    resourceTypes: SECURITY_GROUP_TYPES,
    peers: {
      checkov: ['CKV_AWS_260'],
      trivy: ['AVD-AWS-0107'],
      kics: ['Sensitive Port Is Exposed To Entire Network', 'Unrestricted Security Group Ingress'],
      guard: ['EC2_SECURITY_GROUP_INGRESS_OPEN_TO_WORLD_RULE'],
    },
  },
  check: { terraform: check, cloudformation: check },
};
