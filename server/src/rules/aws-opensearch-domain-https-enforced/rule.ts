import { asBool, asString, attr, blocks } from '../../model/access';
import type { Resource } from '../../model/types';
import { insertIntoTerraformBody } from '../fixkit';
import { cfnLookup, editableInPlace, readBool, replaceCfnValue, singleBlock, literalFix } from '../shared/awsdata';
import { result, type CheckContext, type CheckResult, type Rule } from '../types';

/** TLS policies that still accept TLS 1.0 and 1.1. */
const OLD_POLICIES = new Set(['Policy-Min-TLS-1-0-2019-07']);
const CURRENT_POLICY = 'Policy-Min-TLS-1-2-2019-07';
const HTTPS_FIX = 'Require HTTPS (HTTP clients are refused)';
const TLS_FIX = `Require TLS 1.2 or later (${CURRENT_POLICY}; clients limited to TLS 1.0/1.1 are refused)`;

/** Fine-grained access control makes OpenSearch require HTTPS whatever the endpoint options say. */
function fineGrainedOn(resource: Resource): boolean {
  if (resource.format === 'terraform') {
    const aso = blocks(resource.body, 'advanced_security_options')[0];
    return !!aso && asBool(attr(aso.body, 'enabled')?.value) === true;
  }
  const e = cfnLookup(resource, ['AdvancedSecurityOptions', 'Enabled']);
  return e.state === 'present' && asBool(e.value) === true;
}

function terraform(resource: Resource, ctx: CheckContext): CheckResult {
  if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
  const { block, dynamic } = singleBlock(resource.body, 'domain_endpoint_options');
  if (!block) {
    if (dynamic) return result.skip(resource, 'domain_endpoint_options comes from a dynamic block');
    if (fineGrainedOn(resource)) return result.pass(resource);
    return result.fail(resource, resource.headerRange, {
      message: 'No domain_endpoint_options: the domain endpoint accepts plain HTTP',
      fixes: [
        {
          title: HTTPS_FIX,
          safety: 'suggestion',
          edits: [insertIntoTerraformBody(ctx, resource.file, resource.body, resource.headerRange.start.offset, ['domain_endpoint_options {', '  enforce_https       = true', `  tls_security_policy = "${CURRENT_POLICY}"`, '}'])],
        },
      ],
    });
  }
  const https = readBool(block.body, 'enforce_https');
  if (https.unknown) return result.skip(resource, 'enforce_https is not known statically');
  // Inside the block enforce_https defaults to true.
  if (https.attribute && https.value === false) {
    return result.fail(resource, https.attribute.range, {
      message: 'enforce_https is false: the domain endpoint accepts plain HTTP',
      fixes: literalFix(resource, https.attribute, 'true', HTTPS_FIX, 'suggestion'),
    });
  }
  const policy = attr(block.body, 'tls_security_policy');
  if (policy) {
    const value = asString(policy.value);
    if (value === undefined) return result.skip(resource, 'tls_security_policy is not known statically');
    if (OLD_POLICIES.has(value)) {
      return result.fail(resource, policy.range, {
        message: `tls_security_policy ${value} still accepts TLS 1.0 and 1.1`,
        fixes: literalFix(resource, policy, `"${CURRENT_POLICY}"`, TLS_FIX, 'suggestion'),
      });
    }
  }
  return result.pass(resource, block.headerRange);
}

function cloudformation(resource: Resource): CheckResult {
  const opts = cfnLookup(resource, ['DomainEndpointOptions']);
  if (opts.state === 'unknown') return result.skip(resource, 'DomainEndpointOptions is not known statically');
  if (opts.state === 'missing') {
    if (fineGrainedOn(resource)) return result.pass(resource);
    return result.fail(resource, resource.headerRange, { message: 'No DomainEndpointOptions: the domain endpoint accepts plain HTTP' });
  }
  const https = cfnLookup(resource, ['DomainEndpointOptions', 'EnforceHTTPS']);
  if (https.state === 'unknown') return result.skip(resource, 'EnforceHTTPS is not known statically');
  const on = https.state === 'present' ? asBool(https.value) : undefined;
  if (https.state === 'present' && on === undefined) return result.skip(resource, 'EnforceHTTPS is not known statically');
  if (on !== true && !fineGrainedOn(resource)) {
    const fixes = https.state === 'present' && editableInPlace(resource, https.value, https.range)
      ? [{ title: HTTPS_FIX, safety: 'suggestion' as const, edits: [replaceCfnValue(resource, https.value, 'true')] }]
      : [];
    return result.fail(resource, https.state === 'present' ? https.range : opts.range, {
      message: https.state === 'present' ? 'EnforceHTTPS is false: the domain endpoint accepts plain HTTP' : 'EnforceHTTPS is not set: the domain endpoint accepts plain HTTP',
      fixes,
    });
  }
  const policy = cfnLookup(resource, ['DomainEndpointOptions', 'TLSSecurityPolicy']);
  if (policy.state === 'unknown') return result.skip(resource, 'TLSSecurityPolicy is not known statically');
  if (policy.state === 'present') {
    const value = asString(policy.value);
    if (value === undefined) return result.skip(resource, 'TLSSecurityPolicy is not known statically');
    if (OLD_POLICIES.has(value)) {
      const fixes = editableInPlace(resource, policy.value, policy.range) ? [{ title: TLS_FIX, safety: 'suggestion' as const, edits: [replaceCfnValue(resource, policy.value, JSON.stringify(CURRENT_POLICY))] }] : [];
      return result.fail(resource, policy.range, { message: `TLSSecurityPolicy ${value} still accepts TLS 1.0 and 1.1`, fixes });
    }
  }
  return result.pass(resource, opts.range);
}

/**
 * OpenSearch / Elasticsearch domain endpoints refuse plain HTTP and TLS older than 1.2. A domain
 * without endpoint options is reported unless fine-grained access control (which forces HTTPS) is
 * on; an unset TLS policy is not reported, because its default differs between domain ages.
 */
export const rule: Rule = {
  meta: {
    id: 'aws-opensearch-domain-https-enforced',
    title: 'OpenSearch domain requires HTTPS with TLS 1.2+',
    failMessage: 'OpenSearch domain endpoint accepts plain HTTP or outdated TLS',
    rationale:
      'Queries and results sent to a search domain carry the documents themselves and, with fine-grained access control or signed requests, the credentials that authorise them. An endpoint that accepts plain HTTP lets anyone on the path read and alter them; one that accepts TLS 1.0 or 1.1 allows downgrade to protocol versions with known weaknesses that current guidance no longer accepts. Requiring HTTPS with a TLS 1.2 minimum policy protects every client connection.',
    remediation:
      'Add `domain_endpoint_options { enforce_https = true, tls_security_policy = "Policy-Min-TLS-1-2-2019-07" }` (or the PFS 2023 policy) to `aws_opensearch_domain` / `aws_elasticsearch_domain`, or `DomainEndpointOptions: { EnforceHTTPS: true, TLSSecurityPolicy: Policy-Min-TLS-1-2-2019-07 }` in CloudFormation.',
    severity: 'high',
    themes: ['encryption-in-transit'],
    resourceTypes: {
      terraform: ['aws_opensearch_domain', 'aws_elasticsearch_domain'],
      cloudformation: ['AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain'],
    },
    peers: {
      checkov: ['CKV_AWS_83', 'CKV_AWS_228'],
      trivy: ['AVD-AWS-0046', 'AVD-AWS-0126'],
      kics: ['Elasticsearch with HTTPS disabled'],
      guard: ['OPENSEARCH_HTTPS_REQUIRED'],
    },
  },
  check: {
    terraform,
    cloudformation: (resource) => cloudformation(resource),
  },
};
