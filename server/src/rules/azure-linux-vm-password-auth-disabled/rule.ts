import { asBool, attr, blocks } from '../../model/access';
import type { Body } from '../../model/types';
import { replaceValue } from '../fixkit';
import { firstBlock, managedOnly } from '../shared/azurenet';
import { result, type Fix, type Rule } from '../types';

/** Where the flag lives and where the SSH keys that must replace passwords live. */
function locate(body: Body, type: string): { body: Body; keyBlock: string } | undefined {
  switch (type) {
    case 'azurerm_virtual_machine': {
      const b = firstBlock(body, 'os_profile_linux_config');
      return b ? { body: b.body, keyBlock: 'ssh_keys' } : undefined;
    }
    case 'azurerm_orchestrated_virtual_machine_scale_set': {
      const b = firstBlock(firstBlock(body, 'os_profile')?.body ?? body, 'linux_configuration');
      return b && firstBlock(body, 'os_profile') ? { body: b.body, keyBlock: 'admin_ssh_key' } : undefined;
    }
    default:
      return { body, keyBlock: 'admin_ssh_key' };
  }
}

/**
 * Linux VMs and scale sets sign in with SSH keys only. `disable_password_authentication` defaults
 * to true on `azurerm_linux_virtual_machine(_scale_set)` and on the orchestrated scale set's
 * `linux_configuration`; it is required on the legacy `azurerm_virtual_machine`'s
 * `os_profile_linux_config`. Only an explicit false is a finding.
 */
export const rule: Rule = {
  meta: {
    id: 'azure-linux-vm-password-auth-disabled',
    title: 'Linux VM allows SSH key authentication only',
    failMessage: 'Linux VM allows password authentication over SSH',
    rationale:
      'Password sign-in over SSH is the target of the automated brute-force and credential-stuffing campaigns that hit every reachable Linux host, and passwords tend to be reused, shared and seldom rotated. SSH keys cannot be guessed, are tied to the person or system that holds the private key, and can be revoked individually. Disabling password authentication removes the whole class of guessing attacks.',
    remediation:
      'Set `disable_password_authentication = true` (or remove it: it defaults to true on `azurerm_linux_virtual_machine` and scale sets), configure `admin_ssh_key` blocks, and drop `admin_password`. On the legacy `azurerm_virtual_machine` set it in `os_profile_linux_config` with `ssh_keys`.',
    severity: 'high',
    themes: ['identity-access'],
    resourceTypes: {
      terraform: ['azurerm_linux_virtual_machine', 'azurerm_linux_virtual_machine_scale_set', 'azurerm_orchestrated_virtual_machine_scale_set', 'azurerm_virtual_machine'],
    },
    peers: {
      checkov: ['CKV_AZURE_1', 'CKV_AZURE_149', 'CKV_AZURE_178', 'CKV_AZURE_49'],
      trivy: ['AVD-AZU-0039', 'azure-compute-disable-password-authentication'],
      kics: ['Azure Instance Using Basic Authentication'],
    },
  },
  check: {
    terraform(resource) {
      const skip = managedOnly(resource);
      if (skip) return skip;
      const where = locate(resource.body, resource.type);
      if (!where) return result.skip(resource, 'no Linux OS profile (Windows VM or image-defined)');
      const a = attr(where.body, 'disable_password_authentication');
      if (!a || a.value.kind === 'null') return result.pass(resource);
      const v = asBool(a.value);
      if (v === undefined) return result.skip(resource, 'disable_password_authentication is unknown');
      if (v) return result.pass(resource, a.range);
      const hasKeys = blocks(where.body, where.keyBlock).length > 0 || where.body.dynamicBlockTypes.includes(where.keyBlock);
      const fixes: Fix[] = hasKeys
        ? [{ title: 'Allow SSH keys only (password sign-in stops working; remove admin_password too)', safety: 'suggestion', edits: [replaceValue(resource.file, a, 'true')] }]
        : [];
      return result.fail(resource, a.range, { message: 'Linux VM allows password authentication over SSH (disable_password_authentication = false)', fixes });
    },
  },
};
