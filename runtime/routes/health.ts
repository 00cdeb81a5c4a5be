// Liveness, readiness (the storage answers) and the Prometheus metrics (private SKUs' series only
// for the operator).
import { Hono } from 'hono';
import type { Env } from '../context.ts';
import type { AppDeps } from '../deps.ts';
import { isAdminHeader } from '../middleware/auth/index.ts';
import { problem } from '../problem.ts';

const SKU_LABEL = /[{,]sku="([^"]*)"/;

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
  // Open to any scraper (API.md: scope none), but a private SKU's id, traffic and granted discounts
  // are its owner's business: without the admin token, series labelled with a SKU that is not
  // public are left out. A scraper configured with the admin token as bearer sees every series.
  app.get('/metrics', async (c) => {
    let text = deps.metrics.registry.render();
    if (!isAdminHeader(c.req.header('authorization'), deps.adminTokenHash)) {
      const open = new Set((await deps.store.listSkus({ viewer: '' })).filter((s) => s.visibility === 'public').map((s) => s.id));
      text = text.split('\n').filter((line) => {
        const m = SKU_LABEL.exec(line);
        return m === null || open.has(m[1]!);
      }).join('\n');
    }
    return c.text(text, 200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' });
  });
  return app;
}
