// GET /openapi.json and GET /docs: the machine-readable and the rendered API reference.
// Both are public; with a valid tenant key they also show that tenant's private SKUs.
import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import type { Env } from '../context.ts';
import type { AppDeps } from '../deps.ts';
import { OpenApiCache } from '../openapi/cache.ts';
import { renderDocs } from '../openapi/docs-page.ts';

async function viewerOf(deps: AppDeps, c: Context<Env>): Promise<string | null> {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
  if (!m) return null;
  const rec = await deps.cache.key(createHash('sha256').update(m[1]!).digest('hex'));
  return rec && !rec.revokedAt ? rec.tenantId : null;
}

/** GET /openapi.json and GET /docs, each document built once per catalog version (runtime/openapi/cache.ts). */
export function openApiRoutes(deps: AppDeps) {
  const app = new Hono<Env>();
  const docs = new OpenApiCache(deps.store, () => deps.cache.catalogVersion());
  app.get('/openapi.json', async (c) => {
    const text = await docs.json(await viewerOf(deps, c), new URL(c.req.url).origin);
    return c.body(text, 200, { 'Content-Type': 'application/json' });
  });
  app.get('/docs', async (c) => {
    return c.html(await docs.html(await viewerOf(deps, c), new URL(c.req.url).origin, renderDocs));
  });
  return app;
}
