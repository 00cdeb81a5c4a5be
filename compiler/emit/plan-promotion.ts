// The Promotion-specific fields of a plan: class, priority, window, condition, policy, rules with
// their effects, and limits. Money effects are converted to `Dec` even when written as ints.
import type { Effects, PromotionRule, PromotionSpec } from '../../dsl/model.ts';
import { T } from '../../dsl/types/type.ts';
import { CompileError } from '../type-helpers.ts';
import type { EmitContext } from './context.ts';
import { lit } from './literal.ts';
import { envFn, objectLiteral, optEnvFn } from './plan.ts';
import { emitTemplate } from './template.ts';

/** `[key, code]` pairs for the PromotionPlan fields beyond PlanBase. */
export function promotionFields(spec: PromotionSpec, ctx: EmitContext): [string, string][] {
  const window = spec.window
    ? `{ from: ${spec.window.from === undefined ? 'null' : numberLiteral(spec.window.from)}, until: ${spec.window.until === undefined ? 'null' : numberLiteral(spec.window.until)} }`
    : 'null';
  return [
    ['class', lit(spec.class)],
    ['priority', numberLiteral(spec.priority)],
    ['combinesWith', lit(spec.combinesWith)],
    ['window', window],
    ['condition', optEnvFn(spec.condition, ctx)],
    ['policy', lit(spec.policy)],
    ['rules', `[\n${spec.rules.map((r) => `    ${emitRule(r, ctx)},`).join('\n')}\n  ]`],
    ['limits', emitLimits(spec, ctx)],
  ];
}

function numberLiteral(n: number): string {
  if (!Number.isSafeInteger(n)) throw new CompileError(`not an integer: ${n}`);
  return n < 0 ? `(${n})` : String(n);
}

function emitRule(rule: PromotionRule, ctx: EmitContext): string {
  return objectLiteral(
    [
      ['name', lit(rule.name)],
      ['when', envFn(rule.when, ctx)],
      ['then', emitEffects(rule.then, ctx)],
    ],
    '    ',
  );
}

function tplFn(t: Parameters<typeof emitTemplate>[0], ctx: EmitContext): string {
  return `(${ctx.env}) => ${emitTemplate(t, ctx)}`;
}

function emitEffects(then: Effects, ctx: EmitContext): string {
  const fields: [string, string][] = [];
  if (then.orderDiscount) fields.push(['orderDiscount', envFn(then.orderDiscount, ctx, T.money)]);
  if (then.itemDiscount) {
    const d = then.itemDiscount;
    const sub: [string, string][] = [];
    if (d.items) sub.push(['items', envFn(d.items, ctx)]);
    if (d.percent) sub.push(['percent', envFn(d.percent, ctx, T.decimal)]);
    if (d.amount) sub.push(['amount', envFn(d.amount, ctx, T.money)]);
    if (d.price) sub.push(['price', envFn(d.price, ctx, T.money)]);
    if (d.maxQty) sub.push(['maxQty', envFn(d.maxQty, ctx)]);
    fields.push(['itemDiscount', objectLiteral(sub, '        ')]);
  }
  if (then.freeShipping) fields.push(['freeShipping', envFn(then.freeShipping, ctx)]);
  if (then.shippingDiscount) fields.push(['shippingDiscount', envFn(then.shippingDiscount, ctx, T.money)]);
  if (then.gift) {
    fields.push(['gift', `{ sku: ${tplFn(then.gift.sku, ctx)}, qty: ${envFn(then.gift.qty, ctx)} }`]);
  }
  if (then.coupon) {
    const c = then.coupon;
    const sub: [string, string][] = [
      ['to', tplFn(c.to, ctx)],
      ['amount', envFn(c.amount, ctx, T.money)],
    ];
    if (c.code) sub.push(['code', tplFn(c.code, ctx)]);
    if (c.expiresIn) sub.push(['expiresIn', envFn(c.expiresIn, ctx)]);
    fields.push(['coupon', objectLiteral(sub, '        ')]);
  }
  if (then.points) fields.push(['points', envFn(then.points, ctx)]);
  if (then.message) fields.push(['message', tplFn(then.message, ctx)]);
  return objectLiteral(fields, '      ');
}

function emitLimits(spec: PromotionSpec, ctx: EmitContext): string {
  const l = spec.limits;
  if (!l) return 'null';
  return objectLiteral(
    [
      ['redemptions', optEnvFn(l.redemptions, ctx)],
      ['perCustomer', optEnvFn(l.perCustomer, ctx)],
      ['customer', l.customer ? tplFn(l.customer, ctx) : 'null'],
      ['budget', optEnvFn(l.budget, ctx, T.money)],
    ],
    '  ',
  );
}
