// Test support: builders for typed AST nodes and small checked documents, so compiler tests do
// not depend on the front end. Every node gets the type the checker would give it.
import type { Expr, Template } from '../../dsl/ast.ts';
import type { CheckedDocument, PromotionRule, PromotionSpec, SelectionSpec, PricingSpec, TestCase } from '../../dsl/model.ts';
import { T } from '../../dsl/types/type.ts';
import type { Field, Type } from '../../dsl/types/type.ts';

const sp = { start: 0, end: 0 };

/** Typed expression builders. */
export const E = {
  /** A negative number is a unary minus on a literal, as the parser gives it. */
  int: (n: number): Expr =>
    n < 0
      ? { kind: 'unary', op: '-', operand: E.int(-n), opSpan: sp, span: sp, type: T.int }
      : { kind: 'number', text: String(n), isInteger: true, span: sp, type: T.int },
  dec: (text: string, type: Type = T.decimal): Expr =>
    text.startsWith('-')
      ? { kind: 'unary', op: '-', operand: E.dec(text.slice(1), type), opSpan: sp, span: sp, type }
      : { kind: 'number', text, isInteger: !text.includes('.'), span: sp, type },
  /** A number literal with its minus signs folded into the text (`-2.5`, `--2`), as the parser gives `-2.5`. */
  signed: (text: string, type: Type = T.decimal): Expr => ({ kind: 'number', text, isInteger: !text.includes('.'), span: sp, type }),
  pct: (text: string): Expr => ({ kind: 'percent', text, span: sp, type: T.decimal }),
  str: (value: string): Expr => ({ kind: 'string', value, span: sp, type: T.string }),
  bool: (value: boolean): Expr => ({ kind: 'bool', value, span: sp, type: T.bool }),
  nul: (): Expr => ({ kind: 'null', span: sp, type: T.null }),
  dur: (ms: number): Expr => ({ kind: 'duration', text: `${ms / 1000}s`, ms, span: sp, type: T.duration }),
  ts: (iso: string): Expr => ({ kind: 'timestamp', text: iso, ms: Date.parse(iso), span: sp, type: T.timestamp }),
  list: (items: Expr[], element: Type): Expr => ({ kind: 'list', items, span: sp, type: T.list(element) }),
  ident: (name: string, ref: NonNullable<Extract<Expr, { kind: 'ident' }>['ref']>, type: Type): Expr => ({ kind: 'ident', name, ref, span: sp, type }),
  member: (object: Expr, name: string, type: Type): Expr => ({ kind: 'member', object, name, nameSpan: sp, span: sp, type }),
  index: (object: Expr, index: Expr, type: Type): Expr => ({ kind: 'index', object, index, span: sp, type }),
  call: (callee: string, args: Expr[], type: Type): Expr => ({ kind: 'call', callee, calleeSpan: sp, args, span: sp, type }),
  method: (object: Expr, name: string, args: Expr[], type: Type): Expr => ({ kind: 'method', object, name, nameSpan: sp, args, span: sp, type }),
  macro: (object: Expr, name: Extract<Expr, { kind: 'macro' }>['name'], variable: string, body: Expr, type: Type): Expr => ({
    kind: 'macro', object, name, nameSpan: sp, variable, variableSpan: sp, body, span: sp, type,
  }),
  unary: (op: '-' | 'not', operand: Expr, type: Type): Expr => ({ kind: 'unary', op, operand, opSpan: sp, span: sp, type }),
  bin: (op: Extract<Expr, { kind: 'binary' }>['op'], left: Expr, right: Expr, type: Type): Expr => ({ kind: 'binary', op, left, right, opSpan: sp, span: sp, type }),
  cond: (test: Expr, then: Expr, els: Expr, type: Type): Expr => ({ kind: 'conditional', test, then, else: els, span: sp, type }),
};

/** A template from literal text and expression parts. */
export function tpl(...parts: (string | Expr)[]): Template {
  return { span: sp, parts };
}

/** The line type of the sample carts. */
export const Item: Type = {
  kind: 'object',
  name: 'Item',
  fields: [
    { name: 'sku', type: T.string },
    { name: 'category', type: T.string },
    { name: 'price', type: T.money },
    { name: 'qty', type: T.int },
  ],
};

export const cartInput: Field[] = [
  { name: 'cart', type: { kind: 'object', fields: [{ name: 'items', type: T.list(Item) }, { name: 'shipping', type: T.optional(T.money) }] } },
  { name: 'user', type: { kind: 'object', fields: [{ name: 'id', type: T.string }, { name: 'level', type: { kind: 'enum', values: ['normal', 'vip', 'svip'] } }] } },
];

/** `cart.items` as a typed expression. */
export const cartItems = (): Expr => E.member(E.ident('cart', 'input', cartInput[0]!.type), 'items', T.list(Item));

interface DocOptions {
  name?: string;
  title?: string;
  input?: Field[];
  params?: CheckedDocument['params'];
  lets?: CheckedDocument['lets'];
  types?: CheckedDocument['types'];
  tests?: TestCase[];
  timezone?: string;
}

function base(kind: CheckedDocument['kind'], prefix: string, o: DocOptions): Omit<CheckedDocument, 'spec'> {
  const name = o.name ?? 'sample';
  return {
    file: 'sample.yaml',
    index: 0,
    source: `kind: ${kind}\nname: ${name}\n`,
    span: sp,
    kind,
    sku: `${prefix}:${name}:v1`,
    metadata: { name, version: '1.0.0', ...(o.title !== undefined ? { title: o.title } : {}), timezone: o.timezone ?? 'UTC' },
    billing: { tier: 'basic', quotaScope: 'tenant' },
    types: o.types ?? [{ name: 'Item', type: Item }],
    input: o.input ?? cartInput,
    params: o.params ?? [],
    lets: o.lets ?? [],
    tests: o.tests ?? [],
  };
}

/** A Promotion document with the sample cart input. */
export function promotionDoc(rules: PromotionRule[], o: DocOptions & Partial<PromotionSpec> = {}): CheckedDocument {
  const spec: PromotionSpec = {
    kind: 'Promotion',
    class: o.class ?? 'order',
    priority: o.priority ?? 0,
    combinesWith: o.combinesWith ?? [],
    policy: o.policy ?? 'first',
    rounding: o.rounding ?? 'half-up',
    lineType: Item,
    rules,
    ...(o.window ? { window: o.window } : {}),
    ...(o.condition ? { condition: o.condition } : {}),
    ...(o.limits ? { limits: o.limits } : {}),
  };
  return { ...base('Promotion', 'promo', o), spec };
}

/** A rule with a name. */
export function rule(name: string, when: Expr, then: PromotionRule['then']): PromotionRule {
  return { name, span: sp, when, then };
}

/** A Selection document. */
export function selectionDoc(spec: Omit<SelectionSpec, 'kind' | 'rounding'>, o: DocOptions = {}): CheckedDocument {
  return { ...base('Selection', 'select', o), spec: { kind: 'Selection', rounding: 'half-up', ...spec } };
}

/** A PricingTier document. */
export function pricingDoc(spec: Omit<PricingSpec, 'kind' | 'rounding'>, o: DocOptions = {}): CheckedDocument {
  return { ...base('PricingTier', 'price', o), spec: { kind: 'PricingTier', rounding: 'half-up', ...spec } };
}
