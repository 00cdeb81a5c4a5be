// Test support: one small document of each kind (hand-built, typed), with an input for each.
import type { CheckedDocument } from '../../dsl/model.ts';
import { T } from '../../dsl/types/type.ts';
import type { Type } from '../../dsl/types/type.ts';
import { E, cartItems, pricingDoc, promotionDoc, rule, selectionDoc, tpl, Item } from './ast.ts';

const sp = { start: 0, end: 0 };
const subtotal = E.ident('subtotal', 'subtotal', T.money);
const threshold = E.ident('threshold', 'param', T.money);

/** 满200减30 with a param, a let, an item discount and a message. */
export function samplePromotion(): CheckedDocument {
  const i = E.ident('i', 'var', Item);
  const shoes = E.ident('shoes', 'let', T.list(Item));
  return promotionDoc(
    [
      rule('big-spender', E.bin('>=', subtotal, E.int(400), T.bool), { orderDiscount: E.int(80) }),
      rule('rule-2', E.bin('>=', subtotal, threshold, T.bool), {
        orderDiscount: E.int(30),
        message: tpl('满', threshold, '减30'),
      }),
      rule('shoes', E.bin('>', E.method(shoes, 'size', [], T.int), E.int(0), T.bool), {
        itemDiscount: { items: shoes, percent: E.pct('10') },
      }),
    ],
    {
      name: 'full-reduction',
      title: '满200减30',
      params: [{ name: 'threshold', type: T.money, default: E.int(200), span: sp }],
      lets: [{ name: 'shoes', expr: E.macro(cartItems(), 'filter', 'i', E.bin('==', E.member(i, 'category', T.string), E.str('shoes'), T.bool), T.list(Item)), span: sp }],
      limits: { redemptions: E.int(100), customer: tpl(E.member(E.ident('user', 'input', { kind: 'object', fields: [{ name: 'id', type: T.string }] }), 'id', T.string)), budget: E.int(5000) },
    },
  );
}

export const Product: Type = {
  kind: 'object',
  name: 'Product',
  fields: [
    { name: 'sku', type: T.string },
    { name: 'price', type: T.money },
    { name: 'stock', type: T.int },
    { name: 'sales30d', type: T.optional(T.int) },
    { name: 'tags', type: T.list(T.string) },
  ],
};

/** Products with stock, by sales desc, the first 2, with a computed score. */
export function sampleSelection(): CheckedDocument {
  const p = E.ident('p', 'var', Product);
  const products = E.ident('products', 'input', T.list(Product));
  return selectionDoc(
    {
      from: products,
      variable: 'p',
      elementType: Product,
      where: E.bin('and', E.bin('>=', E.member(p, 'stock', T.int), E.ident('minStock', 'param', T.int), T.bool), E.bin('in', E.str('hot'), E.member(p, 'tags', T.list(T.string)), T.bool), T.bool),
      orderBy: [
        { key: E.member(p, 'sales30d', T.optional(T.int)), direction: 'desc' },
        { key: E.member(p, 'price', T.money), direction: 'asc' },
      ],
      limit: E.int(2),
      select: [
        { name: 'sku', expr: E.member(p, 'sku', T.string) },
        { name: 'score', expr: E.bin('+', E.bin('*', E.bin('??', E.member(p, 'sales30d', T.optional(T.int)), E.int(0), T.int), E.int(2), T.int), E.member(p, 'stock', T.int), T.int) },
        { name: 'price', expr: E.member(p, 'price', T.money) },
      ],
    },
    {
      name: 'top-products',
      types: [{ name: 'Product', type: Product }],
      input: [{ name: 'products', type: T.list(Product) }],
      params: [{ name: 'minStock', type: T.int, default: E.int(1), span: sp }],
    },
  );
}

/** API pricing: graduated calls, package egress, multiplier by SLA. */
export function samplePricing(): CheckedDocument {
  const sla: Type = { kind: 'enum', values: ['bronze', 'silver', 'gold'] };
  const usage: Type = { kind: 'object', fields: [{ name: 'calls', type: T.int }, { name: 'responseKB', type: T.decimal }] };
  const u = E.ident('usage', 'input', usage);
  const gold = E.bin('==', E.ident('sla', 'input', sla), E.str('gold'), T.bool);
  return pricingDoc(
    {
      currency: 'CNY',
      meters: [
        {
          name: 'calls',
          quantity: E.member(u, 'calls', T.int),
          mode: 'graduated',
          tiers: [
            { upTo: '10000', unit: E.int(0) },
            { upTo: '1000000', unit: E.cond(gold, E.dec('0.005'), E.dec('0.001'), T.decimal) },
            { unit: E.dec('0.0005'), flat: E.int(10) },
          ],
        },
        { name: 'egress', quantity: E.member(u, 'responseKB', T.decimal), mode: 'package', tiers: [], package: { size: '1024', price: E.dec('0.5') } },
      ],
      multiplier: E.cond(gold, E.int(2), E.int(1), T.int),
      minimum: E.int(0),
      maximum: E.int(100000),
    },
    { name: 'api-pricing', types: [], input: [{ name: 'usage', type: usage }, { name: 'sla', type: sla }] },
  );
}

export const promotionInput = {
  cart: { items: [{ sku: 'A', category: 'shoes', price: 200, qty: 2 }, { sku: 'B', category: 'bags', price: '60.00', qty: 1 }], shipping: 10 },
  user: { id: 'u-1', level: 'vip' },
};
export const selectionInput = {
  products: [
    { sku: 'P1', price: 10, stock: 5, sales30d: 7, tags: ['hot'] },
    { sku: 'P2', price: '9.5', stock: 0, sales30d: 100, tags: ['hot'] },
    { sku: 'P3', price: 3, stock: 2, sales30d: null, tags: ['hot', 'new'] },
    { sku: 'P4', price: 8, stock: 9, sales30d: 7, tags: ['hot'] },
    { sku: 'P5', price: 1, stock: 9, sales30d: 50, tags: [] },
  ],
};
export const pricingInput = { usage: { calls: 1_500_000, responseKB: '4096.5' }, sla: 'gold' };
