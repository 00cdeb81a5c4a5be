// Authentication: admin token, tenant keys, scopes, and revocation taking effect at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../testing/harness.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

describe('admin token', () => {
  it('refuses /admin without or with a wrong token (401 problem+json)', async () => {
    const none = await t.call(null, 'GET', '/admin/tenants');
    expect(none.status).toBe(401);
    expect(none.headers.get('content-type')).toBe('application/problem+json');
    expect(await none.json()).toMatchObject({ status: 401, code: 'unauthorized', type: '/docs#problem-unauthorized' });
    expect((await t.call('wrong', 'GET', '/admin/tenants')).status).toBe(401);
    expect((await t.admin('GET', '/admin/tenants')).status).toBe(200);
  });

  it('a tenant key is not an admin token', async () => {
    const { key } = await t.tenant('auth-a');
    expect((await t.call(key, 'GET', '/admin/tenants')).status).toBe(401);
  });
});

describe('tenant keys', () => {
  it('401 without a key, with a malformed header or an unknown key', async () => {
    expect((await t.call(null, 'GET', '/v1/skus')).status).toBe(401);
    expect((await t.call(null, 'GET', '/v1/skus', undefined, { authorization: 'Basic abc' })).status).toBe(401);
    expect((await t.call('rk_unknown', 'GET', '/v1/skus')).status).toBe(401);
  });

  it('403 forbidden-scope when the key lacks the scope', async () => {
    await t.tenant('auth-b');
    const { key } = await t.key('auth-b', ['execute']);
    const res = await t.call(key, 'GET', '/v1/skus');
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'forbidden-scope', scope: 'read' });
    expect((await t.call(key, 'GET', '/v1/subscriptions')).status).toBe(200);
    const pub = await t.call(key, 'POST', '/v1/publish', 'apiVersion: rulemart/v1');
    expect(pub.status).toBe(403);
  });

  it('a revoked key fails on the very next request', async () => {
    const { key, keyId } = await t.tenant('auth-c');
    expect((await t.call(key, 'GET', '/v1/skus')).status).toBe(200);
    expect((await t.call(key, 'GET', '/v1/skus')).status).toBe(200); // now cached
    const del = await t.admin('DELETE', `/admin/keys/${keyId}`);
    expect(del.status).toBe(200);
    expect(await del.json()).toMatchObject({ id: keyId, tenantId: 'auth-c', revokedAt: expect.any(String) });
    expect((await t.call(key, 'GET', '/v1/skus')).status).toBe(401);
    expect((await t.admin('DELETE', '/admin/keys/key_nope')).status).toBe(404);
  });

  it('revoking one key leaves the tenant\'s other keys working', async () => {
    const first = await t.tenant('auth-d');
    const second = await t.key('auth-d', ['read']);
    await t.admin('DELETE', `/admin/keys/${first.keyId}`);
    expect((await t.call(second.key, 'GET', '/v1/skus')).status).toBe(200);
    expect((await t.call(first.key, 'GET', '/v1/skus')).status).toBe(401);
  });
});
