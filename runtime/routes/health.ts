// Liveness, readiness (the storage answers) and the Prometheus metrics.
import { Hono } from 'hono';
import type { Env } from '../context.ts';
import type { AppDeps } from '../deps.ts';
import { problem } from '../problem.ts';

/** GET /healthz, /readyz and /metrics. */
export function healthRoutes(deps: AppDeps) {
  const app = new Hono<Env>();
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    try {
      await deps.store.ping();
      return c.json({ status: 'ready' });
    } catch (e) {
      return problem(c, 503, 'not-ready', 'The storage does not answer', { detail: (e as Error).message });
    }
  });
  app.get('/metrics', (c) => c.text(deps.metrics.registry.render(), 200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' }));
  return app;
}
