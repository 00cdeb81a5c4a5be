// Request id: generated when absent, kept when well-formed, replaced when not; on every response.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../testing/harness.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

describe('request id', () => {
  it('generates an id when none is given', async () => {
    const a = await t.call(null, 'GET', '/healthz');
    const b = await t.call(null, 'GET', '/healthz');
    expect(a.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.headers.get('x-request-id')).not.toBe(b.headers.get('x-request-id'));
  });

  it('keeps a well-formed id and replaces a malformed one', async () => {
    const kept = await t.call(null, 'GET', '/healthz', undefined, { 'x-request-id': 'order-42.retry_1' });
    expect(kept.headers.get('x-request-id')).toBe('order-42.retry_1');
    const replaced = await t.call(null, 'GET', '/healthz', undefined, { 'x-request-id': 'a b<script>' });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('is on error responses too, inside the problem body', async () => {
    const res = await t.call(null, 'GET', '/v1/skus', undefined, { 'x-request-id': 'req-1' });
    expect(res.status).toBe(401);
    expect(res.headers.get('x-request-id')).toBe('req-1');
    expect(await res.json()).toMatchObject({ code: 'unauthorized', requestId: 'req-1' });
  });
});
