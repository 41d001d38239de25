import { asBool, asString, attr } from '../../model/access';
import { accountScopeSkip, moduleResourcesOfType } from '../shared/azurenet';
import { result, type Rule } from '../types';

/**
 * Account-level: the module that configures the azurerm provider declares a Defender for Cloud
 * security contact (`azurerm_security_center_contact`) with an email address and
 * `alert_notifications = true`. Off by default; reported once at the default provider block.
 */
export const rule: Rule = {
  meta: {
    id: 'azure-account-security-contact-defined',
    title: 'Subscription has a security contact for alerts',
    failMessage: 'No Defender for Cloud security contact with alert notifications is defined',
    rationale:
      'When Defender for Cloud detects an attack, or Microsoft finds that a subscription has been compromised, the notification goes to the subscription\'s security contact. Without a contact (or with alert notifications off) high-severity alerts sit unread in the portal, and incidents are discovered late or by someone outside the organisation. A monitored team mailbox as contact connects detection to response.',
    remediation:
      'Add an `azurerm_security_center_contact` with `email` set to a monitored security mailbox (not a person), `alert_notifications = true` and `alerts_to_admins = true`.',
    severity: 'low',
    themes: ['incident-response', 'monitoring-alerting'],
    resourceTypes: { terraform: ['provider.azurerm'] },
    peers: {
      checkov: ['CKV_AZURE_131', 'CKV_AZURE_21', 'CKV_AZURE_22', 'CKV_AZURE_20'],
      trivy: ['AVD-AZU-0044', 'AVD-AZU-0046'],
    },
    defaultEnabled: false,
  },
  check: {
    terraform(resource, ctx) {
      const skip = accountScopeSkip(resource);
      if (skip) return skip;
      const contacts = moduleResourcesOfType(ctx, 'azurerm_security_center_contact');
      if (!contacts.length) {
        return result.fail(resource, resource.headerRange, { message: 'No azurerm_security_center_contact is defined: Defender for Cloud alerts reach no one' });
      }
      let unknown = false;
      let notifying = false;
      for (const c of contacts) {
        const email = attr(c.body, 'email');
        const hasEmail = email !== undefined && email.value.kind !== 'null' && asString(email.value) !== '';
        const notify = asBool(attr(c.body, 'alert_notifications')?.value);
        if (!hasEmail) continue;
        if (notify === undefined) unknown = true;
        else if (notify) notifying = true;
      }
      if (notifying) return result.pass(resource);
      if (unknown) return result.skip(resource, 'alert_notifications of the security contact is unknown');
      return result.fail(resource, resource.headerRange, {
        message: 'The security contact has no email or alert_notifications is false: Defender for Cloud alerts are not emailed',
      });
    },
  },
};
