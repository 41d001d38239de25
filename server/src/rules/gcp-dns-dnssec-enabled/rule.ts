import { asString, attr, blocks, hasDynamicBlocks } from '../../model/access';
import { insertIntoTerraformBody, replaceValue } from '../fixkit';
import { result, type Rule } from '../types';

const FIX_TITLE = 'Sign the zone with DNSSEC (then publish the DS record at your registrar)';

/**
 * Public Cloud DNS zones are signed with DNSSEC (`dnssec_config { state = "on" }`). DNSSEC is off
 * unless configured; private zones (`visibility = "private"`) are skipped, as is `state =
 * "transfer"` (a zone being migrated with its existing keys).
 */
export const rule: Rule = {
  meta: {
    id: 'gcp-dns-dnssec-enabled',
    title: 'Public Cloud DNS zone is signed with DNSSEC',
    failMessage: 'Public Cloud DNS zone is not signed with DNSSEC',
    rationale:
      'Without DNSSEC, resolvers cannot tell a genuine answer for your domain from a forged one, so cache poisoning or an on-path attacker can send users and systems to an impostor host. Signing the zone lets validating resolvers reject tampered records; Cloud DNS manages the keys and re-signing once it is enabled.',
    remediation:
      'Add `dnssec_config { state = "on" }` to the public `google_dns_managed_zone`, then publish the DS record shown by `gcloud dns dns-keys list` at your domain registrar. Keep RSASHA1 out of `default_key_specs`.',
    severity: 'low',
    themes: ['encryption-in-transit', 'network-security-segmentation'],
    resourceTypes: { terraform: ['google_dns_managed_zone'] },
    peers: {
      checkov: ['CKV_GCP_16'],
      trivy: ['AVD-GCP-0013'],
    },
  },
  check: {
    terraform(resource, ctx) {
      if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
      const visibility = attr(resource.body, 'visibility');
      if (visibility && visibility.value.kind !== 'null') {
        const v = asString(visibility.value);
        if (v === undefined) return result.skip(resource, 'visibility is unknown');
        if (v.toLowerCase() === 'private') return result.skip(resource, 'private zone: DNSSEC applies to public zones');
      }
      const cfg = blocks(resource.body, 'dnssec_config')[0];
      if (!cfg) {
        if (hasDynamicBlocks(resource.body, 'dnssec_config')) return result.skip(resource, 'dnssec_config is set by a dynamic block');
        return result.fail(resource, resource.headerRange, {
          message: 'Public Cloud DNS zone has no dnssec_config: DNSSEC is off',
          fixes: [{ title: FIX_TITLE, safety: 'suggestion', edits: [insertIntoTerraformBody(ctx, resource.file, resource.body, resource.headerRange.start.offset, ['dnssec_config {', '  state = "on"', '}'])] }],
        });
      }
      const state = attr(cfg.body, 'state');
      if (!state || state.value.kind === 'null') {
        return result.fail(resource, cfg.headerRange, {
          message: 'dnssec_config does not set state (DNSSEC stays off)',
          fixes: [{ title: FIX_TITLE, safety: 'suggestion', edits: [insertIntoTerraformBody(ctx, resource.file, cfg.body, cfg.headerRange.start.offset, ['state = "on"'])] }],
        });
      }
      const s = asString(state.value);
      if (s === undefined) return result.skip(resource, 'dnssec state is unknown');
      if (s === 'on') return result.pass(resource, state.range);
      if (s === 'transfer') return result.skip(resource, 'zone is in DNSSEC transfer state');
      return result.fail(resource, state.range, { fixes: [{ title: FIX_TITLE, safety: 'suggestion', edits: [replaceValue(resource.file, state, '"on"')] }] });
    },
  },
};
