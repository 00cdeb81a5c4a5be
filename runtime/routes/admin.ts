// Operator endpoints: tenants, their keys (issue, revoke) and the per-tenant SKU kill switch.
import { Hono } from 'hono';
import { hashSecret, keyPrefix, newApiKey, newKeyId } from '../../catalog/keys.ts';
import { ConflictError, SCOPES, type CatalogStore, type Scope } from '../../catalog/store.ts';
import type { Env } from '../context.ts';
import type { AppDeps } from '../deps.ts';
import { adminAuth } from '../middleware/auth/index.ts';
import { readJsonObject } from '../body.ts';
import { problem } from '../problem.ts';

const TENANT_ID = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/** Issues a key: the secret is in the answer once and never stored. */
export async function issueKey(store: CatalogStore, tenantId: string, scopes: Scope[]) {
  const key = newApiKey();
  const rec = await store.insertKey({ id: newKeyId(), tenantId, hash: hashSecret(key), prefix: keyPrefix(key), scopes });
  return { id: rec.id, tenantId, key, prefix: rec.prefix, scopes: rec.scopes, createdAt: rec.createdAt };
}

function parseScopes(v: unknown): Scope[] | null {
  if (!Array.isArray(v) || v.length === 0) return null;
  if (!v.every((s) => SCOPES.includes(s as Scope))) return null;
  return [...new Set(v as Scope[])];
}

/** The /admin routes, behind the operator token. */
export function adminRoutes(deps: AppDeps) {
  const { store, cache } = deps;
  const app = new Hono<Env>();
  app.use('*', adminAuth(deps.adminTokenHash));

  app.post('/tenants', async (c) => {
    const body = await readJsonObject(c);
    const errors = [];
    if (typeof body.id !== 'string' || !TENANT_ID.test(body.id)) errors.push({ path: '/id', message: 'expected ^[a-z0-9][a-z0-9_-]{0,62}$' });
    if (typeof body.name !== 'string' || body.name.trim() === '' || body.name.length > 200) errors.push({ path: '/name', message: 'expected a non-empty string' });
    if (errors.length) return problem(c, 400, 'invalid-body', 'The tenant is not valid', { errors });
    try {
      const tenant = await store.createTenant({ id: body.id as string, name: body.name as string });
      const key = await issueKey(store, tenant.id, [...SCOPES]);
      return c.json({ tenant, key }, 201);
    } catch (e) {
      if (e instanceof ConflictError) return problem(c, 409, 'tenant-exists', `Tenant ${body.id} exists`);
      throw e;
    }
  });

  app.get('/tenants', async (c) => c.json({ tenants: await store.listTenants() }));

  app.post('/tenants/:id/keys', async (c) => {
    const id = c.req.param('id');
    const body = await readJsonObject(c);
    const scopes = parseScopes(body.scopes);
    if (!scopes) return problem(c, 400, 'invalid-body', 'scopes must be a non-empty list of execute, publish, read', { errors: [{ path: '/scopes', message: 'expected a non-empty subset of execute, publish, read' }] });
    if (!(await store.getTenant(id))) return problem(c, 404, 'unknown-tenant', `No tenant ${id}`);
    return c.json(await issueKey(store, id, scopes), 201);
  });

  app.get('/tenants/:id/keys', async (c) => {
    const id = c.req.param('id');
    if (!(await store.getTenant(id))) return problem(c, 404, 'unknown-tenant', `No tenant ${id}`);
    const keys = (await store.listKeys(id)).map(({ hash: _hash, ...k }) => k);
    return c.json({ keys });
  });

  app.delete('/keys/:keyId', async (c) => {
    const keyId = c.req.param('keyId');
    const rec = await store.revokeKey(keyId);
    cache.invalidateKey(keyId);
    if (!rec) return problem(c, 404, 'unknown-key', `No key ${keyId}`);
    return c.json({ id: rec.id, tenantId: rec.tenantId, revokedAt: rec.revokedAt });
  });

  app.put('/tenants/:id/skus/:sku', async (c) => {
    const { id, sku } = c.req.param();
    const body = await readJsonObject(c);
    if (typeof body.enabled !== 'boolean') return problem(c, 400, 'invalid-body', '`enabled` must be a boolean', { errors: [{ path: '/enabled', message: 'expected a boolean' }] });
    if (!(await store.getTenant(id))) return problem(c, 404, 'unknown-tenant', `No tenant ${id}`);
    if (!(await store.getSku(sku))) return problem(c, 404, 'unknown-sku', `No SKU ${sku}`, { sku });
    await store.setEnabled(id, sku, body.enabled);
    cache.invalidateEntitlement(id, sku);
    return c.json({ tenant: id, sku, enabled: body.enabled });
  });

  return app;
}
