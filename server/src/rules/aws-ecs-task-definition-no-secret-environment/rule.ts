import { asString, attr, field } from '../../model/access';
import type { Range, Resource, Value } from '../../model/types';
import { secretEnvReason } from '../shared/awsaccess';
import { parsePolicyJson } from '../shared/iamPolicy';
import { result, type CheckResult, type Rule } from '../types';

interface Found {
  range: Range;
  message: string;
}

/** Secret-looking entries of every container's `environment` list. */
function scan(containers: Value, nameKey: string, envKey: string, entryName: string, entryValue: string): { found: Found[]; unknown: boolean } {
  const found: Found[] = [];
  let unknown = false;
  if (containers.kind !== 'list') return { found, unknown: containers.kind !== 'null' };
  for (const c of containers.items) {
    if (c.kind !== 'object') {
      if (c.kind === 'unknown') unknown = true;
      continue;
    }
    const container = asString(field(c, nameKey)) ?? 'container';
    const env = field(c, envKey);
    if (!env || env.kind === 'null') continue;
    if (env.kind !== 'list') {
      unknown = true;
      continue;
    }
    for (const e of env.items) {
      const name = asString(field(e, entryName));
      const value = asString(field(e, entryValue));
      if (name === undefined || value === undefined) {
        if (e.kind === 'unknown' || field(e, entryName)?.kind === 'unknown' || field(e, entryValue)?.kind === 'unknown') unknown = true;
        continue;
      }
      const reason = secretEnvReason(name, value);
      if (reason) found.push({ range: e.range, message: `Container ${container}: environment variable ${name} ${reason}` });
    }
  }
  return { found, unknown };
}

function report(resource: Resource, found: Found[], unknown: boolean, fallback: Range | undefined): CheckResult | CheckResult[] {
  if (found.length) return found.map((f) => result.fail(resource, fallback ?? f.range, { message: `${f.message}; use the secrets list instead` }));
  if (unknown) return result.skip(resource, 'container definitions are not fully known');
  return result.pass(resource);
}

/**
 * ECS container definitions do not put secrets in `environment`: names that say secret with a
 * literal value, or AWS access key ids. ECS has a `secrets` list for exactly this.
 */
export const rule: Rule = {
  meta: {
    id: 'aws-ecs-task-definition-no-secret-environment',
    title: 'ECS task definition keeps secrets out of environment',
    failMessage: 'ECS container environment holds a literal secret',
    rationale:
      'Values in a container definition\'s environment are stored in plain text in every revision of the task definition, shown by DescribeTaskDefinition to anyone with read access, and kept in the template or Terraform state and in version control. ECS can inject secrets from Secrets Manager or Parameter Store at start-up through the container\'s secrets list, which keeps them encrypted, audited and rotatable without a new task definition.',
    remediation:
      'Move the value to Secrets Manager or an SSM SecureString parameter and reference it in the container\'s `secrets` list (`{ name = "DB_PASSWORD", valueFrom = aws_secretsmanager_secret.db.arn }`; `Secrets` with `ValueFrom` in CloudFormation); give the task execution role permission to read it. Rotate the exposed secret.',
    severity: 'high',
    themes: ['secure-development', 'identity-access'],
    resourceTypes: { terraform: ['aws_ecs_task_definition'], cloudformation: ['AWS::ECS::TaskDefinition'] },
    peers: {
      trivy: ['AVD-AWS-0036'],
    },
  },
  check: {
    terraform(resource) {
      if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
      const a = attr(resource.body, 'container_definitions');
      if (!a) return result.skip(resource, 'no container_definitions');
      // A partly known jsonencode() keeps its structure: secrets next to a computed image are still found.
      const v = a.value.kind === 'string' ? parsePolicyJson(`{"c":${a.value.value.trim()}}`, a.value.range, a.value.file) : a.value.kind === 'unknown' && a.value.decoded ? a.value.decoded : a.value;
      const list = v && a.value.kind === 'string' ? field(v, 'c') : v;
      if (!list || list.kind === 'unknown') return result.skip(resource, 'container_definitions is not known');
      const { found, unknown } = scan(list, 'name', 'environment', 'name', 'value');
      return report(resource, found, unknown, a.range);
    },
    cloudformation(resource) {
      const a = attr(resource.body, 'ContainerDefinitions');
      if (!a) return result.skip(resource, 'no ContainerDefinitions');
      if (a.value.kind === 'unknown') return result.skip(resource, 'ContainerDefinitions is not known');
      const { found, unknown } = scan(a.value, 'Name', 'Environment', 'Name', 'Value');
      return report(resource, found, unknown, undefined);
    },
  },
};
