// The operator's SLA tier table: GET /admin/sla-tiers[?month=YYYY-MM] shows the table in force for a
// month; PUT /admin/sla-tiers/{tier} `{ monthlyQuota?, latencyMs?, creditPercent?, creditOverRatio?,
// effectiveFrom? }` changes (or adds) a tier from a month on (default: the current month).
import { Hono } from 'hono';
import type { Env } from '../context.ts';
import type { AppDeps } from '../deps.ts';
import { parseSlaTier } from '../../billing/sla-tiers.ts';
import { monthRange, periodOf } from '../../billing/period.ts';
import { billingRuntime } from '../billing.ts';
import { adminAuth } from '../middleware/auth/index.ts';
import { readJsonObject } from '../body.ts';
import { problem } from '../problem.ts';

/**
 * SLA tier routes, mounted at `/admin/sla-tiers`.
 *
 * @example
 * app.route('/admin/sla-tiers', slaTierRoutes(deps));
 */
export function slaTierRoutes(deps: AppDeps, options: { now?: () => number } = {}) {
  const now = options.now ?? Date.now;
  const b = billingRuntime(deps);
  const app = new Hono<Env>();
  app.use('*', adminAuth(deps.adminTokenHash));
  app.get('/', async (c) => {
    const month = c.req.query('month') ?? periodOf(now());
    if (!monthRange(month)) return problem(c, 400, 'invalid-month', 'The month is YYYY-MM', { errors: [{ path: '/month', message: 'expected YYYY-MM' }] });
    return c.json({ month, tiers: Object.values(await b.stores.slaTiers.tableFor(month)) });
  });
  app.put('/:tier', async (c) => {
    const body = await readJsonObject(c);
    const from = body.effectiveFrom ?? periodOf(now());
    if (typeof from !== 'string' || !monthRange(from)) {
      return problem(c, 400, 'invalid-body', 'effectiveFrom is a month, YYYY-MM', { errors: [{ path: '/effectiveFrom', message: 'expected YYYY-MM' }] });
    }
    // A closed month keeps the terms it was invoiced under: changes start this month at the earliest.
    if (from < periodOf(now())) {
      return problem(c, 400, 'invalid-body', 'effectiveFrom cannot be a month before the current one', { errors: [{ path: '/effectiveFrom', message: `expected ${periodOf(now())} or later` }] });
    }
    const name = c.req.param('tier');
    const current = (await b.stores.slaTiers.tableFor(from))[name];
    const parsed = parseSlaTier(name, body, current);
    if (!parsed.ok) return problem(c, 400, 'invalid-body', 'The SLA tier is not valid', { errors: parsed.errors });
    await b.stores.slaTiers.put(parsed.tier, from);
    return c.json({ effectiveFrom: from, tier: parsed.tier });
  });
  return app;
}
