import { asString, attr } from '../../model/access';
import type { Resource } from '../../model/types';
import { replaceValue } from '../fixkit';
import { editableInPlace } from '../shared/awsdata';
import { result, type CheckResult, type Rule } from '../types';

function check(resource: Resource, property: string): CheckResult {
  if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
  const a = attr(resource.body, property);
  if (!a) return result.skip(resource, `${property} missing (required)`);
  const v = asString(a.value);
  if (v === undefined) return result.skip(resource, `${property} is not known`);
  if (v.toUpperCase() !== 'NONE') return result.pass(resource, a.range);
  // A literal is rewritten in place; a parameter or mapping is fixed where it is defined.
  const inPlace = resource.format === 'terraform' || editableInPlace(resource, a.value, a.range);
  return result.fail(resource, a.range, {
    fixes: inPlace ? [{ title: 'Require IAM authentication (callers must sign requests with SigV4)', safety: 'suggestion', edits: [replaceValue(resource.file, a, '"AWS_IAM"')] }] : [],
  });
}

/**
 * Lambda function URLs authenticate callers with IAM. `NONE` makes the function callable by anyone
 * on the internet who learns the URL.
 */
export const rule: Rule = {
  meta: {
    id: 'aws-lambda-function-url-auth-required',
    title: 'Lambda function URL requires IAM authentication',
    failMessage: 'Lambda function URL is callable without authentication',
    rationale:
      'A function URL with authorization type NONE is a public HTTPS endpoint: anyone who finds the URL can invoke the function, run up its cost, and reach whatever data and permissions its execution role holds. Unless the function implements its own authentication and is meant to be a public endpoint, invocation should require IAM (SigV4-signed) requests, or go through API Gateway or CloudFront with an authorizer.',
    remediation:
      'Set `authorization_type = "AWS_IAM"` on `aws_lambda_function_url` (or `AuthType: AWS_IAM` on `AWS::Lambda::Url`) and grant `lambda:InvokeFunctionUrl` to the callers that need it. For a public API, put API Gateway or CloudFront with authentication and throttling in front.',
    severity: 'high',
    themes: ['identity-access', 'public-exposure-data-leakage'],
    resourceTypes: { terraform: ['aws_lambda_function_url'], cloudformation: ['AWS::Lambda::Url'] },
    peers: {
      checkov: ['CKV_AWS_258'],
      guard: ['LAMBDA_FUNCTION_PUBLIC_ACCESS_PROHIBITED'],
    },
  },
  check: {
    terraform: (resource) => check(resource, 'authorization_type'),
    cloudformation: (resource) => check(resource, 'AuthType'),
  },
};
