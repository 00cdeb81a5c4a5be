// Combining several Promotion executors on one cart (SPEC section 4.1). A host library (not
// inlined into executors): it only talks to executors through their JSON input and output, so
// it works with compiled executors (each with its own copy of the runtime) and with plans alike.
import type { Executor } from './runtime/plan.ts';
import type { RtPromotionInfo } from './runtime/executor.ts';
import { RuleError } from './runtime/errors.ts';
import { type Dec, decAdd, decDivScale, decFromInt, decFromNumber, decMul, decParse, decRound, decSign, decSub, decToMoney, decToString, decZero } from './runtime/decimal.ts';

/** A Promotion executor as `combine` needs it: its `promotion` info (priority, class, combinesWith). */
export type PromotionExecutor = Executor<any, any, any> & { readonly promotion?: RtPromotionInfo };

/** Options of `combine`. */
export interface CombineOptions {
  /** `priority` (default): apply in order when compatible; `best`: the compatible set with the largest discount. */
  strategy?: 'priority' | 'best';
  /** The clock for every promotion (default: the current time, read once). */
  now?: string | Date;
  /** Param overrides per SKU. */
  params?: Record<string, Record<string, unknown>>;
}

/** The output of `combine` (SPEC section 4.1). */
export interface CombineOutput {
  applied: string[];
  skipped: { sku: string; reason: 'window' | 'condition' | 'no-rule' | 'not-combinable' }[];
  subtotal: string;
  discount: string;
  total: string;
  lines: { sku: string; qty: number; price: string; discount: string; total: string }[];
  shipping: { free: boolean; discount: string };
  gifts: unknown[];
  coupons: unknown[];
  points: number;
  messages: string[];
  limits: Record<string, unknown>[];
}

/** The work budget one combine shares out over its evaluations (4 executor calls' worth). */
export const COMBINE_WORK = 40_000_000;
/** The least budget one evaluation gets (a cart of thousands of lines with a few macros). */
export const COMBINE_MIN_WORK = 20_000;

/** How many promotion evaluations `best` may spend searching before it gives up (keeps a call bounded). */
export const COMBINE_BEST_BUDGET = 4096;
/**
 * Fraction digits of a line's unit price after a promotion when total / qty does not terminate.
 * Rounded up, so `price * qty` is never below the remaining total (thresholds `>=` hold), and
 * close enough (< qty * 1e-30) that the engine's 15-digit line amounts give the exact cents back.
 */
const COMBINE_PRICE_SCALE = 30;

/** The cart between promotions: each line's current unit price and the remaining shipping. */
interface CartState {
  prices: Dec[] | null; // null: untouched, pass the caller's input as is
  shipping: Dec | null;
}

interface Step {
  ex: PromotionExecutor;
  info: RtPromotionInfo;
}

function combineDec(v: unknown): Dec {
  const d = typeof v === 'number' ? decFromNumber(v) : typeof v === 'string' ? decParse(v) : null;
  if (d === null) throw new RuleError('evaluation-error', `combine: not a decimal: ${String(v)}`);
  return d;
}

function combineInfo(ex: PromotionExecutor): RtPromotionInfo {
  if (ex === null || typeof ex !== 'object' || ex.kind !== 'Promotion' || ex.promotion === undefined) {
    throw new RuleError('invalid-option', `combine: ${String((ex as { sku?: unknown })?.sku)} is not a Promotion executor`);
  }
  return ex.promotion;
}

/** The input as a promotion sees it after the ones applied before it. */
function combineInput(input: any, state: CartState): unknown {
  if (state.prices === null) return input;
  const prices = state.prices;
  const cart = input.cart;
  const items = cart.items.map((it: any, i: number) => ({ ...it, price: decToString(prices[i]) }));
  const next: Record<string, unknown> = { ...cart, items };
  if (state.shipping !== null) next.shipping = decToString(state.shipping);
  return { ...input, cart: next };
}

/** The cart after an applied promotion: each price becomes its remaining line total / qty. */
function combineAdvance(state: CartState, out: any): CartState {
  const prices: Dec[] = out.lines.map((l: any, i: number) => {
    const qty: number = l.qty;
    if (qty === 0) return state.prices === null ? combineDec(l.price) : state.prices[i];
    return decDivScale(combineDec(l.total), decFromInt(qty), COMBINE_PRICE_SCALE, 'ceiling');
  });
  let shipping = state.shipping;
  if (shipping !== null) {
    shipping = decSub(shipping, combineDec(out.shipping.discount));
    if (decSign(shipping) < 0) shipping = decZero();
  }
  return { prices, shipping };
}

function combineCompatible(applied: RtPromotionInfo[], c: RtPromotionInfo): boolean {
  for (const a of applied) if (!a.combinesWith.includes(c.class) || !c.combinesWith.includes(a.class)) return false;
  return true;
}

/**
 * Applies several Promotions to one cart (SPEC section 4.1): in order of priority descending,
 * then SKU ascending; each evaluated on the cart as left by those applied before it, applied only
 * when compatible both ways with every promotion applied so far. `best` applies the compatible set
 * with the largest total discount (ties: the set that comes first in that order).
 * Throws the executors' RuleErrors (e.g. `invalid-input`), and `too-many-promotions` when `best`
 * would need more than COMBINE_BEST_BUDGET evaluations.
 */
export function combine(executors: PromotionExecutor[], input: unknown, options: CombineOptions = {}): CombineOutput {
  const steps: Step[] = executors.map((ex) => ({ ex, info: combineInfo(ex) }));
  steps.sort((a, b) => b.info.priority - a.info.priority || (a.ex.sku < b.ex.sku ? -1 : a.ex.sku > b.ex.sku ? 1 : 0));
  const now = options.now ?? new Date(Date.now());
  // One combine shares a work budget over its evaluations (`best` may make thousands), so a call
  // of many promotions costs at most a few times one executor call (docs/semantics.md).
  const evaluations = options.strategy === 'best' ? COMBINE_BEST_BUDGET : Math.max(1, 2 * steps.length);
  const workLimit = Math.max(Math.floor(COMBINE_WORK / evaluations), COMBINE_MIN_WORK);
  const run = (s: Step, state: CartState): any =>
    s.ex.execute(combineInput(input, state), { now, params: options.params?.[s.ex.sku] as any, workLimit });
  const shipping0 = combineInitialShipping(input);
  let chosen: Set<number> | null = null;
  if (options.strategy === 'best') chosen = combineBestSet(steps, run, shipping0);
  // Replay in order: with `priority` every compatible promotion applies; with `best` the chosen set.
  let state: CartState = { prices: null, shipping: shipping0 };
  const applied: { s: Step; out: any }[] = [];
  const skipped: CombineOutput['skipped'] = [];
  let first: any = null;
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i];
    const out = run(s, state);
    if (first === null) first = out;
    if (!out.applied) {
      skipped.push({ sku: s.ex.sku, reason: out.reason });
      continue;
    }
    const ok = chosen === null ? combineCompatible(applied.map((a) => a.s.info), s.info) : chosen.has(i);
    if (!ok) {
      skipped.push({ sku: s.ex.sku, reason: 'not-combinable' });
      continue;
    }
    applied.push({ s, out });
    state = combineAdvance(state, out);
  }
  return combineRender(input, first, applied, skipped);
}

function combineInitialShipping(input: any): Dec | null {
  const v = input?.cart?.shipping;
  if (v === null || v === undefined) return null;
  const d = typeof v === 'number' && Number.isFinite(v) ? decFromNumber(v) : typeof v === 'string' ? decParse(v) : null;
  return d; // an invalid value is reported by the executors' own validation
}

/** Depth-first search over include/exclude in order (include first, so ties keep the earlier set). */
function combineBestSet(steps: Step[], run: (s: Step, state: CartState) => any, shipping0: Dec | null): Set<number> {
  let budget = COMBINE_BEST_BUDGET;
  let best: number[] = [];
  let bestDiscount: Dec | null = null;
  const chosen: number[] = [];
  const infos: RtPromotionInfo[] = [];
  const visit = (i: number, state: CartState, discount: Dec): void => {
    if (i === steps.length) {
      if (bestDiscount === null || decSign(decSub(discount, bestDiscount)) > 0) {
        bestDiscount = discount;
        best = chosen.slice();
      }
      return;
    }
    const s = steps[i];
    if (combineCompatible(infos, s.info)) {
      if (--budget < 0) throw new RuleError('too-many-promotions', `combine: strategy best needs more than ${COMBINE_BEST_BUDGET} evaluations; use priority or fewer promotions`);
      const out = run(s, state);
      if (out.applied) {
        chosen.push(i);
        infos.push(s.info);
        visit(i + 1, combineAdvance(state, out), decAdd(discount, combineDec(out.discount)));
        chosen.pop();
        infos.pop();
      }
    }
    visit(i + 1, state, discount);
  };
  visit(0, { prices: null, shipping: shipping0 }, decZero());
  return new Set(best);
}

/** Sums the applied outputs over the original lines (original price, summed discount). */
function combineRender(input: any, first: any, applied: { s: Step; out: any }[], skipped: CombineOutput['skipped']): CombineOutput {
  const base: { sku: string; qty: number; price: string; gross: Dec }[] = first !== null
    ? first.lines.map((l: any) => ({ sku: l.sku, qty: l.qty, price: l.price, gross: decAdd(combineDec(l.total), combineDec(l.discount)) }))
    : combineBaseLines(input);
  const lineDisc: Dec[] = base.map(() => decZero());
  let shipDisc = decZero();
  let free = false;
  const gifts: unknown[] = [];
  const coupons: unknown[] = [];
  const messages: string[] = [];
  const limits: Record<string, unknown>[] = [];
  let points = 0;
  for (const { s, out } of applied) {
    out.lines.forEach((l: any, i: number) => {
      lineDisc[i] = decAdd(lineDisc[i], combineDec(l.discount));
    });
    shipDisc = decAdd(shipDisc, combineDec(out.shipping.discount));
    free = free || out.shipping.free === true;
    gifts.push(...out.gifts);
    coupons.push(...out.coupons);
    messages.push(...out.messages);
    points += out.points;
    if (out.limits !== null && out.limits !== undefined) limits.push({ sku: s.ex.sku, ...out.limits });
  }
  let subtotal = decZero();
  let discount = shipDisc;
  const lines = base.map((b, i) => {
    subtotal = decAdd(subtotal, b.gross);
    discount = decAdd(discount, lineDisc[i]);
    return { sku: b.sku, qty: b.qty, price: b.price, discount: decToMoney(lineDisc[i], 'half-up'), total: decToMoney(decSub(b.gross, lineDisc[i]), 'half-up') };
  });
  let lineTotal = decZero();
  for (const d of lineDisc) lineTotal = decAdd(lineTotal, d);
  return {
    applied: applied.map((a) => a.s.ex.sku),
    skipped,
    subtotal: decToMoney(subtotal, 'half-up'),
    discount: decToMoney(discount, 'half-up'),
    total: decToMoney(decSub(subtotal, lineTotal), 'half-up'),
    lines,
    shipping: { free, discount: decToMoney(shipDisc, 'half-up') },
    gifts,
    coupons,
    points,
    messages,
    limits,
  };
}

/** The lines of a cart when no promotion was given (nothing evaluated it): rounded half-up. */
function combineBaseLines(input: any): { sku: string; qty: number; price: string; gross: Dec }[] {
  const items = input?.cart?.items;
  if (!Array.isArray(items)) {
    throw new RuleError('invalid-input', 'invalid input: /cart/items: expected a list of lines', [{ path: '/cart/items', message: 'expected a list of lines' }]);
  }
  return items.map((it: any, i: number) => {
    const price = typeof it?.price === 'number' ? decFromNumber(it.price) : typeof it?.price === 'string' ? decParse(it.price) : null;
    if (price === null || typeof it?.sku !== 'string' || !Number.isSafeInteger(it?.qty)) {
      throw new RuleError('invalid-input', `invalid input: /cart/items/${i}: expected a line { sku, price, qty }`, [{ path: `/cart/items/${i}`, message: 'expected a line { sku, price, qty }' }]);
    }
    return { sku: it.sku, qty: it.qty, price: decToMoney(price, 'half-up'), gross: decRound(decMul(price, decFromInt(it.qty)), 2, 'half-up') };
  });
}
