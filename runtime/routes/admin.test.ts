// Operator endpoints over HTTP: tenants, keys and the kill switch, with their error statuses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleVersion } from '../../catalog/store.suite.ts';
import { startTestServer, type TestServer } from '../testing/harness.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

describe('admin tenants', () => {
  it('creates a tenant with a first key holding all scopes, shown once', async () => {
    const res = await t.admin('POST', '/admin/tenants', { id: 'acme', name: 'Acme' });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { tenant: unknown; key: { key: string; scopes: string[] } };
    expect(body.tenant).toMatchObject({ id: 'acme', name: 'Acme' });
    expect(body.key.key).toMatch(/^rk_[A-Za-z0-9_-]{43}$/);
    expect(body.key.scopes).toEqual(['execute', 'publish', 'read']);
    const keys = (await (await t.admin('GET', '/admin/tenants/acme/keys')).json()) as { keys: Record<string, unknown>[] };
    expect(keys.keys).toHaveLength(1);
    expect(JSON.stringify(keys)).not.toContain(body.key.key);
    expect(keys.keys[0]).not.toHaveProperty('hash');
  });

  it('409 for an existing id, 400 for a bad id or name or body', async () => {
    await t.tenant('dup');
    const again = await t.admin('POST', '/admin/tenants', { id: 'dup', name: 'Again' });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ code: 'tenant-exists' });
    const bad = await t.admin('POST', '/admin/tenants', { id: 'Bad Id!', name: '' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'invalid-body', errors: [{ path: '/id' }, { path: '/name' }] });
    const notJson = await t.call(t.adminToken, 'POST', '/admin/tenants', '{oops', { 'content-type': 'application/json' });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ code: 'invalid-json' });
    expect((await t.admin('POST', '/admin/tenants', [1, 2])).status).toBe(400);
  });
});

describe('admin keys', () => {
  it('issues keys with chosen scopes; 400 for bad scopes; 404 for an unknown tenant', async () => {
    await t.tenant('keys-t');
    const res = await t.admin('POST', '/admin/tenants/keys-t/keys', { scopes: ['read'] });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ tenantId: 'keys-t', scopes: ['read'], key: expect.stringMatching(/^rk_/) });
    expect((await t.admin('POST', '/admin/tenants/keys-t/keys', { scopes: [] })).status).toBe(400);
    expect((await t.admin('POST', '/admin/tenants/keys-t/keys', { scopes: ['root'] })).status).toBe(400);
    const missing = await t.admin('POST', '/admin/tenants/nobody/keys', { scopes: ['read'] });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: 'unknown-tenant' });
  });
});

describe('kill switch', () => {
  it('switches a SKU off and on for one tenant; 404 for unknown tenant or SKU; 400 for a bad body', async () => {
    await t.tenant('ks-owner');
    await t.server.store.insertVersions([sampleVersion('promo:ks:v1', '1.0.0', 'ks-owner', { visibility: 'public' })]);
    const off = await t.admin('PUT', '/admin/tenants/ks-owner/skus/promo:ks:v1', { enabled: false });
    expect(off.status).toBe(200);
    expect(await off.json()).toEqual({ tenant: 'ks-owner', sku: 'promo:ks:v1', enabled: false });
    expect(await t.server.store.isEnabled('ks-owner', 'promo:ks:v1')).toBe(false);
    expect((await t.admin('PUT', '/admin/tenants/ks-owner/skus/promo:ks:v1', { enabled: 'no' })).status).toBe(400);
    expect((await t.admin('PUT', '/admin/tenants/ghost/skus/promo:ks:v1', { enabled: true })).status).toBe(404);
    expect((await t.admin('PUT', '/admin/tenants/ks-owner/skus/promo:none:v1', { enabled: true })).status).toBe(404);
  });
});
