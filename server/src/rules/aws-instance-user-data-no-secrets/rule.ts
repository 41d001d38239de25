import { asString, attr, field } from '../../model/access';
import type { Range, Resource, Value } from '../../model/types';
import { maybeBase64, scriptSecrets } from '../shared/awsaccess';
import { result, type CheckResult, type Rule } from '../types';

function checkScript(resource: Resource, value: Value | undefined, range: Range | undefined, name: string): CheckResult {
  if (!value || !range || value.kind === 'null') return result.pass(resource);
  const text = asString(value);
  if (text === undefined) return result.skip(resource, `${name} is not known`);
  const found = scriptSecrets(maybeBase64(text));
  if (!found.length) return result.pass(resource, range);
  return result.fail(resource, range, { message: `${name} contains ${found.join(', ')} in plain text` });
}

/**
 * User data scripts do not carry AWS access keys or `PASSWORD=...`-style assignments of literal
 * values. Variables (`$DB_PASSWORD`, `${...}`) and values fetched at boot are fine. The message
 * says what kind of secret was found, never the secret.
 */
export const rule: Rule = {
  meta: {
    id: 'aws-instance-user-data-no-secrets',
    title: 'EC2 user data contains no secrets',
    failMessage: 'EC2 user data contains a secret in plain text',
    rationale:
      'User data is not a secret store: anyone who may describe the instance attribute can read it, every process on the instance can fetch it from the metadata service, and it sits unencrypted in the template, the Terraform state and version control. Access keys or passwords written there leak to all of them and usually outlive the instance. Instances should get AWS permissions from their instance profile and fetch other secrets at boot from Secrets Manager or Parameter Store.',
    remediation:
      'Remove the key or password from the script. Give the instance an IAM instance profile instead of access keys, and read other secrets at boot with `aws secretsmanager get-secret-value` or `aws ssm get-parameter --with-decryption`. Rotate anything that was committed.',
    severity: 'high',
    themes: ['secure-development', 'identity-access'],
    resourceTypes: {
      terraform: ['aws_instance', 'aws_launch_template', 'aws_launch_configuration'],
      cloudformation: ['AWS::EC2::Instance', 'AWS::EC2::LaunchTemplate'],
    },
    peers: {
      checkov: ['CKV_AWS_46'],
      trivy: ['AVD-AWS-0029', 'AVD-AWS-0129'],
    },
  },
  check: {
    terraform(resource) {
      if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
      const out: CheckResult[] = [];
      for (const name of ['user_data', 'user_data_base64']) {
        const a = attr(resource.body, name);
        if (a) out.push(checkScript(resource, a.value, a.range, name));
      }
      return out.find((r) => r.status === 'fail') ?? out.find((r) => r.status === 'skip') ?? result.pass(resource);
    },
    cloudformation(resource) {
      if (resource.type === 'AWS::EC2::Instance') {
        const a = attr(resource.body, 'UserData');
        return checkScript(resource, a?.value, a?.range, 'UserData');
      }
      const data = attr(resource.body, 'LaunchTemplateData');
      if (data?.value.kind === 'unknown') return result.skip(resource, 'LaunchTemplateData is not known');
      const v = field(data?.value, 'UserData');
      return checkScript(resource, v, v?.range, 'UserData');
    },
  },
};
