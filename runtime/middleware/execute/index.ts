// Execution: runs the chosen executor on the validated input and answers its output as the body.
// Records the run in the metrics; sets `output`, `units` and `latencyMs` for metering.
import type { MiddlewareHandler } from 'hono';
import type { Env } from '../../context.ts';
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
      return { ok: false, status: 400, code: problemCode, title: 'The input, params or options do not match', errors };
    }
    if (Array.isArray(errors)) return { ok: false, status: 400, code: 'invalid-params', title: 'The input or params do not match', errors };
    return { ok: false, status: 500, code: 'execution-failed', title: `The executor failed: ${(e as Error)?.message ?? String(e)}` };
  }
}

/**
 * Execute middleware: the end of the execute chain.
 *
 * @example
 * app.post('/v1/skus/:sku/execute', ..., validateInput(), execute(metrics, logger))
 */
export function execute(metrics: RuntimeMetrics, logger: Logger): MiddlewareHandler<Env> {
  return async (c) => {
    const sku = c.get('sku').record.id;
    const version = c.get('version');
    const start = performance.now();
    const result = runExecutor(c.get('executor'), c.get('input'), c.get('options'));
    const ms = performance.now() - start;
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
    const start = performance.now();
    let units = 0;
    const results = c.get('batch').map((v) => {
      if (!v.ok) {
        return problemBody(400, 'invalid-input', 'The input does not match the SKU\'s input type', { errors: v.errors });
      }
      const t0 = performance.now();
      const r = runExecutor(executor, v.value, options);
      const status = r.ok ? 200 : r.status;
      metrics.recordExecution(sku, version, status, (performance.now() - t0) / 1000, r.ok ? r.output : undefined);
      if (r.ok) {
        units++;
        return r.output;
      }
      return problemBody(r.status, r.code, r.title, r.errors ? { errors: r.errors } : {});
    });
    c.set('latencyMs', performance.now() - start);
    c.set('units', units);
    c.set('output', results);
    return c.json({ results });
  };
}
