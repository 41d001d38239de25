/**
 * A cheap guard in front of `yaml` for absurdly deep flow nesting (`[[[[...` or
 * `{Fn::Join: [x, [{Fn::Join: ...`). `yaml` parses it in linear time but with a large constant
 * (about 1.5 s of CPU for 16,000 levels, mostly garbage collection), and error recovery parses the
 * resource again: a few hundred kilobytes of brackets kept the editor busy for seconds. Real
 * templates nest a few dozen levels; the model stops evaluating at 256 (raw.ts MAX_DEPTH).
 */

/** Flow nesting deeper than this is refused before `yaml` sees the text. */
export const MAX_FLOW_NESTING = 1000;

/**
 * Offset at which brackets first open deeper than `limit`, or -1. Counted without parsing, in one
 * pass: `[` and `{` open, `]` and `}` close (never below zero), except inside comments (`#` at the
 * start of a line or after a blank) and quoted scalars (`"..."` with backslash escapes, `'...'`).
 * A quote only starts a scalar where one can start (after a blank, an indicator or a bracket), so
 * `don't` in a plain scalar does not derail the count. Brackets in plain and block scalars still
 * count; a template would need a thousand more openers than closers there to be refused.
 */
export function flowNestingBeyond(text: string, limit: number): number {
  let depth = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return i;
    } else if (c === 0x5d || c === 0x7d) {
      if (depth > 0) depth--;
    } else if (c === 0x23 /* # */ && (i === 0 || isBlank(text.charCodeAt(i - 1)))) {
      i = lineEnd(text, i) - 1;
    } else if ((c === 0x22 || c === 0x27) && (i === 0 || startsScalar(text.charCodeAt(i - 1)))) {
      i = quoteEnd(text, i, c) - 1;
    }
  }
  return -1;
}

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** Characters after which a quoted scalar may start. */
function startsScalar(c: number): boolean {
  return isBlank(c) || c === 0x5b || c === 0x7b || c === 0x2c || c === 0x3a || c === 0x2d || c === 0x3f;
}

function lineEnd(text: string, i: number): number {
  for (let j = i; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x0a || c === 0x0d) return j;
  }
  return text.length;
}

/** Offset just after the quoted scalar opening at `i` (the text end when it is not closed). */
function quoteEnd(text: string, i: number, quote: number): number {
  for (let j = i + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (quote === 0x22 && c === 0x5c /* \ */) j++;
    else if (c === quote) {
      // `''` inside a single-quoted scalar is an escaped quote.
      if (quote === 0x27 && text.charCodeAt(j + 1) === 0x27) j++;
      else return j + 1;
    }
  }
  return text.length;
}
