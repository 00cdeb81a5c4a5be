// POST /v1/publish: server-side compile and register every document of a YAML body, atomically.
import { Hono } from 'hono';
import { publishSource } from '../../catalog/publish.ts';
import type { Visibility } from '../../catalog/store.ts';
import type { Env } from '../context.ts';
import type { AppDeps } from '../deps.ts';
import { tenantAuth } from '../middleware/auth/index.ts';
import { problem } from '../problem.ts';

/** The file name diagnostics are reported against: `?file=` or `publish.yaml`. */
export function sourceFileName(q: string | undefined, fallback: string): string {
  return q && q.length <= 300 && !/[\u0000-\u001f]/.test(q) ? q : fallback;
}

/** POST /v1/publish (scope publish). */
export function publishRoutes(deps: AppDeps) {
  const app = new Hono<Env>();
  app.post('/publish', tenantAuth(deps.cache, 'publish'), async (c) => {
    const owner = c.get('principal').tenantId;
    const vis = c.req.query('visibility');
    if (vis !== undefined && vis !== 'private' && vis !== 'public') {
      return problem(c, 400, 'invalid-query', 'visibility must be private or public', { errors: [{ path: '/visibility', message: 'expected private or public' }] });
    }
    const text = await c.req.text();
    const file = sourceFileName(c.req.query('file'), 'publish.yaml');
    const { compileSource } = await deps.compiler();
    const out = await publishSource(deps.store, compileSource, { text, file, owner, visibility: vis as Visibility | undefined });
    switch (out.kind) {
      case 'diagnostics':
        return problem(c, 422, 'compile-error', 'The rule source has errors', { diagnostics: out.diagnostics });
      case 'empty':
        return problem(c, 422, 'no-documents', 'The rule source holds no document');
      case 'conflict': {
        const code = out.code === 'source-changed' ? 'version-exists' : out.code;
        return problem(c, 409, code, out.message, { sku: out.sku, version: out.version, ...(out.changes ? { changes: out.changes } : {}) });
      }
      case 'published':
        for (const item of out.items) {
          deps.cache.invalidateSku(item.sku);
          if (item.status === 'created') deps.metrics.publishes.inc({ sku: item.sku });
        }
        deps.logger.log('info', 'published', { requestId: c.get('requestId'), tenant: owner, items: out.items });
        return c.json(out.items, out.created ? 201 : 200);
    }
  });
  return app;
}
