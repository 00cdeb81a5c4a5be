// Input validation: reads the execute (or batch) body, checks its options and validates the input
// against the chosen version's input type before anything runs (400 with every problem listed).
import type { MiddlewareHandler } from 'hono';
import type { Env } from '../../context.ts';
import { parseCallOptions, readJsonObject } from '../../body.ts';
import { problem } from '../../problem.ts';

/** Most inputs one batch call may carry. */
export const MAX_BATCH = 1000;

/**
 * Validation of `{ input, options? }` for execute; put it after rollout. Sets `input` and `options`
 * (the subscription's params under the call's own).
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
    const result = c.get('executor').validate(body.input);
    if (!result.ok) {
      return problem(c, 400, 'invalid-input', 'The input does not match the SKU\'s input type', {
        errors: result.errors.map((e) => ({ path: `/input${e.path}`, message: e.message })),
      });
    }
    c.set('input', result.value);
    c.set('options', withSubscriptionParams(options, c.get('subscription')?.params));
    await next();
  };
}

/**
 * Validation of `{ inputs: [...], options? }` for batch. Each input is validated on its own: a
 * bad input becomes a problem in its place of the results, the others still run. Sets `batch`.
 */
export function validateBatch(): MiddlewareHandler<Env> {
  return async (c, next) => {
    const body = await readJsonObject(c);
    if (!Array.isArray(body.inputs)) return problem(c, 400, 'invalid-body', 'The body needs `inputs`, an array', { errors: [{ path: '/inputs', message: 'expected an array' }] });
    if (body.inputs.length > MAX_BATCH) return problem(c, 400, 'batch-too-large', `At most ${MAX_BATCH} inputs per batch`, { max: MAX_BATCH });
    const { options, errors } = parseCallOptions(body.options);
    if (errors.length) return problem(c, 400, 'invalid-options', 'The options are not valid', { errors });
    const executor = c.get('executor');
    c.set('batch', body.inputs.map((input: unknown) => executor.validate(input)));
    c.set('options', withSubscriptionParams(options, c.get('subscription')?.params));
    await next();
  };
}

function withSubscriptionParams(options: ReturnType<typeof parseCallOptions>['options'], base: Record<string, unknown> | undefined) {
  if (!base || Object.keys(base).length === 0) return options;
  return { ...options, params: { ...base, ...options.params } };
}
