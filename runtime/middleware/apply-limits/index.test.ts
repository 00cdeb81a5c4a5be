// POST /v1/promotions/apply over HTTP: each evaluated promotion's rate limit (429) and monthly quota
// (402) hold before anything runs or is billed, and the headers show the most constrained promotion.
import { afterEach, describe, expect, it } from 'vitest';
import { startBillingServer, limitedPromotion, cart, type BillingTestServer } from '../../../billing/http-testing.ts';

let t: BillingTestServer | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

const promo = (name: string, billing = '') =>
  limitedPromotion(name, '    redemptions: 100', '1', billing ? `billing: { ${billing} }\n` : '');

const apply = (skus?: string[]) => t!.as('POST', '/v1/promotions/apply', { ...cart('u1', 20), ...(skus ? { skus } : {}) });

async function usageCalls(): Promise<number> {
  const res = await t!.as('GET', '/v1/usage?granularity=day');
  return ((await res.json()) as { totals: { calls: number } }).totals.calls;
}

describe('apply limits', () => {
  it('answers 429 with Retry-After past a promotion\'s rate limit, and does not bill it', async () => {
    t = await startBillingServer();
    const [flash] = await t.publish(promo('flash', 'rateLimit: 3/m'), 'gold');
    const statuses: number[] = [];
    let last: Response | null = null;
    for (let i = 0; i < 6; i++) {
      last = await apply([flash!]);
      statuses.push(last.status);
      if (i === 0) {
        expect(last.headers.get('ratelimit-limit')).toBe('3');
        expect(last.headers.get('ratelimit-remaining')).toBe('2');
      }
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429, 429]);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await last!.json()).toMatchObject({ code: 'rate-limited', sku: flash });
    expect(await usageCalls()).toBe(3);
  });

  it('answers 402 when one promotion\'s monthly quota is used up, gives back the others\' units', async () => {
    t = await startBillingServer();
    expect((await t.admin('PUT', '/admin/sla-tiers/bronze', { monthlyQuota: 2 })).status).toBe(200);
    const [small] = await t.publish(promo('small'), 'bronze');
    const [big] = await t.publish(promo('big'), 'silver');
    // Both subscribed: the headers are bronze's (fewest remaining), and every subscribed promotion counts.
    const first = await apply();
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit-limit')).toBe('2');
    expect(first.headers.get('ratelimit-remaining')).toBe('1');
    expect(Number(first.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
    expect((await apply()).status).toBe(200);
    const refused = await apply();
    expect(refused.status).toBe(402);
    expect(await refused.json()).toMatchObject({ code: 'quota-exceeded', sku: small, limit: 2, used: 2 });
    // The same promotion by execute is refused too; the other one still runs alone.
    expect((await t.as('POST', `/v1/skus/${small}/execute`, cart('u1', 20))).status).toBe(402);
    expect((await apply([big!])).status).toBe(200);
    // Billed: 2 calls x 2 promotions, then 1 of big; the refused call billed nothing.
    expect(await usageCalls()).toBe(5);
  });
});
