// The work budget of one executor call (docs/semantics.md "Work budget"): what macros, `in`,
// `contains`, joined strings, template parts and list-holding outputs may walk or produce in one
// call. Compiled expressions charge it (cxCharge, cxChargeDeep), every plan's `bind` starts it
// (cxWorkReset) and execute() sets its limit from the `workLimit` option (cxSetWorkLimit).
import { rtEvalError } from './errors.ts';

/**
 * The work budget of one evaluation: list elements and string characters that macros, `in` and
 * `contains` may walk in one call, plus the characters that joined strings and template parts
 * produce. Nested macros over big input lists are n^2 or n^3 in the input
 * size; without a bound, one request could hold a hosted runtime's event loop for minutes. Reset by
 * every plan's `bind` (the start of each call).
 */
export const CX_WORK_LIMIT = 10_000_000;
let cxWork = 0;
let cxWorkLimit = CX_WORK_LIMIT;

/** Starts a call's work budget. */
export function cxWorkReset(): void {
  cxWork = 0;
}

/** The budget of the next call: the executor's `workLimit` option (capped at the default), else the default. */
export function cxSetWorkLimit(limit: unknown): void {
  cxWorkLimit = typeof limit === 'number' && limit > 0 && limit < CX_WORK_LIMIT ? limit : CX_WORK_LIMIT;
}

/** Charges walking `xs` (a list or a string) to the call's budget; `xs` itself back. */
export function cxCharge<T extends { length: number }>(xs: T): T {
  cxWork += xs.length;
  if (cxWork > cxWorkLimit) rtEvalError(`the rule does too much work: more than ${cxWorkLimit} list elements or characters walked in one call (nested macros over large lists?)`);
  return xs;
}

/**
 * Charges a value that holds lists (a `select` field, a `map` result element) by its full size:
 * every list's length, nested ones too. Such values are shared references while evaluating but are
 * written out in full in the output, so `select: { all: products }` is n^2 output for n products.
 */
export function cxChargeDeep<T>(v: T): T {
  if (Array.isArray(v)) {
    cxCharge(v);
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (x !== null && typeof x === 'object') cxChargeDeep(x);
    }
  } else if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    for (const k in v) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== null && typeof x === 'object') cxChargeDeep(x);
    }
  }
  return v;
}
