// Version choice: listed tenants and channels and X-Canary get the canary; others by a stable hash.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Rollout } from '../../../catalog/store.ts';
import { rolloutBucket } from './bucket.ts';
import { chooseVersion } from './choose.ts';

const rollout = (percent: number, tenants: string[] = [], channels: string[] = []): Rollout => ({
  sku: 'promo:a:v1', stable: '1.0.0', canary: { version: '1.1.0', percent, tenants, channels }, updatedAt: '',
});
const call = (tenantId: string, extra: { canaryHeader?: string; channel?: string } = {}) => ({ tenantId, sku: 'promo:a:v1', canaryHeader: extra.canaryHeader, channel: extra.channel });

describe('chooseVersion', () => {
  it('without a rollout the latest version serves', () => {
    expect(chooseVersion(null, '1.2.0', call('t'))).toEqual({ version: '1.2.0', canary: false });
  });

  it('listed tenants, listed channels and X-Canary: true get the canary at 0%', () => {
    const r = rollout(0, ['vip-tenant'], ['app']);
    expect(chooseVersion(r, '1.1.0', call('vip-tenant'))).toEqual({ version: '1.1.0', canary: true });
    expect(chooseVersion(r, '1.1.0', call('other', { channel: 'app' }))).toEqual({ version: '1.1.0', canary: true });
    expect(chooseVersion(r, '1.1.0', call('other', { channel: 'web' }))).toEqual({ version: '1.0.0', canary: false });
    expect(chooseVersion(r, '1.1.0', call('other', { canaryHeader: 'true' }))).toEqual({ version: '1.1.0', canary: true });
    expect(chooseVersion(r, '1.1.0', call('other', { canaryHeader: 'false' }))).toEqual({ version: '1.0.0', canary: false });
  });

  it('100% sends everyone to the canary, 0% nobody unlisted', () => {
    fc.assert(fc.property(fc.string(), (tenant) => {
      expect(chooseVersion(rollout(100), '1.1.0', call(tenant)).canary).toBe(true);
      expect(chooseVersion(rollout(0), '1.1.0', call(tenant)).canary).toBe(false);
    }));
  });

  it('the same tenant always gets the same version, and raising the percent never takes the canary away', () => {
    fc.assert(fc.property(fc.string(), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), (tenant, p, q) => {
      const a = chooseVersion(rollout(p), '1.1.0', call(tenant));
      expect(chooseVersion(rollout(p), '1.1.0', call(tenant))).toEqual(a);
      if (a.canary && q >= p) expect(chooseVersion(rollout(q), '1.1.0', call(tenant)).canary).toBe(true);
    }));
  });

  it('sends about `percent` of tenants to the canary', () => {
    for (const percent of [5, 25, 50]) {
      let n = 0;
      const total = 20000;
      for (let i = 0; i < total; i++) if (chooseVersion(rollout(percent), '1.1.0', call(`tenant-${i}`)).canary) n++;
      expect(Math.abs(n / total - percent / 100)).toBeLessThan(0.015);
    }
  });

  it('buckets are in [0, 10000)', () => {
    fc.assert(fc.property(fc.string(), fc.string(), (a, b) => {
      const x = rolloutBucket(a, b);
      expect(Number.isInteger(x) && x >= 0 && x < 10000).toBe(true);
    }));
  });
});
