import { asString, attr, blocks, hasDynamicBlocks } from '../../model/access';
import type { Body, Resource } from '../../model/types';
import { addTerraformBlockAfter, isReferable, terraformRef } from '../fixkit';
import { insertInto, managedOnly } from '../shared/azurenet';
import { result, type CheckContext, type CheckResult, type Rule } from '../types';

const ASSOCIATION = 'azurerm_subnet_network_security_group_association';

/** Subnets Azure reserves for platform services: an NSG is unsupported or managed for them. */
const PLATFORM_SUBNETS = new Set(['gatewaysubnet', 'azurefirewallsubnet', 'azurefirewallmanagementsubnet', 'azurebastionsubnet', 'routeserversubnet']);

function platformSubnet(body: Body): boolean | undefined {
  const name = asString(attr(body, 'name')?.value);
  return name === undefined ? undefined : PLATFORM_SUBNETS.has(name.toLowerCase());
}

/** An association in this module whose subnet we cannot trace (no reference at all). */
function untraceableAssociation(ctx: CheckContext): boolean {
  return ctx.moduleResources.some((r) => {
    if (r.kind !== 'resource' || r.type !== ASSOCIATION) return false;
    const refs = [...(attr(r.body, 'subnet_id')?.value.refs ?? []), ...(attr(r.body, 'for_each')?.value.refs ?? []), ...(attr(r.body, 'count')?.value.refs ?? [])];
    return refs.length === 0 && attr(r.body, 'subnet_id')?.value.kind !== 'string';
  });
}

function checkSubnet(resource: Resource, ctx: CheckContext): CheckResult {
  const platform = platformSubnet(resource.body);
  if (platform === undefined) return result.skip(resource, 'subnet name unknown');
  if (platform) return result.skip(resource, 'platform subnet (gateway, firewall, bastion, route server)');
  if (ctx.referencesToOfType(resource, ASSOCIATION).length) return result.pass(resource);
  if (ctx.referencesTo(resource).some((r) => r.kind === 'module')) return result.skip(resource, 'subnet is passed to a module that may associate an NSG');
  if (untraceableAssociation(ctx)) return result.skip(resource, 'an NSG association in this module targets a subnet we cannot trace');
  const name = ctx.resolve(`${ASSOCIATION}.${resource.name}`) ? `${resource.name}_nsg` : resource.name;
  return result.fail(resource, resource.headerRange, {
    fixes: resource.repeated || !isReferable(resource)
      ? []
      : [
          {
            title: 'Associate an NSG with the subnet (uses placeholder var.network_security_group_id: declare it with your NSG id)',
            safety: 'suggestion',
            edits: [
              addTerraformBlockAfter(ctx, resource, [
                `resource "${ASSOCIATION}" "${name}" {`,
                `  subnet_id                 = ${terraformRef(resource)}`,
                '  network_security_group_id = var.network_security_group_id',
                '}',
              ]),
            ],
          },
        ],
  });
}

function checkVirtualNetwork(resource: Resource, ctx: CheckContext): CheckResult | CheckResult[] {
  if (ctx.referencesToOfType(resource, ASSOCIATION).length) return result.skip(resource, 'an NSG association refers to the network');
  const out: CheckResult[] = [];
  for (const subnet of blocks(resource.body, 'subnet')) {
    if (platformSubnet(subnet.body) !== false) continue;
    const sg = attr(subnet.body, 'security_group');
    if (sg && sg.value.kind !== 'null') {
      out.push(result.pass(resource, sg.range));
      continue;
    }
    out.push(
      result.fail(resource, subnet.headerRange, {
        message: 'Inline subnet has no network security group (security_group is not set)',
        fixes: [
          {
            title: 'Set security_group (uses placeholder var.network_security_group_id: declare it with your NSG id)',
            safety: 'suggestion',
            edits: [insertInto(ctx, resource, subnet, ['security_group = var.network_security_group_id'])],
          },
        ],
      }),
    );
  }
  if (out.length) return out;
  if (hasDynamicBlocks(resource.body, 'subnet')) return result.skip(resource, 'subnets come from a dynamic block');
  return result.skip(resource, 'no inline subnets');
}

/**
 * Every subnet has a network security group: an `azurerm_subnet` is referenced by an
 * `azurerm_subnet_network_security_group_association`, and inline `subnet` blocks of an
 * `azurerm_virtual_network` set `security_group`. Platform subnets (GatewaySubnet,
 * AzureFirewallSubnet, AzureFirewallManagementSubnet, AzureBastionSubnet, RouteServerSubnet) are
 * skipped, and so is anything whose association could live out of sight (a module call).
 */
export const rule: Rule = {
  meta: {
    id: 'azure-subnet-has-nsg',
    title: 'Subnet is protected by a network security group',
    failMessage: 'Subnet has no network security group associated',
    rationale:
      'A subnet without a network security group only has the Azure default rules, which allow all traffic inside the virtual network and from peered networks and load balancers. Any VM or service placed in it is then protected only by its own NIC settings, if any, and lateral movement between workloads is unrestricted. Associating an NSG with every subnet gives each network segment an explicit, reviewable set of allowed flows.',
    remediation:
      'Add an `azurerm_subnet_network_security_group_association` with `subnet_id = azurerm_subnet.<name>.id` and the id of an NSG that allows only the flows the subnet needs; for inline `subnet` blocks of `azurerm_virtual_network`, set `security_group`.',
    severity: 'medium',
    themes: ['network-security-segmentation'],
    resourceTypes: { terraform: ['azurerm_subnet', 'azurerm_virtual_network'] },
    peers: { checkov: ['CKV2_AZURE_31'] },
  },
  check: {
    terraform(resource, ctx) {
      const skip = managedOnly(resource);
      if (skip) return skip;
      return resource.type === 'azurerm_subnet' ? checkSubnet(resource, ctx) : checkVirtualNetwork(resource, ctx);
    },
  },
};
