import { asString, attr, blocks, field } from '../../model/access';
import type { Resource, Value } from '../../model/types';
import { secretEnvReason } from '../shared/awsaccess';
import { result, type CheckResult, type Rule } from '../types';

function checkVariables(resource: Resource, variables: Value | undefined): CheckResult | CheckResult[] {
  if (!variables || variables.kind === 'null') return result.pass(resource);
  if (variables.kind !== 'object') return result.skip(resource, 'environment variables are not known');
  const failures: CheckResult[] = [];
  for (const e of variables.entries) {
    const v = asString(e.value);
    if (v === undefined) continue;
    const reason = secretEnvReason(e.key, v);
    if (reason) failures.push(result.fail(resource, e.range, { message: `Lambda environment variable ${e.key} ${reason}` }));
  }
  return failures.length ? failures : result.pass(resource);
}

/**
 * Lambda environment variables whose name says secret (PASSWORD, SECRET, TOKEN, API_KEY,
 * PRIVATE_KEY...) do not hold a literal value, and no variable holds an AWS access key id. Names
 * that point to a secret (`*_ARN`, `*_NAME`, `*_PATH`...) and values that are references, paths or
 * flags are ignored. The message names the variable, never its value.
 */
export const rule: Rule = {
  meta: {
    id: 'aws-lambda-environment-no-secrets',
    title: 'Lambda environment holds no literal secrets',
    failMessage: 'Lambda environment variable holds a literal secret',
    rationale:
      'A secret written as a Lambda environment variable in code is stored in version control, in the Terraform state or CloudFormation template, and is shown in plain text to anyone who may read the function configuration (lambda:GetFunctionConfiguration is part of many read-only roles). It cannot be rotated without a deployment. Secrets Manager or SSM Parameter Store keep the value out of the code, encrypt it with KMS, log every read in CloudTrail and support rotation.',
    remediation:
      'Store the value in AWS Secrets Manager or an SSM SecureString parameter, pass its ARN or name in the environment (e.g. `DB_PASSWORD_SECRET_ARN`), and read it at start-up (the AWS Parameters and Secrets Lambda extension caches it). Rotate any secret that has been committed.',
    severity: 'high',
    themes: ['secure-development', 'identity-access'],
    resourceTypes: { terraform: ['aws_lambda_function'], cloudformation: ['AWS::Lambda::Function'] },
    peers: {
      checkov: ['CKV_AWS_45'],
      kics: ['Hardcoded AWS Access Key In Lambda'],
    },
  },
  check: {
    terraform(resource) {
      if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
      const env = blocks(resource.body, 'environment');
      if (!env.length) return resource.body.dynamicBlockTypes.includes('environment') ? result.skip(resource, 'dynamic environment') : result.pass(resource);
      const out: CheckResult[] = [];
      for (const b of env) {
        const r = checkVariables(resource, attr(b.body, 'variables')?.value);
        out.push(...(Array.isArray(r) ? r : [r]));
      }
      const fails = out.filter((r) => r.status === 'fail');
      return fails.length ? fails : (out.find((r) => r.status === 'skip') ?? result.pass(resource));
    },
    cloudformation(resource) {
      const env = attr(resource.body, 'Environment');
      if (!env) return result.pass(resource);
      if (env.value.kind === 'unknown') return result.skip(resource, 'Environment is not known');
      return checkVariables(resource, field(env.value, 'Variables'));
    },
  },
};
