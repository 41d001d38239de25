import { asBool, asString, attr, blocks, hasDynamicBlocks } from '../../model/access';
import { insertIntoTerraformBody, replaceValue } from '../fixkit';
import { isWholeInternet } from '../shared/securityGroup';
import { result, type Fix, type Rule } from '../types';

const FIX_TITLE = 'Remove the public IP (clients must connect over the private network)';

/**
 * Cloud SQL instances have no public IPv4 address. `ipv4_enabled` defaults to true in the provider,
 * so an instance that does not set it (or has no `ip_configuration`) gets a public IP. The finding
 * names an authorized network of 0.0.0.0/0, which opens the database port to the internet.
 */
export const rule: Rule = {
  meta: {
    id: 'gcp-sql-instance-no-public-ip',
    title: 'Cloud SQL instance has no public IP address',
    failMessage: 'Cloud SQL instance has a public IP address',
    rationale:
      'A public IP puts the database on the internet: with authorized networks it accepts direct connections from those ranges, and an authorized network of 0.0.0.0/0 lets anyone try passwords and exploits against it. Even without authorized networks the instance stays reachable through the Cloud SQL connectors from anywhere with valid IAM credentials. Private IP keeps database traffic inside your VPC and makes network position part of the defence.',
    remediation:
      'Set `ipv4_enabled = false` and `private_network = <VPC self link>` in `settings.ip_configuration` of the `google_sql_database_instance` (with private services access configured), and remove `authorized_networks` entries. Connect applications over the private IP or Private Service Connect. The `sql.restrictPublicIp` organization policy enforces this.',
    severity: 'high',
    themes: ['network-security-segmentation', 'public-exposure-data-leakage'],
    resourceTypes: { terraform: ['google_sql_database_instance'] },
    peers: {
      checkov: ['CKV_GCP_60', 'CKV_GCP_11'],
      trivy: ['AVD-GCP-0017', 'google-sql-no-public-access'],
    },
  },
  check: {
    terraform(resource, ctx) {
      if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
      const settings = blocks(resource.body, 'settings')[0];
      if (!settings) return result.skip(resource, hasDynamicBlocks(resource.body, 'settings') ? 'settings are set by a dynamic block' : 'no settings block');
      const ipc = blocks(settings.body, 'ip_configuration')[0];
      if (!ipc) {
        if (hasDynamicBlocks(settings.body, 'ip_configuration')) return result.skip(resource, 'ip_configuration is set by a dynamic block');
        return result.fail(resource, settings.headerRange, { message: 'Cloud SQL instance has no ip_configuration: it gets a public IP (ipv4_enabled defaults to true)' });
      }
      const v4 = attr(ipc.body, 'ipv4_enabled');
      const on = v4 && v4.value.kind !== 'null' ? asBool(v4.value) : true;
      if (on === undefined) return result.skip(resource, 'ipv4_enabled is unknown');
      if (!on) return result.pass(resource, v4!.range);
      // Public IP: name world-open authorized networks.
      for (const an of blocks(ipc.body, 'authorized_networks')) {
        const value = attr(an.body, 'value');
        const s = asString(value?.value);
        if (value && s !== undefined && isWholeInternet(s)) {
          return result.fail(resource, value.range, { message: `Cloud SQL instance has a public IP and authorizes ${s.trim()}: the database port is open to the whole internet` });
        }
      }
      const privateNet = attr(ipc.body, 'private_network');
      const fixes: Fix[] = [];
      if (privateNet && privateNet.value.kind !== 'null') {
        fixes.push({
          title: FIX_TITLE,
          safety: 'suggestion',
          edits: [v4 ? replaceValue(resource.file, v4, 'false') : insertIntoTerraformBody(ctx, resource.file, ipc.body, ipc.headerRange.start.offset, ['ipv4_enabled = false'])],
        });
      }
      return result.fail(resource, v4 ? v4.range : ipc.headerRange, {
        message: v4 ? undefined : 'Cloud SQL instance does not set ipv4_enabled: it gets a public IP (defaults to true)',
        fixes,
      });
    },
  },
};
