/**
 * Which kind a problem the engine reports is, as hosts show it (`code` of the diagnostic, the CLI's
 * label): a syntax error of the file, or anything else about the model (unsupported constructs,
 * duplicate addresses, a rule that failed, a suppression without a reason). The engine sets
 * `ParseProblem.kind`; problems from elsewhere (the file walker) count as model problems.
 */
import type { ParseProblem } from '../model/types';

export class ProblemClassifier {
  classify(_file: string, _text: string | undefined, problem: ParseProblem): 'syntax' | 'model' {
    return problem.kind === 'syntax' ? 'syntax' : 'model';
  }
}
