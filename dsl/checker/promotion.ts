// Static rules of a Promotion (SPEC section 4): the required cart shape of the input, window,
// condition, limits, rules with `when` and every effect typed per the effects table, and the
// W5001 warning for rules that can never run under `policy: first`.
import { isMap, type Node } from 'yaml';
import type { Expr, Template } from '../ast.ts';
import { report } from '../diagnostics/codes.ts';
import type { Effects, PromotionRule, PromotionSpec, Rounding } from '../model.ts';
import { parseIsoTimestamp } from '../parser/timestamp.ts';
import { T, typeToString, type Field, type Type } from '../types/type.ts';
import type { DocContext, Path } from './doc-context.ts';
import type { Scope } from './scope.ts';
import { assignable } from './type-relations.ts';

type Json = Record<string, unknown>;

/** The line type `L` of `cart.items`, or undefined (reported) when the input lacks the cart shape. */
export function promotionLineType(ctx: DocContext, input: Field[]): Type | undefined {
  const inputKey = ctx.entries(ctx.root).find((e) => e.key === 'input');
  const span = inputKey?.keySpan ?? { start: 0, end: 0 };
  const fail = (msg: string) => { ctx.report(report('E4001', span, msg)); return undefined; };
  const cart = input.find((f) => f.name === 'cart')?.type;
  if (!cart) return fail('`cart` is missing');
  if (cart.kind !== 'object') return fail(`\`cart\` is ${typeToString(cart)}`);
  const items = cart.fields.find((f) => f.name === 'items')?.type;
  if (!items || items.kind !== 'list' || items.element.kind !== 'object') return fail('`cart.items` must be a list of objects');
  const line = items.element;
  for (const [name, t] of [['sku', T.string], ['price', T.money], ['qty', T.int]] as const) {
    const f = line.fields.find((x) => x.name === name);
    if (!f || f.type.kind !== t.kind) return fail(`the line type needs \`${name}: ${t.kind}\``);
  }
  const shipping = cart.fields.find((f) => f.name === 'shipping')?.type;
  if (shipping && assignable(shipping, T.optional(T.money)) !== 'ok') return fail('`cart.shipping` must be money');
  return line;
}

function exprAt(ctx: DocContext, path: Path, to: Type, where: string, scope: Scope): Expr | undefined {
  const node = ctx.node(path);
  if (!node) return undefined;
  const e = ctx.expr(node);
  if (e) ctx.checker.expect(e, to, where, scope);
  return e;
}

/** Parses a template and type-checks its `${expr}` parts (any value may be inserted). */
export function templateAt(ctx: DocContext, path: Path, scope: Scope): Template | undefined {
  const node = ctx.node(path);
  if (!node) return undefined;
  const t = ctx.template(node);
  for (const part of t?.parts ?? []) if (typeof part !== 'string') ctx.checker.check(part, scope);
  return t;
}

/**
 * `limits.customer`: SPEC section 1 lists it among the templates, while SPEC section 4 writes
 * `customer: user.id` ("expression giving the customer key") and shows the key `"u-1"`. A constant
 * key would make every shopper share one per-customer counter, so text without `${...}` is read as
 * an expression (any value, inserted in its output form); text with `${...}` stays a template.
 */
function customerKeyAt(ctx: DocContext, path: Path, scope: Scope): Template | undefined {
  const node = ctx.node(path);
  if (!node) return undefined;
  const template = ctx.template(node);
  if (!template || template.parts.some((part) => typeof part !== 'string')) return templateAt(ctx, path, scope);
  const e = ctx.expr(node);
  if (!e) return undefined;
  ctx.checker.check(e, scope);
  return { span: template.span, parts: [e] };
}

function effects(ctx: DocContext, path: Path, line: Type, scope: Scope): Effects {
  const out: Effects = {};
  const has = (k: string) => ctx.node([...path, k]) !== undefined;
  if (has('orderDiscount')) out.orderDiscount = exprAt(ctx, [...path, 'orderDiscount'], T.money, '`orderDiscount`', scope);
  if (has('itemDiscount')) {
    const p = [...path, 'itemDiscount'];
    const d: NonNullable<Effects['itemDiscount']> = {};
    if (has('itemDiscount') && ctx.node([...p, 'items'])) d.items = exprAt(ctx, [...p, 'items'], T.list(line), '`itemDiscount.items`', scope);
    if (ctx.node([...p, 'percent'])) d.percent = exprAt(ctx, [...p, 'percent'], T.decimal, '`itemDiscount.percent`', scope);
    if (ctx.node([...p, 'amount'])) d.amount = exprAt(ctx, [...p, 'amount'], T.money, '`itemDiscount.amount`', scope);
    if (ctx.node([...p, 'price'])) d.price = exprAt(ctx, [...p, 'price'], T.money, '`itemDiscount.price`', scope);
    if (ctx.node([...p, 'maxQty'])) d.maxQty = exprAt(ctx, [...p, 'maxQty'], T.int, '`itemDiscount.maxQty`', scope);
    const kinds = ['percent', 'amount', 'price'].filter((k) => ctx.node([...p, k]) !== undefined).length;
    if (kinds !== 1) {
      const key = ctx.entries(path).find((e) => e.key === 'itemDiscount');
      ctx.report(report('E4002', key?.keySpan ?? ctx.span(ctx.node(p))));
    }
    out.itemDiscount = d;
  }
  if (has('freeShipping')) out.freeShipping = exprAt(ctx, [...path, 'freeShipping'], T.bool, '`freeShipping`', scope);
  if (has('shippingDiscount')) out.shippingDiscount = exprAt(ctx, [...path, 'shippingDiscount'], T.money, '`shippingDiscount`', scope);
  if (has('gift')) {
    const sku = templateAt(ctx, [...path, 'gift', 'sku'], scope);
    const qty = exprAt(ctx, [...path, 'gift', 'qty'], T.int, '`gift.qty`', scope);
    if (sku && qty) out.gift = { sku, qty };
  }
  if (has('coupon')) {
    const p = [...path, 'coupon'];
    const to = templateAt(ctx, [...p, 'to'], scope);
    const amount = exprAt(ctx, [...p, 'amount'], T.money, '`coupon.amount`', scope);
    const code = templateAt(ctx, [...p, 'code'], scope);
    const expiresIn = exprAt(ctx, [...p, 'expiresIn'], T.duration, '`coupon.expiresIn`', scope);
    if (to && amount) out.coupon = { to, amount, ...(code ? { code } : {}), ...(expiresIn ? { expiresIn } : {}) };
  }
  if (has('points')) out.points = exprAt(ctx, [...path, 'points'], T.int, '`points`', scope);
  if (has('message')) out.message = templateAt(ctx, [...path, 'message'], scope);
  return out;
}

function windowAt(ctx: DocContext, w: Json | undefined): PromotionSpec['window'] {
  if (!w) return undefined;
  const out: NonNullable<PromotionSpec['window']> = {};
  for (const k of ['from', 'until'] as const) {
    if (typeof w[k] !== 'string') continue;
    const ms = parseIsoTimestamp(w[k] as string);
    if (ms === undefined) ctx.report(report('E1009', ctx.span(ctx.node(['spec', 'window', k])), JSON.stringify(w[k])));
    else out[k] = ms;
  }
  if (out.from !== undefined && out.until !== undefined && out.from >= out.until) {
    ctx.report(report('E4004', ctx.span(ctx.node(['spec', 'window']))));
  }
  return out;
}

/** Checks `spec` of a Promotion. `line` is the line type from promotionLineType. */
export function checkPromotion(ctx: DocContext, spec: Json, line: Type, scope: Scope): PromotionSpec {
  const rules: PromotionRule[] = [];
  const names = new Set<string>();
  const ruleNodes = ctx.items(['spec', 'rules']);
  ruleNodes.forEach((node: Node, i) => {
    const raw = ((spec.rules as Json[])[i] ?? {}) as Json;
    const name = typeof raw.name === 'string' ? raw.name : `rule-${i + 1}`;
    if (names.has(name)) ctx.report(report('E4005', ctx.span(ctx.node(['spec', 'rules', i, 'name']) ?? node), 'rule', name));
    names.add(name);
    const when = exprAt(ctx, ['spec', 'rules', i, 'when'], T.bool, '`when`', scope);
    const then = isMap(ctx.node(['spec', 'rules', i, 'then'])) ? effects(ctx, ['spec', 'rules', i, 'then'], line, scope) : {};
    if (when) rules.push({ name, span: ctx.span(node), when, then });
  });
  const policy = (spec.policy as PromotionSpec['policy']) ?? 'first';
  if (policy === 'first') {
    const always = rules.findIndex((r) => r.when.kind === 'bool' && r.when.value);
    for (const r of rules.slice(always + 1)) if (always >= 0) ctx.report(report('W5001', r.span, r.name));
  }
  const limitsJson = spec.limits as Json | undefined;
  let limits: PromotionSpec['limits'];
  if (limitsJson) {
    limits = {};
    const p = ['spec', 'limits'];
    if ('redemptions' in limitsJson) limits.redemptions = exprAt(ctx, [...p, 'redemptions'], T.int, '`limits.redemptions`', scope);
    if ('perCustomer' in limitsJson) limits.perCustomer = exprAt(ctx, [...p, 'perCustomer'], T.int, '`limits.perCustomer`', scope);
    if ('customer' in limitsJson) limits.customer = customerKeyAt(ctx, [...p, 'customer'], scope);
    if ('budget' in limitsJson) limits.budget = exprAt(ctx, [...p, 'budget'], T.money, '`limits.budget`', scope);
    // Only a well-typed limit is checked for being reservable: one mistake, one diagnostic.
    for (const [what, e, want] of [['`limits.redemptions`', limits.redemptions, T.int], ['`limits.perCustomer`', limits.perCustomer, T.int], ['`limits.budget`', limits.budget, T.money]] as const) {
      if (!e || !e.type || e.type.kind === 'error' || assignable(e.type, want) !== 'ok') continue;
      const why = unreservable(e);
      if (why) ctx.report(report('E4013', e.span, what, why));
    }
    if ('perCustomer' in limitsJson && !('customer' in limitsJson)) {
      const key = ctx.entries(p).find((e) => e.key === 'perCustomer');
      ctx.report(report('E4003', key?.keySpan ?? ctx.span(ctx.node(p))));
    }
  }
  const condition = 'condition' in spec ? exprAt(ctx, ['spec', 'condition'], T.bool, '`condition`', scope) : undefined;
  return {
    kind: 'Promotion',
    class: (spec.class as PromotionSpec['class']) ?? 'order',
    priority: typeof spec.priority === 'number' ? spec.priority : 0,
    combinesWith: (spec.combinesWith as PromotionSpec['combinesWith']) ?? [],
    ...(spec.window ? { window: windowAt(ctx, spec.window as Json) } : {}),
    ...(condition ? { condition } : {}),
    ...(limits ? { limits } : {}),
    policy,
    rounding: (spec.rounding as Rounding) ?? 'half-up',
    lineType: line,
    rules,
  };
}

/**
 * Why a declared limit cannot be reserved (billing/limit-totals.ts evaluates it from literals and
 * params with + - *, before any cart), or null when it can.
 */
function unreservable(e: Expr): string | null {
  const shape = (x: Expr): boolean => {
    switch (x.kind) {
      case 'number': return true;
      case 'ident': return x.ref === 'param';
      case 'unary': return x.op === '-' && shape(x.operand);
      case 'binary': return (x.op === '+' || x.op === '-' || x.op === '*') && shape(x.left) && shape(x.right);
      default: return false;
    }
  };
  if (!shape(e)) return 'must use only number literals and params with + - *';
  const negative = (e.kind === 'number' && e.text.trim().startsWith('-')) || (e.kind === 'unary' && e.op === '-' && e.operand.kind === 'number' && !e.operand.text.trim().startsWith('-'));
  return negative ? 'must not be negative' : null;
}

