// Rate limit and monthly quota for POST /v1/promotions/apply: a call evaluates several Promotions and
// bills one unit of each, so each one's `billing.rateLimit` and SLA quota is checked before it runs
// (API.md "Routing a call"), with the same cores as the per-SKU middlewares of execute.
import type { MiddlewareHandler } from 'hono';
import type { CatalogCache, SkuEntry } from '../../catalog-cache.ts';
import type { Env } from '../../context.ts';
import { isObject, readJsonBody } from '../../body.ts';
import { resetSeconds } from '../../../billing/rate-limit.ts';
import { problem } from '../../problem.ts';
import { hitRateLimit, setRateLimitHeaders, type RateLimitOptions } from '../rate-limit/index.ts';
import { quotaRemaining, setUnlimitedHeaders, takeQuota, type QuotaOptions, type QuotaTake } from '../quota/index.ts';
import type { CatalogStore } from '../../../catalog/store.ts';

export interface ApplyLimitsOptions {
  cache: CatalogCache;
  store: CatalogStore;
  rate: RateLimitOptions;
  quota: Omit<QuotaOptions, 'units'>;
}

interface Target {
  entry: SkuEntry;
  sla: string;
}

interface Shown {
  limit: number;
  remaining: number;
  reset: number;
}

/**
 * The Promotions an apply call will evaluate: the listed ones, or all subscribed ones, that are
 * Promotions the tenant is subscribed to and has enabled. Null when a listed SKU cannot run: the
 * handler then refuses the call (404/403/400) before anything is evaluated or billed.
 */
async function targetsOf(options: ApplyLimitsOptions, tenantId: string, skus: unknown): Promise<Target[] | null> {
  const explicit = Array.isArray(skus) && skus.every((s) => typeof s === 'string') ? [...new Set(skus as string[])] : null;
  if (skus !== undefined && !explicit) return null;
  const ids = explicit ?? (await options.store.listSubscriptions(tenantId)).map((s) => s.sku);
  const targets: Target[] = [];
  for (const id of ids) {
    const entry = await options.cache.sku(id);
    const ent = entry ? await options.cache.entitlement(tenantId, id) : null;
    const runs = entry && ent?.subscription && ent.enabled && entry.record.kind === 'Promotion';
    if (!runs) {
      if (explicit) return null;
      continue;
    }
    targets.push({ entry, sla: ent.subscription!.sla });
  }
  return targets;
}

/**
 * Apply's limits middleware; put it after tenantAuth and before idempotency. Counts one call against
 * the rate limit of every Promotion the call evaluates (429 with Retry-After when one is over), then
 * takes one unit of each one's monthly quota (402 when one is used up; the others are given back).
 * Units of promotions that were not billed (a failure, a replay) are given back after the call.
 * The RateLimit-* headers are the most constrained promotion's (the fewest calls remaining), or
 * the unlimited ones when nothing limits the call.
 *
 * @example
 * app.post('/v1/promotions/apply', tenantAuth(cache, 'execute'), applyLimits({ cache, store, rate, quota }), ...)
 */
export function applyLimits(options: ApplyLimitsOptions): MiddlewareHandler<Env> {
  return async (c, next) => {
    let body: unknown;
    try {
      body = await readJsonBody(c);
    } catch {
      return next(); // the handler answers the broken body
    }
    if (!isObject(body)) return next();
    const principal = c.get('principal');
    const targets = await targetsOf(options, principal.tenantId, body.skus);
    if (!targets) return next();

    const shown: Shown[] = [];
    const quotaOf = new Map<string, QuotaTake>();
    const giveBack = async (skus: Iterable<string>) => {
      for (const sku of skus) {
        const t = quotaOf.get(sku);
        if (t) await options.quota.quotas.refund(t.scope, t.sku, t.period, t.units).catch(() => undefined);
      }
    };
    try {
      // Rate limits first, as for execute: every promotion's window counts this call.
      let refused: { sku: string; text: string; shown: Shown } | null = null;
      const billings = new Map<string, Awaited<ReturnType<RateLimitOptions['billingOf']>>>();
      for (const { entry } of targets) {
        const billing = await options.rate.billingOf(entry);
        billings.set(entry.record.id, billing);
        const d = await hitRateLimit(options.rate, entry, billing, principal);
        if (!d) continue;
        const s = { limit: d.limit, remaining: d.allowed ? d.remaining : 0, reset: resetSeconds(d.resetMs) };
        shown.push(s);
        if (!d.allowed && (!refused || s.reset > refused.shown.reset)) refused = { sku: entry.record.id, text: billing.rate!.text, shown: s };
      }
      if (refused) {
        setRateLimitHeaders(c, refused.shown.limit, 0, refused.shown.reset);
        c.header('Retry-After', String(refused.shown.reset));
        return problem(c, 429, 'rate-limited', `More than ${refused.text} calls to ${refused.sku}`, {
          limit: refused.text, retryAfter: refused.shown.reset, sku: refused.sku,
        });
      }
      for (const { entry, sla } of targets) {
        const billing = billings.get(entry.record.id)!;
        const t = await takeQuota(options.quota, entry, billing, sla, principal, 1);
        if (!t) continue;
        if (!t.decision.ok) {
          await giveBack(quotaOf.keys());
          setRateLimitHeaders(c, t.limit, quotaRemaining(t), t.resetS);
          return problem(c, 402, 'quota-exceeded', `The ${sla} tier allows ${t.limit} calls of ${t.sku} a month`, {
            limit: t.limit, used: t.decision.used, requested: 1, period: t.period, sla, sku: t.sku,
          });
        }
        quotaOf.set(t.sku, t);
        if (!billing.rate) shown.push({ limit: t.limit, remaining: quotaRemaining(t), reset: t.resetS });
      }
    } catch {
      await giveBack(quotaOf.keys());
      return problem(c, 503, 'limits-unavailable', 'The limit stores do not answer; retry shortly');
    }

    const tightest = shown.reduce<Shown | null>((a, s) => (!a || s.remaining < a.remaining || (s.remaining === a.remaining && s.reset > a.reset) ? s : a), null);
    const at = (options.quota.now ?? Date.now)();
    const show = () => (tightest ? setRateLimitHeaders(c, tightest.limit, tightest.remaining, tightest.reset) : setUnlimitedHeaders(c, at));
    show();
    try {
      await next();
    } finally {
      // Metering bills one unit per promotion in the output (applied or skipped); give back the rest.
      const out = (c.get('output') ?? {}) as { applied?: unknown; skipped?: unknown };
      const ok = c.res.status >= 200 && c.res.status < 300 && c.get('units') !== undefined;
      const billed = new Set<string>(ok ? [
        ...(Array.isArray(out.applied) ? out.applied : []),
        ...(Array.isArray(out.skipped) ? out.skipped.map((s) => (s as { sku?: unknown })?.sku) : []),
      ].filter((s): s is string => typeof s === 'string') : []);
      await giveBack([...quotaOf.keys()].filter((sku) => !billed.has(sku)));
    }
    if (!c.res.headers.has('ratelimit-limit')) show();
  };
}
