import type { Range } from './types';

/**
 * `r` as a plain object. A model's ranges may be computed ones (the CloudFormation model's
 * OffsetRange works positions out when read, from the template's line table): whatever outlives
 * an analysis or is sent to another thread (findings, passes, fix edits) is copied, so that it
 * neither keeps a template's text alive nor loses its positions in a structured clone.
 */
export function plainRange(r: Range): Range {
  return Object.getPrototypeOf(r) === Object.prototype ? r : { start: r.start, end: r.end };
}
