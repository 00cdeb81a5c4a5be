// Request id: takes a well-formed `X-Request-Id` from the caller or makes one, exposes it as the
// `requestId` variable and answers it in the `X-Request-Id` header of every response.
import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { Env } from '../../context.ts';

const WELL_FORMED = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Request id middleware.
 *
 * @example
 * app.use('*', requestId());
 * // later: c.get('requestId')
 */
export function requestId(): MiddlewareHandler<Env> {
  return async (c, next) => {
    const given = c.req.header('x-request-id');
    const id = given && WELL_FORMED.test(given) ? given : randomUUID();
    c.set('requestId', id);
    c.header('X-Request-Id', id);
    await next();
  };
}
