import { asString, attr } from '../../model/access';
import type { Resource } from '../../model/types';
import { addCloudFormationProperty, addTerraformAttribute } from '../fixkit';
import { editableInPlace, literalFix } from '../shared/awsdata';
import { result, type CheckContext, type CheckResult, type Fix, type Rule } from '../types';

const GOOD = new Set(['IMMUTABLE', 'IMMUTABLE_WITH_EXCLUSION']);
const FIX_TITLE = 'Make image tags immutable (pipelines that re-push a tag such as latest must use unique tags)';

function check(resource: Resource, ctx: CheckContext, property: string): CheckResult {
  if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
  const a = attr(resource.body, property);
  if (!a || a.value.kind === 'null') {
    const edit = resource.format === 'terraform' ? addTerraformAttribute(ctx, resource, `${property} = "IMMUTABLE"`) : addCloudFormationProperty(ctx, resource, property, 'IMMUTABLE');
    return result.fail(resource, resource.headerRange, {
      message: `${property} is not set and defaults to MUTABLE: a pushed tag can be overwritten with a different image`,
      fixes: edit ? [{ title: FIX_TITLE, safety: 'suggestion', edits: [edit] }] : [],
    });
  }
  const v = asString(a.value);
  if (v === undefined) return result.skip(resource, `${property} is not known statically`);
  if (GOOD.has(v)) return result.pass(resource, a.range);
  const fixes: Fix[] = editableInPlace(resource, a.value, a.range) ? literalFix(resource, a, '"IMMUTABLE"', FIX_TITLE, 'suggestion') : [];
  return result.fail(resource, a.range, { message: `${property} is ${v}: a pushed tag can be overwritten with a different image`, fixes });
}

/**
 * ECR repositories make image tags immutable (IMMUTABLE, or IMMUTABLE_WITH_EXCLUSION for a few
 * named moving tags). The default is MUTABLE.
 */
export const rule: Rule = {
  meta: {
    id: 'aws-ecr-repository-image-tags-immutable',
    title: 'ECR repository has immutable image tags',
    failMessage: 'ECR repository allows image tags to be overwritten',
    rationale:
      'With mutable tags, `app:1.4.2` can point at one image today and a different one tomorrow: a re-run pipeline, a mistaken push or an attacker with push rights silently changes what every deployment referencing the tag will run, and the image that was scanned and approved is no longer the one deployed. Immutable tags make a tag a permanent name for one digest, which is what release traceability and change control rely on.',
    remediation:
      'Set `image_tag_mutability = "IMMUTABLE"` on `aws_ecr_repository` (or `IMMUTABLE_WITH_EXCLUSION` with `image_tag_mutability_exclusion_filter` for a moving tag such as `latest`), or `ImageTagMutability: IMMUTABLE` on `AWS::ECR::Repository`. Tag images with unique versions or commit hashes.',
    severity: 'low',
    themes: ['change-configuration-management', 'secure-development'],
    resourceTypes: { terraform: ['aws_ecr_repository'], cloudformation: ['AWS::ECR::Repository'] },
    peers: {
      checkov: ['CKV_AWS_51'],
      trivy: ['AVD-AWS-0031'],
      kics: ['ECR Image Tag Not Immutable'],
    },
  },
  check: {
    terraform: (resource, ctx) => check(resource, ctx, 'image_tag_mutability'),
    cloudformation: (resource, ctx) => check(resource, ctx, 'ImageTagMutability'),
  },
};
