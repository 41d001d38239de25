import { asBool, asString, attr } from '../../model/access';
import type { Resource } from '../../model/types';
import { isJsonTemplate, replaceAttribute } from '../fixkit';
import { editableInPlace } from '../shared/awsdata';
import { isWrittenLiteral } from '../shared/awsaccess';
import { result, type CheckContext, type CheckResult, type Rule } from '../types';

const TF_PASSWORD: Record<string, string> = { aws_db_instance: 'password', aws_rds_cluster: 'master_password' };

function check(resource: Resource, ctx: CheckContext): CheckResult {
  if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
  const tf = resource.format === 'terraform';
  const name = tf ? TF_PASSWORD[resource.type] : 'MasterUserPassword';
  const managed = attr(resource.body, tf ? 'manage_master_user_password' : 'ManageMasterUserPassword');
  if (managed && asBool(managed.value) === true) return result.pass(resource, managed.range);
  const a = attr(resource.body, name);
  if (!a || a.value.kind === 'null') return result.pass(resource);
  const v = asString(a.value);
  if (v === undefined) return result.skip(resource, `${name} is not known (a variable, generated or read from a secret store)`);
  if (v === '') return result.pass(resource, a.range);
  if (/^\{\{resolve:(secretsmanager|ssm-secure):/.test(v.trim())) return result.pass(resource, a.range);
  const literal = tf ? isWrittenLiteral(ctx, resource.file, a) : editableInPlace(resource, a.value, a.range);
  const managedSetting = tf ? 'manage_master_user_password = true' : isJsonTemplate(resource.file, ctx.fileText(resource.file)) ? '"ManageMasterUserPassword": true' : 'ManageMasterUserPassword: true';
  return result.fail(resource, a.range, {
    message: `${name} is a fixed value written in the code: it is kept in version control${tf ? ' and the state' : ' and the template'}`,
    fixes: literal
      ? [
          {
            title: `Let RDS manage the master password in Secrets Manager (${managedSetting.replace(/"/g, '')}; rotate and update clients)`,
            safety: 'suggestion',
            edits: [replaceAttribute(resource.file, a, managedSetting)],
          },
        ]
      : [],
  });
}

/**
 * The master password of an RDS instance or cluster is not a fixed string in the code: RDS
 * manages it in Secrets Manager (`manage_master_user_password`), or it comes from a variable
 * without default, a generated password or a secret store. CloudFormation dynamic references
 * (`{{resolve:secretsmanager:...}}`) pass; parameter defaults are in the template and do not.
 */
export const rule: Rule = {
  meta: {
    id: 'aws-db-instance-no-plaintext-password',
    title: 'RDS master password is not written in the code',
    failMessage: 'RDS master password is a plain-text value in the code',
    rationale:
      'A database master password written in Terraform or CloudFormation is stored in plain text in version control, in every copy of the repository and in the state file or template, and tends never to be rotated because changing it means a code change. Whoever can read the code can log in to the database as its administrator. RDS can generate the password and keep it in Secrets Manager with rotation, and CloudFormation can resolve it from Secrets Manager at deploy time.',
    remediation:
      'Terraform: replace `password` / `master_password` with `manage_master_user_password = true` (optionally `master_user_secret_kms_key_id`), or pass a value from `random_password` or a secret store (or `password_wo` on provider v6). CloudFormation: use `ManageMasterUserPassword: true` or a dynamic reference `{{resolve:secretsmanager:my-db-secret:SecretString:password}}`.',
    severity: 'high',
    themes: ['secure-development', 'identity-access'],
    resourceTypes: {
      terraform: Object.keys(TF_PASSWORD),
      cloudformation: ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'],
    },
    peers: {
      guard: ['RDS_MASTER_USER_PASSWORD_NO_PLAINTEXT_PASSWORD'],
      cfnLint: ['W2501'],
    },
  },
  check: { terraform: check, cloudformation: check },
};
