// Subscriptions: a tenant's entitlement to call a SKU, with its SLA tier and its own params.
import { Hono } from 'hono';
import type { Subscription } from '../../catalog/store.ts';
import { periodOf } from '../../billing/period.ts';
import { billingRuntime } from '../billing.ts';
import type { Env } from '../context.ts';
import type { AppDeps } from '../deps.ts';
import { tenantAuth } from '../middleware/auth/index.ts';
import { isObject, readJsonObject } from '../body.ts';
import { problem } from '../problem.ts';
import { validateParams } from '../params.ts';
import { visibleSku } from './visibility.ts';

function view(s: Subscription) {
  return { sku: s.sku, sla: s.sla, params: s.params, createdAt: s.createdAt, updatedAt: s.updatedAt };
}

/** POST/GET /v1/subscriptions and DELETE /v1/subscriptions/{sku} (scope execute). */
export function subscriptionRoutes(deps: AppDeps, options: { now?: () => number } = {}) {
  const { store, cache } = deps;
  const now = options.now ?? Date.now;
  const { slaTiers } = billingRuntime(deps).stores;
  const app = new Hono<Env>();
  app.use('*', tenantAuth(cache, 'execute'));

  app.post('/', async (c) => {
    const tenantId = c.get('principal').tenantId;
    const body = await readJsonObject(c);
    const errors = [];
    if (typeof body.sku !== 'string') errors.push({ path: '/sku', message: 'expected a SKU id' });
    // Any tier of the table in force this month, also one the operator added (quota, slow-call
    // threshold and credit come from that table; docs/billing.md "SLA tiers").
    const tiers = await slaTiers.tableFor(periodOf(now()));
    if (typeof body.sla !== 'string' || !Object.hasOwn(tiers, body.sla)) {
      errors.push({ path: '/sla', message: `expected an SLA tier: ${Object.keys(tiers).join(', ')}` });
    }
    if (body.params !== undefined && !isObject(body.params)) errors.push({ path: '/params', message: 'expected an object' });
    if (errors.length) return problem(c, 400, 'invalid-body', 'The subscription is not valid', { errors });
    const sku = body.sku as string;
    const entry = await visibleSku(deps, tenantId, sku);
    if (!entry) return problem(c, 404, 'unknown-sku', `No SKU ${sku}`, { sku });
    const params = (body.params ?? {}) as Record<string, unknown>;
    // Checked against the version that serves by default (the rollout's stable, else the latest).
    const version = await store.getVersion(sku, entry.rollout?.stable ?? entry.latest);
    const paramErrors = version ? validateParams(version.paramsSchema, params) : [];
    if (paramErrors.length) return problem(c, 400, 'invalid-params', 'The params do not match the SKU\'s params', { errors: paramErrors.map((e) => ({ ...e, path: `/params${e.path}` })) });
    const { subscription, created } = await store.subscribe({ tenantId, sku, sla: body.sla as string, params });
    cache.invalidateEntitlement(tenantId, sku);
    return c.json(view(subscription), created ? 201 : 200);
  });

  app.get('/', async (c) => {
    const subs = await store.listSubscriptions(c.get('principal').tenantId);
    return c.json({ subscriptions: subs.map(view) });
  });

  app.delete('/:sku', async (c) => {
    const tenantId = c.get('principal').tenantId;
    const sku = c.req.param('sku');
    const removed = await store.unsubscribe(tenantId, sku);
    cache.invalidateEntitlement(tenantId, sku);
    if (!removed) return problem(c, 404, 'not-subscribed', `No subscription to ${sku}`, { sku });
    return c.body(null, 204);
  });

  return app;
}
