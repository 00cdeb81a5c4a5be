// RateLimit-* headers when nothing limits a call (no billing.rateLimit, gold tier): every execute,
// batch, apply and redeem response still carries all three (API.md), with the unlimited values.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBillingServer, limitedPromotion, cart, type BillingTestServer } from '../../../billing/http-testing.ts';
import { UNLIMITED } from './index.ts';

let t: BillingTestServer;
let sku: string;
beforeAll(async () => {
  t = await startBillingServer();
  [sku] = (await t.publish(limitedPromotion('open', '    redemptions: 100'), 'gold')) as [string];
});
afterAll(() => t.close());

function expectUnlimited(res: Response) {
  expect(res.headers.get('ratelimit-limit')).toBe(String(UNLIMITED));
  expect(res.headers.get('ratelimit-remaining')).toBe(String(UNLIMITED));
  const reset = Number(res.headers.get('ratelimit-reset'));
  // Seconds to the end of the UTC month: at least 1, at most 31 days.
  expect(reset).toBeGreaterThan(0);
  expect(reset).toBeLessThanOrEqual(31 * 86_400);
}

describe('RateLimit-* headers without any limit', () => {
  it('are on execute, its replay, batch, apply and redeem', async () => {
    const exec = await t.as('POST', `/v1/skus/${sku}/execute`, cart('u1'), { 'idempotency-key': 'k-exec' });
    expect(exec.status).toBe(200);
    expectUnlimited(exec);
    const replay = await t.as('POST', `/v1/skus/${sku}/execute`, cart('u1'), { 'idempotency-key': 'k-exec' });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expectUnlimited(replay);
    const batch = await t.as('POST', `/v1/skus/${sku}/batch`, { inputs: [cart('u1').input, cart('u2').input] });
    expect(batch.status).toBe(200);
    expectUnlimited(batch);
    const apply = await t.as('POST', '/v1/promotions/apply', { ...cart('u1'), skus: [sku] });
    expect(apply.status).toBe(200);
    expectUnlimited(apply);
    const redeem = await t.as('POST', `/v1/promotions/${sku}/redeem`, cart('u1'), { 'idempotency-key': 'order-1' });
    expect(redeem.status).toBe(201);
    expectUnlimited(redeem);
  });
});
