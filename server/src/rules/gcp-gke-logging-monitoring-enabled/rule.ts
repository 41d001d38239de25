import { asList, asString, attr, blocks } from '../../model/access';
import { replaceValue } from '../fixkit';
import { result, type CheckResult, type Rule } from '../types';

const SERVICES = [
  { attr: 'logging_service', config: 'logging_config', what: 'Cloud Logging', value: 'logging.googleapis.com/kubernetes' },
  { attr: 'monitoring_service', config: 'monitoring_config', what: 'Cloud Monitoring', value: 'monitoring.googleapis.com/kubernetes' },
] as const;

/**
 * GKE clusters send logs and metrics to Cloud Logging and Cloud Monitoring. Both are on by default;
 * `logging_service` / `monitoring_service = "none"`, or an empty `enable_components` list in
 * `logging_config` / `monitoring_config`, turns them off.
 */
export const rule: Rule = {
  meta: {
    id: 'gcp-gke-logging-monitoring-enabled',
    title: 'GKE cluster sends logs and metrics to Cloud operations',
    failMessage: 'GKE cluster has Cloud Logging or Cloud Monitoring turned off',
    rationale:
      'Container, node and control-plane logs are the evidence of what happened inside a cluster: which pod crashed, which image ran, what the API server refused. With logging or monitoring set to none, that evidence is never collected, incidents cannot be reconstructed and alerting on cluster health has nothing to work with.',
    remediation:
      'Remove `logging_service = "none"` / `monitoring_service = "none"` from the `google_container_cluster` (the defaults are `logging.googleapis.com/kubernetes` and `monitoring.googleapis.com/kubernetes`), and keep at least `SYSTEM_COMPONENTS` (plus `WORKLOADS` for logs) in `logging_config` / `monitoring_config`.',
    severity: 'medium',
    themes: ['logging', 'monitoring-alerting'],
    resourceTypes: { terraform: ['google_container_cluster'] },
    peers: {
      checkov: ['CKV_GCP_1', 'CKV_GCP_8'],
      trivy: ['AVD-GCP-0060', 'AVD-GCP-0052'],
    },
  },
  check: {
    terraform(resource) {
      if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
      const fails: CheckResult[] = [];
      let unknown = false;
      for (const s of SERVICES) {
        const a = attr(resource.body, s.attr);
        if (a && a.value.kind !== 'null') {
          const v = asString(a.value);
          if (v === undefined) unknown = true;
          else if (v === 'none') {
            fails.push(
              result.fail(resource, a.range, {
                message: `GKE cluster turns ${s.what} off (${s.attr} = "none")`,
                fixes: [{ title: `Send cluster data to ${s.what}`, safety: 'suggestion', edits: [replaceValue(resource.file, a, JSON.stringify(s.value))] }],
              }),
            );
            continue;
          }
        }
        const cfg = blocks(resource.body, s.config)[0];
        const comps = cfg ? attr(cfg.body, 'enable_components') : undefined;
        if (comps && comps.value.kind !== 'null') {
          const items = asList(comps.value);
          if (!items) unknown = true;
          else if (items.length === 0) fails.push(result.fail(resource, comps.range, { message: `GKE cluster collects no components for ${s.what} (empty enable_components)` }));
        }
      }
      if (fails.length) return fails;
      if (unknown) return result.skip(resource, 'logging or monitoring settings are not known statically');
      return result.pass(resource);
    },
  },
};
