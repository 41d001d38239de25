import { asBool, attr } from '../../model/access';
import type { Resource } from '../../model/types';
import { addTerraformAttribute, replaceValue } from '../fixkit';
import { result, type CheckContext, type CheckResult, type Fix, type Rule } from '../types';

const FIX_TITLE = 'Encrypt the file system (forces replacement: data must be copied to the new file system)';

function check(resource: Resource, ctx: CheckContext, property: string): CheckResult {
  if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
  const tf = resource.format === 'terraform';
  const enc = attr(resource.body, property);
  const fix = (edit: Fix['edits'][number]): Fix[] => [{ title: FIX_TITLE, safety: 'suggestion', edits: [edit] }];
  if (!enc) {
    return result.fail(resource, resource.headerRange, {
      message: `EFS file system is not encrypted: ${property} is not set and defaults to false`,
      fixes: tf ? fix(addTerraformAttribute(ctx, resource, `${property} = true`)) : [],
    });
  }
  const on = asBool(enc.value);
  if (on === undefined) return result.skip(resource, `${property} is unknown`);
  if (on) return result.pass(resource, enc.range);
  return result.fail(resource, enc.range, {
    message: `${property} is false: files, and the backups taken of them, are stored unencrypted`,
    fixes: fix(replaceValue(resource.file, enc, 'true')),
  });
}

/** EFS encryption at rest can only be chosen at creation and is off unless requested. */
export const rule: Rule = {
  meta: {
    id: 'aws-efs-file-system-encrypted',
    title: 'EFS file system is encrypted at rest',
    failMessage: 'EFS file system is not encrypted at rest',
    rationale:
      'EFS file systems are typically shared by many instances and containers and hold application data, uploads and home directories. Without encryption at rest, that data and its backups sit in clear form on AWS storage, and nothing ties access to a key whose use can be logged or revoked. Encryption is transparent to clients and costs nothing extra, but it can only be chosen when the file system is created and the API does not enable it unless asked.',
    remediation:
      'Set `encrypted = true` on the `aws_efs_file_system` (optionally with `kms_key_id` for a customer-managed key), or `Encrypted: true` on the `AWS::EFS::FileSystem`. For an existing file system, create an encrypted one and copy the data (for example with AWS DataSync).',
    severity: 'high',
    themes: ['encryption-at-rest'],
    resourceTypes: { terraform: ['aws_efs_file_system'], cloudformation: ['AWS::EFS::FileSystem'] },
    peers: {
      checkov: ['CKV_AWS_42'],
      trivy: ['AVD-AWS-0037', 'aws-efs-enable-at-rest-encryption'],
      kics: ['EFS Not Encrypted'],
      guard: ['EFS_ENCRYPTED_CHECK'],
    },
  },
  check: {
    terraform: (resource, ctx) => check(resource, ctx, 'encrypted'),
    cloudformation: (resource, ctx) => check(resource, ctx, 'Encrypted'),
  },
};
