import { asBool, asStringList, attr, blocks } from '../../model/access';
import type { Range, Resource } from '../../model/types';
import { addCloudFormationEntries, replaceValue } from '../fixkit';
import { addToBlock, cfnLookup, isLiteral, replaceCfnValue } from '../shared/awsdata';
import { result, type CheckContext, type CheckResult, type Fix, type Rule } from '../types';

const OPEN = new Set(['0.0.0.0/0', '::/0']);
const FIX_TITLE = 'Make the API endpoint private (kubectl and CI must then reach it from inside the VPC)';

function terraform(resource: Resource, ctx: CheckContext): CheckResult {
  if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
  const vpc = blocks(resource.body, 'vpc_config')[0];
  if (!vpc) return result.skip(resource, 'vpc_config is not known statically');
  const pub = attr(vpc.body, 'endpoint_public_access');
  const pubOn = pub && pub.value.kind !== 'null' ? asBool(pub.value) : true; // default: public
  if (pubOn === undefined) return result.skip(resource, 'endpoint_public_access is not known statically');
  if (!pubOn) return result.pass(resource, pub?.range);
  const cidrs = attr(vpc.body, 'public_access_cidrs');
  let range: Range = pub?.range ?? vpc.headerRange;
  if (cidrs && cidrs.value.kind !== 'null') {
    const list = asStringList(cidrs.value);
    if (list === undefined) return result.skip(resource, 'public_access_cidrs is not known statically');
    if (!list.some((c) => OPEN.has(c.trim()))) return result.pass(resource, cidrs.range);
    range = cidrs.range;
  }
  // Making the endpoint private also needs private access on, else the API is unreachable.
  const priv = attr(vpc.body, 'endpoint_private_access');
  const edits = [];
  let fixable = true;
  if (pub) {
    if (isLiteral(pub.value)) edits.push(replaceValue(resource.file, pub, 'false'));
    else fixable = false;
  }
  const lines = [];
  if (!pub) lines.push('endpoint_public_access  = false');
  if (!priv) lines.push('endpoint_private_access = true');
  else if (asBool(priv.value) !== true) {
    if (isLiteral(priv.value)) edits.push(replaceValue(resource.file, priv, 'true'));
    else fixable = false;
  }
  if (lines.length) edits.push(addToBlock(ctx, resource, vpc, lines));
  const fixes: Fix[] = fixable ? [{ title: FIX_TITLE, safety: 'suggestion', edits }] : [];
  return result.fail(resource, range, {
    message: cidrs ? 'The public API endpoint accepts connections from any address (public_access_cidrs includes 0.0.0.0/0)' : 'The API endpoint is public and open to any address (public access defaults to on, from 0.0.0.0/0)',
    fixes,
  });
}

/**
 * The CloudFormation form of the Terraform fix: public access off, private access on (else the API
 * is unreachable), literals replaced in place and missing settings added to ResourcesVpcConfig.
 */
function cfnPrivateEndpointFix(resource: Resource, ctx: CheckContext): Fix[] {
  const cfg = cfnLookup(resource, ['ResourcesVpcConfig']);
  if (cfg.state !== 'present' || cfg.value.kind !== 'object') return [];
  const edits = [];
  const add: Record<string, boolean> = {};
  for (const [key, wanted] of [
    ['EndpointPublicAccess', false],
    ['EndpointPrivateAccess', true],
  ] as const) {
    const current = cfnLookup(resource, ['ResourcesVpcConfig', key]);
    if (current.state === 'missing') add[key] = wanted;
    else if (current.state === 'unknown' || !isLiteral(current.value)) return [];
    else if (asBool(current.value) !== wanted) edits.push(replaceCfnValue(resource, current.value, String(wanted)));
  }
  if (Object.keys(add).length) {
    const edit = addCloudFormationEntries(ctx, resource, cfg.value, add);
    if (!edit) return [];
    edits.push(edit);
  }
  return [{ title: FIX_TITLE, safety: 'suggestion', edits }];
}

function cloudformation(resource: Resource, ctx: CheckContext): CheckResult {
  const cfg = cfnLookup(resource, ['ResourcesVpcConfig']);
  if (cfg.state !== 'present') return result.skip(resource, 'ResourcesVpcConfig is not known statically');
  const pub = cfnLookup(resource, ['ResourcesVpcConfig', 'EndpointPublicAccess']);
  if (pub.state === 'unknown') return result.skip(resource, 'EndpointPublicAccess is not known statically');
  const pubOn = pub.state === 'present' ? asBool(pub.value) : true;
  if (pubOn === undefined) return result.skip(resource, 'EndpointPublicAccess is not known statically');
  if (!pubOn) return result.pass(resource, pub.state === 'present' ? pub.range : undefined);
  const cidrs = cfnLookup(resource, ['ResourcesVpcConfig', 'PublicAccessCidrs']);
  if (cidrs.state === 'unknown') return result.skip(resource, 'PublicAccessCidrs is not known statically');
  if (cidrs.state === 'present') {
    const list = asStringList(cidrs.value);
    if (list === undefined) return result.skip(resource, 'PublicAccessCidrs is not known statically');
    if (!list.some((c) => OPEN.has(c.trim()))) return result.pass(resource, cidrs.range);
    return result.fail(resource, cidrs.range, {
      message: 'The public API endpoint accepts connections from any address (PublicAccessCidrs includes 0.0.0.0/0)',
      fixes: cfnPrivateEndpointFix(resource, ctx),
    });
  }
  return result.fail(resource, pub.state === 'present' ? pub.range : cfg.range, {
    message: 'The API endpoint is public and open to any address (public access defaults to on, from 0.0.0.0/0)',
    fixes: cfnPrivateEndpointFix(resource, ctx),
  });
}

/**
 * The EKS Kubernetes API endpoint is private, or public only to listed CIDR ranges. Public access
 * is on by default and open to 0.0.0.0/0 unless `public_access_cidrs` narrows it.
 */
export const rule: Rule = {
  meta: {
    id: 'aws-eks-cluster-endpoint-not-public',
    title: 'EKS API endpoint is private or limited to known CIDRs',
    failMessage: 'EKS API endpoint is open to the internet',
    rationale:
      'The Kubernetes API server controls every workload, secret and service account in the cluster. Exposed to the whole internet it can be probed by anyone for authentication flaws, leaked kubeconfigs or tokens, and API-server vulnerabilities, with nothing but authentication in the way. Keeping the endpoint private, or public only to the office and CI egress ranges, adds a network layer that a stolen credential alone does not get past.',
    remediation:
      'In `vpc_config` set `endpoint_private_access = true` and either `endpoint_public_access = false` or `public_access_cidrs` to the ranges that need it; in CloudFormation set `ResourcesVpcConfig.EndpointPublicAccess: false` / `PublicAccessCidrs`. Make sure administrators and pipelines can reach the private endpoint (VPN, bastion, runners in the VPC) before closing the public one.',
    severity: 'high',
    themes: ['network-security-segmentation', 'public-exposure-data-leakage'],
    resourceTypes: { terraform: ['aws_eks_cluster'], cloudformation: ['AWS::EKS::Cluster'] },
    peers: {
      checkov: ['CKV_AWS_39', 'CKV_AWS_38'],
      trivy: ['AVD-AWS-0040', 'AVD-AWS-0041'],
      kics: ['EKS Cluster Has Public Access', 'EKS Cluster Has Public Access CIDRs'],
      guard: ['EKS_ENDPOINT_NO_PUBLIC_ACCESS'],
    },
  },
  check: {
    terraform,
    cloudformation: (resource, ctx) => cloudformation(resource, ctx),
  },
};
