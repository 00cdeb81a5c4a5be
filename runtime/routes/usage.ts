// GET /v1/usage: the caller's calls, bytes, errors and latency percentiles by hour or day.
import { Hono } from 'hono';
import type { Env } from '../context.ts';
import type { AppDeps } from '../deps.ts';
import { bucketStart } from '../../billing/period.ts';
import { billingRuntime } from '../billing.ts';
import { tenantAuth } from '../middleware/auth/index.ts';
import { problem } from '../problem.ts';

const MAX_BUCKETS = 24 * 400;

/** Parses `from`/`to` (ISO 8601): defaults are the last 24 hours (hour) or 30 days (day). */
export function usageRange(q: { from?: string; to?: string; granularity?: string }, now: number) {
  const errors: { path: string; message: string }[] = [];
  const granularity = q.granularity ?? 'day';
  if (granularity !== 'hour' && granularity !== 'day') errors.push({ path: '/granularity', message: 'expected hour or day' });
  const parse = (v: string | undefined, path: string) => {
    if (v === undefined) return null;
    const t = /^\d{4}-\d\d-\d\d/.test(v) ? Date.parse(v) : NaN;
    if (Number.isNaN(t)) errors.push({ path, message: 'expected an ISO 8601 date or timestamp' });
    return t;
  };
  const g: 'hour' | 'day' = granularity === 'hour' ? 'hour' : 'day';
  const to = parse(q.to, '/to') ?? now;
  const from = parse(q.from, '/from') ?? bucketStart(to - (g === 'hour' ? 86_400_000 : 30 * 86_400_000), g);
  if (errors.length === 0 && !(from < to)) errors.push({ path: '/from', message: 'must be before to' });
  if (errors.length === 0 && (to - from) / (g === 'hour' ? 3_600_000 : 86_400_000) > MAX_BUCKETS) {
    errors.push({ path: '/from', message: `at most ${MAX_BUCKETS} buckets per query` });
  }
  return { from, to, granularity: g, errors };
}

/**
 * Usage routes, mounted at `/v1/usage`.
 *
 * @example
 * app.route('/v1/usage', usageRoutes(deps));
 */
export function usageRoutes(deps: AppDeps, options: { now?: () => number } = {}) {
  const now = options.now ?? Date.now;
  const b = billingRuntime(deps);
  const app = new Hono<Env>();
  app.get('/', tenantAuth(deps.cache, 'read'), async (c) => {
    const q = usageRange({ from: c.req.query('from'), to: c.req.query('to'), granularity: c.req.query('granularity') }, now());
    if (q.errors.length) return problem(c, 400, 'invalid-query', 'The usage query is not valid', { errors: q.errors });
    const sku = c.req.query('sku') || undefined;
    const tenant = c.get('principal').tenantId;
    const buckets = await b.stores.usage.series({ tenant, sku, from: q.from, to: q.to }, q.granularity);
    const totals = buckets.reduce(
      (t, x) => ({ calls: t.calls + x.calls, errors: t.errors + x.errors, requestBytes: t.requestBytes + x.requestBytes, responseBytes: t.responseBytes + x.responseBytes }),
      { calls: 0, errors: 0, requestBytes: 0, responseBytes: 0 },
    );
    return c.json({
      tenant, sku: sku ?? null, granularity: q.granularity,
      from: new Date(q.from).toISOString(), to: new Date(q.to).toISOString(),
      totals, buckets,
    });
  });
  return app;
}
