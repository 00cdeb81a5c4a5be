// Rollout over HTTP: the owner sets stable and canary; listed tenants and channels and X-Canary get
// the canary, about `percent` of the others do, each tenant always the same version; changes apply
// on the next request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cart, promoDoc } from '../../testing/docs.ts';
import { startTestServer, type TestServer } from '../../testing/harness.ts';
import { rolloutBucket } from './bucket.ts';

let t: TestServer;
let owner: string;
let stranger: string;
const SKU = 'promo:gray:v1';
const keys = new Map<string, string>();
const versionFor = async (k: string, headers: Record<string, string> = {}) =>
  (await t.call(k, 'POST', `/v1/skus/${SKU}/execute`, { input: cart(120) }, headers)).headers.get('x-rulemart-version');
const setRollout = (k: string, body: unknown) => t.call(k, 'PUT', `/v1/skus/${SKU}/rollout`, body);

beforeAll(async () => {
  t = await startTestServer();
  owner = (await t.tenant('owner')).key;
  stranger = (await t.tenant('stranger')).key;
  expect((await t.call(owner, 'POST', '/v1/publish?visibility=public', promoDoc({ name: 'gray' }))).status).toBe(201);
  expect((await t.call(owner, 'POST', '/v1/publish', promoDoc({ name: 'gray', version: '1.1.0', discount: '31' }))).status).toBe(201);
  await Promise.all(
    Array.from({ length: 80 }, async (_, i) => {
      const id = `t${i}`;
      const { key } = await t.tenant(id);
      keys.set(id, key);
      await t.call(key, 'POST', '/v1/subscriptions', { sku: SKU, sla: 'bronze' });
    }),
  );
});
afterAll(() => t.close());

describe('rollout', () => {
  it('without a rollout the latest version serves', async () => {
    expect(await versionFor(keys.get('t0')!)).toBe('1.1.0');
  });

  it('only the owner may set it; bad bodies and unknown versions are refused', async () => {
    const notOwner = await setRollout(stranger, { stable: '1.0.0' });
    expect(notOwner.status).toBe(403);
    expect(await notOwner.json()).toMatchObject({ code: 'not-owner' });
    expect((await setRollout(owner, { stable: '9.9.9' })).status).toBe(404);
    expect((await setRollout(owner, { stable: '1.0.0', canary: { version: '1.1.0', percent: 101 } })).status).toBe(400);
    expect((await setRollout(owner, {})).status).toBe(400);
    expect((await t.call(owner, 'PUT', '/v1/skus/promo:none:v1/rollout', { stable: '1.0.0' })).status).toBe(404);
  });

  it('listed tenants, listed channels and X-Canary get the canary; the change is immediate', async () => {
    const res = await setRollout(owner, { stable: '1.0.0', canary: { version: '1.1.0', percent: 0, tenants: ['t1'], channels: ['app'] } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ stable: '1.0.0', canary: { version: '1.1.0', percent: 0, tenants: ['t1'], channels: ['app'] } });
    expect(await versionFor(keys.get('t0')!)).toBe('1.0.0');
    expect(await versionFor(keys.get('t1')!)).toBe('1.1.0');
    expect(await versionFor(keys.get('t2')!, { 'x-channel': 'app' })).toBe('1.1.0');
    expect(await versionFor(keys.get('t2')!, { 'x-channel': 'web' })).toBe('1.0.0');
    expect(await versionFor(keys.get('t3')!, { 'x-canary': 'true' })).toBe('1.1.0');
    const out = (await (await t.call(keys.get('t1')!, 'POST', `/v1/skus/${SKU}/execute`, { input: cart(120) })).json()) as { discount: string };
    expect(out.discount).toBe('31.00');
  });

  it('sends exactly the tenants whose stable bucket is below percent, the same way every time', async () => {
    expect((await setRollout(owner, { stable: '1.0.0', canary: { version: '1.1.0', percent: 30 } })).status).toBe(200);
    let canaries = 0;
    await Promise.all(
      [...keys].map(async ([id, key]) => {
        const [first, second] = await Promise.all([versionFor(key), versionFor(key)]);
        expect(second).toBe(first);
        expect(first).toBe(rolloutBucket(id, SKU) < 3000 ? '1.1.0' : '1.0.0');
        if (first === '1.1.0') canaries++;
      }),
    );
    expect(canaries / keys.size).toBeGreaterThan(0.15);
    expect(canaries / keys.size).toBeLessThan(0.45);
  });

  it('the detail shows the rollout; removing the canary sends everyone to stable', async () => {
    expect((await setRollout(owner, { stable: '1.1.0' })).status).toBe(200);
    const detail = (await (await t.call(stranger, 'GET', `/v1/skus/${SKU}`)).json()) as { rollout: unknown; stable: string };
    expect(detail).toMatchObject({ stable: '1.1.0', rollout: { stable: '1.1.0', canary: null } });
    for (const id of ['t0', 't1', 't2']) expect(await versionFor(keys.get(id)!)).toBe('1.1.0');
  });
});
