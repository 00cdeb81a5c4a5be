// Plan resolution: only the SKU owner's own PricingTiers, the highest major already published at the
// moment asked about (so a closed month keeps its plan), the default plan otherwise.
import { describe, expect, it } from 'vitest';
import type { CatalogStore, SkuRecord, VersionRecord } from '../catalog/store.ts';
import { resolvePlan } from './plan-resolve.ts';

const OCT_END = Date.parse('2026-11-01T00:00:00Z');

function version(sku: string, v: string, owner: string, createdAt: string, manifest = '{}'): VersionRecord {
  return { sku, version: v, owner, createdAt, manifest, visibility: 'public' } as VersionRecord;
}

/** A catalog of SKUs with versions; listSkus shows the viewer its own and every public one. */
function store(skus: { record: Omit<SkuRecord, 'createdAt' | 'updatedAt'>; versions: VersionRecord[] }[]): CatalogStore {
  const byId = new Map(skus.map((s) => [s.record.id, s]));
  return {
    async getSku(id: string) { const s = byId.get(id); return s ? ({ ...s.record, createdAt: '', updatedAt: '' } as SkuRecord) : null; },
    async listVersions(id: string) { return byId.get(id)?.versions ?? []; },
    async listSkus(q: { viewer: string; kind?: string }) {
      return skus.filter((s) => (s.record.owner === q.viewer || s.record.visibility === 'public') && (!q.kind || s.record.kind === q.kind))
        .map((s) => ({ ...s.record, createdAt: '', updatedAt: '', title: null, latest: s.versions[s.versions.length - 1]!.version }));
    },
  } as unknown as CatalogStore;
}

const plan = (owner: string, major: number, createdAt: string, visibility: 'public' | 'private' = 'private') => ({
  record: { id: `price:house:v${major}`, owner, kind: 'PricingTier' as const, name: 'house', visibility },
  versions: [version(`price:house:v${major}`, `${major}.0.0`, owner, createdAt)],
});
const promo = {
  record: { id: 'promo:p:v1', owner: 'seller', kind: 'Promotion' as const, name: 'p', visibility: 'public' as const },
  versions: [version('promo:p:v1', '1.0.0', 'seller', '2026-09-01T00:00:00Z', JSON.stringify({ billing: { plan: 'house' } }))],
};

describe('resolvePlan', () => {
  it('another tenant\'s public PricingTier of the same name and a higher major never prices the SKU', async () => {
    const s = store([promo, plan('seller', 1, '2026-09-01T00:00:00Z'), { ...plan('attacker', 2, '2026-10-02T00:00:00Z', 'public'), record: { ...plan('attacker', 2, '').record, id: 'price:house:v2' } }]);
    const r = await resolvePlan(s, 'promo:p:v1', Number.POSITIVE_INFINITY);
    expect(r).toMatchObject({ name: 'house', sku: 'price:house:v1' });
  });

  it('a closed month keeps the major that existed before it ended, whatever is published later', async () => {
    const s = store([promo, plan('seller', 1, '2026-09-01T00:00:00Z'), plan('seller', 2, '2026-11-15T00:00:00Z')]);
    expect((await resolvePlan(s, 'promo:p:v1', OCT_END)).version?.version).toBe('1.0.0');
    expect((await resolvePlan(s, 'promo:p:v1', Number.POSITIVE_INFINITY)).version?.version).toBe('2.0.0');
  });

  it('no plan named, or none of the owner\'s published yet: the default plan (sku null)', async () => {
    const unplanned = { ...promo, versions: [version('promo:p:v1', '1.0.0', 'seller', '2026-09-01T00:00:00Z')] };
    expect(await resolvePlan(store([unplanned]), 'promo:p:v1', OCT_END)).toEqual({ name: null, sku: null, version: null });
    expect(await resolvePlan(store([promo, plan('seller', 1, '2026-11-15T00:00:00Z')]), 'promo:p:v1', OCT_END)).toEqual({ name: 'house', sku: null, version: null });
    expect(await resolvePlan(store([promo]), 'promo:unknown:v1', OCT_END)).toEqual({ name: null, sku: null, version: null });
  });
});
