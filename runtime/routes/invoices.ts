// GET /v1/invoices/{YYYY-MM}: the caller's invoice for a month, recomputed from its usage events.
import { Hono } from 'hono';
import type { Env } from '../context.ts';
import type { AppDeps } from '../deps.ts';
import { invoiceFor } from '../../billing/invoice-for.ts';
import { monthRange } from '../../billing/period.ts';
import { billingRuntime } from '../billing.ts';
import { tenantAuth } from '../middleware/auth/index.ts';
import { problem } from '../problem.ts';

/**
 * Invoice routes, mounted at `/v1/invoices`.
 *
 * @example
 * app.route('/v1/invoices', invoiceRoutes(deps));
 */
export function invoiceRoutes(deps: AppDeps) {
  const b = billingRuntime(deps);
  const app = new Hono<Env>();
  app.get('/:month', tenantAuth(deps.cache, 'read'), async (c) => {
    const month = c.req.param('month');
    if (!monthRange(month)) {
      return problem(c, 400, 'invalid-month', 'The month is YYYY-MM', { errors: [{ path: '/month', message: 'expected YYYY-MM' }] });
    }
    try {
      return c.json(await invoiceFor(b.stores, c.get('principal').tenantId, month, b.pricer));
    } catch (e) {
      deps.logger.log('error', 'invoice failed', { requestId: c.get('requestId'), error: (e as Error)?.message ?? String(e) });
      return problem(c, 500, 'invoice-failed', `The invoice could not be computed: ${(e as Error)?.message ?? String(e)}`);
    }
  });
  return app;
}
