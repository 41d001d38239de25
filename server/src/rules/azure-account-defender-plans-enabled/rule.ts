import { accountScopeSkip, instanceStrings, moduleResourcesOfType } from '../shared/azurenet';
import { result, type Rule } from '../types';

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

/**
 * Account-level: the module that configures the azurerm provider turns on the core Microsoft
 * Defender for Cloud plans, i.e. has an `azurerm_security_center_subscription_pricing` with
 * `tier = "Standard"` for each of VirtualMachines, SqlServers, StorageAccounts, KeyVaults and
 * Containers (`resource_type` defaults to VirtualMachines). Off by default; reported once at the
 * default `provider "azurerm"` block.
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
    resourceTypes: { terraform: ['provider.azurerm'] },
    peers: {
      checkov: ['CKV_AZURE_19', 'CKV_AZURE_55', 'CKV_AZURE_69', 'CKV_AZURE_84', 'CKV_AZURE_85', 'CKV_AZURE_87'],
      trivy: ['AVD-AZU-0045'],
      kics: ['Security Center Pricing Tier Is Not Standard'],
    },
    defaultEnabled: false,
  },
  check: {
    terraform(resource, ctx) {
      const skip = accountScopeSkip(resource);
      if (skip) return skip;
      const standard = new Set<string>();
      let unknown = false;
      for (const p of moduleResourcesOfType(ctx, 'azurerm_security_center_subscription_pricing')) {
        const types = instanceStrings(ctx, p, p.body, 'resource_type');
        const tiers = instanceStrings(ctx, p, p.body, 'tier');
        if (types === undefined || !tiers || tiers.length !== 1) {
          unknown = true;
          continue;
        }
        if (tiers[0].toLowerCase() !== 'standard') continue;
        for (const type of types ?? ['VirtualMachines']) standard.add(type.toLowerCase());
      }
      const missing = REQUIRED.filter((r) => !r.types.some((t) => standard.has(t))).map((r) => r.label);
      if (!missing.length) return result.pass(resource);
      if (unknown) return result.skip(resource, 'some Defender plan types or tiers are unknown');
      return result.fail(resource, resource.headerRange, {
        message: `Defender for Cloud plans not set to Standard in this configuration: ${missing.join(', ')}`,
      });
    },
  },
};
