/** Helpers of the GKE rules. */
import { asBool, attr } from '../../model/access';
import type { Resource } from '../../model/types';

/** Autopilot clusters: `true`, `false`, or `undefined` when unknown. */
export function isAutopilot(resource: Resource): boolean | undefined {
  const a = attr(resource.body, 'enable_autopilot');
  if (!a || a.value.kind === 'null') return false;
  return asBool(a.value);
}
