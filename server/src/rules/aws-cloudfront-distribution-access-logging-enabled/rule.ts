import { blocks, hasDynamicBlocks } from '../../model/access';
import type { ObjectValue, Resource } from '../../model/types';
import { addCloudFormationEntry, insertIntoTerraformBody, withCfnParameter } from '../fixkit';
import { allRefs, cfnLookup } from '../shared/awsdata';
import { result, type CheckContext, type CheckResult, type Rule } from '../types';

const FIX_TITLE = 'Log requests to S3 (fill in var.cloudfront_log_bucket_domain_name; the bucket must allow ACLs for log delivery)';

/** Standard logging v2: a CloudWatch Logs delivery source for the distribution. */
function hasDeliverySource(resource: Resource, ctx: CheckContext, type: string, attribute: string): boolean {
  return ctx.moduleResources.some((r) => r.type === type && r.kind === 'resource' && allRefs(r.body.attributes.find((a) => a.name === attribute)?.value).has(resource.address));
}

function terraform(resource: Resource, ctx: CheckContext): CheckResult {
  if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
  const block = blocks(resource.body, 'logging_config')[0];
  if (block) return result.pass(resource, block.headerRange);
  if (hasDynamicBlocks(resource.body, 'logging_config')) return result.skip(resource, 'logging_config comes from a dynamic block');
  if (hasDeliverySource(resource, ctx, 'aws_cloudwatch_log_delivery_source', 'resource_arn')) return result.pass(resource);
  return result.fail(resource, resource.headerRange, {
    fixes: [
      {
        title: FIX_TITLE,
        safety: 'suggestion',
        edits: [insertIntoTerraformBody(ctx, resource.file, resource.body, resource.headerRange.start.offset, ['logging_config {', '  bucket          = var.cloudfront_log_bucket_domain_name', '  include_cookies = false', '}'])],
      },
    ],
  });
}

const CFN_PARAMETER = 'CloudFrontLogBucketDomainName';

function cloudformation(resource: Resource, ctx: CheckContext): CheckResult {
  const logging = cfnLookup(resource, ['DistributionConfig', 'Logging']);
  if (logging.state === 'unknown') return result.skip(resource, 'Logging is not known statically');
  if (logging.state === 'present') return result.pass(resource, logging.range);
  if (cfnLookup(resource, ['DistributionConfig']).state === 'unknown') return result.skip(resource, 'DistributionConfig is not known statically');
  if (hasDeliverySource(resource, ctx, 'AWS::Logs::DeliverySource', 'ResourceArn')) return result.pass(resource);
  const config = cfnLookup(resource, ['DistributionConfig']);
  const edits =
    config.state === 'present' && config.value.kind === 'object'
      ? withCfnParameter(ctx, resource, CFN_PARAMETER, { description: 'Domain name of the S3 bucket that receives CloudFront logs (bucket.s3.amazonaws.com)' }, (ref) =>
          addCloudFormationEntry(ctx, resource, config.value as ObjectValue, 'Logging', { Bucket: ref, IncludeCookies: false }),
        )
      : undefined;
  const title = `Log requests to S3 (fill in the ${CFN_PARAMETER} parameter; the bucket must allow ACLs for log delivery)`;
  return result.fail(resource, resource.headerRange, { fixes: edits ? [{ title, safety: 'suggestion', edits }] : [] });
}

/**
 * CloudFront distributions record viewer requests: standard logging to S3 (`logging_config` /
 * `Logging`) or standard logging v2 through a CloudWatch Logs delivery source for the distribution.
 */
export const rule: Rule = {
  meta: {
    id: 'aws-cloudfront-distribution-access-logging-enabled',
    title: 'CloudFront distribution logs viewer requests',
    failMessage: 'CloudFront distribution has no access logging',
    rationale:
      'CloudFront is the public face of the application: every request from every viewer, legitimate or not, arrives there first. Access logs record who asked for what, from where, and with which result, which is the evidence needed to investigate scraping, credential stuffing, data exfiltration through an API or abuse of signed URLs. CloudFront keeps no such record unless logging is configured.',
    remediation:
      'Add `logging_config { bucket = "<log-bucket>.s3.amazonaws.com" }` to `aws_cloudfront_distribution` (the bucket must have ACLs enabled for the log delivery), or configure standard logging v2 with `aws_cloudwatch_log_delivery_source` / `_destination` / `aws_cloudwatch_log_delivery`. In CloudFormation set `DistributionConfig.Logging` or add an `AWS::Logs::DeliverySource` for the distribution.',
    severity: 'medium',
    themes: ['logging'],
    resourceTypes: { terraform: ['aws_cloudfront_distribution'], cloudformation: ['AWS::CloudFront::Distribution'] },
    peers: {
      checkov: ['CKV_AWS_86'],
      trivy: ['AVD-AWS-0010'],
      kics: ['CloudFront Logging Disabled'],
      guard: ['CLOUDFRONT_ACCESSLOGS_ENABLED'],
    },
  },
  check: {
    terraform,
    cloudformation,
  },
};
