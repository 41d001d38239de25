import { DB_FIREWALL_RULE_TYPES, firewallRange, serverPublicAccessDisabled } from '../shared/azuredata';
import { result, type Rule } from '../types';

/**
 * Database servers do not use the 0.0.0.0–0.0.0.0 firewall rule, which Azure SQL, PostgreSQL and
 * MySQL interpret as "allow access from all Azure services", including other customers' resources.
 */
export const rule: Rule = {
  meta: {
    id: 'azure-database-firewall-no-azure-services-rule',
    title: 'Database firewall does not allow all Azure services',
    failMessage: 'Database firewall allows connections from any Azure service, in any tenant',
    rationale:
      'The 0.0.0.0–0.0.0.0 firewall rule ("Allow Azure services and resources to access this server") admits every IP address owned by Azure, not just your own subscriptions: a virtual machine or function app in anyone else\'s tenant can reach the server. It is convenient for connecting platform services, but it turns the firewall into a formality for a large and attacker-accessible address space. Private endpoints, VNet rules or specific outbound addresses give the same connectivity without it.',
    remediation:
      'Remove the `0.0.0.0`–`0.0.0.0` rule and connect Azure services through private endpoints, VNet integration or firewall rules for their specific outbound addresses.',
    severity: 'medium',
    themes: ['network-security-segmentation'],
    resourceTypes: { terraform: [...DB_FIREWALL_RULE_TYPES] },
  },
  check: {
    terraform(resource, ctx) {
      if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
      const range = firewallRange(resource);
      if (range === 'unknown') return result.skip(resource, 'the address range is unknown');
      if (range === 'invalid') return result.skip(resource, 'the address range is not a pair of IPv4 addresses');
      if (range.start !== 0 || range.end !== 0) return result.pass(resource, range.startAttr.range);
      if (serverPublicAccessDisabled(resource, ctx) === true) return result.pass(resource);
      return result.fail(resource, range.startAttr.range, {
        message: 'The 0.0.0.0–0.0.0.0 rule allows every Azure-hosted resource, in any tenant, to reach the server',
      });
    },
  },
};
