import { asBool, attr } from '../../model/access';
import { replaceValue } from '../fixkit';
import { result, type Rule } from '../types';

/**
 * An `aws_ebs_encryption_by_default` that switches the account-and-region default off. A missing
 * resource is an account-level question this rule does not ask (whether some other configuration
 * manages the setting is invisible here); `enabled` left out means true.
 */
export const rule: Rule = {
  meta: {
    id: 'aws-ebs-default-encryption-enabled',
    title: 'EBS encryption by default is not switched off',
    failMessage: 'EBS encryption by default is disabled: new volumes in this account and region are created unencrypted unless each one asks',
    rationale:
      'EBS encryption by default makes every new volume and snapshot copy in an account and region encrypted, whatever the individual template, instance or launch template says. It is the control that does not depend on every team remembering `encrypted = true`. Declaring the resource with `enabled = false` turns that safety net off for the whole region, so every volume that does not request encryption itself is stored unencrypted.',
    remediation:
      'Set `enabled = true` on the `aws_ebs_encryption_by_default` (or remove the argument: it defaults to true), optionally with an `aws_ebs_default_kms_key` for a customer-managed key. Apply it in every region you use.',
    severity: 'medium',
    themes: ['encryption-at-rest'],
    resourceTypes: { terraform: ['aws_ebs_encryption_by_default'] },
    peers: {
      checkov: ['CKV_AWS_106'],
      kics: ['EBS Default Encryption Disabled'],
    },
  },
  check: {
    terraform(resource) {
      if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
      const enabled = attr(resource.body, 'enabled');
      if (!enabled) return result.pass(resource);
      const on = asBool(enabled.value);
      if (on === undefined) return result.skip(resource, 'enabled is unknown');
      if (on) return result.pass(resource, enabled.range);
      return result.fail(resource, enabled.range, {
        fixes: [{ title: 'Turn EBS encryption by default on (affects only volumes created from now on)', safety: 'safe', edits: [replaceValue(resource.file, enabled, 'true')] }],
      });
    },
  },
};
