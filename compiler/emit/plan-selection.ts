// The Selection-specific fields of a plan: from, where, orderBy, limit, offset and select. The
// element variable of `from ... as p` is the second parameter of each per-item function.
import type { Expr } from '../../dsl/ast.ts';
import type { SelectionSpec } from '../../dsl/model.ts';
import type { Type } from '../../dsl/types/type.ts';
import { holdsList, typeOf } from '../type-helpers.ts';
import type { EmitContext } from './context.ts';
import { withVariable } from './context.ts';
import { emitExpr } from './expression.ts';
import { lit, objectKey } from './literal.ts';
import { envFn, optEnvFn } from './plan.ts';

/** `[key, code]` pairs for the SelectionPlan fields beyond PlanBase. */
export function selectionFields(spec: SelectionSpec, ctx: EmitContext): [string, string][] {
  const itemFn = (body: (v: string) => string) =>
    withVariable(ctx, spec.variable, (v) => `(${ctx.env}, ${v}${ctx.ts ? ': any' : ''}) => ${body(v)}`);
  const where = spec.where ? itemFn(() => emitExpr(spec.where!, ctx)) : 'null';
  const orderBy = spec.orderBy.map(
    (o) =>
      `{ key: ${itemFn(() => emitExpr(o.key, ctx))}, type: ${ctx.hoist.type(typeOf(o.key))}, desc: ${o.direction === 'desc'} }`,
  );
  let select = 'null';
  let itemType: Type = spec.elementType;
  if (spec.select) {
    const fields = spec.select;
    // A field holding lists is charged by its full size: it is written out once per item.
    const value = (e: Expr) => (holdsList(typeOf(e)) ? `cxChargeDeep(${emitExpr(e, ctx)})` : emitExpr(e, ctx));
    select = itemFn(() => `({ ${fields.map((f) => `${objectKey(f.name)}: ${value(f.expr)}`).join(', ')} })`);
    itemType = { kind: 'object', fields: fields.map((f) => ({ name: f.name, type: typeOf(f.expr) })) };
  }
  return [
    ['from', envFn(spec.from, ctx)],
    ['variable', lit(spec.variable)],
    ['where', where],
    ['orderBy', `[${orderBy.join(', ')}]`],
    ['limit', optEnvFn(spec.limit, ctx)],
    ['offset', optEnvFn(spec.offset, ctx)],
    ['select', select],
    ['itemType', ctx.hoist.type(itemType)],
  ];
}
