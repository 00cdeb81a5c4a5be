// POST /v1/promotions/apply: combines (SPEC 4.1) the given Promotions, or all the tenant's
// subscribed and enabled ones, on one cart, each at the version its rollout gives this tenant.
import type { Context } from 'hono';
import type { Executor } from '../../compiler/runtime/plan.ts';
import type { Env } from '../context.ts';
import type { AppDeps } from '../deps.ts';
import { isObject, parseCallOptions, readJsonObject } from '../body.ts';
import { chooseVersion } from '../middleware/rollout/choose.ts';
import { runExecutor } from '../middleware/execute/index.ts';
import { problem } from '../problem.ts';

/** The apply handler; put it after tenantAuth(cache, 'execute') (and billing's middlewares). */
export function applyHandler(deps: AppDeps) {
  return async (c: Context<Env>) => {
    const tenantId = c.get('principal').tenantId;
    const body = await readJsonObject(c);
    const errors = [];
    if (!('input' in body)) errors.push({ path: '/input', message: 'required' });
    if (body.skus !== undefined && !(Array.isArray(body.skus) && body.skus.every((s) => typeof s === 'string'))) errors.push({ path: '/skus', message: 'expected a list of SKU ids' });
    if (body.strategy !== undefined && body.strategy !== 'priority' && body.strategy !== 'best') errors.push({ path: '/strategy', message: 'expected priority or best' });
    const { options, errors: optionErrors } = parseCallOptions(body.options);
    errors.push(...optionErrors);
    if (errors.length) return problem(c, 400, 'invalid-body', 'The apply request is not valid', { errors });
    if (!isObject(body.input)) return problem(c, 400, 'invalid-input', 'The input must be an object', { errors: [{ path: '/input', message: 'expected an object' }] });

    const explicit = body.skus as string[] | undefined;
    const ids = explicit ? [...new Set(explicit)] : (await deps.store.listSubscriptions(tenantId)).map((s) => s.sku);
    const executors: Executor<any, any, any>[] = [];
    const versions: string[] = [];
    const params: Record<string, Record<string, unknown>> = {};
    for (const id of ids) {
      const entry = await deps.cache.sku(id);
      const ent = entry ? await deps.cache.entitlement(tenantId, id) : null;
      const visible = entry && ent && (entry.record.visibility === 'public' || entry.record.owner === tenantId || ent.subscription);
      if (!visible) {
        if (explicit) return problem(c, 404, 'unknown-sku', `No SKU ${id}`, { sku: id });
        continue;
      }
      if (entry.record.kind !== 'Promotion') {
        if (explicit) return problem(c, 400, 'not-a-promotion', `${id} is a ${entry.record.kind}, not a Promotion`, { sku: id });
        continue;
      }
      if (!ent.subscription || !ent.enabled) {
        if (explicit) return ent.subscription ? problem(c, 403, 'sku-disabled', `${id} is disabled for this tenant`, { sku: id }) : problem(c, 403, 'not-subscribed', `Subscribe to ${id} before calling it`, { sku: id });
        continue;
      }
      const choice = chooseVersion(entry.rollout, entry.latest, { tenantId, sku: id, canaryHeader: c.req.header('x-canary'), channel: c.req.header('x-channel') });
      const executor = await deps.cache.executor(entry, choice.version);
      if (!executor) continue;
      executors.push(executor);
      versions.push(`${id}=${choice.version}`);
      params[id] = { ...ent.subscription.params, ...options.params };
    }
    c.header('X-Rulemart-Version', versions.join(', '));
    const { combine } = await deps.compiler();
    const start = performance.now();
    // The same mapping of the executors' errors as execute: bad input 400, a rule failing 422.
    const run = runExecutor({ execute: () => combine(executors, body.input, { strategy: (body.strategy as 'priority' | 'best' | undefined) ?? 'priority', now: options.now, params }) }, null, null);
    if (!run.ok) {
      if (run.status >= 500) deps.logger.log('error', 'combine failed', { requestId: c.get('requestId'), error: run.title });
      // Input problems point into the request body, as execute's do (`/input/cart/items/0/price`).
      const errors = run.code === 'invalid-input' && Array.isArray(run.errors)
        ? (run.errors as { path: string; message: string }[]).map((x) => ({ ...x, path: `/input${x.path}` }))
        : run.errors;
      return problem(c, run.status, run.code, run.title, errors ? { errors } : {});
    }
    const output = run.output;
    const ms = performance.now() - start;
    deps.metrics.recordExecution('promotions/apply', '-', 200, ms / 1000, { applied: true, discount: (output as { discount?: unknown })?.discount });
    c.set('latencyMs', ms);
    c.set('output', output);
    c.set('units', 1);
    return c.json(output as object);
  };
}
