// The Promotion engine (SPEC section 4): window, condition, rule policy, then the effects —
// item discounts per line (rounded to cents), the order discount spread over the lines, shipping,
// gifts, coupons, points and messages — rendered to the output JSON. Every amount in the output
// is a sum of rounded line amounts, so the output adds up to the cent.
import type { Env, PromotionPlan, PromotionRulePlan, TraceEntry } from './plan.ts';
import { type Dec, decAdd, decCentsText, decCmp, decFromCentsInt, decFromInt, decMul, decRound, decSign, decSub, decToCentsInt, decToMoney, decZero } from './decimal.ts';
import { type Cents, centsAdd, centsMin, centsMoney, centsPos, centsSub } from './cents.ts';
import { durationFormat } from './time.ts';
import { allocCents, allocCentsSmall } from './allocate.ts';
import { valRenderLets } from './values.ts';

/** What the applied rules of one evaluation grant, before rendering. Amounts in whole cents. */
interface PromoOutcome {
  rules: string[];
  /** Each line's discount (item discounts plus its share of the order discount). */
  lineDisc: Cents[];
  /** The sum of lineDisc. */
  lineTotal: Cents;
  shipFree: boolean;
  shipDisc: Cents;
  gifts: { sku: string; qty: number }[];
  coupons: { to: string; amount: string; code: string | null; expiresIn: string | null }[];
  points: number;
  messages: string[];
  /** Line discounts plus the shipping discount. */
  discount: Cents;
}

/** The cart as the engine sees it: the lines, each line's total rounded to cents, shipping in cents. */
interface PromoCart {
  items: any[];
  gross: Cents[];
  shipping: Cents;
  /** The name `subtotal` in expressions: the exact sum of price * qty. */
  exactSubtotal: Dec;
  /** Every price has at most 2 fraction digits, and each price in cents, line total and their sum is a safe integer. */
  cents: boolean;
  /** The sum of `gross` when every line total is a number >= 0 (the fast path), else -1. */
  weightSum: number;
  /** The sum of `gross`: the output's subtotal. */
  grossSum: Cents;
}

/**
 * Evaluates a Promotion plan on a validated input (runtime values) and renders its output JSON
 * (SPEC section 4). `trace` (when non-null) receives the lets, window, condition and each `when`.
 */
export function promoRun(plan: PromotionPlan, input: Env, params: Env, now: number, trace: TraceEntry[] | null): Record<string, unknown> {
  const cart = promoCart(plan, input);
  const env = plan.bind(input, params, now, { subtotal: cart.exactSubtotal }, trace);
  if (trace !== null) valRenderLets(plan.letTypes, plan.rounding, trace);
  if (plan.window !== null) {
    const { from, until } = plan.window;
    const open = (from === null || now >= from) && (until === null || now < until);
    if (trace !== null) trace.push({ kind: 'window', name: 'window', value: open });
    if (!open) return promoRender(plan, cart, null, 'window', trace);
  }
  if (plan.condition !== null) {
    const ok = plan.condition(env) === true;
    if (trace !== null) trace.push({ kind: 'condition', name: 'condition', value: ok });
    if (!ok) return promoRender(plan, cart, null, 'condition', trace);
  }
  const matched: PromotionRulePlan[] = [];
  for (const rule of plan.rules) {
    const hit = rule.when(env) === true;
    if (trace !== null) trace.push({ kind: 'when', name: rule.name, value: hit });
    if (hit) {
      matched.push(rule);
      if (plan.policy === 'first') break;
    }
  }
  if (matched.length === 0) return promoRender(plan, cart, null, 'no-rule', trace);
  let outcome: PromoOutcome;
  if (plan.policy === 'best') {
    outcome = promoOutcome(plan, env, cart, [matched[0]]);
    for (let i = 1; i < matched.length; i++) {
      const o = promoOutcome(plan, env, cart, [matched[i]]);
      if (o.discount > outcome.discount) outcome = o;
    }
  } else outcome = promoOutcome(plan, env, cart, matched);
  const out = promoRender(plan, cart, outcome, null, trace);
  out.limits = promoLimits(plan, env, outcome.discount);
  return out;
}

function promoCart(plan: PromotionPlan, input: Env): PromoCart {
  const items: any[] = input.cart.items;
  const n = items.length;
  const gross: Cents[] = new Array(n);
  // Fast path: a price of at most 2 fraction digits times the quantity is a whole number of
  // cents, exact as a safe integer (no rounding happens); the subtotal is then their sum. Any
  // other line (more digits, bigint, beyond 2^53) switches to exact Dec arithmetic for all.
  let sumCents = 0;
  let nonNeg = true;
  let i = 0;
  for (; i < n; i++) {
    const it = items[i];
    const price: Dec = it.price;
    const c = price.c;
    const s = price.s;
    if (typeof c !== 'number' || s > 2) break;
    const pc = s === 2 ? c : s === 1 ? c * 10 : c * 100;
    const g = pc * it.qty;
    const sum = sumCents + g;
    if (!(pc <= 9007199254740991 && pc >= -9007199254740991 && g <= 9007199254740991 && g >= -9007199254740991 && sum <= 9007199254740991 && sum >= -9007199254740991)) break;
    if (g < 0) nonNeg = false;
    gross[i] = g === 0 ? 0 : g;
    sumCents = sum;
  }
  let exactSubtotal: Dec;
  let grossSum: Cents = sumCents;
  const fast = i === n;
  if (fast) exactSubtotal = decFromCentsInt(sumCents);
  else {
    exactSubtotal = decZero();
    grossSum = 0;
    for (i = 0; i < n; i++) {
      const it = items[i];
      const exact = decMul(it.price, decFromInt(it.qty));
      // `subtotal` is the exact sum (SPEC 4); only the line's cents come from the snapped amount.
      exactSubtotal = decAdd(exactSubtotal, exact);
      gross[i] = decToCentsInt(promoSnap(exact), plan.rounding);
      grossSum = centsAdd(grossSum, gross[i]);
    }
  }
  const ship: Dec | null = input.cart.shipping ?? null;
  const shipping = ship === null ? 0 : centsPos(decToCentsInt(ship, plan.rounding));
  return { items, gross, shipping, exactSubtotal, cents: fast, weightSum: fast && nonNeg ? sumCents : -1, grossSum };
}

/**
 * A line amount to 15 fraction digits (half-even). A no-op for any price with up to 15 digits
 * times a quantity; it makes the 30-digit prices that `combine` passes on (remaining total / qty,
 * rounded up) add back to their exact cents before cents are rounded by the document's mode.
 */
function promoSnap(d: Dec): Dec {
  return decRound(d, 15, 'half-even');
}

/** Money rounded to cents by the document's rounding, negatives clamped to zero. */
function promoCents(plan: PromotionPlan, d: Dec): Cents {
  return centsPos(decToCentsInt(d, plan.rounding));
}

/** A placeholder until promoOutcome sets the line discounts (never read). */
const PROMO_NO_LINES: Cents[] = [];

/** Applies the effects of `rules` (in order) to the cart. */
function promoOutcome(plan: PromotionPlan, env: Env, cart: PromoCart, rules: PromotionRulePlan[]): PromoOutcome {
  const n = cart.items.length;
  // Item discounts only when a rule has one; the order shares are the allocation's own array.
  let itemDisc: Cents[] | null = null;
  let orderDisc: Cents[] | null = null;
  const o: PromoOutcome = {
    rules: [], lineDisc: PROMO_NO_LINES, lineTotal: 0, shipFree: false, shipDisc: 0, gifts: [], coupons: [], points: 0, messages: [], discount: 0,
  };
  let orderTotal: Cents = 0;
  let shipTotal: Cents = 0;
  for (const rule of rules) {
    o.rules.push(rule.name);
    const t = rule.then;
    if (t.itemDiscount !== undefined) promoItemDiscount(plan, env, cart, t.itemDiscount, itemDisc ??= new Array(n).fill(0));
    if (t.orderDiscount !== undefined) orderTotal = centsAdd(orderTotal, promoCents(plan, t.orderDiscount(env)));
    if (t.freeShipping !== undefined && t.freeShipping(env) === true) o.shipFree = true;
    if (t.shippingDiscount !== undefined) shipTotal = centsAdd(shipTotal, promoCents(plan, t.shippingDiscount(env)));
    if (t.gift !== undefined) o.gifts.push({ sku: t.gift.sku(env), qty: t.gift.qty(env) });
    if (t.coupon !== undefined) {
      const c = t.coupon;
      const exp = c.expiresIn === undefined ? null : c.expiresIn(env);
      o.coupons.push({
        to: c.to(env),
        amount: decToMoney(c.amount(env), plan.rounding),
        code: c.code === undefined ? null : c.code(env),
        expiresIn: exp === null || exp === undefined ? null : durationFormat(exp),
      });
    }
    if (t.points !== undefined) o.points += t.points(env);
    if (t.message !== undefined) o.messages.push(t.message(env));
  }
  // The order discount: capped at what is left after item discounts, then spread in cents.
  if (orderTotal > 0 && itemDisc === null && cart.weightSum >= 0 && typeof orderTotal === 'number') {
    // Order discount only, every line total a number >= 0: the totals are the weights as they are.
    const t = orderTotal < cart.weightSum ? orderTotal : cart.weightSum;
    orderDisc = allocCentsSmall(t, cart.gross as number[], cart.weightSum) ?? allocCents(t, cart.gross);
  } else if (orderTotal > 0) {
    const weights: Cents[] = new Array(n);
    let left: Cents = 0;
    // What is left of the subtotal: a negative line (a return) counts against it, so an order
    // discount never takes the order below zero (SPEC 4: "never more than what is left").
    let net: Cents = 0;
    for (let i = 0; i < n; i++) {
      const line = itemDisc === null ? cart.gross[i] : centsSub(cart.gross[i], itemDisc[i]);
      const w = centsPos(line);
      weights[i] = w;
      left = centsAdd(left, w);
      net = centsAdd(net, line);
    }
    orderDisc = allocCents(centsMin(orderTotal, centsMin(left, centsPos(net))), weights);
  }
  o.shipDisc = o.shipFree ? cart.shipping : centsMin(shipTotal, cart.shipping);
  let lineTotal: Cents = 0;
  if (itemDisc === null && orderDisc === null) o.lineDisc = new Array(n).fill(0);
  else if (itemDisc === null) {
    o.lineDisc = orderDisc!;
    for (let i = 0; i < n; i++) lineTotal = centsAdd(lineTotal, orderDisc![i]);
  } else {
    if (orderDisc !== null) for (let i = 0; i < n; i++) itemDisc[i] = centsAdd(itemDisc[i], orderDisc[i]);
    o.lineDisc = itemDisc;
    for (let i = 0; i < n; i++) lineTotal = centsAdd(lineTotal, itemDisc[i]);
  }
  o.lineTotal = lineTotal;
  o.discount = centsAdd(o.shipDisc, lineTotal);
  return o;
}

/**
 * One `itemDiscount` effect: a per-unit discount on the selected lines (all by default), at most
 * `maxQty` units chosen cheapest first (ties to the earlier line), each line's amount rounded to
 * cents, and a line's item discounts together never more than its total.
 */
function promoItemDiscount(plan: PromotionPlan, env: Env, cart: PromoCart, eff: NonNullable<PromotionRulePlan['then']['itemDiscount']>, itemDisc: Cents[]): void {
  const items = cart.items;
  let idx: number[];
  if (eff.items !== undefined) {
    const chosen = new Set(eff.items(env));
    idx = [];
    for (let i = 0; i < items.length; i++) if (chosen.has(items[i])) idx.push(i);
  } else {
    idx = new Array(items.length);
    for (let i = 0; i < items.length; i++) idx[i] = i;
  }
  if (idx.length === 0) return;
  const percent = eff.percent === undefined ? null : eff.percent(env);
  const amount = eff.amount === undefined ? null : eff.amount(env);
  const price = eff.price === undefined ? null : eff.price(env);
  const units: number[] = new Array(idx.length);
  for (let k = 0; k < idx.length; k++) units[k] = Math.max(0, items[idx[k]].qty);
  if (eff.maxQty !== undefined) {
    let budget = Math.max(0, eff.maxQty(env));
    const order = idx.map((_, k) => k);
    order.sort((a, b) => decCmp(items[idx[a]].price, items[idx[b]].price) || a - b);
    for (const k of order) {
      const take = Math.min(units[k], budget);
      units[k] = take;
      budget -= take;
    }
  }
  for (let k = 0; k < idx.length; k++) {
    if (units[k] === 0) continue;
    const i = idx[k];
    const unitPrice: Dec = items[i].price;
    if (decSign(unitPrice) <= 0) continue;
    const perUnit = promoPerUnit(unitPrice, percent, amount, price);
    if (decSign(perUnit) <= 0) continue;
    const lineAmount = decToCentsInt(promoSnap(decMul(perUnit, decFromInt(units[k]))), plan.rounding);
    itemDisc[i] = centsMin(centsAdd(itemDisc[i], lineAmount), centsPos(cart.gross[i]));
  }
}

/** The discount on one unit: the largest of those given (percent of the price, amount, down to price), within [0, price]. */
function promoPerUnit(unitPrice: Dec, percent: Dec | null, amount: Dec | null, price: Dec | null): Dec {
  let best = decZero();
  if (percent !== null) best = decMul(unitPrice, percent);
  if (amount !== null && decCmp(amount, best) > 0) best = amount;
  if (price !== null) {
    const off = decSub(unitPrice, price);
    if (decCmp(off, best) > 0) best = off;
  }
  if (decSign(best) < 0) return decZero();
  return decCmp(best, unitPrice) > 0 ? unitPrice : best;
}

/** The `limits` of an applied promotion: null when none are declared. */
function promoLimits(plan: PromotionPlan, env: Env, discount: Cents): Record<string, unknown> | null {
  const l = plan.limits;
  if (l === null) return null;
  return {
    redemptions: l.redemptions !== null || l.perCustomer !== null ? 1 : null,
    customer: l.customer !== null ? l.customer(env) : null,
    budget: l.budget !== null ? centsMoney(discount) : null,
  };
}

/** The output JSON of SPEC section 4; `outcome` null means not applied for `reason`. */
function promoRender(plan: PromotionPlan, cart: PromoCart, outcome: PromoOutcome | null, reason: string | null, trace: TraceEntry[] | null): Record<string, unknown> {
  const disc = outcome === null ? null : outcome.lineDisc;
  const lines = promoLinesCents(cart, disc) ?? promoLinesExact(plan, cart, disc);
  const subtotal = cart.grossSum;
  const out: Record<string, unknown> = {
    sku: plan.sku,
    version: plan.version,
    applied: outcome !== null,
    reason,
    rules: outcome === null ? [] : outcome.rules,
    subtotal: centsMoney(subtotal),
    discount: outcome === null ? '0.00' : centsMoney(outcome.discount),
    total: centsMoney(outcome === null ? subtotal : centsSub(subtotal, outcome.lineTotal)),
    lines,
    shipping: { free: outcome !== null && outcome.shipFree, discount: outcome === null ? '0.00' : centsMoney(outcome.shipDisc) },
    gifts: outcome === null ? [] : outcome.gifts,
    coupons: outcome === null ? [] : outcome.coupons,
    points: outcome === null ? 0 : outcome.points,
    messages: outcome === null ? [] : outcome.messages,
    limits: null,
  };
  if (trace !== null) out.trace = trace;
  return out;
}

/**
 * The output lines when every price is whole cents and every line discount a number (the common
 * cart): each money text straight from integer cents, no rounding, no BigInt checks. Null when
 * that does not hold; promoLinesExact then renders them. Both build the same line shape.
 */
function promoLinesCents(cart: PromoCart, disc: Cents[] | null): Record<string, unknown>[] | null {
  if (!cart.cents) return null;
  const items = cart.items;
  const gross = cart.gross as number[];
  const n = items.length;
  const lines: Record<string, unknown>[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const it = items[i];
    const g = gross[i];
    const d = disc === null ? 0 : disc[i];
    if (typeof d !== 'number') return null;
    const t = g - d;
    if (!(t <= 9007199254740991 && t >= -9007199254740991)) return null;
    // promoCart checked that this price in cents is a safe integer.
    const p: Dec = it.price;
    const pc = p.s === 2 ? (p.c as number) : p.s === 1 ? (p.c as number) * 10 : (p.c as number) * 100;
    lines[i] = { sku: it.sku, qty: it.qty, price: decCentsText(pc), discount: d === 0 ? '0.00' : decCentsText(d), total: decCentsText(t) };
  }
  return lines;
}

/** The output lines of any cart: prices rounded by the document's mode, amounts of any size. */
function promoLinesExact(plan: PromotionPlan, cart: PromoCart, disc: Cents[] | null): Record<string, unknown>[] {
  const mode = plan.rounding;
  const items = cart.items;
  const lines: Record<string, unknown>[] = new Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    const g = cart.gross[i];
    const d = disc === null ? 0 : disc[i];
    lines[i] = { sku: it.sku, qty: it.qty, price: decToMoney(it.price, mode), discount: centsMoney(d), total: centsMoney(centsSub(g, d)) };
  }
  return lines;
}
