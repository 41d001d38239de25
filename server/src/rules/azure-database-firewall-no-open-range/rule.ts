import { DB_FIREWALL_RULE_TYPES, firewallRange, serverPublicAccessDisabled } from '../shared/azuredata';
import { result, type Rule } from '../types';

/** Half of the IPv4 space: a rule admitting this many addresses is open to the internet. */
const OPEN_THRESHOLD = 2 ** 31;

function formatCount(n: number): string {
  return n >= 2 ** 32 ? 'every IPv4 address' : `${n.toLocaleString('en-US')} addresses`;
}

/**
 * Database server firewall rules (Azure SQL, PostgreSQL and MySQL, single and flexible servers)
 * do not admit the internet: a range covering at least half of the IPv4 space is reported. The
 * special 0.0.0.0–0.0.0.0 "allow Azure services" rule is left to
 * `azure-database-firewall-no-azure-services-rule`.
 */
export const rule: Rule = {
  meta: {
    id: 'azure-database-firewall-no-open-range',
    title: 'Database firewall rule does not admit the internet',
    failMessage: 'Database firewall rule admits (nearly) every IPv4 address',
    rationale:
      'A server-level firewall rule from 0.0.0.0 to 255.255.255.255 switches the database firewall off: anyone on the internet can reach the server and try passwords, exploit authentication weaknesses or a leaked connection string. Such rules are usually added "temporarily" to unblock a developer and then forgotten. Admitting only the addresses or private networks that need the database keeps authentication from being the only line of defence.',
    remediation:
      'Replace the rule with rules for the specific public addresses that need access, or better, use private endpoints or VNet integration and disable public network access on the server.',
    severity: 'high',
    themes: ['network-security-segmentation', 'public-exposure-data-leakage'],
    resourceTypes: { terraform: [...DB_FIREWALL_RULE_TYPES] },
    peers: {
      checkov: ['CKV_AZURE_11'],
      trivy: ['AVD-AZU-0029', 'azure-database-no-public-firewall-access'],
      kics: ['SQLServer Ingress From Any IP', 'Unrestricted SQL Server Access'],
    },
  },
  check: {
    terraform(resource, ctx) {
      if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
      const range = firewallRange(resource);
      if (range === 'unknown') return result.skip(resource, 'the address range is unknown');
      if (range === 'invalid') return result.skip(resource, 'the address range is not a pair of IPv4 addresses');
      const count = range.end - range.start + 1;
      if (count < OPEN_THRESHOLD) return result.pass(resource, range.startAttr.range);
      if (serverPublicAccessDisabled(resource, ctx) === true) return result.pass(resource);
      return result.fail(resource, range.startAttr.range, {
        message: `The firewall rule admits ${formatCount(count)}: the database server is open to the internet`,
      });
    },
  },
};
