import { asString, attr, blocks, hasDynamicBlocks } from '../../model/access';
import { iamMembers } from '../shared/gcp';
import { result, type CheckResult, type Rule } from '../types';

const PRIMITIVE = ['roles/owner', 'roles/editor'];
/** Principals that stand for people (or everyone), as opposed to workloads. */
const HUMAN = /^(user:|group:|domain:|allUsers$|allAuthenticatedUsers$|principal:\/\/iam\.googleapis\.com\/locations\/global\/workforcePools\/|principalSet:\/\/iam\.googleapis\.com\/locations\/global\/workforcePools\/)/;

/**
 * People are not granted the basic Owner or Editor roles on a project, folder or organization.
 * Service accounts are out of scope here; grants carrying an IAM `condition` (time-bound
 * break-glass access, resource-scoped grants) are skipped.
 */
export const rule: Rule = {
  meta: {
    id: 'gcp-iam-no-primitive-roles-for-users',
    title: 'Users are not granted the basic Owner or Editor roles',
    failMessage: 'A user or group is granted the basic Owner or Editor role',
    rationale:
      'The basic roles predate fine-grained IAM: Editor can change almost every resource in a project and Owner can additionally change IAM itself. Granting them to people gives far more access than any job needs, makes access reviews meaningless and turns one phished account into control of the whole project or organization. Predefined or custom roles scoped to the task keep human access reviewable and least-privilege.',
    remediation:
      'Replace `roles/owner` / `roles/editor` in the `google_project_iam_member` / `_binding` (and folder or organization equivalents) with predefined roles for the job (for example `roles/compute.admin`, `roles/cloudsql.editor`), grant them to groups, and use time-bound IAM conditions or Privileged Access Manager for break-glass Owner access.',
    severity: 'high',
    themes: ['identity-access'],
    resourceTypes: {
      terraform: [
        'google_project_iam_member',
        'google_project_iam_binding',
        'google_folder_iam_member',
        'google_folder_iam_binding',
        'google_organization_iam_member',
        'google_organization_iam_binding',
      ],
    },
    peers: {
      checkov: ['CKV_GCP_117', 'CKV_GCP_116', 'CKV_GCP_115'],
    },
  },
  check: {
    terraform(resource) {
      if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
      const roleAttr = attr(resource.body, 'role');
      const role = asString(roleAttr?.value);
      if (role === undefined) return result.skip(resource, 'role is unknown');
      if (!PRIMITIVE.includes(role)) return result.pass(resource, roleAttr?.range);
      if (blocks(resource.body, 'condition').length || hasDynamicBlocks(resource.body, 'condition')) {
        return result.skip(resource, 'conditional grant (time-bound or scoped): review the condition');
      }
      const { members, unknown } = iamMembers(resource);
      const fails: CheckResult[] = members
        .filter((m) => HUMAN.test(m.member.trim()))
        .map((m) => result.fail(resource, m.range, { message: `${m.member} is granted the basic role ${role}` }));
      if (fails.length) return fails;
      if (unknown) return result.skip(resource, 'members are not known statically');
      return result.pass(resource);
    },
  },
};
