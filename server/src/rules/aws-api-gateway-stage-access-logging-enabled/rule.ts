import { attr, blocks, hasDynamicBlocks } from '../../model/access';
import type { Resource } from '../../model/types';
import { addCloudFormationProperty, insertIntoTerraformBody, withCfnParameter } from '../fixkit';
import { cfnLookup } from '../shared/awsdata';
import { result, type CheckContext, type CheckResult, type Fix, type Rule } from '../types';

const FIX_TITLE = 'Write access logs to CloudWatch Logs (fill in var.api_access_log_group_arn; REST APIs need the account-level CloudWatch role)';

function terraform(resource: Resource, ctx: CheckContext): CheckResult {
  if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
  const block = blocks(resource.body, 'access_log_settings')[0];
  if (block) {
    const dest = attr(block.body, 'destination_arn');
    if (dest && dest.value.kind !== 'null') return result.pass(resource, block.headerRange);
    return result.fail(resource, block.headerRange, { message: 'access_log_settings has no destination_arn: no access log is written' });
  }
  if (hasDynamicBlocks(resource.body, 'access_log_settings')) return result.skip(resource, 'access_log_settings comes from a dynamic block');
  const pathKey = resource.type === 'aws_api_gateway_stage' ? 'resourcePath' : 'routeKey';
  const fields: Array<[string, string]> = [
    ['requestId', '$context.requestId'],
    ['sourceIp', '$context.identity.sourceIp'],
    ['time', '$context.requestTime'],
    ['method', '$context.httpMethod'],
    [pathKey, `$context.${pathKey}`],
    ['status', '$context.status'],
  ];
  const width = Math.max(...fields.map(([k]) => k.length));
  return result.fail(resource, resource.headerRange, {
    fixes: [
      {
        title: FIX_TITLE,
        safety: 'suggestion',
        edits: [
          insertIntoTerraformBody(ctx, resource.file, resource.body, resource.headerRange.start.offset, [
            'access_log_settings {',
            '  destination_arn = var.api_access_log_group_arn',
            '  format          = jsonencode({',
            ...fields.map(([k, v]) => `    ${k.padEnd(width)} = "${v}"`),
            '  })',
            '}',
          ]),
        ],
      },
    ],
  });
}

const CFN_PARAMETER = 'ApiAccessLogGroupArn';

/** The CloudFormation fix: the same JSON access-log format as in Terraform, to a log group from a new parameter. */
function cfnFix(resource: Resource, ctx: CheckContext, key: string): Fix[] {
  const pathKey = resource.type === 'AWS::ApiGateway::Stage' ? 'resourcePath' : 'routeKey';
  const format = JSON.stringify({
    requestId: '$context.requestId',
    sourceIp: '$context.identity.sourceIp',
    time: '$context.requestTime',
    method: '$context.httpMethod',
    [pathKey]: `$context.${pathKey}`,
    status: '$context.status',
  });
  const edits = withCfnParameter(ctx, resource, CFN_PARAMETER, { description: 'ARN of the CloudWatch Logs log group that receives the API access logs' }, (ref) =>
    addCloudFormationProperty(ctx, resource, key, { DestinationArn: ref, Format: format }),
  );
  const title = `Write access logs to CloudWatch Logs (fill in the ${CFN_PARAMETER} parameter; REST APIs need the account-level CloudWatch role)`;
  return edits ? [{ title, safety: 'suggestion', edits }] : [];
}

function cloudformation(resource: Resource, ctx: CheckContext): CheckResult {
  const key = resource.type === 'AWS::ApiGateway::Stage' ? 'AccessLogSetting' : 'AccessLogSettings';
  const setting = cfnLookup(resource, [key]);
  if (setting.state === 'unknown') return result.skip(resource, `${key} is not known statically`);
  if (setting.state === 'missing') return result.fail(resource, resource.headerRange, { fixes: cfnFix(resource, ctx, key) });
  const dest = cfnLookup(resource, [key, 'DestinationArn']);
  if (dest.state === 'missing') return result.fail(resource, setting.range, { message: `${key} has no DestinationArn: no access log is written` });
  return result.pass(resource, setting.range);
}

/**
 * API Gateway stages (REST v1 and HTTP/WebSocket v2) write access logs to CloudWatch Logs or
 * Firehose. Execution logging is a different, debugging-oriented feature and does not count.
 */
export const rule: Rule = {
  meta: {
    id: 'aws-api-gateway-stage-access-logging-enabled',
    title: 'API Gateway stage writes access logs',
    failMessage: 'API Gateway stage has no access logging',
    rationale:
      'An API stage is the entry point to backend functions and data. Access logs record each request with caller IP, identity, method, path and status, which is how abuse, enumeration, broken authorisation and data exfiltration through the API are detected and investigated afterwards. API Gateway writes none of this unless access logging is configured on the stage.',
    remediation:
      'Add `access_log_settings { destination_arn = aws_cloudwatch_log_group.api.arn, format = jsonencode({...}) }` to `aws_api_gateway_stage` / `aws_apigatewayv2_stage`, or `AccessLogSetting` (REST) / `AccessLogSettings` (v2) with a `DestinationArn` and `Format` in CloudFormation. REST APIs also need `aws_api_gateway_account` with a CloudWatch role in the region.',
    severity: 'medium',
    themes: ['logging'],
    resourceTypes: {
      terraform: ['aws_api_gateway_stage', 'aws_apigatewayv2_stage'],
      cloudformation: ['AWS::ApiGateway::Stage', 'AWS::ApiGatewayV2::Stage'],
    },
    peers: {
      checkov: ['CKV_AWS_76', 'CKV_AWS_95'],
      trivy: ['AVD-AWS-0001'],
      kics: ['API Gateway Access Logging Disabled', 'API Gateway V2 Stage Access Logging Settings Not Defined'],
      guard: ['API_GW_STAGE_ACCESS_LOGGING_RULE', 'API_GWV2_ACCESS_LOGS_ENABLED'],
    },
  },
  check: {
    terraform,
    cloudformation: (resource, ctx) => cloudformation(resource, ctx),
  },
};
