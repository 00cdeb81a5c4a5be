// What an interpreted expression sees: the environment (input, params, lets, now, subtotal),
// the bound macro variables, and the document's time zone and rounding.
import type { Env, Rounding } from '../runtime/plan.ts';

/** The evaluation state of one expression. */
export interface Scope {
  env: Env;
  /** Macro variables and the Selection variable, innermost last. */
  vars: Map<string, any>;
  timezone: string;
  rounding: Rounding;
}

/** A scope with `name` bound to `value` (a copy: closures keep their own bindings). */
export function bind(scope: Scope, name: string, value: any): Scope {
  const vars = new Map(scope.vars);
  vars.set(name, value);
  return { ...scope, vars };
}
