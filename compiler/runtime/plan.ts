// The plan: what a compiled (or interpreted) document hands to the runtime engines.
// Generated executors build a plan whose functions are compiled JavaScript; the reference
// evaluator (compiler/evaluate) builds the same plan from closures over the AST. The engines
// (promotion.ts, selection.ts, pricing.ts) implement the kind semantics once, for both.
//
// Runtime values: bool -> boolean; int -> number; decimal and money -> Dec; string and enum ->
// string; timestamp -> epoch milliseconds (number); duration -> milliseconds (number);
// list -> array; object -> plain object; null or absent -> null.
import type { Dec } from './decimal.ts';

/** A runtime type descriptor: the same JSON shape as dsl/types/type.ts `Type`. */
export type RType =
  | { kind: 'bool' | 'int' | 'decimal' | 'money' | 'string' | 'timestamp' | 'duration' | 'null' | 'error' }
  | { kind: 'enum'; values: string[] }
  | { kind: 'list'; element: RType }
  | { kind: 'object'; fields: { name: string; type: RType }[]; name?: string }
  | { kind: 'optional'; inner: RType };

export type Rounding = 'half-up' | 'half-even' | 'down' | 'up';

/** The evaluation environment: input fields, params, lets, `now` and (Promotion) `subtotal` by name. */
export type Env = Record<string, any>;

/** What every plan shares. */
export interface PlanBase {
  sku: string;
  name: string;
  version: string;
  timezone: string;
  rounding: Rounding;
  input: RType & { kind: 'object' };
  params: RType & { kind: 'object' };
  /** Param defaults, evaluated in order (a default may use earlier params). */
  paramDefaults: (params: Env) => Env;
  /**
   * Builds the environment for one evaluation: copies the validated input's fields and the params,
   * sets `now` (and `subtotal` for a Promotion, computed by the engine and passed in `pre`), then
   * evaluates every `let` in order. When `trace` is given, each let's value is pushed to it.
   */
  bind: (input: Env, params: Env, now: number, pre: Env, trace: TraceEntry[] | null) => Env;
  /** The static type of each `let`, in order, for rendering trace values. */
  letTypes: { name: string; type: RType }[];
  /**
   * False when no expression (nor a Promotion's window) reads `now`: the executor then does not
   * read the clock for a call without a `now` option. Absent means true.
   */
  usesNow?: boolean;
}

export interface TraceEntry {
  kind: 'let' | 'when' | 'condition' | 'window';
  /** The let's name, or the rule's name for `when`. */
  name: string;
  /** The value in its JSON output form. */
  value: unknown;
}

export interface PromotionPlan extends PlanBase {
  kind: 'Promotion';
  class: 'order' | 'item' | 'shipping';
  priority: number;
  combinesWith: ('order' | 'item' | 'shipping')[];
  window: { from: number | null; until: number | null } | null;
  condition: ((env: Env) => boolean) | null;
  policy: 'first' | 'all' | 'best';
  rules: PromotionRulePlan[];
  limits: {
    redemptions: ((env: Env) => number) | null;
    perCustomer: ((env: Env) => number) | null;
    customer: ((env: Env) => string) | null;
    budget: ((env: Env) => Dec) | null;
  } | null;
}

export interface PromotionRulePlan {
  name: string;
  when: (env: Env) => boolean;
  then: {
    orderDiscount?: (env: Env) => Dec;
    itemDiscount?: {
      /** The selected lines: elements of cart.items (compared by identity). */
      items?: (env: Env) => any[];
      percent?: (env: Env) => Dec;
      amount?: (env: Env) => Dec;
      price?: (env: Env) => Dec;
      maxQty?: (env: Env) => number;
    };
    freeShipping?: (env: Env) => boolean;
    shippingDiscount?: (env: Env) => Dec;
    gift?: { sku: (env: Env) => string; qty: (env: Env) => number };
    coupon?: { to: (env: Env) => string; amount: (env: Env) => Dec; code?: (env: Env) => string; expiresIn?: (env: Env) => number };
    points?: (env: Env) => number;
    message?: (env: Env) => string;
  };
}

export interface SelectionPlan extends PlanBase {
  kind: 'Selection';
  from: (env: Env) => any[];
  variable: string;
  where: ((env: Env, item: any) => boolean) | null;
  orderBy: { key: (env: Env, item: any) => any; type: RType; desc: boolean }[];
  limit: ((env: Env) => number) | null;
  offset: ((env: Env) => number) | null;
  /** Builds one output item (runtime values); absent: the element itself. */
  select: ((env: Env, item: any) => Env) | null;
  /** The type of one output item, for rendering it to JSON. */
  itemType: RType;
}

export interface PricingPlan extends PlanBase {
  kind: 'PricingTier';
  currency: string;
  meters: {
    name: string;
    quantity: (env: Env) => Dec | number;
    mode: 'graduated' | 'volume' | 'package';
    tiers: { upTo: Dec | null; unit: (env: Env) => Dec | number; flat: ((env: Env) => Dec | number) | null }[];
    package: { size: Dec; price: (env: Env) => Dec | number } | null;
  }[];
  multiplier: ((env: Env) => Dec | number) | null;
  minimum: ((env: Env) => Dec | number) | null;
  maximum: ((env: Env) => Dec | number) | null;
}

export type Plan = PromotionPlan | SelectionPlan | PricingPlan;

/** Options of `execute` (SPEC section 8). */
export interface ExecuteOptions<P = Record<string, unknown>> {
  params?: Partial<P>;
  now?: string | Date;
  trace?: boolean;
  /** The call's work budget (list elements and characters walked), at most the default 10,000,000; a host running many calls for one request (a batch, combine) gives each a share. */
  workLimit?: number;
}

export type ValidationResult<I> =
  | { ok: true; value: I }
  | { ok: false; errors: { path: string; message: string }[] };

/** The executor contract of SPEC section 8. */
export interface Executor<I, O, P> {
  readonly sku: string;
  readonly kind: 'Promotion' | 'Selection' | 'PricingTier';
  readonly name: string;
  readonly version: string;
  validate(input: unknown): ValidationResult<I>;
  execute(input: I, options?: ExecuteOptions<P>): O;
}
