/**
 * A cheap guard in front of `yaml` for absurdly deep flow nesting (`[[[[...` or
 * `{Fn::Join: [x, [{Fn::Join: ...`). `yaml` parses it in linear time but with a large constant
 * (about 1.5 s of CPU for 16,000 levels, mostly garbage collection), overflows the stack on some
 * shapes, and error recovery parses the resource again: a few hundred kilobytes of brackets kept
 * the editor busy for seconds. Real templates nest a few dozen levels; the model stops evaluating
 * at 256 (raw.ts MAX_DEPTH).
 */

/** Flow nesting deeper than this is refused before `yaml` sees the text. */
export const MAX_FLOW_NESTING = 1000;

/**
 * Offset at which brackets first open deeper than `limit`, or -1: `[` and `{` open, `]` and `}`
 * close (never below zero), wherever they are. Brackets in quoted scalars and comments count too:
 * in a broken template `yaml` pairs quotes differently from any quick scan (a nest inside a string
 * became real nesting once an earlier line broke the string), so only counting everything bounds
 * what it may see. A template would need a thousand more openers than closers in its strings to be
 * refused for them.
 */
export function flowNestingBeyond(text: string, limit: number): number {
  let depth = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return i;
    } else if ((c === 0x5d || c === 0x7d) && depth > 0) {
      depth--;
    }
  }
  return -1;
}
