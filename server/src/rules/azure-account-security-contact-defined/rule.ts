import { asBool, asString, attr } from '../../model/access';
import type { Resource } from '../../model/types';
import { accountProviderSkip, AZURE_SUBSCRIPTION_BASELINE_HINTS, scopeResourcesOfType } from '../shared/azurenet';
import { result, type CheckResult, type Rule } from '../types';

const CONTACT = 'azurerm_security_center_contact';

/** A contact without an email address, or with alert notifications off, is reported on itself. */
function checkContact(resource: Resource): CheckResult {
  const email = attr(resource.body, 'email');
  if (!email || email.value.kind === 'null' || asString(email.value)?.trim() === '') {
    return result.fail(resource, email?.range ?? resource.headerRange, { message: 'The security contact has no email address: Defender for Cloud alerts are not emailed' });
  }
  const notifications = attr(resource.body, 'alert_notifications');
  const notify = asBool(notifications?.value);
  if (notify === undefined) return result.skip(resource, 'alert_notifications is not known');
  if (notify) return result.pass(resource);
  return result.fail(resource, notifications!.range, { message: 'alert_notifications = false: Defender for Cloud alerts are not emailed to the security contact' });
}

/**
 * Account-level: the workspace that configures the azurerm provider declares a Defender for Cloud
 * security contact (`azurerm_security_center_contact`) with an email address and
 * `alert_notifications = true`. A contact without either is reported on itself; a workspace without
 * a contact is reported once, at one `provider "azurerm"` block without alias (the first root
 * module's), unless a module we cannot read may declare it. Off by default.
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
    resourceTypes: { terraform: ['provider.azurerm', CONTACT] },
    peers: {
      checkov: ['CKV_AZURE_131', 'CKV_AZURE_21', 'CKV_AZURE_22', 'CKV_AZURE_20'],
      trivy: ['AVD-AZU-0044', 'AVD-AZU-0046'],
    },
    defaultEnabled: false,
  },
  check: {
    terraform: (resource) => accountProviderSkip(resource) ?? checkContact(resource),
  },
  account: {
    provider: 'azurerm',
    requirements: [CONTACT],
    assess: (ctx) => [scopeResourcesOfType(ctx, CONTACT).length ? 'defined' : 'none'],
    sourceHints: ['security-center', 'securitycenter', 'defender', 'security-contact', 'contact', 'contacts', ...AZURE_SUBSCRIPTION_BASELINE_HINTS],
    message: 'No Defender for Cloud security contact (azurerm_security_center_contact) is defined in the workspace: alerts reach no one',
  },
};
