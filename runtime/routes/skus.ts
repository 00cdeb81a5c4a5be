// The marketplace: the SKUs a tenant may see (public ones and its own) and one SKU's details.
import { Hono } from 'hono';
import type { DocumentKind } from '../../dsl/model.ts';
import type { CatalogStore } from '../../catalog/store.ts';
import type { Env } from '../context.ts';
import type { AppDeps } from '../deps.ts';
import { tenantAuth } from '../middleware/auth/index.ts';
import { problem } from '../problem.ts';
import { pricePlanOf } from './price-example.ts';
import { visibleSku } from './visibility.ts';

const KINDS: DocumentKind[] = ['Promotion', 'Selection', 'PricingTier'];

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** GET /v1/skus and GET /v1/skus/{sku} (scope read). */
export function skuRoutes(deps: AppDeps) {
  const { store, cache } = deps;
  const app = new Hono<Env>();

  app.get('/', tenantAuth(cache, 'read'), async (c) => {
    const viewer = c.get('principal').tenantId;
    const kind = c.req.query('kind') || undefined;
    if (kind !== undefined && !KINDS.includes(kind as DocumentKind)) {
      return problem(c, 400, 'invalid-query', 'kind must be Promotion, Selection or PricingTier', { errors: [{ path: '/kind', message: 'unknown kind' }] });
    }
    const q = c.req.query('q');
    const rows = await store.listSkus({ viewer, kind: kind as DocumentKind | undefined, q: q || undefined });
    // Each card of the marketplace shows the latest version's description and billing contract,
    // so a client can filter by tier without fetching every SKU's detail.
    const latest = await Promise.all(rows.map((s) => store.getVersion(s.id, s.latest)));
    return c.json({
      skus: rows.map((s, i) => {
        const v = latest[i];
        const manifest = v ? (parseJson(v.manifest) as { billing?: unknown } | null) : null;
        return {
          sku: s.id, kind: s.kind, name: s.name, title: s.title, description: v?.description ?? null,
          latest: s.latest, owner: s.owner, visibility: s.visibility, own: s.owner === viewer,
          billing: manifest?.billing ?? null,
        };
      }),
    });
  });

  app.get('/:sku', tenantAuth(cache, 'read'), async (c) => {
    const viewer = c.get('principal').tenantId;
    const id = c.req.param('sku');
    const entry = await visibleSku(deps, viewer, id);
    if (!entry) return problem(c, 404, 'unknown-sku', `No SKU ${id}`, { sku: id });
    const own = entry.record.owner === viewer;
    const stable = entry.rollout?.stable ?? entry.latest;
    const wanted = c.req.query('version') ?? stable;
    const v = await store.getVersion(id, wanted);
    if (!v) return problem(c, 404, 'unknown-version', `${id} has no version ${wanted}`, { sku: id, version: wanted });
    const manifest = parseJson(v.manifest) as { billing?: { plan?: string | null } } | null;
    return c.json({
      sku: id,
      kind: entry.record.kind,
      name: entry.record.name,
      title: v.title,
      description: v.description,
      owner: entry.record.owner,
      visibility: entry.record.visibility,
      latest: entry.latest,
      stable,
      version: v.version,
      versions: entry.versions.map((x) => ({ version: x.version, sourceHash: x.sourceHash, createdAt: x.createdAt })),
      billing: manifest?.billing ?? null,
      // The plan that bills the SKU, resolved as the invoice does (as its owner sees it), and what an
      // example month costs under it per SLA tier; the plan's own source stays its owner's.
      pricePlan: await pricePlanOf(deps, viewer, id),
      inputSchema: parseJson(v.inputSchema),
      paramsSchema: parseJson(v.paramsSchema),
      outputSchema: parseJson(v.outputSchema),
      // The canary's tenants and channels name the owner's beta customers: only the owner sees them.
      rollout: entry.rollout
        ? { stable: entry.rollout.stable, canary: own ? entry.rollout.canary : entry.rollout.canary ? { version: entry.rollout.canary.version } : null }
        : null,
      // The rule source is the owner's business logic: only the owner reads it.
      ...(own ? { source: v.source, sourceHash: v.sourceHash } : { sourceHash: v.sourceHash }),
    });
  });

  return app;
}
