// Access log: one JSON line per request with the request id, route, status and tenant.
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { Env } from '../../context.ts';
import { createLogger } from '../../logger.ts';
import { requestId } from '../request-id/index.ts';
import { accessLog } from './index.ts';

describe('access log', () => {
  it('logs one line per request carrying the request id, status, tenant and time', async () => {
    const lines: string[] = [];
    const app = new Hono<Env>();
    app.use('*', requestId(), accessLog(createLogger({ write: (t) => lines.push(...t.trimEnd().split('\n')) })));
    app.get('/ok', (c) => {
      c.set('principal', { tenantId: 'acme', keyId: 'key_1', scopes: ['read'] });
      return c.text('ok');
    });
    app.onError((_err, c) => c.text('failed', 500));
    app.get('/boom', () => {
      throw new Error('boom');
    });
    await app.request('/ok', { headers: { 'x-request-id': 'req-7' } });
    await app.request('/boom');
    await new Promise((r) => setImmediate(r));
    const parsed = lines.map((l) => JSON.parse(l));
    expect(parsed[0]).toMatchObject({ level: 'info', msg: 'request', requestId: 'req-7', method: 'GET', path: '/ok', status: 200, tenant: 'acme', ms: expect.any(Number) });
    expect(parsed[1]).toMatchObject({ level: 'error', path: '/boom', status: 500 });
  });
});
