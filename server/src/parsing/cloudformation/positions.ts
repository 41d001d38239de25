/**
 * Offset -> line/character conversion for one file. Offsets are JavaScript string indices, i.e.
 * UTF-16 code units, which is what `yaml` reports and what LSP positions count.
 */
import type { Position, Range } from '../../model/types';
import { OffsetRange } from '../../model/range';
import { LineMap } from '../terraform/lexer';

/** Size of LineTable's position cache (a power of two). */
const POSITION_SLOTS = 4096;

export class LineTable {
  /** The HCL lexer's line table: the same LSP line breaks (\n, \r\n and a lone \r). */
  private readonly map: LineMap;
  /** Offset of the first character of every line (the first `lineCount` entries). */
  private readonly starts: Int32Array;
  readonly lineCount: number;

  constructor(readonly text: string) {
    this.map = new LineMap(text);
    this.starts = this.map.lineStarts;
    this.lineCount = this.map.lineCount;
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.lineCount - 1))];
  }

  /** Offset just past the line's content (before its line break). */
  lineEnd(line: number): number {
    if (line + 1 >= this.lineCount) return this.text.length;
    let end = this.starts[line + 1];
    if (end > 0 && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > 0 && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }

  lineOf(offset: number): number {
    return this.map.lineOf(offset);
  }

  /**
   * The positions computed last, by offset modulo POSITION_SLOTS. A template's model holds a
   * position per node start and end, and ranges share offsets (an entry ends where its value ends;
   * a mapping starts at its first key): handing out the same (never mutated) object for an offset
   * asked for again nearby saves a fifth of the model's objects and the collector's work on them.
   */
  private readonly slotOffset = new Int32Array(POSITION_SLOTS).fill(-1);
  private readonly slotPosition: Position[] = new Array<Position>(POSITION_SLOTS);

  position(offset: number): Position {
    // Only non-negative 32-bit integers are cached (what the Int32Array holds exactly).
    if ((offset | 0) !== offset || offset < 0) return this.computePosition(offset);
    const slot = offset & (POSITION_SLOTS - 1);
    if (this.slotOffset[slot] === offset) return this.slotPosition[slot];
    const p = this.computePosition(offset);
    this.slotOffset[slot] = offset;
    this.slotPosition[slot] = p;
    return p;
  }

  private computePosition(offset: number): Position {
    let o = Math.max(0, Math.min(offset, this.text.length));
    // Between the `\r` and `\n` of a line break is no place a client can show (yaml ends an error
    // range there when it covers the `\r`): the line's end, before the break.
    if (o > 0 && this.text.charCodeAt(o - 1) === 13 && this.text.charCodeAt(o) === 10) o--;
    const line = this.lineOf(o);
    return { line, character: o - this.starts[line], offset: o };
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(Math.max(start, end)) };
  }

  /** A range whose positions are worked out when read (model/range.ts): for the model's values. */
  offsetRange(start: number, end: number): Range {
    return new OffsetRange(this, start, Math.max(start, end));
  }
}
