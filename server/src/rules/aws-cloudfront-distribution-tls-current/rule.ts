import { asBool, asString, attr, blocks, hasDynamicBlocks } from '../../model/access';
import type { Resource } from '../../model/types';
import { addToBlock, cfnLookup, editableInPlace, isSet, replaceCfnValue, literalFix } from '../shared/awsdata';
import { result, type CheckContext, type CheckResult, type Fix, type Rule } from '../types';

/** Security policies that still allow SSLv3, TLS 1.0 or TLS 1.1 to viewers. */
const OUTDATED = new Set(['SSLv3', 'TLSv1', 'TLSv1_2016', 'TLSv1.1_2016']);
const CURRENT = 'TLSv1.2_2021';
const FIX_TITLE = `Require TLS 1.2 or later from viewers (${CURRENT}; very old browsers and devices can no longer connect)`;

function terraform(resource: Resource, ctx: CheckContext): CheckResult {
  if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
  const vc = blocks(resource.body, 'viewer_certificate')[0];
  if (!vc) return result.skip(resource, hasDynamicBlocks(resource.body, 'viewer_certificate') ? 'viewer_certificate comes from a dynamic block' : 'no viewer_certificate');
  const def = attr(vc.body, 'cloudfront_default_certificate');
  const defOn = asBool(def?.value);
  if (def && defOn === undefined) return result.skip(resource, 'cloudfront_default_certificate is not known statically');
  // With the *.cloudfront.net certificate CloudFront fixes the minimum at TLSv1 and ignores the setting.
  if (defOn === true || (!isSet(vc.body, 'acm_certificate_arn') && !isSet(vc.body, 'iam_certificate_id'))) {
    return result.skip(resource, 'the default CloudFront certificate does not allow choosing a minimum TLS version');
  }
  const min = attr(vc.body, 'minimum_protocol_version');
  if (!min || min.value.kind === 'null') {
    return result.fail(resource, vc.headerRange, {
      message: 'minimum_protocol_version is not set and defaults to TLSv1: viewers may connect with TLS 1.0',
      fixes: [{ title: FIX_TITLE, safety: 'suggestion', edits: [addToBlock(ctx, resource, vc, [`minimum_protocol_version = "${CURRENT}"`])] }],
    });
  }
  const v = asString(min.value);
  if (v === undefined) return result.skip(resource, 'minimum_protocol_version is not known statically');
  if (!OUTDATED.has(v)) return result.pass(resource, min.range);
  return result.fail(resource, min.range, {
    message: `minimum_protocol_version ${v} lets viewers connect with protocols older than TLS 1.2`,
    fixes: literalFix(resource, min, `"${CURRENT}"`, FIX_TITLE, 'suggestion'),
  });
}

function cloudformation(resource: Resource): CheckResult {
  const vc = cfnLookup(resource, ['DistributionConfig', 'ViewerCertificate']);
  if (vc.state === 'unknown') return result.skip(resource, 'ViewerCertificate is not known statically');
  if (vc.state === 'missing') return result.skip(resource, 'the default CloudFront certificate does not allow choosing a minimum TLS version');
  const def = cfnLookup(resource, ['DistributionConfig', 'ViewerCertificate', 'CloudFrontDefaultCertificate']);
  if (def.state === 'unknown') return result.skip(resource, 'CloudFrontDefaultCertificate is not known statically');
  const custom = ['AcmCertificateArn', 'IamCertificateId'].some((k) => cfnLookup(resource, ['DistributionConfig', 'ViewerCertificate', k]).state !== 'missing');
  if ((def.state === 'present' && asBool(def.value) === true) || !custom) return result.skip(resource, 'the default CloudFront certificate does not allow choosing a minimum TLS version');
  const min = cfnLookup(resource, ['DistributionConfig', 'ViewerCertificate', 'MinimumProtocolVersion']);
  if (min.state === 'unknown') return result.skip(resource, 'MinimumProtocolVersion is not known statically');
  if (min.state === 'missing') return result.fail(resource, vc.range, { message: 'MinimumProtocolVersion is not set: viewers may connect with TLS 1.0' });
  const v = asString(min.value);
  if (v === undefined) return result.skip(resource, 'MinimumProtocolVersion is not known statically');
  if (!OUTDATED.has(v)) return result.pass(resource, min.range);
  const fixes: Fix[] = editableInPlace(resource, min.value, min.range) ? [{ title: FIX_TITLE, safety: 'suggestion', edits: [replaceCfnValue(resource, min.value, `"${CURRENT}"`)] }] : [];
  return result.fail(resource, min.range, { message: `MinimumProtocolVersion ${v} lets viewers connect with protocols older than TLS 1.2`, fixes });
}

/**
 * CloudFront distributions with their own certificate require TLS 1.2+ from viewers. Distributions
 * on the default *.cloudfront.net certificate are skipped: CloudFront does not let them choose.
 */
export const rule: Rule = {
  meta: {
    id: 'aws-cloudfront-distribution-tls-current',
    title: 'CloudFront requires TLS 1.2 or later from viewers',
    failMessage: 'CloudFront distribution accepts outdated TLS versions',
    rationale:
      'TLS 1.0 and 1.1 rely on constructions with known weaknesses and are deprecated by the IETF (RFC 8996), by browsers and by PCI DSS. A distribution whose security policy still offers them lets an attacker in the network path push a viewer down to the weakest protocol both sides support. Every browser and client library of the last decade speaks TLS 1.2, so a TLSv1.2_2021 (or newer) policy costs nothing in reach.',
    remediation:
      'In `viewer_certificate` set `minimum_protocol_version = "TLSv1.2_2021"` (or TLSv1.2_2025 / TLSv1.3_2025) with `ssl_support_method = "sni-only"`; in CloudFormation set `ViewerCertificate.MinimumProtocolVersion`. A distribution on the default CloudFront certificate needs a custom domain and ACM certificate to control this.',
    severity: 'medium',
    themes: ['encryption-in-transit'],
    resourceTypes: { terraform: ['aws_cloudfront_distribution'], cloudformation: ['AWS::CloudFront::Distribution'] },
    peers: {
      checkov: ['CKV_AWS_174'],
      trivy: ['AVD-AWS-0013'],
      kics: ['CloudFront Without Minimum Protocol TLS 1.2'],
      guard: ['CLOUDFRONT_MINIMUM_PROTOCOL_VERSION_RULE'],
    },
  },
  check: {
    terraform,
    cloudformation: (resource) => cloudformation(resource),
  },
};
