// The behaviour every CatalogStore must have, as one vitest suite that each backend runs with its
// own factory (catalog/sqlite/store.test.ts; a PostgreSQL test can call it the same way).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ConflictError, type CatalogStore, type NewVersion } from './store.ts';

/** A minimal version row for the suite: the text columns are opaque data to the store. */
export function sampleVersion(sku: string, version: string, owner: string, extra: Partial<NewVersion['version']> = {}): NewVersion {
  const [major, minor, patch] = version.split('.').map(Number) as [number, number, number];
  const name = sku.split(':')[1] ?? sku;
  return {
    sku: { id: sku, owner, kind: 'Promotion', name, visibility: extra.visibility ?? 'private' },
    setVisibility: extra.visibility !== undefined,
    version: {
      sku, version, major, minor, patch, kind: 'Promotion', title: `title of ${sku}`, description: null,
      source: `source ${sku} ${version}`, sourceHash: `hash-${sku}-${version}`, module: 'export default {}',
      typescript: '', declarations: '', inputSchema: '{}', paramsSchema: '{}', outputSchema: '{}', manifest: '{}',
      inputType: '[]', visibility: 'private', owner, ...extra,
    },
  };
}

/** Runs the catalog store suite against stores made by `factory` (a fresh, empty store per test). */
export function catalogStoreSuite(name: string, factory: () => Promise<{ store: CatalogStore; cleanup: () => Promise<void> }>) {
  describe(`CatalogStore: ${name}`, () => {
    let store: CatalogStore;
    let cleanup: () => Promise<void>;
    beforeEach(async () => {
      ({ store, cleanup } = await factory());
    });
    afterEach(async () => {
      await cleanup();
    });

    it('answers ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it('keeps settings; initSetting sets only once', async () => {
      expect(await store.getSetting('a')).toBeNull();
      expect(await store.initSetting('a', '1')).toBe('1');
      expect(await store.initSetting('a', '2')).toBe('1');
      await store.setSetting('a', '3');
      expect(await store.getSetting('a')).toBe('3');
    });

    it('creates tenants and refuses a duplicate id', async () => {
      const t = await store.createTenant({ id: 'acme', name: 'Acme' });
      expect(t).toMatchObject({ id: 'acme', name: 'Acme' });
      await expect(store.createTenant({ id: 'acme', name: 'Other' })).rejects.toBeInstanceOf(ConflictError);
      expect(await store.getTenant('acme')).toMatchObject({ name: 'Acme' });
      expect(await store.getTenant('nope')).toBeNull();
      await store.createTenant({ id: 'beta', name: 'Beta' });
      expect((await store.listTenants()).map((x) => x.id)).toEqual(['acme', 'beta']);
    });

    it('stores keys by hash, lists them per tenant and revokes once', async () => {
      await store.createTenant({ id: 'acme', name: 'Acme' });
      await store.createTenant({ id: 'beta', name: 'Beta' });
      const k = await store.insertKey({ id: 'key_1', tenantId: 'acme', hash: 'h1', prefix: 'rk_abcd', scopes: ['execute', 'read'] });
      expect(k.revokedAt).toBeNull();
      await store.insertKey({ id: 'key_2', tenantId: 'beta', hash: 'h2', prefix: 'rk_efgh', scopes: ['publish'] });
      expect(await store.findKeyByHash('h1')).toMatchObject({ id: 'key_1', tenantId: 'acme', scopes: ['execute', 'read'] });
      expect(await store.findKeyByHash('zz')).toBeNull();
      expect((await store.listKeys('acme')).map((x) => x.id)).toEqual(['key_1']);
      const revoked = await store.revokeKey('key_1');
      expect(revoked?.revokedAt).toEqual(expect.any(String));
      const again = await store.revokeKey('key_1');
      expect(again?.revokedAt).toBe(revoked?.revokedAt);
      expect(await store.revokeKey('key_none')).toBeNull();
      expect((await store.findKeyByHash('h1'))?.revokedAt).toEqual(expect.any(String));
      await expect(store.insertKey({ id: 'key_3', tenantId: 'acme', hash: 'h1', prefix: 'x', scopes: [] })).rejects.toBeInstanceOf(ConflictError);
    });

    it('inserts versions atomically: one conflict writes nothing', async () => {
      await store.createTenant({ id: 'acme', name: 'Acme' });
      await store.insertVersions([sampleVersion('promo:a:v1', '1.0.0', 'acme')]);
      await expect(
        store.insertVersions([sampleVersion('promo:b:v1', '1.0.0', 'acme'), sampleVersion('promo:a:v1', '1.0.0', 'acme')]),
      ).rejects.toBeInstanceOf(ConflictError);
      expect(await store.getSku('promo:b:v1')).toBeNull();
      expect(await store.getVersion('promo:b:v1', '1.0.0')).toBeNull();
    });

    it('refuses a version of a SKU owned by another tenant', async () => {
      await store.createTenant({ id: 'acme', name: 'Acme' });
      await store.createTenant({ id: 'beta', name: 'Beta' });
      await store.insertVersions([sampleVersion('promo:a:v1', '1.0.0', 'acme')]);
      await expect(store.insertVersions([sampleVersion('promo:a:v1', '1.1.0', 'beta')])).rejects.toMatchObject({ what: 'sku-owner' });
    });

    it('lists versions in semver order, whatever the insertion order', async () => {
      await store.createTenant({ id: 'acme', name: 'Acme' });
      await fc.assert(
        fc.asyncProperty(fc.uniqueArray(fc.tuple(fc.nat(3), fc.nat(12), fc.nat(12)), { minLength: 1, maxLength: 8, selector: (t) => t.join('.') }), async (vs) => {
          const sku = `promo:p${Math.random().toString(36).slice(2, 8)}:v1`;
          for (const [a, b, c] of vs) await store.insertVersions([sampleVersion(sku, `${a}.${b}.${c}`, 'acme')]);
          const listed = (await store.listVersions(sku)).map((v) => [v.major, v.minor, v.patch]);
          const sorted = [...vs].sort((x, y) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2]);
          expect(listed).toEqual(sorted);
        }),
        { numRuns: 25 },
      );
    });

    it('lists public SKUs and the viewer\'s own, filtered by kind and q', async () => {
      await store.createTenant({ id: 'acme', name: 'Acme' });
      await store.createTenant({ id: 'beta', name: 'Beta' });
      await store.insertVersions([sampleVersion('promo:mine:v1', '1.0.0', 'acme')]);
      await store.insertVersions([sampleVersion('promo:pub:v1', '1.0.0', 'beta', { visibility: 'public', title: '满200减30' })]);
      await store.insertVersions([sampleVersion('promo:hidden:v1', '1.0.0', 'beta')]);
      const forAcme = (await store.listSkus({ viewer: 'acme' })).map((s) => s.id);
      expect(forAcme).toEqual(['promo:mine:v1', 'promo:pub:v1']);
      const forBeta = (await store.listSkus({ viewer: 'beta' })).map((s) => s.id);
      expect(forBeta).toEqual(['promo:hidden:v1', 'promo:pub:v1']);
      expect((await store.listSkus({ viewer: 'acme', q: '满200' })).map((s) => s.id)).toEqual(['promo:pub:v1']);
      expect((await store.listSkus({ viewer: 'acme', q: '%' })).map((s) => s.id)).toEqual([]);
      expect(await store.listSkus({ viewer: 'acme', kind: 'Selection' })).toEqual([]);
      const pub = (await store.listSkus({ viewer: 'acme' })).find((s) => s.id === 'promo:pub:v1');
      expect(pub).toMatchObject({ latest: '1.0.0', title: '满200减30', visibility: 'public', owner: 'beta' });
    });

    it('keeps a SKU\'s visibility unless a publish sets it', async () => {
      await store.createTenant({ id: 'acme', name: 'Acme' });
      await store.insertVersions([sampleVersion('promo:a:v1', '1.0.0', 'acme', { visibility: 'public' })]);
      await store.insertVersions([{ ...sampleVersion('promo:a:v1', '1.1.0', 'acme'), setVisibility: false }]);
      expect((await store.getSku('promo:a:v1'))?.visibility).toBe('public');
      await store.insertVersions([sampleVersion('promo:a:v1', '1.2.0', 'acme', { visibility: 'private' })]);
      expect((await store.getSku('promo:a:v1'))?.visibility).toBe('private');
    });

    it('stores and replaces rollouts', async () => {
      await store.createTenant({ id: 'acme', name: 'Acme' });
      await store.insertVersions([sampleVersion('promo:a:v1', '1.0.0', 'acme')]);
      expect(await store.getRollout('promo:a:v1')).toBeNull();
      await store.setRollout({ sku: 'promo:a:v1', stable: '1.0.0', canary: { version: '1.1.0', percent: 12.5, tenants: ['t1'], channels: ['app'] } });
      expect(await store.getRollout('promo:a:v1')).toMatchObject({ stable: '1.0.0', canary: { version: '1.1.0', percent: 12.5, tenants: ['t1'], channels: ['app'] } });
      await store.setRollout({ sku: 'promo:a:v1', stable: '1.1.0', canary: null });
      expect(await store.getRollout('promo:a:v1')).toMatchObject({ stable: '1.1.0', canary: null });
    });

    it('subscribes, replaces, lists and unsubscribes per tenant', async () => {
      await store.createTenant({ id: 'acme', name: 'Acme' });
      await store.createTenant({ id: 'beta', name: 'Beta' });
      await store.insertVersions([sampleVersion('promo:a:v1', '1.0.0', 'acme', { visibility: 'public' })]);
      const first = await store.subscribe({ tenantId: 'beta', sku: 'promo:a:v1', sla: 'bronze', params: { threshold: '100' } });
      expect(first.created).toBe(true);
      const second = await store.subscribe({ tenantId: 'beta', sku: 'promo:a:v1', sla: 'gold', params: {} });
      expect(second).toMatchObject({ created: false, subscription: { sla: 'gold', params: {} } });
      expect(await store.getSubscription('acme', 'promo:a:v1')).toBeNull();
      expect((await store.listSubscriptions('beta')).map((s) => s.sku)).toEqual(['promo:a:v1']);
      expect(await store.listSubscriptions('acme')).toEqual([]);
      expect(await store.unsubscribe('beta', 'promo:a:v1')).toBe(true);
      expect(await store.unsubscribe('beta', 'promo:a:v1')).toBe(false);
    });

    it('has a kill switch per tenant and SKU, enabled by default', async () => {
      await store.createTenant({ id: 'acme', name: 'Acme' });
      expect(await store.isEnabled('acme', 'promo:a:v1')).toBe(true);
      await store.setEnabled('acme', 'promo:a:v1', false);
      expect(await store.isEnabled('acme', 'promo:a:v1')).toBe(false);
      await store.setEnabled('acme', 'promo:a:v1', true);
      expect(await store.isEnabled('acme', 'promo:a:v1')).toBe(true);
    });
  });
}
