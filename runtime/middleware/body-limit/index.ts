// Body limit: 413 for a request body over the limit. A declared Content-Length is checked without
// touching the body (Node's HTTP parser never delivers more than it declares), which keeps the
// execute path cheap; only a body without Content-Length (chunked) is counted while it is read.
import type { MiddlewareHandler } from 'hono';
import { bodyLimit as countingBodyLimit } from 'hono/body-limit';
import type { Env } from '../../context.ts';
import { problem } from '../../problem.ts';

/**
 * Body limit middleware answering 413 `payload-too-large` as problem+json.
 *
 * @example
 * app.use('*', bodyLimit(1024 * 1024));
 */
export function bodyLimit(maxSize: number): MiddlewareHandler<Env> {
  const tooLarge: Parameters<typeof countingBodyLimit>[0]['onError'] = (c) =>
    problem(c, 413, 'payload-too-large', `The body is larger than ${maxSize} bytes`, { limit: maxSize });
  const counting = countingBodyLimit({ maxSize, onError: tooLarge });
  return async (c, next) => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return next();
    const declared = c.req.header('content-length');
    if (declared !== undefined && /^\d+$/.test(declared)) {
      if (Number(declared) > maxSize) return tooLarge(c);
      return next();
    }
    return counting(c, next);
  };
}
