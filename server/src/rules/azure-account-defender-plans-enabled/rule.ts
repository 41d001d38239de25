import { attr } from '../../model/access';
import type { Resource } from '../../model/types';
import { accountProviderSkip, AZURE_SUBSCRIPTION_BASELINE_HINTS, instanceStrings, scopeResourcesOfType } from '../shared/azurenet';
import { result, type AccountEvidence, type CheckContext, type CheckResult, type Rule } from '../types';

const PRICING = 'azurerm_security_center_subscription_pricing';

/**
 * The plans that protect the workload types nearly every subscription runs. `Containers` replaced
 * `KubernetesService` + `ContainerRegistry`; either spelling of the container plan counts.
 */
const REQUIRED: Array<{ label: string; types: string[] }> = [
  { label: 'VirtualMachines (Servers)', types: ['virtualmachines'] },
  { label: 'SqlServers', types: ['sqlservers'] },
  { label: 'StorageAccounts', types: ['storageaccounts'] },
  { label: 'KeyVaults', types: ['keyvaults'] },
  { label: 'Containers', types: ['containers', 'kubernetesservice'] },
];

/** The plan types (lower case) and tier of a pricing resource; `undefined` parts are unknown. */
function planOf(ctx: CheckContext, p: Resource): { types: string[] | undefined; tier: string | undefined } {
  const types = instanceStrings(ctx, p, p.body, 'resource_type');
  const tiers = instanceStrings(ctx, p, p.body, 'tier');
  return {
    // resource_type defaults to VirtualMachines.
    types: types === undefined ? undefined : (types ?? ['VirtualMachines']).map((t) => t.toLowerCase()),
    tier: tiers && tiers.length === 1 ? tiers[0] : undefined,
  };
}

/** Evidence per required plan in a module scope: a plan declared with a known tier is defined. */
function assess(ctx: CheckContext): AccountEvidence[] {
  const evidence = REQUIRED.map((): AccountEvidence => 'none');
  for (const p of scopeResourcesOfType(ctx, PRICING)) {
    const { types, tier } = planOf(ctx, p);
    REQUIRED.forEach((req, i) => {
      if (evidence[i] === 'defined') return;
      if (types === undefined) evidence[i] = 'unknown';
      else if (req.types.some((t) => types.includes(t))) evidence[i] = tier === undefined ? 'unknown' : 'defined';
    });
  }
  return evidence;
}

/** A core plan declared on the Free tier is reported at its `tier`. */
function checkPricing(resource: Resource, ctx: CheckContext): CheckResult {
  const { types, tier } = planOf(ctx, resource);
  if (types === undefined || tier === undefined) return result.skip(resource, 'the plan type or tier is not known');
  const core = REQUIRED.filter((req) => req.types.some((t) => types.includes(t))).map((req) => req.label);
  if (!core.length) return result.skip(resource, 'not one of the core plans');
  if (tier.toLowerCase() === 'standard') return result.pass(resource);
  const range = attr(resource.body, 'tier')?.range ?? resource.headerRange;
  return result.fail(resource, range, { message: `Defender for Cloud plan ${core.join(', ')} is on the ${tier} tier: no threat detection for these resources` });
}

/**
 * Account-level: the workspace that configures the azurerm provider turns on the core Microsoft
 * Defender for Cloud plans, i.e. has an `azurerm_security_center_subscription_pricing` with
 * `tier = "Standard"` for each of VirtualMachines, SqlServers, StorageAccounts, KeyVaults and
 * Containers (`resource_type` defaults to VirtualMachines). A core plan declared on the Free tier is
 * reported at its `tier`; plans declared nowhere in the workspace are reported once, at one
 * `provider "azurerm"` block without alias (the first root module's), unless a module we cannot
 * read may declare them. Off by default.
 */
export const rule: Rule = {
  meta: {
    id: 'azure-account-defender-plans-enabled',
    title: 'Subscription enables the core Defender for Cloud plans',
    failMessage: 'Microsoft Defender for Cloud plans are not all set to Standard in this configuration',
    rationale:
      'The free tier of Defender for Cloud only assesses configuration; the paid plans are what detect attacks in progress: malware and suspicious processes on servers, SQL injection and anomalous database access, malicious blob uploads, unusual Key Vault access and container runtime threats. Without them, a compromise of these core services raises no alert. Declaring the plans in code makes that coverage reviewable and keeps it from being switched off quietly.',
    remediation:
      'Add one `azurerm_security_center_subscription_pricing` per plan with `tier = "Standard"` and `resource_type` set to `VirtualMachines`, `SqlServers`, `StorageAccounts`, `KeyVaults` and `Containers`.',
    severity: 'medium',
    themes: ['monitoring-alerting', 'vulnerability-patch-management'],
    resourceTypes: { terraform: ['provider.azurerm', PRICING] },
    peers: {
      checkov: ['CKV_AZURE_19', 'CKV_AZURE_55', 'CKV_AZURE_69', 'CKV_AZURE_84', 'CKV_AZURE_85', 'CKV_AZURE_87'],
      trivy: ['AVD-AZU-0045'],
      kics: ['Security Center Pricing Tier Is Not Standard'],
    },
    defaultEnabled: false,
  },
  check: {
    terraform: (resource, ctx) => accountProviderSkip(resource) ?? checkPricing(resource, ctx),
  },
  account: {
    provider: 'azurerm',
    requirements: REQUIRED.map((r) => r.label),
    assess,
    sourceHints: ['defender', 'defender-for-cloud', 'security-center', 'securitycenter', 'mdc', ...AZURE_SUBSCRIPTION_BASELINE_HINTS],
    message: 'Defender for Cloud plans declared nowhere in the workspace',
  },
};
