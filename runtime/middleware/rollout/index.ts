// Rollout: picks the version of the SKU that serves this call and the loaded executor for it.
import type { MiddlewareHandler } from 'hono';
import type { CatalogCache } from '../../catalog-cache.ts';
import type { Env } from '../../context.ts';
import { problem } from '../../problem.ts';
import { chooseVersion } from './choose.ts';

/**
 * Rollout middleware; put it after entitlement. Sets `version`, `executor`, `canary` and the
 * `X-Rulemart-Version` response header.
 *
 * @example
 * app.post('/v1/skus/:sku/execute', tenantAuth(cache, 'execute'), entitlement(cache), rollout(cache), ...)
 */
export function rollout(cache: CatalogCache): MiddlewareHandler<Env> {
  return async (c, next) => {
    const entry = c.get('sku');
    const choice = chooseVersion(entry.rollout, entry.latest, {
      tenantId: c.get('principal').tenantId,
      sku: entry.record.id,
      canaryHeader: c.req.header('x-canary'),
      channel: c.req.header('x-channel'),
    });
    const executor = await cache.executor(entry, choice.version);
    if (!executor) return problem(c, 404, 'unknown-version', `${entry.record.id} has no version ${choice.version}`);
    c.set('version', choice.version);
    c.set('executor', executor);
    c.set('canary', choice.canary);
    c.header('X-Rulemart-Version', choice.version);
    await next();
  };
}

export { chooseVersion } from './choose.ts';
export { rolloutBucket } from './bucket.ts';
