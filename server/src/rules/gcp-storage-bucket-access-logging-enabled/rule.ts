import { asString, attr, blocks, hasDynamicBlocks } from '../../model/access';
import { insertIntoTerraformBody } from '../fixkit';
import { result, type Rule } from '../types';

/**
 * Cloud Storage buckets write usage logs to a log bucket (`logging { log_bucket = ... }`). There is
 * no default log bucket. Buckets that are themselves the log target of another bucket in the module
 * are skipped: a log bucket should not log into itself.
 */
export const rule: Rule = {
  meta: {
    id: 'gcp-storage-bucket-access-logging-enabled',
    title: 'Cloud Storage bucket writes usage logs',
    failMessage: 'Cloud Storage bucket has no usage (access) logging',
    rationale:
      'Usage logs record every request made to a bucket, including anonymous ones, with caller IP, object and result. They are what an investigation falls back on to answer "who downloaded this file" when Data Access audit logs were not enabled for Cloud Storage, and they are cheap to keep in a separate log bucket. Cloud Audit Logs (Data Access) are the richer source and worth enabling as well.',
    remediation:
      'Add `logging { log_bucket = "<log-bucket-name>" }` to the `google_storage_bucket`, pointing at a dedicated bucket that grants `cloud-storage-analytics@google.com` write access; alternatively enable Data Access audit logs for `storage.googleapis.com` with `google_project_iam_audit_config`.',
    severity: 'low',
    themes: ['logging'],
    resourceTypes: { terraform: ['google_storage_bucket'] },
    peers: {
      checkov: ['CKV_GCP_62'],
      trivy: ['AVD-GCP-0077', 'google-storage-enable-bucket-logging'],
      kics: ['Cloud Storage Bucket Logging Not Enabled'],
    },
  },
  check: {
    terraform(resource, ctx) {
      if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
      const logging = blocks(resource.body, 'logging');
      if (logging.length) {
        const target = attr(logging[0].body, 'log_bucket');
        if (target && target.value.kind !== 'null') return result.pass(resource, target.range);
        return result.fail(resource, logging[0].headerRange, { message: 'Cloud Storage bucket logging block has no log_bucket' });
      }
      if (hasDynamicBlocks(resource.body, 'logging')) return result.skip(resource, 'logging is set by a dynamic block');
      // A bucket other buckets log into is the log bucket itself.
      const name = asString(attr(resource.body, 'name')?.value);
      for (const other of ctx.moduleResources) {
        if (other === resource || other.type !== 'google_storage_bucket') continue;
        for (const l of blocks(other.body, 'logging')) {
          const t = attr(l.body, 'log_bucket');
          if (!t) continue;
          if ((t.value.refs ?? []).includes(resource.address) || (name !== undefined && asString(t.value) === name)) {
            return result.skip(resource, 'this bucket receives the usage logs of other buckets');
          }
        }
      }
      return result.fail(resource, resource.headerRange, {
        fixes: [
          {
            title: 'Send usage logs to var.access_log_bucket (declare it with the name of your log bucket)',
            safety: 'suggestion',
            edits: [insertIntoTerraformBody(ctx, resource.file, resource.body, resource.headerRange.start.offset, ['logging {', '  log_bucket = var.access_log_bucket', '}'])],
          },
        ],
      });
    },
  },
};
