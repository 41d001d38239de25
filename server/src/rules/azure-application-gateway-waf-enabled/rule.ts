import { asBool, asString, attr, blocks, hasDynamicBlocks } from '../../model/access';
import type { Resource } from '../../model/types';
import { replaceValue } from '../fixkit';
import { firstBlock, isSet, managedOnly } from '../shared/azurenet';
import { result, type CheckContext, type CheckResult, type Rule } from '../types';

const TO_PREVENTION = 'Switch the WAF to Prevention mode (matching requests are blocked: review Detection-mode logs for false positives first)';

function checkGateway(resource: Resource): CheckResult {
  const frontends = blocks(resource.body, 'frontend_ip_configuration');
  const isPublic = frontends.some((f) => isSet(f.body, 'public_ip_address_id'));
  if (!isPublic) {
    return result.skip(resource, hasDynamicBlocks(resource.body, 'frontend_ip_configuration') ? 'frontends come from a dynamic block' : 'no public frontend: internal gateway');
  }
  const tierAttr = attr(firstBlock(resource.body, 'sku')?.body ?? resource.body, 'tier');
  const tier = asString(tierAttr?.value);
  if (!tierAttr || tier === undefined) return result.skip(resource, 'sku tier is unknown');
  if (!tier.toUpperCase().startsWith('WAF')) {
    return result.fail(resource, tierAttr.range, { message: `Internet-facing Application Gateway uses the ${tier} tier, which has no web application firewall` });
  }
  if (isSet(resource.body, 'firewall_policy_id')) return result.pass(resource, attr(resource.body, 'firewall_policy_id')!.range);
  const waf = firstBlock(resource.body, 'waf_configuration');
  if (!waf) {
    if (hasDynamicBlocks(resource.body, 'waf_configuration')) return result.skip(resource, 'WAF configuration comes from a dynamic block');
    return result.fail(resource, resource.headerRange, { message: 'Application Gateway has a WAF tier but neither waf_configuration nor firewall_policy_id: no WAF rules apply' });
  }
  const enabled = attr(waf.body, 'enabled');
  const on = enabled ? asBool(enabled.value) : undefined;
  if (enabled && on === false) {
    return result.fail(resource, enabled.range, {
      message: 'Application Gateway WAF is switched off (waf_configuration.enabled = false)',
      fixes: [{ title: 'Switch the WAF on (check the mode: Prevention blocks matching requests)', safety: 'suggestion', edits: [replaceValue(resource.file, enabled, 'true')] }],
    });
  }
  const mode = attr(waf.body, 'firewall_mode');
  const m = mode ? asString(mode.value) : undefined;
  if (mode && m?.toLowerCase() === 'detection') {
    return result.fail(resource, mode.range, {
      message: 'Application Gateway WAF only logs attacks (firewall_mode = "Detection")',
      fixes: [{ title: TO_PREVENTION, safety: 'suggestion', edits: [replaceValue(resource.file, mode, '"Prevention"')] }],
    });
  }
  if (on === undefined || m === undefined) return result.skip(resource, 'WAF enabled flag or mode is unknown');
  return result.pass(resource, mode!.range);
}

function checkPolicy(resource: Resource): CheckResult | CheckResult[] {
  const settings = firstBlock(resource.body, 'policy_settings');
  if (!settings) return result.pass(resource); // defaults: enabled, Prevention
  const out: CheckResult[] = [];
  const enabled = attr(settings.body, 'enabled');
  const on = enabled ? asBool(enabled.value) : true;
  if (enabled && on === false) {
    out.push(
      result.fail(resource, enabled.range, {
        message: 'WAF policy is switched off (policy_settings.enabled = false)',
        fixes: [{ title: 'Switch the WAF policy on', safety: 'suggestion', edits: [replaceValue(resource.file, enabled, 'true')] }],
      }),
    );
  }
  const mode = attr(settings.body, 'mode');
  const m = mode ? asString(mode.value) : 'Prevention';
  if (mode && m?.toLowerCase() === 'detection') {
    out.push(
      result.fail(resource, mode.range, {
        message: 'WAF policy only logs attacks (mode = "Detection")',
        fixes: [{ title: TO_PREVENTION, safety: 'suggestion', edits: [replaceValue(resource.file, mode, '"Prevention"')] }],
      }),
    );
  }
  if (out.length) return out;
  if (on === undefined || m === undefined) return result.skip(resource, 'WAF policy enabled flag or mode is unknown');
  return result.pass(resource);
}

/**
 * An internet-facing Application Gateway runs a WAF in Prevention mode: a WAF tier (`WAF`,
 * `WAF_v2`) with `waf_configuration` enabled in Prevention mode, or a `firewall_policy_id` whose
 * `azurerm_web_application_firewall_policy` is enabled in Prevention mode (the policy's defaults).
 * Gateways without a public frontend are skipped.
 */
export const rule: Rule = {
  meta: {
    id: 'azure-application-gateway-waf-enabled',
    title: 'Application Gateway WAF blocks attacks (Prevention)',
    failMessage: 'Internet-facing Application Gateway has no WAF in Prevention mode',
    rationale:
      'An Application Gateway that publishes web applications to the internet without a web application firewall passes SQL injection, cross-site scripting, path traversal and known-exploit payloads straight to the back ends. A WAF in Detection mode only writes logs about them. Running the OWASP core rule set in Prevention mode blocks the common attack classes before they reach code, which matters most for applications that cannot be patched quickly.',
    remediation:
      'Use the `WAF_v2` SKU and attach an `azurerm_web_application_firewall_policy` (`firewall_policy_id`) with `policy_settings { mode = "Prevention" }`, or a `waf_configuration` block with `enabled = true` and `firewall_mode = "Prevention"`.',
    severity: 'medium',
    themes: ['network-security-segmentation', 'public-exposure-data-leakage'],
    resourceTypes: { terraform: ['azurerm_application_gateway', 'azurerm_web_application_firewall_policy'] },
    peers: {
      checkov: ['CKV_AZURE_120', 'CKV_AZURE_122'],
      kics: ['WAF Is Disabled For Azure Application Gateway'],
    },
  },
  check: {
    terraform(resource, _ctx: CheckContext) {
      const skip = managedOnly(resource);
      if (skip) return skip;
      return resource.type === 'azurerm_application_gateway' ? checkGateway(resource) : checkPolicy(resource);
    },
  },
};
