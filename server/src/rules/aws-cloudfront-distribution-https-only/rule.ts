import { asString, attr, blocks } from '../../model/access';
import type { Resource } from '../../model/types';
import { cfnLookup, cfnLookupIn, editableInPlace, replaceCfnValue, literalFix } from '../shared/awsdata';
import { result, type CheckResult, type Fix, type Rule } from '../types';

const FIX_TITLE = 'Redirect HTTP viewers to HTTPS (clients that cannot follow redirects, e.g. HTTP POSTs, break)';

function terraform(resource: Resource): CheckResult | CheckResult[] {
  if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
  const out: CheckResult[] = [];
  let unknown = false;
  for (const type of ['default_cache_behavior', 'ordered_cache_behavior']) {
    for (const b of blocks(resource.body, type)) {
      const a = attr(b.body, 'viewer_protocol_policy');
      if (!a) continue;
      const v = asString(a.value);
      if (v === undefined) unknown = true;
      else if (v === 'allow-all') {
        out.push(
          result.fail(resource, a.range, {
            message: `The ${type === 'default_cache_behavior' ? 'default cache behavior' : 'ordered cache behavior'} serves viewers over plain HTTP (viewer_protocol_policy = "allow-all")`,
            fixes: literalFix(resource, a, '"redirect-to-https"', FIX_TITLE, 'suggestion'),
          }),
        );
      }
    }
  }
  if (out.length) return out;
  return unknown ? result.skip(resource, 'viewer_protocol_policy is not known statically') : result.pass(resource);
}

function cloudformation(resource: Resource): CheckResult | CheckResult[] {
  const cfg = cfnLookup(resource, ['DistributionConfig']);
  if (cfg.state !== 'present') return result.skip(resource, 'DistributionConfig is not known statically');
  const out: CheckResult[] = [];
  let unknown = false;
  const behaviors: Array<{ label: string; value: typeof cfg.value }> = [];
  const def = cfnLookup(resource, ['DistributionConfig', 'DefaultCacheBehavior']);
  if (def.state === 'present') behaviors.push({ label: 'default cache behavior', value: def.value });
  else if (def.state === 'unknown') unknown = true;
  const list = cfnLookup(resource, ['DistributionConfig', 'CacheBehaviors']);
  if (list.state === 'present' && list.value.kind === 'list') for (const item of list.value.items) behaviors.push({ label: 'cache behavior', value: item });
  else if (list.state !== 'missing') unknown = true;
  for (const b of behaviors) {
    const p = cfnLookupIn(b.value, ['ViewerProtocolPolicy'], b.value.range);
    if (p.state === 'unknown') unknown = true;
    if (p.state !== 'present') continue;
    const v = asString(p.value);
    if (v === undefined) unknown = true;
    else if (v === 'allow-all') {
      const fixes: Fix[] = editableInPlace(resource, p.value, p.range) ? [{ title: FIX_TITLE, safety: 'suggestion', edits: [replaceCfnValue(resource, p.value, '"redirect-to-https"')] }] : [];
      out.push(result.fail(resource, p.range, { message: `The ${b.label} serves viewers over plain HTTP (ViewerProtocolPolicy: allow-all)`, fixes }));
    }
  }
  if (out.length) return out;
  return unknown ? result.skip(resource, 'ViewerProtocolPolicy is not known statically') : result.pass(resource);
}

/**
 * Every CloudFront cache behavior (default and ordered) redirects HTTP viewers to HTTPS or accepts
 * HTTPS only; `allow-all` is reported on the behavior that sets it.
 */
export const rule: Rule = {
  meta: {
    id: 'aws-cloudfront-distribution-https-only',
    title: 'CloudFront serves viewers over HTTPS only',
    failMessage: 'CloudFront cache behavior allows plain HTTP',
    rationale:
      'A behavior with the allow-all viewer protocol policy serves pages, API responses and cookies over unencrypted HTTP to any viewer that asks for it, and any network between the viewer and the edge (public Wi-Fi, a hostile ISP) can read and rewrite them, including injecting scripts or stealing session cookies. Redirecting to HTTPS, or accepting HTTPS only, costs nothing at the edge and is the baseline for any internet-facing site.',
    remediation:
      'Set `viewer_protocol_policy = "redirect-to-https"` (or "https-only") in `default_cache_behavior` and every `ordered_cache_behavior`, or `ViewerProtocolPolicy: redirect-to-https` in `DefaultCacheBehavior` and each `CacheBehaviors` entry.',
    severity: 'high',
    themes: ['encryption-in-transit'],
    resourceTypes: { terraform: ['aws_cloudfront_distribution'], cloudformation: ['AWS::CloudFront::Distribution'] },
    peers: {
      checkov: ['CKV_AWS_34'],
      trivy: ['AVD-AWS-0012'],
      kics: ['Cloudfront Viewer Protocol Policy Allows HTTP'],
      guard: ['CLOUDFRONT_VIEWER_POLICY_HTTPS'],
    },
  },
  check: {
    terraform: (resource) => terraform(resource),
    cloudformation: (resource) => cloudformation(resource),
  },
};
