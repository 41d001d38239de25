import { asBool, asString, asStringList, attr, blocks } from '../../model/access';
import type { Resource } from '../../model/types';
import { allRefs, cfnLookup } from '../shared/awsdata';
import { result, type CheckContext, type CheckResult, type Rule } from '../types';

/** True / false when the REST API the method belongs to is known to be PRIVATE (VPC-only), else undefined. */
function privateApi(resource: Resource, ctx: CheckContext): boolean | undefined {
  const tf = resource.format === 'terraform';
  const ref = [...allRefs(attr(resource.body, tf ? 'rest_api_id' : 'RestApiId')?.value)][0];
  const api = ref ? ctx.resolve(ref) : undefined;
  if (!api) return undefined;
  if (tf) {
    const ec = blocks(api.body, 'endpoint_configuration')[0];
    if (!ec) return false;
    const types = asStringList(attr(ec.body, 'types')?.value);
    return types === undefined ? undefined : types.includes('PRIVATE');
  }
  const types = cfnLookup(api, ['EndpointConfiguration', 'Types']);
  if (types.state === 'missing') return false;
  if (types.state === 'unknown') return undefined;
  const list = asStringList(types.value);
  return list === undefined ? undefined : list.includes('PRIVATE');
}

function check(resource: Resource, ctx: CheckContext): CheckResult {
  if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
  const tf = resource.format === 'terraform';
  const authAttr = attr(resource.body, tf ? 'authorization' : 'AuthorizationType');
  const auth = authAttr ? asString(authAttr.value) : 'NONE'; // CloudFormation default: NONE
  if (auth === undefined) return result.skip(resource, 'authorization is not known statically');
  if (auth.toUpperCase() !== 'NONE') return result.pass(resource, authAttr?.range);
  const methodAttr = attr(resource.body, tf ? 'http_method' : 'HttpMethod');
  const method = asString(methodAttr?.value);
  if (method === undefined) return result.skip(resource, 'http_method is not known statically');
  // CORS preflight requests carry no credentials by design.
  if (method.toUpperCase() === 'OPTIONS') return result.pass(resource);
  const keyAttr = attr(resource.body, tf ? 'api_key_required' : 'ApiKeyRequired');
  const key = keyAttr ? asBool(keyAttr.value) : false;
  if (key === undefined) return result.skip(resource, 'api_key_required is not known statically');
  if (key) return result.pass(resource, keyAttr?.range);
  const priv = privateApi(resource, ctx);
  if (priv === undefined) return result.skip(resource, 'whether the REST API is private cannot be determined');
  if (priv) return result.skip(resource, 'a PRIVATE REST API is reachable only from VPC endpoints allowed by its resource policy');
  return result.fail(resource, authAttr?.range ?? resource.headerRange, {
    message: `${method.toUpperCase()} method is open to anyone: authorization is NONE and no API key is required`,
  });
}

/**
 * REST API (v1) methods other than OPTIONS require an authorizer (IAM, Cognito, Lambda) or an API
 * key. Methods of PRIVATE APIs, and methods whose API cannot be resolved, are not reported.
 */
export const rule: Rule = {
  meta: {
    id: 'aws-api-gateway-method-authorization-required',
    title: 'API Gateway method requires authorization',
    failMessage: 'API Gateway method can be called without any authorization',
    rationale:
      'A method with authorization NONE and no API key forwards every request from the internet to the backend integration, so the backend alone must authenticate callers, and usually it does not because it trusts the gateway. Unauthenticated endpoints are the most common path to data exposure and abuse of serverless backends (cost, scraping, injection). Requiring IAM, a Cognito or Lambda authorizer, or at least an API key makes the gateway enforce who may call.',
    remediation:
      'Set `authorization = "AWS_IAM"`, `"COGNITO_USER_POOLS"` or `"CUSTOM"` with an `authorizer_id` on `aws_api_gateway_method` (CloudFormation `AuthorizationType` / `AuthorizerId`), or require an API key with a usage plan. Endpoints that are public on purpose (health checks, public content) should carry a suppression that says so.',
    severity: 'medium',
    themes: ['identity-access'],
    resourceTypes: { terraform: ['aws_api_gateway_method'], cloudformation: ['AWS::ApiGateway::Method'] },
    peers: {
      checkov: ['CKV_AWS_59'],
      trivy: ['AVD-AWS-0004'],
      kics: ['API Gateway Without Configured Authorizer', 'API Gateway With Open Access'],
      guard: ['API_GW_METHOD_AUTHORIZATION_TYPE_RULE'],
    },
  },
  check: {
    terraform: check,
    cloudformation: check,
  },
};
