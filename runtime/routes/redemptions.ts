// Promotion redemptions: redeem evaluates a Promotion and reserves its output's `limits` (stock, the
// customer's count, budget) atomically, keyed by the Idempotency-Key (an order id); release gives a
// redemption back exactly once; limits shows what is left.
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import type { Env } from '../context.ts';
import type { AppDeps } from '../deps.ts';
import type { LimitTotals } from '../../billing/stores.ts';
import { UnsupportedLimitError } from '../../billing/limit-totals.ts';
import { isDecimalText } from '../../billing/decimal.ts';
import { billingRuntime, type BillingRuntime } from '../billing.ts';
import { earlyErrors } from '../middleware/metering/early-errors.ts';
import { tenantAuth } from '../middleware/auth/index.ts';
import { entitlement } from '../middleware/entitlement/index.ts';
import { rollout } from '../middleware/rollout/index.ts';
import { validateInput } from '../middleware/validate/index.ts';
import { timedRun } from '../middleware/execute/index.ts';
import { rateLimit } from '../middleware/rate-limit/index.ts';
import { quota } from '../middleware/quota/index.ts';
import { idempotency } from '../middleware/idempotency/index.ts';
import { metering } from '../middleware/metering/index.ts';
import { problem } from '../problem.ts';

/** The `limits` member of a Promotion output. */
interface OutputLimits {
  redemptions: number | null;
  customer: string | null;
  budget: string | null;
}

function readLimits(v: unknown): OutputLimits | null {
  if (typeof v !== 'object' || v === null) return null;
  const l = v as Record<string, unknown>;
  return {
    redemptions: Number.isSafeInteger(l.redemptions) ? (l.redemptions as number) : null,
    customer: typeof l.customer === 'string' ? l.customer : null,
    budget: isDecimalText(l.budget) ? l.budget : null,
  };
}

async function totalsOr503(b: BillingRuntime, c: Context<Env>, sku: string, version: string, params: Record<string, unknown>) {
  try {
    return { totals: await b.limitTotals(sku, version, params) };
  } catch (e) {
    if (e instanceof UnsupportedLimitError) return { response: problem(c, 422, 'unsupported-limits', e.message, { sku }) };
    return { response: problem(c, 503, 'limits-unavailable', `The limits of ${sku} could not be read`, { sku }) };
  }
}

/** The redeem handler: the end of the redeem chain (after validation, idempotency and metering). */
function redeemHandler(b: BillingRuntime, now: () => number): MiddlewareHandler<Env> {
  return async (c) => {
    const entry = c.get('sku');
    const sku = entry.record.id;
    if (entry.record.kind !== 'Promotion') return problem(c, 400, 'not-a-promotion', `${sku} is a ${entry.record.kind}, not a Promotion`, { sku });
    const version = c.get('version');
    const options = c.get('options');
    // The validation middleware ran the executor already (one conversion of the input).
    const { result: run, ms } = c.get('run') ?? timedRun(c.get('executor'), c.get('input'), options);
    c.set('latencyMs', ms);
    if (!run.ok) return problem(c, run.status, run.code, run.title, run.errors ? { errors: run.errors } : {});
    const result = run.output as { applied?: unknown; limits?: unknown };
    if (result.applied !== true) {
      // Nothing to reserve: the evaluation is answered (and billed) but holds nothing.
      const body = { redemption: null, result };
      c.set('output', body);
      c.set('units', 1);
      return c.json(body, 200);
    }
    const limits = readLimits(result.limits);
    // The declared totals come from the subscription's params only: a call's own `options.params`
    // must not raise the stock or budget it is counted against (GET .../limits uses the same).
    const got = await totalsOr503(b, c, sku, version, c.get('subscription')?.params ?? {});
    if (got.response) return got.response;
    const totals = got.totals as LimitTotals;
    if (totals.perCustomer !== null && !limits?.customer) {
      return problem(c, 422, 'customer-required', `${sku} limits redemptions per customer, and this input gives no customer`, { sku });
    }
    let outcome;
    try {
      outcome = await b.stores.redemptions.reserve({
        tenant: c.get('principal').tenantId,
        sku,
        key: c.req.header('idempotency-key') ?? '',
        customer: limits?.customer ?? null,
        units: limits?.redemptions ?? 0,
        amount: totals.budget !== null ? (limits?.budget ?? '0') : limits?.budget ?? null,
        totals,
        result,
        now: now(),
      });
    } catch {
      return problem(c, 503, 'limits-unavailable', 'The redemption store does not answer; retry with the same Idempotency-Key');
    }
    if (!outcome.ok) {
      const titles = {
        'sold-out': `${sku} has no redemptions left`,
        'customer-limit': `This customer has used up ${sku}`,
        'budget-exhausted': `The budget of ${sku} cannot cover this discount`,
      };
      return problem(c, 409, outcome.reason, titles[outcome.reason], { sku, customer: limits?.customer ?? null });
    }
    const r = outcome.redemption;
    const body = {
      redemption: { id: r.id, sku: r.sku, state: r.state, customer: r.customer, units: r.units, amount: r.amount, createdAt: r.createdAt },
      result: r.result,
    };
    c.set('output', body);
    c.set('units', 1);
    c.header('Location', `/v1/redemptions/${r.id}`);
    return c.json(body, 201);
  };
}

/**
 * Redemption routes, mounted at `/v1`: `POST /promotions/{sku}/redeem` (Idempotency-Key required),
 * `POST /redemptions/{id}/release`, `GET /promotions/{sku}/limits`.
 *
 * @example
 * app.route('/v1', redemptionRoutes(deps));
 */
export function redemptionRoutes(deps: AppDeps, options: { now?: () => number } = {}) {
  const now = options.now ?? Date.now;
  const b = billingRuntime(deps);
  const { cache } = deps;
  const app = new Hono<Env>();

  app.post(
    '/promotions/:sku/redeem',
    tenantAuth(cache, 'execute'),
    entitlement(cache),
    earlyErrors({ usage: b.stores.usage, now }),
    rateLimit({ store: b.stores.rateLimits, billingOf: b.billingOf, now }),
    quota({ quotas: b.stores.quotas, slaTiers: b.stores.slaTiers, billingOf: b.billingOf, now }),
    rollout(cache),
    validateInput(),
    idempotency({ store: b.stores.idempotency, required: true, now }),
    metering({ usage: b.stores.usage, now }),
    redeemHandler(b, now),
  );

  app.post('/redemptions/:id/release', tenantAuth(cache, 'execute'), async (c) => {
    const tenant = c.get('principal').tenantId;
    let r;
    try {
      r = await b.stores.redemptions.release(tenant, c.req.param('id'), now());
    } catch {
      return problem(c, 503, 'limits-unavailable', 'The redemption store does not answer; retry');
    }
    if (!r) return problem(c, 404, 'unknown-redemption', `No redemption ${c.req.param('id')}`);
    const x = r.redemption;
    // A second release is answered 200 with released: false, so a retried release is harmless.
    return c.json({
      released: r.released,
      redemption: { id: x.id, sku: x.sku, state: x.state, customer: x.customer, units: x.units, amount: x.amount, createdAt: x.createdAt, releasedAt: x.releasedAt },
    });
  });

  app.get('/promotions/:sku/limits', tenantAuth(cache, 'read'), entitlement(cache), async (c) => {
    const entry = c.get('sku');
    const sku = entry.record.id;
    if (entry.record.kind !== 'Promotion') return problem(c, 400, 'not-a-promotion', `${sku} is a ${entry.record.kind}, not a Promotion`, { sku });
    const version = entry.rollout?.stable ?? entry.latest;
    const got = await totalsOr503(b, c, sku, version, c.get('subscription').params ?? {});
    if (got.response) return got.response;
    return c.json({ ...(await b.stores.redemptions.left(c.get('principal').tenantId, sku, got.totals as LimitTotals)), version });
  });

  return app;
}
