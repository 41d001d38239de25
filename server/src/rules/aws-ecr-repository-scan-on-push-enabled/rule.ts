import type { Resource } from '../../model/types';
import { checkNestedBool } from '../shared/awsdata';
import { result, type CheckContext, type CheckResult, type Rule } from '../types';

const SPEC = {
  tfBlock: 'image_scanning_configuration',
  tfAttr: 'scan_on_push',
  cfnPath: ['ImageScanningConfiguration', 'ScanOnPush'],
  default: false,
  missingMessage: 'Images are not scanned on push (scan on push defaults to off)',
  wrongMessage: 'Scan on push is disabled: pushed images are not checked for known vulnerabilities',
  fixTitle: 'Scan images for vulnerabilities when they are pushed',
  fixSafety: 'safe' as const,
};

function check(resource: Resource, ctx: CheckContext): CheckResult {
  // A registry-level scanning configuration overrides the repository setting.
  const registryType = resource.format === 'terraform' ? 'aws_ecr_registry_scanning_configuration' : 'AWS::ECR::RegistryScanningConfiguration';
  if (ctx.moduleResources.some((r) => r.kind === 'resource' && r.type === registryType)) return result.skip(resource, 'scanning is configured for the whole registry');
  return checkNestedBool(resource, ctx, SPEC);
}

/**
 * ECR repositories scan images on push (`image_scanning_configuration { scan_on_push = true }`),
 * unless the module configures scanning for the whole registry, which overrides the repository.
 */
export const rule: Rule = {
  meta: {
    id: 'aws-ecr-repository-scan-on-push-enabled',
    title: 'ECR repository scans images on push',
    failMessage: 'ECR repository does not scan images on push',
    rationale:
      'Container images bundle an operating system and hundreds of libraries, and some of them will have known vulnerabilities on the day they are built. Scanning on push checks every image against CVE databases as it enters the registry, so vulnerable images are known before they are deployed and findings flow into Security Hub or Inspector. Basic scanning costs nothing.',
    remediation:
      'Add `image_scanning_configuration { scan_on_push = true }` to `aws_ecr_repository`, or `ImageScanningConfiguration: { ScanOnPush: true }` to `AWS::ECR::Repository`. Better still, configure enhanced (Inspector) scanning for the registry with `aws_ecr_registry_scanning_configuration`, which also rescans images continuously.',
    severity: 'medium',
    themes: ['vulnerability-patch-management'],
    resourceTypes: { terraform: ['aws_ecr_repository'], cloudformation: ['AWS::ECR::Repository'] },
    peers: {
      checkov: ['CKV_AWS_163'],
      trivy: ['AVD-AWS-0030'],
      kics: ['Unscanned ECR Image'],
      guard: ['ECR_REPO_SCAN_ON_PUSH'],
      cfnNag: ['W79'],
    },
  },
  check: {
    terraform: check,
    cloudformation: check,
  },
};
