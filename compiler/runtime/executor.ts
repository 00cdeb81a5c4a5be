// The executor of SPEC section 8 around a plan: validate the input, merge and validate params,
// fix the clock, run the kind's engine and hand back plain JSON. Every failure leaves as a
// RuleError with a code, never as a crash.
import type { Env, ExecuteOptions, Executor, Plan, TraceEntry, ValidationResult } from './plan.ts';
import { RuleError, type RuleProblem } from './errors.ts';
import { timeParse } from './time.ts';
import { valConvert, valConvertValid, valPointerToken, valValidConverter } from './values.ts';
import { promoRun } from './promotion.ts';
import { selRun } from './selection.ts';
import { priceRun } from './pricing.ts';
import { cxSetWorkLimit } from './budget.ts';

/** What a Promotion executor tells `combine` about itself. */
export interface RtPromotionInfo {
  priority: number;
  class: 'order' | 'item' | 'shipping';
  combinesWith: ('order' | 'item' | 'shipping')[];
}

/** An executor built by `rtMakeExecutor`; Promotions also carry `promotion`. */
export interface RtExecutor extends Executor<any, any, any> {
  readonly promotion?: RtPromotionInfo;
}

/** Converts validation problems into the caller-facing error of `code`. */
function rtInvalid(code: string, what: string, errors: RuleProblem[]): RuleError {
  const first = errors[0];
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  return new RuleError(code, `invalid ${what}: ${first.path || '/'}: ${first.message}${more}`, errors);
}

/** The (never modified) empty problem list of a valid input. */
const RT_NO_ERRORS: RuleProblem[] = [];

/** Validates an input against the plan: its runtime value, or every problem. */
function rtConvertInput(plan: Plan, input: unknown): { value: Env | null; errors: RuleProblem[] } {
  const fast = valConvertValid(plan.input, input);
  if (fast !== undefined) return { value: fast, errors: RT_NO_ERRORS };
  const errors: RuleProblem[] = [];
  const value = valConvert(plan.input, input, '', errors);
  return { value: errors.length === 0 ? value : null, errors };
}

/** Validates param overrides (unknown names are errors) and fills the defaults in declaration order. */
function rtParams(plan: Plan, given: unknown, cachedDefaults: Env | null): Env {
  if (given === undefined || given === null) return cachedDefaults ?? plan.paramDefaults({});
  const errors: RuleProblem[] = [];
  const out: Env = {};
  if (typeof given !== 'object' || Array.isArray(given)) {
    errors.push({ path: '', message: 'expected an object of params' });
  } else {
    const known = new Map(plan.params.fields.map((f) => [f.name, f.type] as const));
    for (const name of Object.keys(given)) {
      const v = (given as Record<string, unknown>)[name];
      const t = known.get(name);
      const path = '/' + valPointerToken(name);
      if (t === undefined) errors.push({ path, message: 'unknown param' });
      else if (v !== undefined) Object.defineProperty(out, name, { value: valConvert(t, v, path, errors), enumerable: true, writable: true, configurable: true });
    }
  }
  if (errors.length > 0) throw rtInvalid('invalid-params', 'params', errors);
  return plan.paramDefaults(out);
}

/** The last `now` string parsed and its instant: callers usually pass the same clock again. */
const RT_NOW_CACHE: { text: string; ms: number } = { text: '', ms: 0 };

/** The evaluation clock: an ISO string, a Date, or (absent) the current time. */
function rtNow(now: unknown): number {
  if (now === undefined || now === null) return Date.now();
  if (now instanceof Date) {
    const t = now.getTime();
    if (Number.isFinite(t)) return t;
  } else if (typeof now === 'string') {
    if (now === RT_NOW_CACHE.text) return RT_NOW_CACHE.ms;
    const t = timeParse(now);
    if (t !== null) {
      RT_NOW_CACHE.text = now;
      RT_NOW_CACHE.ms = t;
      return t;
    }
  }
  throw new RuleError('invalid-option', 'invalid now: expected an ISO 8601 timestamp with offset or a Date', [{ path: '/now', message: 'expected timestamp' }]);
}

/** Wraps anything thrown by an engine or a compiled expression into an evaluation RuleError. */
function rtWrap(e: unknown): RuleError {
  if (e instanceof RuleError) return e;
  if (e !== null && typeof e === 'object' && (e as { name?: unknown }).name === 'RuleError') return e as RuleError;
  const msg = e instanceof Error ? e.message : String(e);
  return new RuleError('evaluation-error', `evaluation failed: ${msg}`);
}

/**
 * Builds the executor of SPEC section 8 from a plan. `validate(input)` returns the input itself
 * when it matches (or every problem); `execute(input, { params, now, trace })` validates (throwing
 * `RuleError` code `invalid-input` / `invalid-params` / `invalid-option` with `errors`), runs the
 * engine and returns its output JSON; a failing expression throws code `evaluation-error`.
 */
export function rtMakeExecutor(plan: Plan): RtExecutor {
  let defaults: Env | null = null;
  const fastInput = valValidConverter(plan.input);
  const validate = (input: unknown): ValidationResult<any> => {
    const r = rtConvertInput(plan, input);
    return r.errors.length === 0 ? { ok: true, value: input } : { ok: false, errors: r.errors };
  };
  const execute = (input: unknown, options?: ExecuteOptions<any>): any => {
    // The fast converter's value when the input is valid (no result object); the careful one otherwise.
    let value: Env | undefined = fastInput(input);
    if (value === undefined) {
      const r = rtConvertInput(plan, input);
      if (r.errors.length > 0) throw rtInvalid('invalid-input', 'input', r.errors);
      value = r.value as Env;
    }
    const opts: ExecuteOptions<any> = options ?? {};
    cxSetWorkLimit(opts.workLimit);
    try {
      if (defaults === null && (opts.params === undefined || opts.params === null)) defaults = plan.paramDefaults({});
      const params = rtParams(plan, opts.params, defaults);
      // A plan that never reads `now` gets 0 instead of a clock read; a given `now` is still checked.
      const now = plan.usesNow === false && (opts.now === undefined || opts.now === null) ? 0 : rtNow(opts.now);
      const trace: TraceEntry[] | null = opts.trace === true ? [] : null;
      switch (plan.kind) {
        case 'Promotion': return promoRun(plan, value, params, now, trace);
        case 'Selection': return selRun(plan, value, params, now, trace);
        case 'PricingTier': return priceRun(plan, value, params, now, trace);
      }
    } catch (e) {
      throw rtWrap(e);
    }
  };
  const base = { sku: plan.sku, kind: plan.kind, name: plan.name, version: plan.version, validate, execute };
  if (plan.kind === 'Promotion') {
    const promotion: RtPromotionInfo = { priority: plan.priority, class: plan.class, combinesWith: plan.combinesWith.slice() };
    return Object.freeze({ ...base, promotion });
  }
  return Object.freeze(base);
}
