/**
 * Which kind a problem the engine reports is: a syntax error of the file, or a model problem.
 */
import { parseDocument } from 'yaml';
import type { ParseProblem } from '../model/types';
import { parseHcl } from '../parsing/terraform/parser';

/**
 * Tells syntax problems from model problems. The engine reports both as `ParseProblem` without a
 * kind, so we recognise syntax errors by re-parsing (cached per text): a problem is `syntax` when
 * the file's own parser reports an error at the same place with the same message.
 */
export class ProblemClassifier {
  private readonly cache = new Map<string, { text: string; keys: Set<string>; offsets: Set<number> }>();

  classify(file: string, text: string | undefined, problem: ParseProblem): 'syntax' | 'model' {
    if (text === undefined) return 'model';
    const entry = this.syntaxOf(file, text);
    if (entry.keys.has(`${problem.range.start.offset}|${problem.message}`)) return 'syntax';
    if (!/\.(tf|tfvars)$/i.test(file) && entry.offsets.has(problem.range.start.offset) && problem.severity === 'error') return 'syntax';
    return 'model';
  }

  forget(file: string): void {
    this.cache.delete(file);
  }

  private syntaxOf(file: string, text: string): { text: string; keys: Set<string>; offsets: Set<number> } {
    const cached = this.cache.get(file);
    if (cached && cached.text === text) return cached;
    const keys = new Set<string>();
    const offsets = new Set<number>();
    try {
      if (/\.(tf|tfvars)$/i.test(file)) {
        for (const e of parseHcl(text).errors) keys.add(`${e.range.start.offset}|${e.message}`);
      } else {
        for (const e of parseDocument(text, { uniqueKeys: false }).errors) offsets.add(e.pos[0]);
      }
    } catch {
      // A parser that throws here has already been reported by the engine.
    }
    const entry = { text, keys, offsets };
    this.cache.set(file, entry);
    return entry;
  }
}
