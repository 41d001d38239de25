/**
 * "Is a customer-managed KMS key configured?" for attributes such as `kms_key_id` / `KMSKeyId`
 * (also used by aws-cloudwatch-log-group-encrypted). The value is almost never a literal: it references a key resource, a data source or a module
 * output, all of which are unknown to static analysis but certainly not empty.
 */
import type { Value } from '../../model/types';
import type { CheckContext } from '../types';

export type KeyState = 'set' | 'unset' | 'unknown';

export function keyReferenceState(value: Value, ctx: CheckContext): KeyState {
  switch (value.kind) {
    case 'string':
      return value.value.trim() === '' ? 'unset' : 'set';
    case 'null':
      return 'unset';
    case 'unknown':
      // A reference to something in this module (a key, alias, data source, module output) is a
      // key; an unresolved variable or parameter could still be empty.
      return (value.refs ?? []).some((r) => ctx.resolve(r) !== undefined) ? 'set' : 'unknown';
    default:
      return 'unknown';
  }
}
