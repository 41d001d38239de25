import { asBool, asString, attr, blocks, hasDynamicBlocks } from '../../model/access';
import { insertIntoTerraformBody, replaceAttribute, replaceValue } from '../fixkit';
import { result, type Fix, type Rule } from '../types';

const ENFORCING = ['ENCRYPTED_ONLY', 'TRUSTED_CLIENT_CERTIFICATE_REQUIRED'];
const FIX_TITLE = 'Require TLS (ssl_mode = "ENCRYPTED_ONLY"; clients without TLS are refused)';

/**
 * Cloud SQL instances refuse unencrypted connections. `ssl_mode` (provider 5.x and later) must be
 * `ENCRYPTED_ONLY` or `TRUSTED_CLIENT_CERTIFICATE_REQUIRED`; configurations that still use the
 * deprecated `require_ssl` (removed in provider 6) pass with `require_ssl = true` when `ssl_mode`
 * is not set. The default is `ALLOW_UNENCRYPTED_AND_ENCRYPTED`.
 */
export const rule: Rule = {
  meta: {
    id: 'gcp-sql-instance-ssl-required',
    title: 'Cloud SQL instance requires encrypted connections',
    failMessage: 'Cloud SQL instance accepts unencrypted connections',
    rationale:
      'By default Cloud SQL accepts plaintext connections over its IP addresses, so credentials and query results can cross the network readable by anyone who can observe or redirect the traffic, and a misconfigured client silently downgrades to no encryption. Enforcing TLS on the server makes encryption in transit a property of the database rather than of every client\'s configuration.',
    remediation:
      'Set `ssl_mode = "ENCRYPTED_ONLY"` (or `"TRUSTED_CLIENT_CERTIFICATE_REQUIRED"` to also require client certificates) in `settings.ip_configuration` of the `google_sql_database_instance`. Replace the deprecated `require_ssl` with `ssl_mode`. Cloud SQL Auth Proxy and the language connectors always use TLS.',
    severity: 'high',
    themes: ['encryption-in-transit'],
    resourceTypes: { terraform: ['google_sql_database_instance'] },
    peers: {
      checkov: ['CKV_GCP_6'],
      trivy: ['AVD-GCP-0015', 'google-sql-encrypt-in-transit-data'],
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
        return result.fail(resource, settings.headerRange, {
          message: 'Cloud SQL instance has no ip_configuration: ssl_mode defaults to ALLOW_UNENCRYPTED_AND_ENCRYPTED',
          fixes: [{ title: FIX_TITLE, safety: 'suggestion', edits: [insertIntoTerraformBody(ctx, resource.file, settings.body, settings.headerRange.start.offset, ['ip_configuration {', '  ssl_mode = "ENCRYPTED_ONLY"', '}'])] }],
        });
      }
      const mode = attr(ipc.body, 'ssl_mode');
      const requireSsl = attr(ipc.body, 'require_ssl');
      if (mode && mode.value.kind !== 'null') {
        const m = asString(mode.value);
        if (m === undefined) return result.skip(resource, 'ssl_mode is unknown');
        if (ENFORCING.includes(m)) return result.pass(resource, mode.range);
        return result.fail(resource, mode.range, {
          message: `Cloud SQL instance uses ssl_mode = "${m}": unencrypted connections are accepted`,
          fixes: [{ title: FIX_TITLE, safety: 'suggestion', edits: [replaceValue(resource.file, mode, '"ENCRYPTED_ONLY"')] }],
        });
      }
      if (requireSsl && requireSsl.value.kind !== 'null') {
        const on = asBool(requireSsl.value);
        if (on === undefined) return result.skip(resource, 'require_ssl is unknown');
        if (on) return result.pass(resource, requireSsl.range);
        const text = ctx.fileText(resource.file);
        const inside = requireSsl.value.range.start.offset >= requireSsl.range.start.offset && requireSsl.value.range.end.offset <= requireSsl.range.end.offset;
        const fixes: Fix[] = inside && text.slice(requireSsl.range.start.offset, requireSsl.range.end.offset).startsWith('require_ssl')
          ? [{ title: FIX_TITLE, safety: 'suggestion', edits: [replaceAttribute(resource.file, requireSsl, 'ssl_mode = "ENCRYPTED_ONLY"')] }]
          : [];
        return result.fail(resource, requireSsl.range, { message: 'Cloud SQL instance sets require_ssl = false: unencrypted connections are accepted', fixes });
      }
      return result.fail(resource, ipc.headerRange, {
        message: 'Cloud SQL instance does not set ssl_mode: it defaults to ALLOW_UNENCRYPTED_AND_ENCRYPTED',
        fixes: [{ title: FIX_TITLE, safety: 'suggestion', edits: [insertIntoTerraformBody(ctx, resource.file, ipc.body, ipc.headerRange.start.offset, ['ssl_mode = "ENCRYPTED_ONLY"'])] }],
      });
    },
  },
};
