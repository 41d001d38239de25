import { asBool, attr, blocks, hasDynamicBlocks } from '../../model/access';
import { managedOnly } from '../shared/azurenet';
import { result, type Rule } from '../types';

/**
 * Web apps turn on App Service Authentication: `auth_settings { enabled = true }` or
 * `auth_settings_v2 { auth_enabled = true }` (both default to false). Function apps are left
 * out: HTTP triggers are gated by function keys / authorization levels.
 */
export const rule: Rule = {
  meta: {
    id: 'azure-app-service-authentication-enabled',
    title: 'App Service web app has authentication enabled',
    failMessage: 'App Service web app has App Service Authentication turned off',
    rationale:
      'App Service Authentication (Easy Auth) signs users in with Azure AD or another identity provider before a request reaches the application, so anonymous requests never touch application code. Without it every route is anonymous unless the code itself authenticates every request correctly; one forgotten endpoint exposes data. Turning it on gives a platform-enforced authentication layer that shows up in configuration reviews.',
    remediation:
      'Add `auth_settings_v2 { auth_enabled = true ... }` with an identity provider block (for example `active_directory_v2`) and `require_authentication = true`, or `auth_settings { enabled = true ... }` on the legacy resources.',
    severity: 'medium',
    themes: ['identity-access'],
    resourceTypes: {
      terraform: ['azurerm_linux_web_app', 'azurerm_windows_web_app', 'azurerm_linux_web_app_slot', 'azurerm_windows_web_app_slot', 'azurerm_app_service', 'azurerm_app_service_slot'],
    },
    peers: {
      checkov: ['CKV_AZURE_13'],
      trivy: ['AVD-AZU-0003', 'azure-appservice-authentication-enabled'],
      kics: ['App Service Authentication Disabled'],
    },
  },
  check: {
    terraform(resource) {
      const skip = managedOnly(resource);
      if (skip) return skip;
      let explicitOff: ReturnType<typeof attr>;
      let v2Off: (typeof resource.body.blocks)[number] | undefined;
      for (const [type, name] of [
        ['auth_settings_v2', 'auth_enabled'],
        ['auth_settings', 'enabled'],
      ] as const) {
        for (const b of blocks(resource.body, type)) {
          const a = attr(b.body, name);
          if (!a || a.value.kind === 'null') {
            if (type === 'auth_settings_v2') v2Off = b;
            continue;
          }
          const on = asBool(a.value);
          if (on === undefined) return result.skip(resource, `${type}.${name} is unknown`);
          if (on) return result.pass(resource, a.range);
          explicitOff = a;
        }
      }
      if (explicitOff) return result.fail(resource, explicitOff.range, { message: `App Service Authentication is turned off (${explicitOff.name} = false)` });
      if (hasDynamicBlocks(resource.body, 'auth_settings') || hasDynamicBlocks(resource.body, 'auth_settings_v2')) {
        return result.skip(resource, 'authentication settings come from a dynamic block');
      }
      if (v2Off) return result.fail(resource, v2Off.headerRange, { message: 'auth_settings_v2 does not set auth_enabled = true (it defaults to false)' });
      return result.fail(resource, resource.headerRange, { message: 'App Service web app has no auth_settings / auth_settings_v2: App Service Authentication is off' });
    },
  },
};
