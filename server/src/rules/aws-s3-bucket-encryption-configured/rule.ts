import { attr, blocks, field, hasDynamicBlocks } from '../../model/access';
import { addCloudFormationProperty } from '../fixkit';
import { result, type Rule } from '../types';
import { addConfigResourceFix, addInlineBlockFix, bucketConfigs, usesInlineStyle } from '../shared/s3Links';

const SSE_CONFIG = 'aws_s3_bucket_server_side_encryption_configuration';

const FIX_TITLE = 'Declare default encryption (SSE-S3, AES256)';

/**
 * S3 has encrypted every new object with SSE-S3 since January 2023, whatever the bucket says, so
 * this rule is not about plaintext data: it asks that the default encryption be declared in code,
 * where reviewers and auditors can see the algorithm and key and where drift is detected. Hence
 * severity low. Buckets whose configuration may come from a resource we cannot link are skipped.
 */
export const rule: Rule = {
  meta: {
    id: 'aws-s3-bucket-encryption-configured',
    title: 'S3 bucket declares its default encryption',
    failMessage:
      'S3 bucket declares no default encryption: S3 still applies SSE-S3 to new objects, but the algorithm and key are neither stated nor under change control',
    rationale:
      'Since January 2023 S3 encrypts every new object with SSE-S3 even when a bucket has no encryption settings, so a bucket without them is not storing plaintext. What is missing is evidence: with no declared configuration, the code does not say which algorithm or key protects the data, a change to SSE-KMS with a customer-managed key (needed where key access must be logged or revoked) cannot be reviewed, and a later manual change in the console goes unnoticed. Declaring the default encryption turns an implicit provider default into an auditable, reviewable control.',
    remediation:
      'Add an `aws_s3_bucket_server_side_encryption_configuration` whose `bucket` references the bucket (provider v4+), or a `server_side_encryption_configuration` block in the bucket (provider v3), with `sse_algorithm = "AES256"` or `"aws:kms"` and a `kms_master_key_id`. In CloudFormation set `BucketEncryption.ServerSideEncryptionConfiguration`.',
    severity: 'low',
    themes: ['encryption-at-rest'],
    resourceTypes: { terraform: ['aws_s3_bucket'], cloudformation: ['AWS::S3::Bucket'] },
    peers: {
      checkov: ['CKV_AWS_19'],
      trivy: ['AVD-AWS-0088', 'aws-s3-enable-bucket-encryption'],
      kics: ['S3 Bucket Without Server-side-encryption'],
      guard: ['S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED'],
    },
  },
  check: {
    terraform(resource, ctx) {
      if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
      const inline = blocks(resource.body, 'server_side_encryption_configuration');
      if (inline.length) return result.pass(resource, inline[0].headerRange);
      if (hasDynamicBlocks(resource.body, 'server_side_encryption_configuration')) {
        return result.skip(resource, 'encryption configuration comes from a dynamic block');
      }
      const { linked, unresolved } = bucketConfigs(resource, ctx, SSE_CONFIG);
      if (linked.length) return result.pass(resource);
      if (unresolved.length) return result.skip(resource, `an ${SSE_CONFIG} whose bucket cannot be determined may apply`);
      const fix = usesInlineStyle(resource)
        ? addInlineBlockFix(
            resource,
            ctx,
            [
              'server_side_encryption_configuration {',
              '  rule {',
              '    apply_server_side_encryption_by_default {',
              '      sse_algorithm = "AES256"',
              '    }',
              '  }',
              '}',
            ],
            FIX_TITLE,
            'safe',
          )
        : addConfigResourceFix(
            resource,
            ctx,
            SSE_CONFIG,
            ['rule {', '  apply_server_side_encryption_by_default {', '    sse_algorithm = "AES256"', '  }', '}'],
            FIX_TITLE,
            'safe',
          );
      return result.fail(resource, resource.headerRange, { fixes: fix ? [fix] : [] });
    },
    cloudformation(resource, ctx) {
      const enc = attr(resource.body, 'BucketEncryption');
      if (!enc) {
        const edit = addCloudFormationProperty(ctx, resource, 'BucketEncryption', {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        });
        return result.fail(resource, resource.headerRange, { fixes: edit ? [{ title: FIX_TITLE, safety: 'safe', edits: [edit] }] : [] });
      }
      if (enc.value.kind === 'unknown') return result.skip(resource, 'BucketEncryption is unknown');
      const rules = field(enc.value, 'ServerSideEncryptionConfiguration');
      if (rules === undefined || (rules.kind === 'list' && rules.items.length === 0)) {
        return result.fail(resource, enc.range, { message: 'BucketEncryption has no ServerSideEncryptionConfiguration rule' });
      }
      return result.pass(resource, enc.range);
    },
  },
};
