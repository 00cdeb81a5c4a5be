// The executor contract (SPEC section 8) around a plan: validate, params, now, errors, JSON-only output.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { rtMakeExecutor } from './executor.ts';
import { D, fullReductionPlan, promoPlan, T } from './fixtures.ts';
import { decDiv } from './decimal.ts';

const good = { cart: { items: [{ sku: 'A', price: 200, qty: 2 }] }, user: { id: 'u-1', level: 'vip' } };

describe('rtMakeExecutor', () => {
  const ex = rtMakeExecutor(fullReductionPlan());

  it('exposes identity and promotion info', () => {
    expect(ex).toMatchObject({ sku: 'promo:full-reduction:v1', kind: 'Promotion', name: 'full-reduction', version: '1.2.0' });
    expect(ex.promotion).toEqual({ priority: 0, class: 'order', combinesWith: [] });
  });

  it('validate returns the input itself or every problem', () => {
    expect(ex.validate(good)).toEqual({ ok: true, value: good });
    expect(ex.validate({ cart: { items: [{ sku: 'A', price: 'x', qty: 'two' }] } })).toEqual({
      ok: false,
      errors: [
        { path: '/cart/items/0/price', message: 'expected money, got "x"' },
        { path: '/cart/items/0/qty', message: 'expected int, got "two"' },
      ],
    });
  });

  it('execute throws invalid-input with the errors list', () => {
    let err: any;
    try {
      ex.execute({ cart: { items: [{ sku: 'A', price: 1, qty: 'two' }] } } as any);
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({ name: 'RuleError', code: 'invalid-input', errors: [{ path: '/cart/items/0/qty', message: 'expected int, got "two"' }] });
    expect(err.message).toBe('invalid input: /cart/items/0/qty: expected int, got "two"');
  });

  it('validates params: overrides by type, unknown names refused, defaults filled', () => {
    expect(ex.execute({ cart: { items: [{ sku: 'A', price: 150, qty: 1 }] }, user: null }, { params: { threshold: '100' } }).discount).toBe('30.00');
    expect(ex.execute({ cart: { items: [{ sku: 'A', price: 150, qty: 1 }] } }).applied).toBe(false);
    expect(() => ex.execute(good, { params: { threshold: 'lots', nope: 1 } as any })).toThrowError(expect.objectContaining({
      code: 'invalid-params',
      errors: [{ path: '/threshold', message: 'expected money, got "lots"' }, { path: '/nope', message: 'unknown param' }],
    }));
  });

  it('takes now as an ISO string or a Date and refuses anything else', () => {
    const win = rtMakeExecutor({ ...fullReductionPlan(), window: { from: Date.parse('2026-11-11T00:00:00Z'), until: null } });
    expect(win.execute(good, { now: new Date('2026-11-11T00:00:00Z') }).applied).toBe(true);
    expect(win.execute(good, { now: '2026-11-10T23:59:59.999Z' }).reason).toBe('window');
    expect(() => win.execute(good, { now: 'tomorrow' })).toThrowError(expect.objectContaining({ code: 'invalid-option' }));
  });

  it('division by zero inside a rule is an evaluation-error', () => {
    const div = rtMakeExecutor(promoPlan({ rules: [{ name: 'r', when: () => true, then: { orderDiscount: () => decDiv(D('1'), D('0')) } }] }));
    expect(() => div.execute(good)).toThrowError(expect.objectContaining({ name: 'RuleError', code: 'evaluation-error', message: 'division by zero' }));
  });

  it('output is plain JSON (survives a JSON round trip unchanged)', () => {
    const out = ex.execute(good, { trace: true });
    expect(JSON.parse(JSON.stringify(out))).toEqual(out);
  });

  it('never throws anything but a RuleError, whatever the input or options', () => {
    fc.assert(fc.property(fc.anything(), fc.anything(), (input, params) => {
      try {
        ex.execute(input as any, { params: params as any, now: '2026-01-01T00:00:00Z' });
      } catch (e: any) {
        expect(e.name).toBe('RuleError');
        expect(typeof e.code).toBe('string');
      }
    }), { numRuns: 300 });
  });

  it('works for a plan with no declared params', () => {
    const p = rtMakeExecutor(promoPlan({ params: T.obj({}), rules: [{ name: 'r', when: () => true, then: { orderDiscount: () => D('1') } }] }));
    expect(p.execute(good, {}).discount).toBe('1.00');
  });
});

describe('the clock', () => {
  it('is not read for a plan that never reads now, unless a now option is given (still checked)', () => {
    const seen: number[] = [];
    const plan = promoPlan({
      rules: [],
      usesNow: false,
      bind: (input, params, now, pre) => {
        seen.push(now);
        return { ...input, ...params, now, subtotal: pre.subtotal };
      },
    });
    const ex = rtMakeExecutor(plan);
    ex.execute(good);
    expect(seen).toEqual([0]);
    ex.execute(good, { now: '2026-11-11T00:00:00Z' });
    expect(seen[1]).toBe(Date.parse('2026-11-11T00:00:00Z'));
    expect(() => ex.execute(good, { now: 'soon' })).toThrow(/invalid now/);
    rtMakeExecutor({ ...plan, usesNow: true }).execute(good);
    rtMakeExecutor({ ...plan, usesNow: undefined }).execute(good);
    expect(seen[2]).toBeGreaterThan(Date.parse('2026-01-01T00:00:00Z'));
    expect(seen[3]).toBeGreaterThan(Date.parse('2026-01-01T00:00:00Z'));
  });
});
