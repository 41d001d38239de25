/**
 * Ranges kept as offsets. A syntax tree or a template's model holds a range per node (a Terraform
 * attribute: its name, its expression and the whole entry), and rules read the positions of a
 * handful: built eagerly, positions were the largest share of the objects an analysis allocated,
 * all of them living to its end (the collector's most costly kind). An `OffsetRange` works its
 * positions out when they are read, from the file's line table.
 *
 * What outlives an analysis or is sent to another thread (findings, passes, problems, the
 * resources a result keeps) is copied into plain objects by the engine (`plainRange`): a structured
 * clone keeps only own data properties, so an OffsetRange would arrive without positions (and with
 * a copy of its file's line table). `toJSON` serialises it like a plain range.
 */
import type { Position, Range } from './types';

/** Offset -> position for one file (the HCL lexer's LineMap, the CloudFormation LineTable). */
export interface PositionSource {
  position(offset: number): Position;
}

export class OffsetRange implements Range {
  constructor(
    readonly lines: PositionSource,
    readonly startOffset: number,
    readonly endOffset: number,
  ) {}

  get start(): Position {
    return this.lines.position(this.startOffset);
  }

  get end(): Position {
    return this.lines.position(this.endOffset);
  }

  toJSON(): Range {
    return { start: this.start, end: this.end };
  }
}

/** Offset where `r` starts, without working out its position. */
export function startOffsetOf(r: Range): number {
  return r instanceof OffsetRange ? r.startOffset : r.start.offset;
}

/** Offset where `r` ends, without working out its position. */
export function endOffsetOf(r: Range): number {
  return r instanceof OffsetRange ? r.endOffset : r.end.offset;
}

/** From the start of `a` to the end of `b`: an OffsetRange when both are of the same file's table. */
export function rangeBetween(a: Range, b: Range): Range {
  if (a instanceof OffsetRange && b instanceof OffsetRange && a.lines === b.lines) return new OffsetRange(a.lines, a.startOffset, b.endOffset);
  return { start: a.start, end: b.end };
}

/** `r` as a plain object (see the module comment). */
export function plainRange(r: Range): Range {
  return r instanceof OffsetRange ? { start: r.start, end: r.end } : r;
}
