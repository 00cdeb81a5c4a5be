// The runtime's Hono app: global middlewares, the admin, catalog and studio routes, and the
// execute-like chains, each written out as its sequence of middlewares (API.md "Routing a call").
import { Hono, type MiddlewareHandler } from 'hono';
import type { Env } from './context.ts';
import type { AppDeps } from './deps.ts';
import { accessLog } from './middleware/access-log/index.ts';
import { bodyLimit } from './middleware/body-limit/index.ts';
import { tenantAuth } from './middleware/auth/index.ts';
import { entitlement } from './middleware/entitlement/index.ts';
import { execute, executeBatch } from './middleware/execute/index.ts';
import { requestId } from './middleware/request-id/index.ts';
import { rollout } from './middleware/rollout/index.ts';
import { validateBatch, validateInput } from './middleware/validate/index.ts';
import { problem, ProblemError } from './problem.ts';
import { SplitRouter } from './router.ts';
import { adminRoutes } from './routes/admin.ts';
import { applyHandler } from './routes/apply.ts';
import { healthRoutes } from './routes/health.ts';
import { openApiRoutes } from './routes/openapi.ts';
import { publishRoutes } from './routes/publish.ts';
import { rolloutRoutes } from './routes/rollout.ts';
import { skuRoutes } from './routes/skus.ts';
import { studioRoutes } from './routes/studio.ts';
import { subscriptionRoutes } from './routes/subscriptions.ts';
import { billingRuntime } from './billing.ts';
import { rateLimit } from './middleware/rate-limit/index.ts';
import { batchUnits, quota } from './middleware/quota/index.ts';
import { idempotency } from './middleware/idempotency/index.ts';
import { applyLimits } from './middleware/apply-limits/index.ts';
import { applyUnits, batchUnitsOf, metering } from './middleware/metering/index.ts';
import { earlyErrors } from './middleware/metering/early-errors.ts';
import { redemptionRoutes } from './routes/redemptions.ts';
import { usageRoutes } from './routes/usage.ts';
import { invoiceRoutes } from './routes/invoices.ts';
import { slaTierRoutes } from './routes/sla-tiers.ts';
import { studioRoutes as studioPage } from '../studio/serve.ts';

/** The default request body limit: 1 MiB. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/**
 * Builds the runtime app from its dependencies (runtime/server.ts makes them).
 *
 * @example
 * const app = createApp(deps);
 * serve({ fetch: app.fetch, port: 8787 });
 */
export function createApp(deps: AppDeps, options: { billing?: boolean } = {}): Hono<Env> {
  const { cache, metrics, logger } = deps;
  const app = new Hono<Env>({ router: new SplitRouter() });

  app.use('*', requestId(), accessLog(logger));
  app.use('*', bodyLimit(deps.bodyLimit));

  app.onError((err, c) => {
    if (err instanceof ProblemError) return problem(c, err.status, err.code, err.message, err.extra);
    logger.log('error', 'unhandled error', { requestId: c.get('requestId'), error: err?.stack ?? String(err) });
    return problem(c, 500, 'internal', 'Internal server error');
  });
  app.notFound((c) => problem(c, 404, 'not-found', `No endpoint ${c.req.method} ${c.req.path}`));

  const billing = billingRuntime(deps, { server: true });
  const { rateLimits, quotas, slaTiers, idempotency: keys, usage } = billing.stores;
  // `billing: false` only exists for the HTTP benchmark (the same chain without billing's middlewares).
  const on = options.billing !== false;
  const pass: MiddlewareHandler<Env> = (_c, next) => next();
  const limited = on ? rateLimit({ store: rateLimits, billingOf: billing.billingOf }) : pass;
  const slaOf = async (tenantId: string, sku: string) => (await cache.entitlement(tenantId, sku)).subscription?.sla ?? 'bronze';

  // --- Execute-like chains. Billing inserts its middlewares at the marked places:
  //   after entitlement: rate limit (RateLimit-* headers, 429) and the SLA tier's monthly quota (402);
  //   after validation: idempotency (replays the first response, not billed again);
  //   around execute:   metering (one durable usage event per successful unit before the response),
  //                     reading c.get('units'), c.get('output'), c.get('latencyMs'), c.get('canary').
  app.post(
    '/v1/skus/:sku/execute',
    tenantAuth(cache, 'execute'),
    entitlement(cache),
    on ? earlyErrors({ usage }) : pass,
    limited,
    on ? quota({ quotas, slaTiers, billingOf: billing.billingOf }) : pass,
    rollout(cache),
    validateInput(),
    on ? idempotency({ store: keys }) : pass,
    on ? metering({ usage }) : pass,
    execute(metrics, logger),
  );
  app.post(
    '/v1/skus/:sku/batch',
    tenantAuth(cache, 'execute'),
    entitlement(cache),
    on ? earlyErrors({ usage }) : pass,
    limited,
    on ? quota({ quotas, slaTiers, billingOf: billing.billingOf, units: batchUnits }) : pass,
    rollout(cache),
    validateBatch(),
    on ? idempotency({ store: keys }) : pass,
    on ? metering({ usage, unitsOf: batchUnitsOf }) : pass,
    executeBatch(metrics),
  );
  app.post(
    '/v1/promotions/apply',
    tenantAuth(cache, 'execute'),
    on ? applyLimits({ cache, store: deps.store, rate: { store: rateLimits, billingOf: billing.billingOf }, quota: { quotas, slaTiers, billingOf: billing.billingOf } }) : pass,
    on ? idempotency({ store: keys }) : pass,
    on ? metering({ usage, unitsOf: applyUnits(slaOf) }) : pass,
    applyHandler(deps),
  );
  app.route('/v1', redemptionRoutes(deps));
  app.route('/v1/usage', usageRoutes(deps));
  app.route('/v1/invoices', invoiceRoutes(deps));
  app.route('/admin/sla-tiers', slaTierRoutes(deps));

  app.route('/admin', adminRoutes(deps));
  app.route('/v1', publishRoutes(deps));
  app.route('/v1', studioRoutes(deps));
  app.route('/v1/skus', skuRoutes(deps));
  app.route('/v1/skus', rolloutRoutes(deps));
  app.route('/v1/subscriptions', subscriptionRoutes(deps));
  app.route('/', openApiRoutes(deps));
  app.route('/', healthRoutes(deps));
  app.route('/studio', studioPage());
  return app;
}
