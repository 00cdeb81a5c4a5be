// The one error type the runtime throws. Generated executors inline this file, so host code
// must recognise it by `name === 'RuleError'` and `code`, not by `instanceof` (every executor
// module carries its own copy of the class).

/** One problem found in a caller's input, params or options: a JSON pointer and a message. */
export interface RuleProblem {
  path: string;
  message: string;
}

/**
 * A rule error: `code` says whose fault it is.
 * - `invalid-input`, `invalid-params`, `invalid-option`: the caller's data (errors lists each problem);
 * - `evaluation-error`: an expression failed at run time (e.g. division by zero);
 * - `too-many-promotions`: `combine` with strategy `best` over more promotions than it searches.
 */
export class RuleError extends Error {
  code: string;
  errors: RuleProblem[];
  constructor(code: string, message: string, errors?: RuleProblem[]) {
    super(message);
    this.name = 'RuleError';
    this.code = code;
    this.errors = errors ?? [];
  }
}

/** Throws an `evaluation-error`: a run-time failure inside a rule's expressions. */
export function rtEvalError(message: string): never {
  throw new RuleError('evaluation-error', message);
}
