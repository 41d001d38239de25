import { asBool, attr } from '../../model/access';
import { addCloudFormationProperty, addTerraformAttribute, replaceValue } from '../fixkit';
import type { Attribute } from '../../model/types';
import { result, type CheckContext, type Rule } from '../types';

/**
 * True when the attribute's value is written in place (`false`, `"x"`), not resolved through a
 * variable, local or module input: those are fixed where they are defined, not at the use site.
 */
function writtenInPlace(ctx: CheckContext, file: string, a: Attribute): boolean {
  const r = a.value.range;
  const text = ctx.fileText(file).slice(r.start.offset, r.end.offset).trim();
  return /^(true|false|null|"[^"$%]*")$/.test(text);
}


/** A CloudTrail trail writes signed digest files (`enable_log_file_validation`, default false). */
export const rule: Rule = {
  meta: {
    id: 'aws-cloudtrail-log-file-validation-enabled',
    title: 'CloudTrail trail validates its log files',
    failMessage: 'CloudTrail log file integrity validation is off',
    rationale:
      'Audit logs are only evidence if you can show they were not altered. With log file validation CloudTrail delivers an hourly digest file, signed with a key AWS controls, that chains the hashes of every log file; `aws cloudtrail validate-logs` then proves whether any file was changed or deleted after delivery. Without it, someone with write access to the log bucket can edit or remove records and nobody can tell.',
    remediation:
      'Set `enable_log_file_validation = true` on the `aws_cloudtrail` (Terraform) or `EnableLogFileValidation: true` on the `AWS::CloudTrail::Trail` (CloudFormation).',
    severity: 'medium',
    themes: ['logging'],
    resourceTypes: { terraform: ['aws_cloudtrail'], cloudformation: ['AWS::CloudTrail::Trail'] },
    peers: {
      checkov: ['CKV_AWS_36'],
      trivy: ['AVD-AWS-0016', 'aws-cloudtrail-enable-log-validation'],
      kics: ['CloudTrail Log File Validation Disabled'],
      guard: ['CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED'],
    },
  },
  check: {
    terraform(resource, ctx) {
      if (resource.kind !== 'resource') return result.skip(resource, 'data source');
      const validation = attr(resource.body, 'enable_log_file_validation');
      const title = 'Enable log file validation';
      if (!validation) {
        return result.fail(resource, resource.headerRange, {
          fixes: [{ title, safety: 'safe', edits: [addTerraformAttribute(ctx, resource, 'enable_log_file_validation = true')] }],
        });
      }
      const enabled = asBool(validation.value);
      if (enabled === undefined) return result.skip(resource, 'enable_log_file_validation is unknown');
      if (enabled) return result.pass(resource, validation.range);
      const fixes = writtenInPlace(ctx, resource.file, validation) ? [{ title, safety: 'safe' as const, edits: [replaceValue(resource.file, validation, 'true')] }] : [];
      return result.fail(resource, validation.range, { fixes });
    },
    cloudformation(resource, ctx) {
      const validation = attr(resource.body, 'EnableLogFileValidation');
      const title = 'Enable log file validation';
      if (!validation) {
        const edit = addCloudFormationProperty(ctx, resource, 'EnableLogFileValidation', true);
        return result.fail(resource, resource.headerRange, { fixes: edit ? [{ title, safety: 'safe', edits: [edit] }] : [] });
      }
      const enabled = asBool(validation.value);
      if (enabled === undefined) return result.skip(resource, 'EnableLogFileValidation is unknown');
      if (enabled) return result.pass(resource, validation.range);
      const fixes = writtenInPlace(ctx, resource.file, validation) ? [{ title, safety: 'safe' as const, edits: [replaceValue(resource.file, validation, 'true')] }] : [];
      return result.fail(resource, validation.range, { fixes });
    },
  },
};
