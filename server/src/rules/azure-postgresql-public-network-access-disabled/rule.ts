import { asBool, attr } from '../../model/access';
import { replaceValue } from '../fixkit';
import { checkToggle } from '../shared/azuredata';
import { result, type Rule } from '../types';

const SINGLE = 'azurerm_postgresql_server';
const FLEX = 'azurerm_postgresql_flexible_server';
const FIX_TITLE = 'Disable public network access (clients must connect through a private endpoint or VNet)';

/**
 * Azure Database for PostgreSQL servers are not reachable over a public endpoint. Single servers:
 * `public_network_access_enabled`, default `true`. Flexible servers: VNet integration
 * (`delegated_subnet_id`) means no public endpoint; otherwise `public_network_access_enabled`
 * (default `true`) must be `false`.
 */
export const rule: Rule = {
  meta: {
    id: 'azure-postgresql-public-network-access-disabled',
    title: 'PostgreSQL server has public network access disabled',
    failMessage: 'PostgreSQL server has a public endpoint',
    rationale:
      'With public network access, the server\'s endpoint is on the internet and its firewall rules are the only barrier; those are easily widened, for example to all Azure services. VNet integration or private endpoints with public access off make the database reachable only from networks you control, so a leaked password is not enough to connect from anywhere.',
    remediation:
      'Flexible server: deploy it into a delegated subnet (`delegated_subnet_id`, `private_dns_zone_id`) or set `public_network_access_enabled = false` and add a private endpoint. Single server: set `public_network_access_enabled = false` and use a private endpoint.',
    severity: 'medium',
    themes: ['network-security-segmentation', 'public-exposure-data-leakage'],
    resourceTypes: { terraform: [SINGLE, FLEX] },
    peers: {
      checkov: ['CKV_AZURE_68'],
      trivy: ['AVD-AZU-0022', 'azure-database-no-public-access'],
    },
  },
  check: {
    terraform(resource, ctx) {
      if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
      if (resource.type === SINGLE) {
        return checkToggle(resource, ctx, {
          names: ['public_network_access_enabled'],
          want: false,
          providerDefault: true,
          missingMessage: 'public_network_access_enabled is not set and defaults to true: the server has a public endpoint',
          wrongMessage: () => 'public_network_access_enabled is true: the server has a public endpoint',
          fix: { title: FIX_TITLE, safety: 'suggestion' },
        });
      }
      const pub = attr(resource.body, 'public_network_access_enabled');
      const pubValue = !pub || pub.value.kind === 'null' ? undefined : asBool(pub.value);
      if (pubValue === false) return result.pass(resource, pub?.range);
      const subnet = attr(resource.body, 'delegated_subnet_id');
      if (subnet && subnet.value.kind !== 'null') return subnet.value.kind === 'unknown' && !subnet.value.refs?.length ? result.skip(resource, 'delegated_subnet_id is unknown') : result.pass(resource, subnet.range);
      if (pub && pub.value.kind !== 'null') {
        if (pubValue === undefined) return result.skip(resource, 'public_network_access_enabled is unknown');
        return result.fail(resource, pub.range, {
          message: 'public_network_access_enabled is true: the server has a public endpoint',
          fixes: [{ title: FIX_TITLE, safety: 'suggestion', edits: [replaceValue(resource.file, pub, 'false')] }],
        });
      }
      return result.fail(resource, resource.headerRange, {
        message: 'The flexible server has no delegated subnet and public network access is not disabled (it defaults to true): the server has a public endpoint',
      });
    },
  },
};
