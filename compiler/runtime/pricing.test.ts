// The PricingTier engine against hand-computed, Stripe-style examples.
import { describe, expect, it } from 'vitest';
import { rtMakeExecutor } from './executor.ts';
import { D, makeBind, pricePlan, T } from './fixtures.ts';
import type { Env, PricingPlan } from './plan.ts';
import { decOf } from './decimal.ts';

/** Stripe's documented tiers: 1-5 at 7.00, 6-10 at 6.50, 11+ at 6.00. */
function stripe(mode: 'graduated' | 'volume', flat = false): PricingPlan {
  return pricePlan({
    meters: [{
      name: 'seats', quantity: (env: Env) => env.usage.calls, mode, package: null,
      tiers: [
        { upTo: D('5'), unit: () => D('7'), flat: flat ? () => D('10') : null },
        { upTo: D('10'), unit: () => D('6.5'), flat: flat ? () => D('5') : null },
        { upTo: null, unit: () => D('6'), flat: null },
      ],
    }],
  });
}
const usage = (calls: number, responseKB: number | string = 0, sla = 'bronze') => ({ usage: { calls, responseKB }, sla });

describe('pricing engine', () => {
  it('graduated: each unit by its tier, upTo inclusive, only priced tiers listed', () => {
    const ex = rtMakeExecutor(stripe('graduated'));
    expect(ex.execute(usage(12)).meters[0]).toEqual({
      name: 'seats', quantity: '12', amount: '79.50',
      tiers: [{ index: 0, quantity: '5', amount: '35.00' }, { index: 1, quantity: '5', amount: '32.50' }, { index: 2, quantity: '2', amount: '12.00' }],
    });
    expect(ex.execute(usage(5)).meters[0].tiers).toEqual([{ index: 0, quantity: '5', amount: '35.00' }]);
    expect(ex.execute(usage(0)).meters[0]).toEqual({ name: 'seats', quantity: '0', amount: '0.00', tiers: [] });
  });

  it('graduated flat fees are added once per tier reached', () => {
    const ex = rtMakeExecutor(stripe('graduated', true));
    expect(ex.execute(usage(6)).meters[0].amount).toBe('56.50'); // 35 + 10 + 6.50 + 5
    expect(ex.execute(usage(3)).meters[0].amount).toBe('31.00');
  });

  it('volume: every unit by the one tier the quantity falls in, plus its flat', () => {
    const ex = rtMakeExecutor(stripe('volume'));
    expect(ex.execute(usage(12)).meters[0]).toEqual({ name: 'seats', quantity: '12', amount: '72.00', tiers: [{ index: 2, quantity: '12', amount: '72.00' }] });
    expect(ex.execute(usage(5)).meters[0].amount).toBe('35.00');
    expect(ex.execute(usage(6)).meters[0].amount).toBe('39.00');
    expect(rtMakeExecutor(stripe('volume', true)).execute(usage(6)).meters[0].amount).toBe('44.00');
  });

  it('the billing plan example: graduated calls, package egress, multiplier, clamp', () => {
    const plan = pricePlan({
      meters: [
        {
          name: 'calls', quantity: (env) => env.usage.calls, mode: 'graduated', package: null,
          tiers: [
            { upTo: D('10000'), unit: () => 0, flat: null },
            { upTo: D('1000000'), unit: (env) => (env.sla === 'gold' ? D('0.005') : D('0.001')), flat: null },
            { upTo: null, unit: () => D('0.0005'), flat: () => 10 },
          ],
        },
        { name: 'egress', quantity: (env) => env.usage.responseKB, mode: 'package', tiers: [], package: { size: D('1024'), price: () => D('0.5') } },
      ],
      multiplier: (env) => (env.sla === 'gold' ? 2 : 1),
      minimum: () => 0,
      maximum: () => D('100000'),
    });
    const ex = rtMakeExecutor(plan);
    expect(ex.execute(usage(1_500_000, '2049.5'))).toEqual({
      sku: 'price:test:v1', version: '1.0.0', currency: 'CNY', subtotal: '1251.50', multiplier: '1', total: '1251.50',
      meters: [
        { name: 'calls', quantity: '1500000', amount: '1250.00', tiers: [
          { index: 0, quantity: '10000', amount: '0.00' }, { index: 1, quantity: '990000', amount: '990.00' }, { index: 2, quantity: '500000', amount: '260.00' },
        ] },
        { name: 'egress', quantity: '2049.5', amount: '1.50', tiers: [] },
      ],
    });
    expect(ex.execute(usage(1_500_000, '2049.5', 'gold')).total).toBe('10423.00');
    expect(ex.execute(usage(1e9, 0, 'gold')).total).toBe('100000.00');
    expect(ex.execute(usage(0, 0)).total).toBe('0.00');
  });

  it('rounds each tier amount to money, then the total by the document rounding', () => {
    const plan = pricePlan({
      rounding: 'half-even',
      meters: [{ name: 'm', quantity: (env) => env.usage.responseKB, mode: 'graduated', package: null, tiers: [{ upTo: D('1'), unit: () => D('0.125'), flat: null }, { upTo: null, unit: () => D('0.125'), flat: null }] }],
      multiplier: () => D('1.5'),
      minimum: () => D('0.05'),
    });
    const out = rtMakeExecutor(plan).execute(usage(0, '1.2'));
    expect(out.meters[0].tiers).toEqual([{ index: 0, quantity: '1', amount: '0.12' }, { index: 1, quantity: '0.2', amount: '0.02' }]);
    expect(out.subtotal).toBe('0.14');
    expect(out.multiplier).toBe('1.5');
    expect(out.total).toBe('0.21');
    expect(rtMakeExecutor(plan).execute(usage(0, '0')).total).toBe('0.05');
  });

  it('a quantity above a bounded last tier is an evaluation error; negative usage prices nothing', () => {
    const plan = pricePlan({ meters: [{ name: 'm', quantity: (env) => env.usage.calls, mode: 'graduated', package: null, tiers: [{ upTo: D('10'), unit: () => 1, flat: null }] }] });
    expect(() => rtMakeExecutor(plan).execute(usage(11))).toThrowError(expect.objectContaining({ code: 'evaluation-error' }));
    expect(rtMakeExecutor(plan).execute(usage(-3)).meters[0]).toEqual({ name: 'm', quantity: '-3', amount: '0.00', tiers: [] });
    expect(decOf(3).c).toBe(3);
  });

  it('traces the lets when asked', () => {
    const plan = { ...stripe('graduated'), bind: makeBind([['kb', (env: Env) => env.usage.responseKB]]), letTypes: [{ name: 'kb', type: T.decimal }] };
    expect(rtMakeExecutor(plan).execute(usage(1, '2.50'), { trace: true }).trace).toEqual([{ kind: 'let', name: 'kb', value: '2.5' }]);
  });
});

