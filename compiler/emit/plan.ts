// CheckedDocument -> the JavaScript source of `const plan = {...}` (compiler/runtime/plan.ts):
// the parts every kind shares (types, param defaults, bind with its trace), then the
// kind-specific fields from plan-promotion.ts, plan-selection.ts and plan-pricing.ts.
import type { Expr } from '../../dsl/ast.ts';
import type { CheckedDocument } from '../../dsl/model.ts';
import type { Type } from '../../dsl/types/type.ts';
import { typeOf } from '../type-helpers.ts';
import type { EmitContext } from './context.ts';
import { Hoister, newContext } from './context.ts';
import { emitExpr } from './expression.ts';
import { lit, objectKey, prop } from './literal.ts';
import { promotionFields } from './plan-promotion.ts';
import { selectionFields } from './plan-selection.ts';
import { pricingFields } from './plan-pricing.ts';

/** The emitted plan: module-level constants and the object literal, ready to follow the runtime. */
export interface EmittedPlan {
  /** `const $tz = ...;`, `const $k0 = decParse(...);`, ... one per line. */
  constants: string[];
  /** The object literal of the plan (no `const plan =`). */
  literal: string;
  /** The plan interface name of compiler/runtime/plan.ts for this kind. */
  planType: 'PromotionPlan' | 'SelectionPlan' | 'PricingPlan';
}

/** A key/value list rendered as an object literal over several lines. */
export function objectLiteral(fields: [string, string][], indent: string): string {
  if (fields.length === 0) return '{}';
  const inner = indent + '  ';
  return `{\n${fields.map(([k, v]) => `${inner}${k}: ${v},`).join('\n')}\n${indent}}`;
}

/** `(env) => <expr>` converted to `want`. */
export function envFn(e: Expr, ctx: EmitContext, want?: Type): string {
  return `(${ctx.env}) => ${emitExpr(e, ctx, want)}`;
}

/** `(env) => <expr>` or `null`. */
export function optEnvFn(e: Expr | undefined, ctx: EmitContext, want?: Type): string {
  return e ? envFn(e, ctx, want) : 'null';
}

/** Emits the plan of one checked document. */
export function emitPlan(doc: CheckedDocument, flavor: 'js' | 'ts' = 'js'): EmittedPlan {
  const ts = flavor === 'ts';
  const hoist = new Hoister(ts);
  const ctx = newContext(hoist, ts);
  const objectCast = ts ? ' as PlanBase["input"]' : '';
  const inputType: Type = { kind: 'object', fields: doc.input };
  const paramsType: Type = { kind: 'object', fields: doc.params.map((p) => ({ name: p.name, type: p.type })) };
  const common: [string, string][] = [
    ['kind', lit(doc.kind)],
    ['sku', lit(doc.sku)],
    ['name', lit(doc.metadata.name)],
    ['version', lit(doc.metadata.version)],
    ['timezone', ctx.timezone],
    ['rounding', ctx.rounding],
    ['input', hoist.type(inputType) + objectCast],
    ['params', hoist.type(paramsType) + objectCast],
    ['paramDefaults', emitParamDefaults(doc, ctx)],
    ['bind', emitBind(doc, ctx)],
    ['letTypes', `[${doc.lets.map((l) => `{ name: ${lit(l.name)}, type: ${hoist.type(typeOf(l.expr))} }`).join(', ')}]`],
  ];
  let kindFields: [string, string][];
  let planType: EmittedPlan['planType'];
  switch (doc.spec.kind) {
    case 'Promotion':
      kindFields = promotionFields(doc.spec, ctx);
      planType = 'PromotionPlan';
      break;
    case 'Selection':
      kindFields = selectionFields(doc.spec, ctx);
      planType = 'SelectionPlan';
      break;
    case 'PricingTier':
      kindFields = pricingFields(doc.spec, ctx);
      planType = 'PricingPlan';
      break;
  }
  // Emitted last: only now is it known whether an expression read `now` (a Promotion's window
  // reads it too). Without it the executor skips reading the clock when no `now` option is given.
  const usesNow = ctx.uses.now || (doc.spec.kind === 'Promotion' && !!doc.spec.window);
  kindFields = [...kindFields, ['usesNow', usesNow ? 'true' : 'false']];
  const constants = [
    `const $tz${ts ? ': string' : ''} = ${lit(doc.metadata.timezone)};`,
    `const $rnd${ts ? ': Rounding' : ''} = ${lit(doc.spec.rounding)};`,
    ...hoist.declarations(),
  ];
  return { constants, literal: objectLiteral([...common, ...kindFields], ''), planType };
}

/**
 * Param defaults in declaration order; a given value (own property, not undefined) wins over the
 * default, and a later default sees the earlier params as finally chosen.
 */
function emitParamDefaults(doc: CheckedDocument, ctx: EmitContext): string {
  if (doc.params.length === 0) return '(_params) => ({})';
  const env = ctx.env;
  const lines = [`const ${env}${ctx.ts ? ': Env' : ''} = { ${doc.params.map((p) => `${objectKey(p.name)}: null`).join(', ')} };`];
  for (const p of doc.params) {
    const key = lit(p.name);
    lines.push(
      `${prop(env, p.name)} = Object.hasOwn(params, ${key}) && params[${key}] !== undefined ? params[${key}] : ${emitExpr(p.default, ctx, p.type)};`,
    );
  }
  lines.push(`return ${env};`);
  return `(params) => {\n    ${lines.join('\n    ')}\n  }`;
}

/** The environment of one evaluation: input fields, params, `now`, `subtotal`, then each let in order. */
function emitBind(doc: CheckedDocument, ctx: EmitContext): string {
  const env = ctx.env;
  const init: string[] = [
    ...doc.input.map((f) => `${objectKey(f.name)}: ${prop('input', f.name)}`),
    ...doc.params.map((p) => `${objectKey(p.name)}: ${prop('params', p.name)}`),
    `"now": now`,
    ...(doc.kind === 'Promotion' ? [`"subtotal": pre["subtotal"]`] : []),
    ...doc.lets.map((l) => `${objectKey(l.name)}: null`),
  ];
  // bind starts every call: the call's work budget starts here too.
  const lines = ['cxWorkReset();', `const ${env}${ctx.ts ? ': Env' : ''} = { ${init.join(', ')} };`];
  for (const l of doc.lets) {
    lines.push(`${prop(env, l.name)} = ${emitExpr(l.expr, ctx)};`);
    // Raw values: the engine renders them with `letTypes` (valRenderLets) once evaluation is done.
    lines.push(`if (trace !== null) trace.push({ kind: "let", name: ${lit(l.name)}, value: ${prop(env, l.name)} });`);
  }
  lines.push(`return ${env};`);
  return `(input, params, now, pre, trace) => {\n    ${lines.join('\n    ')}\n  }`;
}
