import { asString, attr, blocks, hasDynamicBlocks } from '../../model/access';
import type { Attribute, Resource, Value } from '../../model/types';
import { analyzePolicyDocument, documentStatementVerdict, isAdministratorAccessArn, type AdminStatement } from '../shared/iamPolicy';
import { result, type CheckContext, type CheckResult, type Rule } from '../types';

const RULE_ID = 'aws-iam-policy-no-full-admin';

/** Terraform resources whose `policy` attribute is an identity policy document. */
const TF_POLICY_RESOURCES = ['aws_iam_policy', 'aws_iam_role_policy', 'aws_iam_user_policy', 'aws_iam_group_policy'];
const TF_ATTACHMENTS = ['aws_iam_role_policy_attachment', 'aws_iam_user_policy_attachment', 'aws_iam_group_policy_attachment', 'aws_iam_policy_attachment'];
const POLICY_DOCUMENT = 'aws_iam_policy_document';

function statementMessage(s: AdminStatement): string {
  const sid = s.sid ? ` "${s.sid}"` : '';
  const base = `IAM policy statement${sid} allows every action on every resource (full administrator access)`;
  return s.hasCondition ? `${base}; its Condition limits when the grant applies, not what it grants` : base;
}

const ATTACH_MESSAGE = 'Attaches the AWS managed AdministratorAccess policy (full administrator access)';

/** Does `value` carry a reference to `address` (a policy document) on its top level? */
function refersTo(value: Value | undefined, address: string): boolean {
  return !!value?.refs?.includes(address);
}

/** True when a policy document data source is used as an identity policy by `r`. */
function usesDocumentAsIdentityPolicy(r: Resource, address: string): boolean {
  if (TF_POLICY_RESOURCES.includes(r.type)) return refersTo(attr(r.body, 'policy')?.value, address);
  if (r.type === 'aws_iam_role') return blocks(r.body, 'inline_policy').some((b) => refersTo(attr(b.body, 'policy')?.value, address));
  return false;
}

/** Administrative statement blocks of a policy document data source (and whether any is undecidable). */
function documentAdminStatements(doc: Resource): { admin: Array<{ headerRange: Resource['headerRange'] }>; unknown: boolean } {
  // override_policy_documents replace statements that share a sid: such a statement may not survive.
  const overridden = !!(attr(doc.body, 'override_policy_documents') ?? attr(doc.body, 'override_json'));
  const admin: Array<{ headerRange: Resource['headerRange'] }> = [];
  let unknown = hasDynamicBlocks(doc.body, 'statement');
  for (const st of blocks(doc.body, 'statement')) {
    const v = documentStatementVerdict(st.body);
    if (v === 'unknown') unknown = true;
    else if (v === 'yes') {
      if (overridden && attr(st.body, 'sid')) unknown = true;
      else admin.push({ headerRange: st.headerRange });
    }
  }
  return { admin, unknown };
}

/** A policy-valued attribute: JSON text (jsonencode, heredoc, rendered data source). */
function checkPolicyAttribute(resource: Resource, ctx: CheckContext, a: Attribute): CheckResult | CheckResult[] {
  if (a.value.kind === 'unknown' && !a.value.decoded) return result.skip(resource, `${a.name} is not known statically`);
  const verdict = analyzePolicyDocument(a.value);
  if (verdict.admin.length) {
    // Rendered from a policy document in this module whose own statement is reported there.
    for (const ref of a.value.refs ?? []) {
      const doc = ctx.resolve(ref);
      if (doc?.kind === 'data' && doc.type === POLICY_DOCUMENT && documentAdminStatements(doc).admin.length) {
        return result.skip(resource, `reported on the statement of ${ref}`);
      }
    }
    return result.fail(resource, a.range, { message: statementMessage(verdict.admin[0]) });
  }
  if (verdict.unknown) return result.skip(resource, `${a.name} has statements that are not known statically`);
  return result.pass(resource, a.range);
}

/** An attribute holding one policy ARN or a list of them. */
function checkArns(resource: Resource, a: Attribute): CheckResult {
  const items = a.value.kind === 'list' ? a.value.items : [a.value];
  let unknown = false;
  for (const item of items) {
    if (item.kind === 'null') continue;
    const arn = asString(item);
    if (arn === undefined) unknown = true;
    else if (isAdministratorAccessArn(arn)) {
      const range = a.value.kind === 'list' && item.range.start.offset >= a.range.start.offset && item.range.end.offset <= a.range.end.offset ? item.range : a.range;
      return result.fail(resource, range, { message: ATTACH_MESSAGE });
    }
  }
  return unknown ? result.skip(resource, `${a.name} is not known statically`) : result.pass(resource, a.range);
}

function combine(resource: Resource, results: CheckResult[], nothing: string): CheckResult | CheckResult[] {
  const fails = results.filter((r) => r.status === 'fail');
  if (fails.length) return fails;
  const skip = results.find((r) => r.status === 'skip');
  if (skip) return skip;
  return results.length ? result.pass(resource) : result.skip(resource, nothing);
}

/**
 * Full administrator access (`Allow` of `"*"` on `"*"`, or the AWS managed AdministratorAccess
 * policy) granted through an identity policy. Policy document data sources are reported on the
 * statement block when an identity policy in the module uses them; the policy resource then stays
 * quiet so that one grant is one finding.
 */
export const rule: Rule = {
  meta: {
    id: RULE_ID,
    title: 'IAM policy does not grant full administrator access',
    failMessage: 'IAM policy allows every action on every resource',
    rationale:
      'A statement that allows "*" on "*" (or an attachment of AdministratorAccess) gives its holder every permission in the account, including the power to create new credentials, disable CloudTrail and delete backups. Anyone who obtains that identity, through a leaked key, a compromised workload or a confused deputy, owns the account. Least privilege asks for permissions scoped to what a role needs, and privileged access that exists should be a small, named, reviewed set of break-glass roles.',
    remediation:
      'Replace the wildcard statement with the specific actions and resource ARNs the identity needs (IAM Access Analyzer can generate a policy from CloudTrail activity), or attach a narrower AWS managed job-function policy. Keep genuine administrator roles few, require MFA to assume them, and suppress the finding on those roles with the reason.',
    severity: 'critical',
    themes: ['identity-access'],
    resourceTypes: {
      terraform: [...TF_POLICY_RESOURCES, `data.${POLICY_DOCUMENT}`, 'aws_iam_role', ...TF_ATTACHMENTS],
      cloudformation: ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group'],
    },
    peers: {
      checkov: ['CKV_AWS_1', 'CKV_AWS_62', 'CKV_AWS_274', 'CKV2_AWS_40'],
      trivy: ['AVD-AWS-0057'],
      kics: ['IAM Policies With Full Privileges', 'IAM Role With Full Privileges'],
      guard: ['IAM_POLICY_NO_STATEMENTS_WITH_ADMIN_ACCESS', 'IAM_ROLE_ADMINISTRATOR_ACCESS_POLICY_RULE'],
    },
  },
  check: {
    terraform(resource, ctx) {
      if (resource.type === POLICY_DOCUMENT) {
        if (resource.kind !== 'data') return result.skip(resource, 'not a policy document data source');
        const users = ctx.referencesTo(resource).filter((r) => usesDocumentAsIdentityPolicy(r, resource.address));
        if (!users.length) return result.skip(resource, 'not used as an identity policy in this module');
        const { admin, unknown } = documentAdminStatements(resource);
        if (admin.length) return admin.map((s) => result.fail(resource, s.headerRange, { message: 'IAM policy statement allows every action on every resource (full administrator access)' }));
        return unknown ? result.skip(resource, 'some statements are not known statically') : result.pass(resource);
      }
      if (resource.kind !== 'resource') return result.skip(resource, 'data source');
      if (TF_POLICY_RESOURCES.includes(resource.type)) {
        const policy = attr(resource.body, 'policy');
        return policy ? checkPolicyAttribute(resource, ctx, policy) : result.skip(resource, 'no policy attribute');
      }
      if (TF_ATTACHMENTS.includes(resource.type)) {
        const arn = attr(resource.body, 'policy_arn');
        return arn ? checkArns(resource, arn) : result.skip(resource, 'no policy_arn');
      }
      // aws_iam_role: inline_policy blocks and managed_policy_arns.
      const results: CheckResult[] = [];
      for (const b of blocks(resource.body, 'inline_policy')) {
        const p = attr(b.body, 'policy');
        if (p) results.push(...([] as CheckResult[]).concat(checkPolicyAttribute(resource, ctx, p)));
      }
      if (hasDynamicBlocks(resource.body, 'inline_policy')) results.push(result.skip(resource, 'dynamic inline_policy blocks'));
      const managed = attr(resource.body, 'managed_policy_arns');
      if (managed) results.push(checkArns(resource, managed));
      return combine(resource, results, 'no inline or managed policies on the role');
    },
    cloudformation(resource) {
      const results: CheckResult[] = [];
      const checkDocument = (doc: Value) => {
        const verdict = analyzePolicyDocument(doc);
        for (const s of verdict.admin) results.push(result.fail(resource, s.statement.range, { message: statementMessage(s) }));
        if (!verdict.admin.length) results.push(verdict.unknown ? result.skip(resource, 'policy document not known statically') : result.pass(resource));
      };
      if (resource.type === 'AWS::IAM::Policy' || resource.type === 'AWS::IAM::ManagedPolicy') {
        const doc = attr(resource.body, 'PolicyDocument');
        if (!doc) return result.skip(resource, 'no PolicyDocument');
        checkDocument(doc.value);
        return combine(resource, results, 'no PolicyDocument');
      }
      const policies = attr(resource.body, 'Policies');
      if (policies) {
        if (policies.value.kind === 'list') {
          for (const p of policies.value.items) {
            if (p.kind !== 'object') {
              if (p.kind !== 'null') results.push(result.skip(resource, 'inline policy not known statically'));
              continue;
            }
            const doc = p.entries.find((e) => e.key === 'PolicyDocument');
            if (doc) checkDocument(doc.value);
          }
        } else if (policies.value.kind !== 'null') results.push(result.skip(resource, 'Policies not known statically'));
      }
      const managed = attr(resource.body, 'ManagedPolicyArns');
      if (managed) results.push(checkArns(resource, managed));
      return combine(resource, results, 'no inline or managed policies');
    },
  },
};
