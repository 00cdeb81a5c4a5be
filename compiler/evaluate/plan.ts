// evaluatePlan: the same Plan as compiler/emit/plan.ts produces, built from closures over the
// typed AST instead of generated code, so `rtMakeExecutor(evaluatePlan(doc))` is an executor.
import type { Expr, Template } from '../../dsl/ast.ts';
import type { CheckedDocument, Effects, PricingSpec, PromotionSpec, SelectionSpec } from '../../dsl/model.ts';
import { T } from '../../dsl/types/type.ts';
import type { Type } from '../../dsl/types/type.ts';
import { decParse } from '../runtime/decimal.ts';
import type { Dec } from '../runtime/decimal.ts';
import type { Env, Plan, PlanBase, PricingPlan, PromotionPlan, PromotionRulePlan, RType, SelectionPlan, TraceEntry } from '../runtime/plan.ts';
import { CompileError, typeOf } from '../type-helpers.ts';
import { evalExpr, evalTemplate } from './expression.ts';
import type { Scope } from './scope.ts';
import { bind } from './scope.ts';

type Ctx = { timezone: string; rounding: PlanBase['rounding'] };

const scopeOf = (env: Env, ctx: Ctx): Scope => ({ env, vars: new Map(), timezone: ctx.timezone, rounding: ctx.rounding });
const fn = (e: Expr, ctx: Ctx, want?: Type) => (env: Env) => evalExpr(e, scopeOf(env, ctx), want);
const optFn = (e: Expr | undefined, ctx: Ctx, want?: Type) => (e ? fn(e, ctx, want) : null);
const tpl = (t: Template, ctx: Ctx) => (env: Env) => evalTemplate(t, scopeOf(env, ctx));

function decConst(text: string): Dec {
  const d = decParse(text);
  if (d === null) throw new CompileError(`not a decimal literal: ${text}`);
  return d;
}

/** The plan of `doc`, interpreted. */
export function evaluatePlan(doc: CheckedDocument): Plan {
  const ctx: Ctx = { timezone: doc.metadata.timezone, rounding: doc.spec.rounding };
  const base: PlanBase = {
    sku: doc.sku,
    name: doc.metadata.name,
    version: doc.metadata.version,
    timezone: doc.metadata.timezone,
    rounding: doc.spec.rounding,
    input: { kind: 'object', fields: doc.input } as RType & { kind: 'object' },
    params: { kind: 'object', fields: doc.params.map((p) => ({ name: p.name, type: p.type })) } as RType & { kind: 'object' },
    paramDefaults: (given: Env) => {
      const env: Env = {};
      for (const p of doc.params) {
        const has = Object.hasOwn(given, p.name) && given[p.name] !== undefined;
        Object.defineProperty(env, p.name, {
          value: has ? given[p.name] : evalExpr(p.default, scopeOf(env, ctx), p.type),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return env;
    },
    bind: (input: Env, params: Env, now: number, pre: Env, trace: TraceEntry[] | null) => {
      const env: Env = Object.create(null);
      for (const f of doc.input) env[f.name] = input[f.name];
      for (const p of doc.params) env[p.name] = params[p.name];
      env.now = now;
      if (doc.kind === 'Promotion') env.subtotal = pre.subtotal;
      for (const l of doc.lets) {
        env[l.name] = evalExpr(l.expr, scopeOf(env, ctx));
        if (trace !== null) trace.push({ kind: 'let', name: l.name, value: env[l.name] });
      }
      return env;
    },
    letTypes: doc.lets.map((l) => ({ name: l.name, type: typeOf(l.expr) })),
  };
  switch (doc.spec.kind) {
    case 'Promotion':
      return promotionPlan(base, doc.spec, ctx);
    case 'Selection':
      return selectionPlan(base, doc.spec, ctx);
    case 'PricingTier':
      return pricingPlan(base, doc.spec, ctx);
  }
}

function effects(then: Effects, ctx: Ctx): PromotionRulePlan['then'] {
  const out: PromotionRulePlan['then'] = {};
  if (then.orderDiscount) out.orderDiscount = fn(then.orderDiscount, ctx, T.money);
  if (then.itemDiscount) {
    const d = then.itemDiscount;
    const item: NonNullable<PromotionRulePlan['then']['itemDiscount']> = {};
    if (d.items) item.items = fn(d.items, ctx);
    if (d.percent) item.percent = fn(d.percent, ctx, T.decimal);
    if (d.amount) item.amount = fn(d.amount, ctx, T.money);
    if (d.price) item.price = fn(d.price, ctx, T.money);
    if (d.maxQty) item.maxQty = fn(d.maxQty, ctx);
    out.itemDiscount = item;
  }
  if (then.freeShipping) out.freeShipping = fn(then.freeShipping, ctx);
  if (then.shippingDiscount) out.shippingDiscount = fn(then.shippingDiscount, ctx, T.money);
  if (then.gift) out.gift = { sku: tpl(then.gift.sku, ctx), qty: fn(then.gift.qty, ctx) };
  if (then.coupon) {
    const c = then.coupon;
    out.coupon = { to: tpl(c.to, ctx), amount: fn(c.amount, ctx, T.money) };
    if (c.code) out.coupon.code = tpl(c.code, ctx);
    if (c.expiresIn) out.coupon.expiresIn = fn(c.expiresIn, ctx);
  }
  if (then.points) out.points = fn(then.points, ctx);
  if (then.message) out.message = tpl(then.message, ctx);
  return out;
}

function promotionPlan(base: PlanBase, spec: PromotionSpec, ctx: Ctx): PromotionPlan {
  const l = spec.limits;
  return {
    ...base,
    kind: 'Promotion',
    class: spec.class,
    priority: spec.priority,
    combinesWith: [...spec.combinesWith],
    window: spec.window ? { from: spec.window.from ?? null, until: spec.window.until ?? null } : null,
    condition: optFn(spec.condition, ctx),
    policy: spec.policy,
    rules: spec.rules.map((r) => ({ name: r.name, when: fn(r.when, ctx), then: effects(r.then, ctx) })),
    limits: l
      ? {
          redemptions: optFn(l.redemptions, ctx),
          perCustomer: optFn(l.perCustomer, ctx),
          customer: l.customer ? tpl(l.customer, ctx) : null,
          budget: optFn(l.budget, ctx, T.money),
        }
      : null,
  };
}

function selectionPlan(base: PlanBase, spec: SelectionSpec, ctx: Ctx): SelectionPlan {
  const itemFn = (e: Expr) => (env: Env, item: any) => evalExpr(e, bind(scopeOf(env, ctx), spec.variable, item));
  const select = spec.select;
  return {
    ...base,
    kind: 'Selection',
    from: fn(spec.from, ctx),
    variable: spec.variable,
    where: spec.where ? itemFn(spec.where) : null,
    orderBy: spec.orderBy.map((o) => ({ key: itemFn(o.key), type: typeOf(o.key), desc: o.direction === 'desc' })),
    limit: optFn(spec.limit, ctx),
    offset: optFn(spec.offset, ctx),
    select: select
      ? (env: Env, item: any) => {
          const out: Env = {};
          for (const f of select) {
            Object.defineProperty(out, f.name, { value: itemFn(f.expr)(env, item), enumerable: true, writable: true, configurable: true });
          }
          return out;
        }
      : null,
    itemType: select ? { kind: 'object', fields: select.map((f) => ({ name: f.name, type: typeOf(f.expr) })) } : spec.elementType,
  };
}

function pricingPlan(base: PlanBase, spec: PricingSpec, ctx: Ctx): PricingPlan {
  return {
    ...base,
    kind: 'PricingTier',
    currency: spec.currency,
    meters: spec.meters.map((m) => ({
      name: m.name,
      quantity: fn(m.quantity, ctx),
      mode: m.mode,
      tiers: m.tiers.map((t) => ({ upTo: t.upTo === undefined ? null : decConst(t.upTo), unit: fn(t.unit, ctx), flat: optFn(t.flat, ctx) })),
      package: m.package ? { size: decConst(m.package.size), price: fn(m.package.price, ctx) } : null,
    })),
    multiplier: optFn(spec.multiplier, ctx),
    minimum: optFn(spec.minimum, ctx),
    maximum: optFn(spec.maximum, ctx),
  };
}
