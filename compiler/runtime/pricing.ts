// The PricingTier engine (SPEC section 6): Stripe-style graduated, volume and package meters,
// each tier's amount rounded to money, then the multiplier and the [minimum, maximum] clamp.
import type { Env, PricingPlan, TraceEntry } from './plan.ts';
import { type Dec, decAdd, decCmp, decDivScale, decMul, decOf, decOne, decRound, decSign, decSub, decToMoney, decToString, decZero } from './decimal.ts';
import { rtEvalError } from './errors.ts';
import { valRenderLets } from './values.ts';

type PriceMeter = PricingPlan['meters'][number];

/** One priced tier of a meter: its index, the quantity it priced and its rounded amount. */
interface PriceTierLine {
  index: number;
  quantity: Dec;
  amount: Dec;
}

/** Prices one meter: its rounded amount and the tiers that priced some quantity. */
export function priceMeter(plan: PricingPlan, env: Env, m: PriceMeter, quantity: Dec): { amount: Dec; tiers: PriceTierLine[] } {
  const mode = plan.rounding;
  // A negative usage prices nothing (usage cannot be negative; the output still shows it).
  const q = decSign(quantity) < 0 ? decZero() : quantity;
  const tiers: PriceTierLine[] = [];
  let amount = decZero();
  if (m.mode === 'package') {
    const pkg = m.package;
    if (pkg === null) return rtEvalError(`meter ${m.name}: package mode without a package`);
    if (decSign(pkg.size) <= 0) return rtEvalError(`meter ${m.name}: package size must be positive`);
    if (decSign(q) > 0) {
      const count = decDivScale(q, pkg.size, 0, 'ceiling');
      amount = decRound(decMul(count, decOf(pkg.price(env))), 2, mode);
    }
    return { amount, tiers };
  }
  if (decSign(q) === 0) return { amount, tiers };
  if (m.mode === 'volume') {
    // The one tier the whole quantity falls in: the first whose inclusive `upTo` holds it.
    for (let i = 0; i < m.tiers.length; i++) {
      const t = m.tiers[i];
      if (t.upTo !== null && decCmp(q, t.upTo) > 0) continue;
      let a = decMul(q, decOf(t.unit(env)));
      if (t.flat !== null) a = decAdd(a, decOf(t.flat(env)));
      amount = decRound(a, 2, mode);
      tiers.push({ index: i, quantity: q, amount });
      return { amount, tiers };
    }
    return rtEvalError(`meter ${m.name}: quantity ${decToString(q)} is above the last tier`);
  }
  // graduated: each unit priced by the tier it falls in; `upTo` is inclusive.
  let lower = decZero();
  for (let i = 0; i < m.tiers.length && decCmp(q, lower) > 0; i++) {
    const t = m.tiers[i];
    const upper = t.upTo === null || decCmp(q, t.upTo) < 0 ? q : t.upTo;
    const inTier = decSub(upper, lower);
    if (decSign(inTier) > 0) {
      let a = decMul(inTier, decOf(t.unit(env)));
      if (t.flat !== null) a = decAdd(a, decOf(t.flat(env)));
      const r = decRound(a, 2, mode);
      tiers.push({ index: i, quantity: inTier, amount: r });
      amount = decAdd(amount, r);
    }
    if (t.upTo === null) break;
    if (decCmp(t.upTo, lower) > 0) lower = t.upTo;
  }
  if (decCmp(q, lower) > 0 && (m.tiers.length === 0 || m.tiers[m.tiers.length - 1].upTo !== null)) {
    return rtEvalError(`meter ${m.name}: quantity ${decToString(q)} is above the last tier`);
  }
  return { amount, tiers };
}

/** Evaluates a PricingTier plan and renders SPEC section 6's output. */
export function priceRun(plan: PricingPlan, input: Env, params: Env, now: number, trace: TraceEntry[] | null): Record<string, unknown> {
  const env = plan.bind(input, params, now, {}, trace);
  if (trace !== null) valRenderLets(plan.letTypes, plan.rounding, trace);
  const mode = plan.rounding;
  const meters: Record<string, unknown>[] = [];
  let subtotal = decZero();
  for (const m of plan.meters) {
    const quantity = decOf(m.quantity(env));
    const priced = priceMeter(plan, env, m, quantity);
    subtotal = decAdd(subtotal, priced.amount);
    meters.push({
      name: m.name,
      quantity: decToString(quantity),
      amount: decToMoney(priced.amount, mode),
      tiers: priced.tiers.map((t) => ({ index: t.index, quantity: decToString(t.quantity), amount: decToMoney(t.amount, mode) })),
    });
  }
  const multiplier = plan.multiplier === null ? decOne() : decOf(plan.multiplier(env));
  let total = decRound(decMul(subtotal, multiplier), 2, mode);
  if (plan.minimum !== null) {
    const min = decOf(plan.minimum(env));
    if (decCmp(total, min) < 0) total = min;
  }
  if (plan.maximum !== null) {
    const max = decOf(plan.maximum(env));
    if (decCmp(total, max) > 0) total = max;
  }
  const out: Record<string, unknown> = {
    sku: plan.sku,
    version: plan.version,
    currency: plan.currency,
    subtotal: decToMoney(subtotal, mode),
    multiplier: decToString(multiplier),
    total: decToMoney(total, mode),
    meters,
  };
  if (trace !== null) out.trace = trace;
  return out;
}
