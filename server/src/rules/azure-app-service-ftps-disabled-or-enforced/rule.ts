import { asString, attr, blocks, hasDynamicBlocks } from '../../model/access';
import { replaceValue } from '../fixkit';
import { APP_SERVICE_CURRENT, APP_SERVICE_LEGACY, insertInto, insertIntoResource, isLegacyAppService, managedOnly } from '../shared/azurenet';
import { result, type Rule } from '../types';

const FIX_TITLE = 'Allow FTPS only (plain FTP deployments stop working; use "Disabled" if you do not deploy over FTP)';

/**
 * FTP deployment is disabled or TLS-only: `site_config.ftps_state` is not `AllAllowed`. The
 * current resources default to `Disabled` (Terraform overrides Azure's AllAllowed); the legacy
 * `azurerm_app_service` / `azurerm_function_app` take Azure's default, AllAllowed, when unset.
 */
export const rule: Rule = {
  meta: {
    id: 'azure-app-service-ftps-disabled-or-enforced',
    title: 'App Service disables FTP or requires FTPS',
    failMessage: 'App Service accepts plain FTP (ftps_state is AllAllowed)',
    rationale:
      'The FTP endpoint of an App Service accepts the deployment credentials and the application files themselves. Plain FTP sends both unencrypted, so anyone on the network path can capture the credentials and replace the application code. Disabling FTP, or allowing only FTPS, keeps deployment credentials and code encrypted in transit.',
    remediation:
      'Set `ftps_state = "Disabled"` (or `"FtpsOnly"` if you deploy over FTP) in `site_config`. On the current resources leaving it out means Disabled; on the legacy `azurerm_app_service` / `azurerm_function_app` set it explicitly.',
    severity: 'medium',
    themes: ['encryption-in-transit'],
    resourceTypes: { terraform: [...APP_SERVICE_CURRENT, ...APP_SERVICE_LEGACY] },
    peers: {
      checkov: ['CKV_AZURE_78'],
      kics: ['App Service FTPS Enforce Disabled'],
    },
  },
  check: {
    terraform(resource, ctx) {
      const skip = managedOnly(resource);
      if (skip) return skip;
      const siteConfigs = blocks(resource.body, 'site_config');
      for (const sc of siteConfigs) {
        const a = attr(sc.body, 'ftps_state');
        if (!a || a.value.kind === 'null') continue;
        const v = asString(a.value);
        if (v === undefined) return result.skip(resource, 'ftps_state is unknown');
        if (v.toLowerCase() !== 'allallowed') return result.pass(resource, a.range);
        return result.fail(resource, a.range, {
          message: 'App Service accepts plain FTP (ftps_state = "AllAllowed")',
          fixes: [{ title: FIX_TITLE, safety: 'suggestion', edits: [replaceValue(resource.file, a, '"FtpsOnly"')] }],
        });
      }
      if (!isLegacyAppService(resource)) return result.pass(resource);
      if (hasDynamicBlocks(resource.body, 'site_config')) return result.skip(resource, 'site_config comes from a dynamic block');
      const sc = siteConfigs[0];
      return result.fail(resource, sc ? sc.headerRange : resource.headerRange, {
        message: 'App Service accepts plain FTP: ftps_state is not set and Azure defaults it to AllAllowed for this resource',
        fixes: [
          {
            title: FIX_TITLE,
            safety: 'suggestion',
            edits: [sc ? insertInto(ctx, resource, sc, ['ftps_state = "FtpsOnly"']) : insertIntoResource(ctx, resource, ['site_config {', '  ftps_state = "FtpsOnly"', '}'])],
          },
        ],
      });
    },
  },
};
