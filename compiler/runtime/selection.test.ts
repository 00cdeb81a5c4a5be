// The Selection engine: filter, stable ordering with nulls last, offset/limit, projection.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { rtMakeExecutor } from './executor.ts';
import { D, makeBind, selPlan, T } from './fixtures.ts';
import { decCmp, decMul, decFromInt } from './decimal.ts';
import { selCmpString } from './selection.ts';

const products = [
  { sku: 'a', sales: 5, price: 10, stock: 1 },
  { sku: 'b', sales: null, price: 20, stock: 5 },
  { sku: 'c', sales: 9, price: '10.00', stock: 0 },
  { sku: 'd', sales: 5, price: 5, stock: 3 },
  { sku: 'e', price: 7, stock: 2 },
];
const skus = (out: any) => out.items.map((i: any) => i.sku);
const bySales = (desc: boolean) => ({ key: (_env: any, p: any) => p.sales, type: T.opt(T.int), desc });
const byPrice = (desc: boolean) => ({ key: (_env: any, p: any) => p.price, type: T.money, desc });

describe('selection engine', () => {
  it('orders stably with nulls last in both directions', () => {
    expect(skus(rtMakeExecutor(selPlan({ orderBy: [bySales(false)] })).execute({ products }))).toEqual(['a', 'd', 'c', 'b', 'e']);
    expect(skus(rtMakeExecutor(selPlan({ orderBy: [bySales(true)] })).execute({ products }))).toEqual(['c', 'a', 'd', 'b', 'e']);
    expect(skus(rtMakeExecutor(selPlan({ orderBy: [bySales(true), byPrice(false)] })).execute({ products }))).toEqual(['c', 'd', 'a', 'e', 'b']);
  });

  it('filters, counts before offset/limit, and projects with typed output', () => {
    const ex = rtMakeExecutor(selPlan({
      where: (_env, p) => p.stock >= 1,
      orderBy: [byPrice(true)],
      offset: () => 1,
      limit: () => 2,
      select: (_env, p) => ({ sku: p.sku, value: decMul(p.price, decFromInt(p.stock)) }),
      itemType: T.obj({ sku: T.string, value: T.money }),
    }));
    expect(ex.execute({ products })).toEqual({ sku: 'select:test:v1', version: '1.0.0', total: 4, items: [{ sku: 'a', value: '10.00' }, { sku: 'e', value: '14.00' }] });
  });

  it('renders the element itself by default (money as 2 digits, absent optionals as null)', () => {
    const out = rtMakeExecutor(selPlan({ where: (_e, p) => decCmp(p.price, D('7')) === 0 })).execute({ products });
    expect(out.items).toEqual([{ sku: 'e', sales: null, price: '7.00', stock: 2 }]);
  });

  it('negative offset and limit count as zero; offset past the end is empty', () => {
    expect(rtMakeExecutor(selPlan({ limit: () => -1 })).execute({ products }).items).toEqual([]);
    expect(skus(rtMakeExecutor(selPlan({ offset: () => -4, limit: () => 1 })).execute({ products }))).toEqual(['a']);
    expect(rtMakeExecutor(selPlan({ offset: () => 99 })).execute({ products })).toMatchObject({ total: 5, items: [] });
  });

  it('compares strings by code point and enums by declared order', () => {
    expect(selCmpString('\uFF5E', '\u{1F600}')).toBeLessThan(0); // U+FF5E < U+1F600 although its UTF-16 unit is larger
    expect(selCmpString('ab', 'a')).toBeGreaterThan(0);
    const rows = [{ sku: 'x', level: 'vip' }, { sku: 'y', level: 'normal' }, { sku: 'z', level: 'svip' }];
    const Level = T.enum('normal', 'vip', 'svip');
    const plan = selPlan({
      input: T.obj({ products: T.list(T.obj({ sku: T.string, level: Level })) }),
      orderBy: [{ key: (_e, p) => p.level, type: Level, desc: false }],
      itemType: T.obj({ sku: T.string, level: Level }),
    });
    expect(skus(rtMakeExecutor(plan).execute({ products: rows }))).toEqual(['y', 'x', 'z']);
  });

  it('sorting is a stable sort by the key (property)', () => {
    const row = fc.record({ sku: fc.string({ maxLength: 2 }), sales: fc.option(fc.integer({ min: 0, max: 3 })), price: fc.integer({ min: 0, max: 3 }), stock: fc.nat(5) });
    fc.assert(fc.property(fc.array(row, { maxLength: 20 }), fc.boolean(), (rows, desc) => {
      const out = rtMakeExecutor(selPlan({ orderBy: [bySales(desc)] })).execute({ products: rows });
      const idx = rows.map((r, i) => ({ r, i }));
      const nonNull = idx.filter((x) => x.r.sales !== null).sort((a, b) => ((desc ? -1 : 1) * (a.r.sales! - b.r.sales!)) || a.i - b.i);
      const expected = [...nonNull, ...idx.filter((x) => x.r.sales === null)].map((x) => x.r.sku);
      expect(skus(out)).toEqual(expected);
      expect(out.total).toBe(rows.length);
    }), { numRuns: 200 });
  });

  it('traces the lets in their output form when asked', () => {
    const ex = rtMakeExecutor(selPlan({
      bind: makeBind([['cheapest', (env) => env.products[0].price]]),
      letTypes: [{ name: 'cheapest', type: T.money }],
    }));
    expect(ex.execute({ products }, { trace: true }).trace).toEqual([{ kind: 'let', name: 'cheapest', value: '10.00' }]);
    expect(ex.execute({ products })).not.toHaveProperty('trace');
  });
});

