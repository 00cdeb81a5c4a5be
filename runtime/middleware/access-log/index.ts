// Access log: one structured JSON line per request with its id, route, status, tenant and time.
import type { MiddlewareHandler } from 'hono';
import type { Env } from '../../context.ts';
import type { Logger } from '../../logger.ts';

/**
 * Access log middleware; put it after request-id.
 *
 * @example
 * app.use('*', requestId(), accessLog(logger));
 */
export function accessLog(logger: Logger): MiddlewareHandler<Env> {
  return async (c, next) => {
    const start = performance.now();
    await next();
    const principal = c.get('principal');
    logger.log(c.res.status >= 500 ? 'error' : 'info', 'request', {
      requestId: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - start) * 1000) / 1000,
      tenant: principal?.tenantId,
      sku: c.get('sku')?.record.id,
      version: c.get('version'),
    });
  };
}
