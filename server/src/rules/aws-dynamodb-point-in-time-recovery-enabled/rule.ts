import { asBool, attr, blocks, entry, hasDynamicBlocks } from '../../model/access';
import { addCloudFormationEntry, addCloudFormationProperty, insertIntoTerraformBody, replaceValue } from '../fixkit';
import { editableInPlace, replaceCfnValue } from '../shared/awsdata';
import { result, type Fix, type Rule } from '../types';

const FIX_TITLE = 'Enable point-in-time recovery (adds continuous-backup cost)';

/**
 * DynamoDB point-in-time recovery: continuous backups that restore a table to any second of the
 * recovery window. Off unless the table asks for it.
 */
export const rule: Rule = {
  meta: {
    id: 'aws-dynamodb-point-in-time-recovery-enabled',
    title: 'DynamoDB table has point-in-time recovery enabled',
    failMessage: 'DynamoDB table has no point-in-time recovery: items overwritten or deleted by mistake cannot be restored',
    rationale:
      'Without point-in-time recovery, a DynamoDB table has no automatic backups: a bad deployment, a faulty migration script or a compromised credential that overwrites or deletes items leaves only whatever on-demand backups someone remembered to take. PITR keeps continuous backups and restores the table to any second of the recovery window (35 days by default), which is the recovery evidence availability and integrity controls ask for.',
    remediation:
      'Add `point_in_time_recovery { enabled = true }` to the `aws_dynamodb_table`, or `PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }` to the `AWS::DynamoDB::Table`. Optionally set the recovery period (`recovery_period_in_days`, 1–35).',
    severity: 'medium',
    themes: ['backup'],
    resourceTypes: { terraform: ['aws_dynamodb_table'], cloudformation: ['AWS::DynamoDB::Table'] },
    peers: {
      checkov: ['CKV_AWS_28'],
      trivy: ['AVD-AWS-0024', 'aws-dynamodb-enable-recovery'],
      kics: ['DynamoDB Table Point In Time Recovery Disabled'],
      guard: ['DYNAMODB_PITR_ENABLED'],
    },
  },
  check: {
    terraform(resource, ctx) {
      if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
      const pitr = blocks(resource.body, 'point_in_time_recovery')[0];
      if (!pitr) {
        if (hasDynamicBlocks(resource.body, 'point_in_time_recovery')) return result.skip(resource, 'point_in_time_recovery comes from a dynamic block');
        return result.fail(resource, resource.headerRange, {
          fixes: [
            {
              title: FIX_TITLE,
              safety: 'safe',
              edits: [insertIntoTerraformBody(ctx, resource.file, resource.body, resource.headerRange.start.offset, ['point_in_time_recovery {', '  enabled = true', '}'])],
            },
          ],
        });
      }
      const enabled = attr(pitr.body, 'enabled');
      if (!enabled) {
        return result.fail(resource, pitr.headerRange, {
          message: 'point_in_time_recovery does not set enabled = true',
          fixes: [{ title: FIX_TITLE, safety: 'safe', edits: [insertIntoTerraformBody(ctx, resource.file, pitr.body, pitr.headerRange.start.offset, ['enabled = true'])] }],
        });
      }
      const on = asBool(enabled.value);
      if (on === undefined) return result.skip(resource, 'point_in_time_recovery.enabled is unknown');
      if (on) return result.pass(resource, enabled.range);
      return result.fail(resource, enabled.range, {
        message: 'Point-in-time recovery is disabled: items overwritten or deleted by mistake cannot be restored',
        fixes: [{ title: FIX_TITLE, safety: 'safe', edits: [replaceValue(resource.file, enabled, 'true')] }],
      });
    },
    cloudformation(resource, ctx) {
      const fix = (edit: Fix['edits'][number] | undefined): Fix[] => (edit ? [{ title: FIX_TITLE, safety: 'safe', edits: [edit] }] : []);
      const spec = attr(resource.body, 'PointInTimeRecoverySpecification');
      if (!spec) {
        return result.fail(resource, resource.headerRange, {
          fixes: fix(addCloudFormationProperty(ctx, resource, 'PointInTimeRecoverySpecification', { PointInTimeRecoveryEnabled: true })),
        });
      }
      if (spec.value.kind !== 'object') return result.skip(resource, 'PointInTimeRecoverySpecification is unknown');
      const enabled = entry(spec.value, 'PointInTimeRecoveryEnabled');
      if (!enabled) {
        return result.fail(resource, spec.range, {
          message: 'PointInTimeRecoverySpecification does not set PointInTimeRecoveryEnabled: true',
          fixes: fix(addCloudFormationEntry(ctx, resource, spec.value, 'PointInTimeRecoveryEnabled', true)),
        });
      }
      const on = asBool(enabled.value);
      if (on === undefined) return result.skip(resource, 'PointInTimeRecoveryEnabled is unknown');
      if (on) return result.pass(resource, enabled.range);
      return result.fail(resource, enabled.range, {
        message: 'PointInTimeRecoveryEnabled is false: items overwritten or deleted by mistake cannot be restored',
        fixes: fix(editableInPlace(resource, enabled.value, enabled.range) ? replaceCfnValue(resource, enabled.value, 'true') : undefined),
      });
    },
  },
};
