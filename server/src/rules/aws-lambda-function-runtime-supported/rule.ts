import { asString, attr } from '../../model/access';
import type { Resource } from '../../model/types';
import { result, type CheckContext, type CheckResult, type Rule } from '../types';

/**
 * Lambda runtimes and the date AWS deprecates (deprecated, or plans to deprecate) them: the
 * "Deprecated runtimes" and "Supported runtimes" tables of the AWS Lambda runtimes page, checked
 * for the last refresh against the stored AWS documentation and AWS's deprecation notices. A
 * runtime is reported from its deprecation date on, compared with the engine's `today`, so a
 * projected date takes effect by itself. Runtimes whose date could not be confirmed are left out
 * rather than guessed: java8.al2, java11 and java17 run on Amazon Linux 2, but AWS said they keep
 * receiving patches after its end of life (2026-06-30) until the dates on the runtimes page,
 * which the stored copy does not show.
 */
export const DEPRECATED_RUNTIMES: Readonly<Record<string, { deprecated: string; successor: string }>> = {
  nodejs: { deprecated: '2016-10-31', successor: 'nodejs24.x' },
  'nodejs4.3': { deprecated: '2020-03-05', successor: 'nodejs24.x' },
  'nodejs4.3-edge': { deprecated: '2020-03-05', successor: 'nodejs24.x' },
  'nodejs6.10': { deprecated: '2019-08-12', successor: 'nodejs24.x' },
  'nodejs8.10': { deprecated: '2020-03-06', successor: 'nodejs24.x' },
  'nodejs10.x': { deprecated: '2021-07-30', successor: 'nodejs24.x' },
  'nodejs12.x': { deprecated: '2023-03-31', successor: 'nodejs24.x' },
  'nodejs14.x': { deprecated: '2023-12-04', successor: 'nodejs24.x' },
  'nodejs16.x': { deprecated: '2024-06-12', successor: 'nodejs24.x' },
  'nodejs18.x': { deprecated: '2025-09-01', successor: 'nodejs24.x' },
  'nodejs20.x': { deprecated: '2026-04-30', successor: 'nodejs24.x' },
  'nodejs22.x': { deprecated: '2027-04-30', successor: 'nodejs24.x' },
  'python2.7': { deprecated: '2021-07-15', successor: 'python3.13' },
  'python3.6': { deprecated: '2022-07-18', successor: 'python3.13' },
  'python3.7': { deprecated: '2023-12-04', successor: 'python3.13' },
  'python3.8': { deprecated: '2024-10-14', successor: 'python3.13' },
  'python3.9': { deprecated: '2025-12-15', successor: 'python3.13' },
  'python3.10': { deprecated: '2026-06-30', successor: 'python3.13' },
  'python3.11': { deprecated: '2026-06-30', successor: 'python3.13' },
  'python3.12': { deprecated: '2028-10-31', successor: 'python3.13' },
  'ruby2.5': { deprecated: '2021-07-30', successor: 'ruby3.4' },
  'ruby2.7': { deprecated: '2023-12-07', successor: 'ruby3.4' },
  'ruby3.2': { deprecated: '2026-03-31', successor: 'ruby3.4' },
  java8: { deprecated: '2024-01-08', successor: 'java21' },
  'go1.x': { deprecated: '2024-01-08', successor: 'provided.al2023' },
  provided: { deprecated: '2024-01-08', successor: 'provided.al2023' },
  // AWS's notice for the OS-only runtime: end of support on 2026-07-31, a month after Amazon Linux 2.
  'provided.al2': { deprecated: '2026-07-31', successor: 'provided.al2023' },
  'dotnetcore1.0': { deprecated: '2019-07-30', successor: 'dotnet8' },
  'dotnetcore2.0': { deprecated: '2019-05-30', successor: 'dotnet8' },
  'dotnetcore2.1': { deprecated: '2022-01-05', successor: 'dotnet8' },
  'dotnetcore3.1': { deprecated: '2023-04-03', successor: 'dotnet8' },
  'dotnet5.0': { deprecated: '2022-05-10', successor: 'dotnet8' },
  dotnet6: { deprecated: '2024-12-20', successor: 'dotnet8' },
  dotnet7: { deprecated: '2024-05-14', successor: 'dotnet8' },
  dotnet8: { deprecated: '2026-11-10', successor: 'dotnet10' },
};

/** The runtime's deprecation entry when it is deprecated on `today` (YYYY-MM-DD), else undefined. */
export function deprecatedOn(runtime: string, today: string): { deprecated: string; successor: string } | undefined {
  const entry = Object.prototype.hasOwnProperty.call(DEPRECATED_RUNTIMES, runtime) ? DEPRECATED_RUNTIMES[runtime] : undefined;
  return entry && entry.deprecated <= today ? entry : undefined;
}

function check(resource: Resource, property: string, ctx: CheckContext): CheckResult {
  if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
  const a = attr(resource.body, property);
  // Container-image functions have no managed runtime; SAM functions may take it from Globals.
  if (!a || a.value.kind === 'null') return result.skip(resource, 'no managed runtime');
  const runtime = asString(a.value);
  if (runtime === undefined) return result.skip(resource, `${property} is not known statically`);
  const entry = deprecatedOn(runtime, ctx.today);
  if (!entry) return result.pass(resource, a.range);
  return result.fail(resource, a.range, {
    message: `Runtime ${runtime} was deprecated on ${entry.deprecated}: it gets no security patches, and AWS blocks creating and later updating functions that use it (move to ${entry.successor} or later)`,
  });
}

/**
 * Lambda functions use a runtime AWS still supports on the engine's `today`. The deprecation table
 * is kept in this file; container-image functions are skipped.
 */
export const rule: Rule = {
  meta: {
    id: 'aws-lambda-function-runtime-supported',
    title: 'Lambda function uses a supported runtime',
    failMessage: 'Lambda function uses a deprecated runtime',
    rationale:
      'When a language version or its operating system reaches end of life, AWS deprecates the Lambda runtime: it stops receiving security patches, functions lose technical support, and after a grace period they can no longer be created or updated, so an urgent fix cannot even be deployed. Code on a deprecated runtime also tends to pin old, vulnerable dependencies. Keeping functions on supported runtimes is routine patch management.',
    remediation:
      'Move `runtime` on `aws_lambda_function` (or `Runtime` on `AWS::Lambda::Function` / `AWS::Serverless::Function`) to a supported version such as nodejs22.x, python3.13, java21, dotnet8, ruby3.4 or provided.al2023, test the function, and update its dependencies. The rule offers no automatic fix because a major runtime upgrade can change behaviour.',
    severity: 'medium',
    themes: ['vulnerability-patch-management'],
    resourceTypes: { terraform: ['aws_lambda_function'], cloudformation: ['AWS::Lambda::Function', 'AWS::Serverless::Function'] },
    peers: {
      checkov: ['CKV_AWS_363'],
    },
  },
  check: {
    terraform: (resource, ctx) => check(resource, 'runtime', ctx),
    cloudformation: (resource, ctx) => check(resource, 'Runtime', ctx),
  },
};
