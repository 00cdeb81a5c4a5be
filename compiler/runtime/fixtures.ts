// Test support (not inlined into executors): hand-written plans, the closures a compiler would
// generate written by hand, so the engines can be tested without the compiler.
import type { Env, PricingPlan, PromotionPlan, PromotionRulePlan, RType, SelectionPlan, TraceEntry } from './plan.ts';
import { type Dec, decCmp, decParse } from './decimal.ts';
import { valTemplate } from './values.ts';

/** A decimal literal (throws on a typo in a test). */
export function D(text: string): Dec {
  const d = decParse(text);
  if (d === null) throw new Error(`bad decimal literal ${text}`);
  return d;
}

/** Runtime type descriptors, short. */
export const T = {
  bool: { kind: 'bool' } as RType,
  int: { kind: 'int' } as RType,
  decimal: { kind: 'decimal' } as RType,
  money: { kind: 'money' } as RType,
  string: { kind: 'string' } as RType,
  timestamp: { kind: 'timestamp' } as RType,
  duration: { kind: 'duration' } as RType,
  opt: (inner: RType): RType => ({ kind: 'optional', inner }),
  list: (element: RType): RType => ({ kind: 'list', element }),
  obj: (fields: Record<string, RType>, name?: string) =>
    ({ kind: 'object', fields: Object.entries(fields).map(([n, type]) => ({ name: n, type })), ...(name ? { name } : {}) }) as RType & { kind: 'object' },
  enum: (...values: string[]): RType => ({ kind: 'enum', values }),
};

/** A cart line with an optional category. */
export const ItemType = T.obj({ sku: T.string, category: T.opt(T.string), price: T.money, qty: T.int }, 'Item');
/** The Promotion input `{ cart: { items, shipping? }, user? }`. */
export const CartInput = T.obj({
  cart: T.obj({ items: T.list(ItemType), shipping: T.opt(T.money) }),
  user: T.opt(T.obj({ id: T.string, level: T.enum('normal', 'vip', 'svip') })),
});

/** A `bind` as the compiler would generate it: input fields, params, now, `pre`, then each let in order. */
export function makeBind(lets: [string, (env: Env) => unknown][] = []): PromotionPlan['bind'] {
  return (input: Env, params: Env, now: number, pre: Env, trace: TraceEntry[] | null): Env => {
    const env: Env = { ...input, ...params, now, ...pre };
    for (const [name, f] of lets) {
      env[name] = f(env);
      if (trace !== null) trace.push({ kind: 'let', name, value: env[name] });
    }
    return env;
  };
}

/** A Promotion plan with defaults for everything the test does not care about. */
export function promoPlan(p: Partial<PromotionPlan> & { rules: PromotionRulePlan[] }): PromotionPlan {
  return {
    kind: 'Promotion', sku: 'promo:test:v1', name: 'test', version: '1.0.0', timezone: 'UTC', rounding: 'half-up',
    input: CartInput, params: T.obj({}), paramDefaults: (params: Env) => ({ ...params }), bind: makeBind(), letTypes: [],
    class: 'order', priority: 0, combinesWith: [], window: null, condition: null, policy: 'first', limits: null,
    ...p,
  };
}

/** SPEC section 4's example document, by hand. */
export function fullReductionPlan(): PromotionPlan {
  return promoPlan({
    sku: 'promo:full-reduction:v1', name: 'full-reduction', version: '1.2.0',
    params: T.obj({ threshold: T.money }),
    paramDefaults: (p: Env) => ({ threshold: p.threshold ?? D('200') }),
    bind: makeBind([['big', (env) => decCmp(env.subtotal, D('400')) >= 0]]),
    letTypes: [{ name: 'big', type: T.bool }],
    condition: (env) => env.user === null || env.user.level !== 'normal',
    limits: {
      redemptions: () => 100, perCustomer: () => 1, customer: (env) => env.user?.id ?? '', budget: () => D('5000'),
    },
    rules: [
      { name: 'big-spender', when: (env) => decCmp(env.subtotal, D('400')) >= 0, then: { orderDiscount: () => D('80') } },
      {
        name: 'rule-2', when: (env) => decCmp(env.subtotal, env.threshold) >= 0,
        then: { orderDiscount: () => D('30'), message: (env) => `满${valTemplate(T.money, env.threshold)}减30` },
      },
    ],
  });
}

/** A Selection plan over `products`. */
export function selPlan(p: Partial<SelectionPlan>): SelectionPlan {
  const Product = T.obj({ sku: T.string, sales: T.opt(T.int), price: T.money, stock: T.int }, 'Product');
  return {
    kind: 'Selection', sku: 'select:test:v1', name: 'test', version: '1.0.0', timezone: 'UTC', rounding: 'half-up',
    input: T.obj({ products: T.list(Product) }), params: T.obj({}), paramDefaults: (x: Env) => ({ ...x }), bind: makeBind(), letTypes: [],
    from: (env) => env.products, variable: 'p', where: null, orderBy: [], limit: null, offset: null, select: null, itemType: Product,
    ...p,
  };
}

/** A PricingTier plan with the usage input of the billing plans. */
export function pricePlan(p: Partial<PricingPlan>): PricingPlan {
  return {
    kind: 'PricingTier', sku: 'price:test:v1', name: 'test', version: '1.0.0', timezone: 'UTC', rounding: 'half-up',
    input: T.obj({ usage: T.obj({ calls: T.int, responseKB: T.decimal }), sla: T.enum('bronze', 'silver', 'gold') }),
    params: T.obj({}), paramDefaults: (x: Env) => ({ ...x }), bind: makeBind(), letTypes: [],
    currency: 'CNY', meters: [], multiplier: null, minimum: null, maximum: null,
    ...p,
  };
}
