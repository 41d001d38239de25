import { asString, attr } from '../../model/access';
import type { Resource } from '../../model/types';
import { result, type CheckResult, type Rule } from '../types';

/**
 * Lambda runtimes whose deprecation date (AWS Lambda runtimes page, "Deprecated runtimes") is on
 * or before TABLE_DATE. Runtimes AWS deprecates later are added when the table is refreshed; the
 * rule never compares against the current date, so a scan gives the same answer on every day.
 */
export const TABLE_DATE = '2026-01-01';
export const DEPRECATED_RUNTIMES: Readonly<Record<string, { deprecated: string; successor: string }>> = {
  nodejs: { deprecated: '2016-10-31', successor: 'nodejs22.x' },
  'nodejs4.3': { deprecated: '2020-03-05', successor: 'nodejs22.x' },
  'nodejs4.3-edge': { deprecated: '2020-03-05', successor: 'nodejs22.x' },
  'nodejs6.10': { deprecated: '2019-08-12', successor: 'nodejs22.x' },
  'nodejs8.10': { deprecated: '2020-03-06', successor: 'nodejs22.x' },
  'nodejs10.x': { deprecated: '2021-07-30', successor: 'nodejs22.x' },
  'nodejs12.x': { deprecated: '2023-03-31', successor: 'nodejs22.x' },
  'nodejs14.x': { deprecated: '2023-12-04', successor: 'nodejs22.x' },
  'nodejs16.x': { deprecated: '2024-06-12', successor: 'nodejs22.x' },
  'nodejs18.x': { deprecated: '2025-09-01', successor: 'nodejs22.x' },
  'python2.7': { deprecated: '2021-07-15', successor: 'python3.13' },
  'python3.6': { deprecated: '2022-07-18', successor: 'python3.13' },
  'python3.7': { deprecated: '2023-12-04', successor: 'python3.13' },
  'python3.8': { deprecated: '2024-10-14', successor: 'python3.13' },
  'python3.9': { deprecated: '2025-12-15', successor: 'python3.13' },
  'ruby2.5': { deprecated: '2021-07-30', successor: 'ruby3.4' },
  'ruby2.7': { deprecated: '2023-12-07', successor: 'ruby3.4' },
  java8: { deprecated: '2024-01-08', successor: 'java21' },
  'go1.x': { deprecated: '2024-01-08', successor: 'provided.al2023' },
  provided: { deprecated: '2024-01-08', successor: 'provided.al2023' },
  'dotnetcore1.0': { deprecated: '2019-07-30', successor: 'dotnet8' },
  'dotnetcore2.0': { deprecated: '2019-05-30', successor: 'dotnet8' },
  'dotnetcore2.1': { deprecated: '2022-01-05', successor: 'dotnet8' },
  'dotnetcore3.1': { deprecated: '2023-04-03', successor: 'dotnet8' },
  'dotnet5.0': { deprecated: '2022-05-10', successor: 'dotnet8' },
  dotnet6: { deprecated: '2024-12-20', successor: 'dotnet8' },
  dotnet7: { deprecated: '2024-05-14', successor: 'dotnet8' },
  // Projected dates after TABLE_DATE, listed so that a refresh only has to move TABLE_DATE (and
  // check that AWS has not extended them).
  'ruby3.2': { deprecated: '2026-03-31', successor: 'ruby3.4' },
  'nodejs20.x': { deprecated: '2026-04-30', successor: 'nodejs22.x' },
  'python3.10': { deprecated: '2026-06-30', successor: 'python3.13' },
  'python3.11': { deprecated: '2026-06-30', successor: 'python3.13' },
  'java8.al2': { deprecated: '2026-06-30', successor: 'java21' },
  java11: { deprecated: '2026-06-30', successor: 'java21' },
  java17: { deprecated: '2026-06-30', successor: 'java21' },
  'provided.al2': { deprecated: '2026-06-30', successor: 'provided.al2023' },
  dotnet8: { deprecated: '2026-11-10', successor: 'dotnet10' },
};

function check(resource: Resource, property: string): CheckResult {
  if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
  const a = attr(resource.body, property);
  // Container-image functions have no managed runtime; SAM functions may take it from Globals.
  if (!a || a.value.kind === 'null') return result.skip(resource, 'no managed runtime');
  const runtime = asString(a.value);
  if (runtime === undefined) return result.skip(resource, `${property} is not known statically`);
  const entry = DEPRECATED_RUNTIMES[runtime];
  if (!entry || entry.deprecated > TABLE_DATE) return result.pass(resource, a.range);
  return result.fail(resource, a.range, {
    message: `Runtime ${runtime} was deprecated on ${entry.deprecated}: it gets no security patches, and AWS blocks creating and later updating functions that use it (move to ${entry.successor} or later)`,
  });
}

/**
 * Lambda functions use a runtime AWS still supports. The deprecation table is dated (TABLE_DATE)
 * and kept in this file; container-image functions are skipped.
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
    terraform: (resource) => check(resource, 'runtime'),
    cloudformation: (resource) => check(resource, 'Runtime'),
  },
};
