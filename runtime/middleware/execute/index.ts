// Execution: runs the chosen executor on the validated input and answers its output as the body.
// Records the run in the metrics; sets `output`, `units` and `latencyMs` for metering.
import type { MiddlewareHandler } from 'hono';
import type { Env, ExecutorRun } from '../../context.ts';
import type { Logger } from '../../logger.ts';
import type { RuntimeMetrics } from '../../metrics/runtime-metrics.ts';
import { problem, problemBody } from '../../problem.ts';

/**
 * Runs an executor. Its `RuleError`s (recognised by `code`, since every executor carries its own
 * copy of the class) map to problems: bad input, params or options are the caller's fault (400),
 * an evaluation error (division by zero, int overflow) is 422; anything else is a 500.
 */
export function runExecutor(
  executor: { execute(input: any, options?: any): unknown },
  input: unknown,
  options: unknown,
): { ok: true; output: unknown } | { ok: false; status: number; code: string; title: string; errors?: unknown } {
  try {
    return { ok: true, output: executor.execute(input, options) };
  } catch (e) {
    const { code, errors, message } = (e ?? {}) as { code?: unknown; errors?: unknown; message?: unknown };
    if (code === 'evaluation-error') {
      return { ok: false, status: 422, code, title: `The rule failed on this input: ${String(message)}` };
    }
    if (code === 'invalid-input' || code === 'invalid-params' || code === 'invalid-option') {
      const problemCode = code === 'invalid-option' ? 'invalid-options' : code;
      // The executor's pointers are relative to what it was given; params and options sit under
      // `/options` of the request body (input pointers are placed by the caller: `/input`, or the
      // batch item itself).
      const prefix = code === 'invalid-params' ? '/options/params' : code === 'invalid-option' ? '/options' : '';
      const placed = prefix && Array.isArray(errors) ? (errors as { path: string; message: string }[]).map((x) => ({ ...x, path: prefix + x.path })) : errors;
      return { ok: false, status: 400, code: problemCode, title: 'The input, params or options do not match', errors: placed };
    }
    if (code === 'too-many-promotions') {
      // combine's `best` would need more evaluations than it may spend: the request is valid, the
      // set of promotions is too large for that strategy.
      return { ok: false, status: 422, code, title: String(message) };
    }
    if (Array.isArray(errors)) return { ok: false, status: 400, code: 'invalid-params', title: 'The input or params do not match', errors };
    return { ok: false, status: 500, code: 'execution-failed', title: `The executor failed: ${(e as Error)?.message ?? String(e)}` };
  }
}

/** runExecutor, timed. */
export function timedRun(executor: Parameters<typeof runExecutor>[0], input: unknown, options: unknown): ExecutorRun {
  const start = performance.now();
  const result = runExecutor(executor, input, options);
  return { result, ms: performance.now() - start };
}

/**
 * Execute middleware: the end of the execute chain. Answers the run that the validation middleware
 * made (`run`), or runs the executor when there is none.
 *
 * @example
 * app.post('/v1/skus/:sku/execute', ..., validateInput(), execute(metrics, logger))
 */
export function execute(metrics: RuntimeMetrics, logger: Logger): MiddlewareHandler<Env> {
  return async (c) => {
    const sku = c.get('sku').record.id;
    const version = c.get('version');
    // The validation middleware ran the executor already (one conversion of the input).
    const { result, ms } = c.get('run') ?? timedRun(c.get('executor'), c.get('input'), c.get('options'));
    c.set('latencyMs', ms);
    if (!result.ok) {
      metrics.recordExecution(sku, version, result.status, ms / 1000);
      if (result.status >= 500) logger.log('error', 'executor failed', { requestId: c.get('requestId'), sku, version, error: result.title });
      c.set('units', 0);
      return problem(c, result.status, result.code, result.title, result.errors ? { errors: result.errors } : {});
    }
    metrics.recordExecution(sku, version, 200, ms / 1000, result.output);
    c.set('output', result.output);
    c.set('units', 1);
    return c.json(result.output as object);
  };
}

/**
 * Batch execution: one result per input, in order, each the output or a problem; 200 overall.
 */
export function executeBatch(metrics: RuntimeMetrics): MiddlewareHandler<Env> {
  return async (c) => {
    const sku = c.get('sku').record.id;
    const version = c.get('version');
    const executor = c.get('executor');
    const options = c.get('options');
    let units = 0;
    let ms = 0;
    const results = c.get('batch').map((v) => {
      if (!v.ok) {
        return problemBody(400, 'invalid-input', 'The input does not match the SKU\'s input type', { errors: v.errors });
      }
      const run = v.run ?? timedRun(executor, v.value, options);
      const r = run.result;
      ms += run.ms;
      const status = r.ok ? 200 : r.status;
      metrics.recordExecution(sku, version, status, run.ms / 1000, r.ok ? r.output : undefined);
      if (r.ok) {
        units++;
        return r.output;
      }
      return problemBody(r.status, r.code, r.title, r.errors ? { errors: r.errors } : {});
    });
    c.set('latencyMs', ms);
    c.set('units', units);
    c.set('output', results);
    return c.json({ results });
  };
}
