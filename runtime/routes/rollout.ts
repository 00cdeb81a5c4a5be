// Gray release of a SKU by its owner: the stable version and an optional canary for a percentage
// of tenants, listed tenants and listed channels (API.md "Routing a call").
import { Hono } from 'hono';
import type { Env } from '../context.ts';
import type { AppDeps } from '../deps.ts';
import { tenantAuth } from '../middleware/auth/index.ts';
import { isObject, readJsonObject } from '../body.ts';
import { problem, type FieldError } from '../problem.ts';
import { visibleSku } from './visibility.ts';

function stringList(v: unknown, path: string, errors: FieldError[]): string[] {
  if (v === undefined) return [];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string' && x.length > 0 && x.length <= 128)) return [...new Set(v as string[])];
  errors.push({ path, message: 'expected a list of strings' });
  return [];
}

/** PUT /v1/skus/{sku}/rollout (owner, scope publish). */
export function rolloutRoutes(deps: AppDeps) {
  const { store, cache } = deps;
  const app = new Hono<Env>();

  app.put('/:sku/rollout', tenantAuth(cache, 'publish'), async (c) => {
    const tenantId = c.get('principal').tenantId;
    const id = c.req.param('sku');
    const body = await readJsonObject(c);
    const errors: FieldError[] = [];
    if (typeof body.stable !== 'string') errors.push({ path: '/stable', message: 'expected a version' });
    let canary = null;
    if (body.canary !== undefined && body.canary !== null) {
      if (!isObject(body.canary)) errors.push({ path: '/canary', message: 'expected an object' });
      else {
        const cv = body.canary;
        if (typeof cv.version !== 'string') errors.push({ path: '/canary/version', message: 'expected a version' });
        const percent = cv.percent === undefined ? 0 : cv.percent;
        if (typeof percent !== 'number' || !Number.isFinite(percent) || percent < 0 || percent > 100) {
          errors.push({ path: '/canary/percent', message: 'expected a number from 0 to 100' });
        }
        const tenants = stringList(cv.tenants, '/canary/tenants', errors);
        const channels = stringList(cv.channels, '/canary/channels', errors);
        canary = { version: cv.version as string, percent: percent as number, tenants, channels };
      }
    }
    if (errors.length) return problem(c, 400, 'invalid-body', 'The rollout is not valid', { errors });
    const entry = await visibleSku(deps, tenantId, id);
    if (!entry) return problem(c, 404, 'unknown-sku', `No SKU ${id}`, { sku: id });
    if (entry.record.owner !== tenantId) return problem(c, 403, 'not-owner', `Only the owner of ${id} can roll it out`, { sku: id });
    for (const v of [body.stable as string, ...(canary ? [canary.version] : [])]) {
      if (!entry.versions.some((x) => x.version === v)) return problem(c, 404, 'unknown-version', `${id} has no version ${v}`, { sku: id, version: v });
    }
    const saved = await store.setRollout({ sku: id, stable: body.stable as string, canary });
    cache.invalidateSku(id);
    return c.json({ sku: id, stable: saved.stable, canary: saved.canary, updatedAt: saved.updatedAt });
  });

  return app;
}
