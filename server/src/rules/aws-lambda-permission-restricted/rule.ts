import { asString, attr } from '../../model/access';
import type { Resource } from '../../model/types';
import { addTerraformAttribute } from '../fixkit';
import { result, type CheckContext, type CheckResult, type Rule } from '../types';

interface Names {
  principal: string;
  sourceArn: string;
  sourceAccount: string;
  orgId: string;
}

const TF: Names = { principal: 'principal', sourceArn: 'source_arn', sourceAccount: 'source_account', orgId: 'principal_org_id' };
const CFN: Names = { principal: 'Principal', sourceArn: 'SourceArn', sourceAccount: 'SourceAccount', orgId: 'PrincipalOrgID' };

/** Present and not null; `undefined` when it is written but unknown (still counts as set). */
function isSet(resource: Resource, name: string): boolean {
  const a = attr(resource.body, name);
  return a !== undefined && a.value.kind !== 'null';
}

function check(resource: Resource, ctx: CheckContext | undefined, n: Names): CheckResult {
  if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
  const p = attr(resource.body, n.principal);
  if (!p) return result.skip(resource, `${n.principal} missing (required)`);
  const principal = asString(p.value)?.trim();
  if (principal === undefined) return result.skip(resource, `${n.principal} is not known`);
  const restricted = isSet(resource, n.sourceArn) || isSet(resource, n.sourceAccount) || isSet(resource, n.orgId);
  if (restricted) return result.pass(resource, p.range);
  if (principal === '*') {
    return result.fail(resource, p.range, { message: `Lambda permission lets any principal invoke the function (${n.principal} = "*" without ${n.sourceArn}, ${n.sourceAccount} or ${n.orgId})` });
  }
  if (/\.amazonaws\.com(\.cn)?$/.test(principal)) {
    return result.fail(resource, p.range, {
      message: `Lambda permission trusts ${principal} for every account's resources: set ${n.sourceArn} or ${n.sourceAccount}`,
      fixes: ctx
        ? [{ title: 'Limit the permission to your event source: set source_arn = var.lambda_invoke_source_arn (declare it with the ARN)', safety: 'suggestion', edits: [addTerraformAttribute(ctx, resource, 'source_arn = var.lambda_invoke_source_arn')] }]
        : [],
    });
  }
  return result.pass(resource, p.range);
}

/**
 * A Lambda resource-based permission names who may invoke the function. `*` is everyone; a bare
 * service principal (`s3.amazonaws.com`, `sns.amazonaws.com`...) is that service acting for any
 * AWS customer: the confused-deputy case. Both need a source ARN, source account or org id.
 */
export const rule: Rule = {
  meta: {
    id: 'aws-lambda-permission-restricted',
    title: 'Lambda permission is limited to a source',
    failMessage: 'Lambda permission is not limited to a specific caller',
    rationale:
      'Lambda permissions are resource policies: they decide who may invoke the function. A wildcard principal lets any AWS identity call it. A service principal without a source ARN or source account lets that service invoke the function on behalf of any customer, so someone else\'s S3 bucket, SNS topic or EventBridge rule can be pointed at your function (the confused-deputy problem). Naming the source keeps invocations to the resources you own.',
    remediation:
      'Set `source_arn` to the ARN of the bucket, topic, rule or API that invokes the function (and `source_account` for S3), or `principal_org_id` for a wildcard principal within your organization. In CloudFormation use `SourceArn`, `SourceAccount` or `PrincipalOrgID`.',
    severity: 'high',
    themes: ['identity-access', 'public-exposure-data-leakage'],
    resourceTypes: { terraform: ['aws_lambda_permission'], cloudformation: ['AWS::Lambda::Permission'] },
    peers: {
      checkov: ['CKV_AWS_364', 'CKV_AWS_301'],
      trivy: ['AVD-AWS-0067'],
      kics: ['Lambda Permission Principal Is Wildcard', 'Lambda Permission Misconfigured'],
      guard: ['LAMBDA_NO_WILDCARD_PRINCIPALS'],
    },
  },
  check: {
    terraform: (resource, ctx) => check(resource, ctx, TF),
    cloudformation: (resource) => check(resource, undefined, CFN),
  },
};
