import { result, type Rule } from '../types';

/**
 * No user-managed service account keys are created in Terraform (`google_service_account_key`);
 * a `google_service_account` passes when no key of this module belongs to it.
 * Every such resource is a long-lived credential, whether Google generated the key pair (the
 * private key then sits in the Terraform state) or a public key was uploaded.
 */
export const rule: Rule = {
  meta: {
    id: 'gcp-iam-no-service-account-keys',
    title: 'No user-managed service account keys are created',
    failMessage: 'A user-managed service account key is created',
    rationale:
      'A service account key is a long-lived password for a workload identity: it does not expire by default, works from anywhere, and is routinely leaked through repositories, CI logs and laptops. Created through Terraform, the private key also ends up in the state file. Attached service accounts, Workload Identity Federation (for CI and other clouds) and impersonation give the same access with short-lived tokens and no secret to steal.',
    remediation:
      'Remove the `google_service_account_key` and authenticate the workload without keys: attach the service account to the VM, Cloud Run service or GKE workload (Workload Identity), use Workload Identity Federation for GitHub Actions or other clouds, or service account impersonation for people. Enforce it with the `iam.disableServiceAccountKeyCreation` organization policy.',
    severity: 'medium',
    themes: ['identity-access', 'key-management'],
    resourceTypes: { terraform: ['google_service_account_key', 'google_service_account'] },
  },
  check: {
    terraform(resource, ctx) {
      if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
      if (resource.type === 'google_service_account') {
        // The account itself passes when no key in this module is created for it.
        const keys = ctx.referencesToOfType(resource, 'google_service_account_key');
        return keys.length ? result.skip(resource, 'reported on its google_service_account_key') : result.pass(resource);
      }
      return result.fail(resource, resource.headerRange);
    },
  },
};
