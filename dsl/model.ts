// The checked document: the contract between the front end (dsl/) and the back end (compiler/).
// A document reaches the compiler only when it produced no error diagnostics; then every
// expression in it is parsed, resolved and annotated with its type.
import type { Expr, Span, Template } from './ast.ts';
import type { Field, Type } from './types/type.ts';

export type DocumentKind = 'Promotion' | 'Selection' | 'PricingTier';
export type Rounding = 'half-up' | 'half-even' | 'down' | 'up';

/** One document of a rule file, after parsing, frame validation, name resolution and type checking. */
export interface CheckedDocument {
  file: string;
  /** 0-based index of the document inside its file. */
  index: number;
  /** The document's own source text, without its `---` line (docs/language.md "Documents"); hashed into `sourceHash`. */
  source: string;
  span: Span;
  kind: DocumentKind;
  /** `<prefix>:<name>:v<MAJOR>`, e.g. `promo:full-reduction:v1`. */
  sku: string;
  metadata: {
    name: string;
    version: string;
    title?: string;
    description?: string;
    labels?: Record<string, string>;
    /** IANA zone; 'UTC' when the document gives none. */
    timezone: string;
  };
  billing: {
    tier: 'basic' | 'premium' | 'enterprise';
    rateLimit?: { count: number; per: 's' | 'm' | 'h' | 'd'; text: string };
    quotaScope: 'tenant' | 'api-key';
    plan?: string;
  };
  /** Named types in declaration order, resolved (object types carry their `name`). */
  types: { name: string; type: Type }[];
  /** The input object's fields, in declaration order. */
  input: Field[];
  /** Params in declaration order; `default` is a typed expression that uses only literals and earlier params. */
  params: { name: string; type: Type; default: Expr; span: Span }[];
  /** `let` bindings in order; each may use input, params, earlier lets (and `subtotal` in a Promotion). */
  lets: { name: string; expr: Expr; span: Span }[];
  spec: PromotionSpec | SelectionSpec | PricingSpec;
  tests: TestCase[];
}

export interface PromotionSpec {
  kind: 'Promotion';
  class: 'order' | 'item' | 'shipping';
  priority: number;
  combinesWith: ('order' | 'item' | 'shipping')[];
  /** Epoch milliseconds, [from, until). */
  window?: { from?: number; until?: number };
  condition?: Expr;
  limits?: {
    redemptions?: Expr; // int
    perCustomer?: Expr; // int
    customer?: Template;
    budget?: Expr; // money
  };
  policy: 'first' | 'all' | 'best';
  rounding: Rounding;
  /** The element type `L` of `cart.items`. */
  lineType: Type;
  rules: PromotionRule[];
}

export interface PromotionRule {
  /** Given, or `rule-<index from 1>`. */
  name: string;
  span: Span;
  when: Expr; // bool
  then: Effects;
}

/** The effects of a rule; each present key was written in `then`. */
export interface Effects {
  orderDiscount?: Expr; // money
  itemDiscount?: { items?: Expr; percent?: Expr; amount?: Expr; price?: Expr; maxQty?: Expr };
  freeShipping?: Expr; // bool
  shippingDiscount?: Expr; // money
  gift?: { sku: Template; qty: Expr };
  coupon?: { to: Template; amount: Expr; code?: Template; expiresIn?: Expr };
  points?: Expr; // int
  message?: Template;
}

export interface SelectionSpec {
  kind: 'Selection';
  /** The list input field (an expression of list type) and the element variable bound by `as`. */
  from: Expr;
  variable: string;
  elementType: Type;
  where?: Expr; // bool, may use `variable`
  orderBy: { key: Expr; direction: 'asc' | 'desc' }[];
  limit?: Expr; // int
  offset?: Expr; // int
  /** Object fields in order; absent means the element itself is selected. */
  select?: { name: string; expr: Expr }[];
  rounding: Rounding;
}

export interface PricingSpec {
  kind: 'PricingTier';
  currency: string;
  meters: PricingMeter[];
  multiplier?: Expr; // decimal or int
  minimum?: Expr; // money
  maximum?: Expr; // money
  rounding: Rounding;
}

export interface PricingMeter {
  name: string;
  quantity: Expr; // int or decimal
  mode: 'graduated' | 'volume' | 'package';
  /** For graduated and volume; `upTo` is the literal decimal text, absent on the last tier. */
  tiers: { upTo?: string; unit: Expr; flat?: Expr }[];
  package?: { size: string; price: Expr };
}

/** A test case from `tests:` (SPEC section 7); JSON values as written in YAML. */
export interface TestCase {
  name: string;
  span: Span;
  input: unknown;
  params?: Record<string, unknown>;
  /** ISO 8601 text of the clock, when given. */
  now?: string;
  expect: unknown;
}
