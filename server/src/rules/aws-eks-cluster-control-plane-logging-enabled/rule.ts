import { asString, asStringList, attr } from '../../model/access';
import type { Resource } from '../../model/types';
import { addCloudFormationEntry, addCloudFormationProperty, addTerraformAttribute, replaceValue } from '../fixkit';
import { cfnLookup, cfnLookupIn } from '../shared/awsdata';
import { result, type CheckContext, type CheckResult, type Rule } from '../types';

/** The control-plane log types that record who did what: API requests, audit events, IAM authentication. */
const REQUIRED = ['api', 'audit', 'authenticator'];
const FIX_TITLE = 'Send api, audit and authenticator logs to CloudWatch Logs (billed per GB ingested)';

function missingTypes(enabled: string[]): string[] {
  return REQUIRED.filter((t) => !enabled.includes(t));
}

function message(missing: string[]): string {
  return `Control-plane logging does not include ${missing.map((m) => `"${m}"`).join(', ')}`;
}

function terraform(resource: Resource, ctx: CheckContext): CheckResult {
  if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
  const a = attr(resource.body, 'enabled_cluster_log_types');
  if (!a || a.value.kind === 'null') {
    return result.fail(resource, resource.headerRange, {
      message: 'No control-plane log types are enabled (enabled_cluster_log_types is not set)',
      fixes: [{ title: FIX_TITLE, safety: 'suggestion', edits: [addTerraformAttribute(ctx, resource, `enabled_cluster_log_types = [${REQUIRED.map((t) => `"${t}"`).join(', ')}]`)] }],
    });
  }
  const list = asStringList(a.value);
  if (list === undefined) return result.skip(resource, 'enabled_cluster_log_types is not known statically');
  const missing = missingTypes(list);
  if (!missing.length) return result.pass(resource, a.range);
  const merged = [...list, ...missing].map((t) => `"${t}"`).join(', ');
  const inPlace =
    a.value.range.start.offset >= a.range.start.offset &&
    a.value.range.end.offset <= a.range.end.offset &&
    (a.value.file ?? resource.file) === resource.file &&
    ctx.fileText(resource.file).slice(a.value.range.start.offset, a.value.range.end.offset).trimStart().startsWith('[');
  return result.fail(resource, a.range, {
    message: message(missing),
    fixes: inPlace ? [{ title: FIX_TITLE, safety: 'suggestion', edits: [replaceValue(resource.file, a, `[${merged}]`)] }] : [],
  });
}

function cloudformation(resource: Resource, ctx: CheckContext): CheckResult {
  const types = cfnLookup(resource, ['Logging', 'ClusterLogging', 'EnabledTypes']);
  if (types.state === 'unknown') return result.skip(resource, 'Logging is not known statically');
  if (types.state === 'missing') {
    const logging = cfnLookup(resource, ['Logging']);
    const clusterLogging = cfnLookup(resource, ['Logging', 'ClusterLogging']);
    const enabledTypes = REQUIRED.map((t) => ({ Type: t }));
    // A list of log types the user already wrote is not rewritten (its style is theirs); a missing one is added.
    const edit =
      logging.state === 'missing'
        ? addCloudFormationProperty(ctx, resource, 'Logging', { ClusterLogging: { EnabledTypes: enabledTypes } })
        : clusterLogging.state === 'missing' && logging.state === 'present' && logging.value.kind === 'object'
          ? addCloudFormationEntry(ctx, resource, logging.value, 'ClusterLogging', { EnabledTypes: enabledTypes })
          : clusterLogging.state === 'present' && clusterLogging.value.kind === 'object'
            ? addCloudFormationEntry(ctx, resource, clusterLogging.value, 'EnabledTypes', enabledTypes)
            : undefined;
    return result.fail(resource, logging.state === 'present' ? logging.range : resource.headerRange, {
      message: 'No control-plane log types are enabled',
      fixes: edit ? [{ title: FIX_TITLE, safety: 'suggestion', edits: [edit] }] : [],
    });
  }
  if (types.value.kind !== 'list') return result.skip(resource, 'EnabledTypes is not known statically');
  const enabled: string[] = [];
  for (const item of types.value.items) {
    const t = cfnLookupIn(item, ['Type'], item.range);
    const s = t.state === 'present' ? asString(t.value) : undefined;
    if (s === undefined) return result.skip(resource, 'EnabledTypes is not known statically');
    enabled.push(s);
  }
  const missing = missingTypes(enabled);
  if (!missing.length) return result.pass(resource, types.range);
  return result.fail(resource, types.range, { message: message(missing) });
}

/**
 * EKS control-plane logging sends at least the api, audit and authenticator logs to CloudWatch
 * Logs. Nothing is enabled by default.
 */
export const rule: Rule = {
  meta: {
    id: 'aws-eks-cluster-control-plane-logging-enabled',
    title: 'EKS cluster sends api, audit and authenticator logs',
    failMessage: 'EKS control-plane audit logging is incomplete',
    rationale:
      'The Kubernetes API server is the front door of the cluster: every kubectl command, every controller and every attacker goes through it. Its audit log records who did what to which object, and the authenticator log maps IAM principals to Kubernetes users. EKS keeps none of this unless control-plane logging is switched on, so without it there is nothing to investigate a compromised workload or a misused role with.',
    remediation:
      'Set `enabled_cluster_log_types = ["api", "audit", "authenticator"]` (add "controllerManager" and "scheduler" if useful) on `aws_eks_cluster`, or `Logging: { ClusterLogging: { EnabledTypes: [{Type: api}, {Type: audit}, {Type: authenticator}] } }` on `AWS::EKS::Cluster`. Set a retention period on the `/aws/eks/<cluster>/cluster` log group.',
    severity: 'medium',
    themes: ['logging'],
    resourceTypes: { terraform: ['aws_eks_cluster'], cloudformation: ['AWS::EKS::Cluster'] },
    peers: {
      checkov: ['CKV_AWS_37'],
      trivy: ['AVD-AWS-0038'],
      kics: ['EKS cluster logging is not enabled'],
    },
  },
  check: {
    terraform,
    cloudformation: (resource, ctx) => cloudformation(resource, ctx),
  },
};
