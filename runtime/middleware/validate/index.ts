// Input validation: reads the execute (or batch) body, checks its options and validates the input
// against the chosen version's input type before anything is billed (400 with every problem listed).
// The input is converted once: the executor's execute() validates as it converts, so the validation
// is that run (kept as `run` for the execute middleware); its `invalid-input` is answered here.
import type { MiddlewareHandler } from 'hono';
import type { Env } from '../../context.ts';
import { parseCallOptions, readJsonObject } from '../../body.ts';
import { problem } from '../../problem.ts';
import { timedRun } from '../execute/index.ts';

/** Most inputs one batch call may carry. */
export const MAX_BATCH = 1000;
/** The work budget a batch shares out over its inputs (2 executor calls' worth). */
export const BATCH_WORK = 20_000_000;
/** The least budget one input gets. */
export const BATCH_MIN_WORK = 20_000;

/**
 * Validation of `{ input, options? }` for execute; put it after rollout. Sets `input`, `options`
 * (the subscription's params under the call's own) and `run` (the execution that validated the input:
 * its output, or the params/evaluation error that the execute middleware answers in its place).
 *
 * @example
 * app.post('/v1/skus/:sku/execute', ..., rollout(cache), validateInput(), execute(metrics))
 */
export function validateInput(): MiddlewareHandler<Env> {
  return async (c, next) => {
    const body = await readJsonObject(c);
    if (!('input' in body)) return problem(c, 400, 'invalid-body', 'The body needs an `input`', { errors: [{ path: '/input', message: 'required' }] });
    const { options, errors } = parseCallOptions(body.options);
    if (errors.length) return problem(c, 400, 'invalid-options', 'The options are not valid', { errors });
    const merged = withSubscriptionParams(options, c.get('subscription')?.params);
    const run = timedRun(c.get('executor'), body.input, merged);
    if (!run.result.ok && run.result.code === 'invalid-input') {
      return problem(c, 400, 'invalid-input', 'The input does not match the SKU\'s input type', {
        errors: inputErrors(run.result.errors).map((e) => ({ path: `/input${e.path}`, message: e.message })),
      });
    }
    c.set('input', body.input);
    c.set('options', merged);
    c.set('run', run);
    await next();
  };
}

/**
 * Validation of `{ inputs: [...], options? }` for batch. Each input is validated on its own (by its
 * run, as for execute): a bad input becomes a problem in its place of the results, the others still
 * run. Sets `batch` (each valid input with its run) and `options`.
 */
export function validateBatch(): MiddlewareHandler<Env> {
  return async (c, next) => {
    const body = await readJsonObject(c);
    if (!Array.isArray(body.inputs)) return problem(c, 400, 'invalid-body', 'The body needs `inputs`, an array', { errors: [{ path: '/inputs', message: 'expected an array' }] });
    if (body.inputs.length > MAX_BATCH) return problem(c, 400, 'batch-too-large', `At most ${MAX_BATCH} inputs per batch`, { max: MAX_BATCH });
    const { options, errors } = parseCallOptions(body.options);
    if (errors.length) return problem(c, 400, 'invalid-options', 'The options are not valid', { errors });
    const executor = c.get('executor');
    const merged = withSubscriptionParams(options, c.get('subscription')?.params);
    // The inputs share one batch's work budget, so 1,000 inputs cost at most a few calls' worth.
    const each = { ...merged, workLimit: Math.max(Math.floor(BATCH_WORK / Math.max(1, body.inputs.length)), BATCH_MIN_WORK) };
    c.set('batch', body.inputs.map((input: unknown) => {
      const run = timedRun(executor, input, each);
      if (!run.result.ok && run.result.code === 'invalid-input') return { ok: false as const, errors: inputErrors(run.result.errors) };
      return { ok: true as const, value: input, run };
    }));
    c.set('options', merged);
    await next();
  };
}

function withSubscriptionParams(options: ReturnType<typeof parseCallOptions>['options'], base: Record<string, unknown> | undefined) {
  if (!base || Object.keys(base).length === 0) return options;
  return { ...options, params: { ...base, ...options.params } };
}

/** The `errors` of an executor's `invalid-input`: `{ path, message }` each (SPEC section 8), as validate() lists them. */
function inputErrors(errors: unknown): { path: string; message: string }[] {
  return Array.isArray(errors) ? (errors as { path: string; message: string }[]) : [];
}
