// List macros with a bound variable: filter, map, any, all, count, sum, min, max, first.
// The variable becomes the parameter of an arrow function with a generated name (`v0`, `v1`...),
// so a document's variable name is never written into the code.
import type { Expr, Macro } from '../../dsl/ast.ts';
import { T } from '../../dsl/types/type.ts';
import type { Type } from '../../dsl/types/type.ts';
import { CompileError, holdsList, isDecKind, sameType, typeOf, unwrap } from '../type-helpers.ts';
import type { EmitContext } from './context.ts';
import { withVariable } from './context.ts';
import { emitExpr } from './expression.ts';

/** JavaScript for a list macro. */
export function emitMacro(e: Macro, ctx: EmitContext): string {
  // Every walk is charged to the call's work budget (cxCharge, compiler/prelude/expr.ts).
  const list = `cxCharge(${emitExpr(e.object, ctx)})`;
  const listType = unwrap(typeOf(e.object));
  if (listType.kind !== 'list') throw new CompileError(`${e.name} on ${listType.kind}`, e.nameSpan);
  const type = typeOf(e);
  return withVariable(ctx, e.variable, (id) => {
    // TypeScript flavour: `env` is `Record<string, any>`, so element parameters are `any` on purpose.
    const v = ctx.ts ? `${id}: any` : id;
    const body = (want?: Type) => emitExpr(e.body, ctx, want);
    switch (e.name) {
      case 'filter':
        return `${list}.filter((${v}) => ${body()})`;
      case 'map': {
        const element = unwrap(type).kind === 'list' ? (unwrap(type) as { element: Type }).element : typeOf(e.body);
        // Elements that hold lists are charged by their full size (`items.map(i, items)` is n^2 when written out).
        return holdsList(element) ? `${list}.map((${v}) => cxChargeDeep(${body(element)}))` : `${list}.map((${v}) => ${body(element)})`;
      }
      case 'any':
        return `${list}.some((${v}) => ${body()})`;
      case 'all':
        return `${list}.every((${v}) => ${body()})`;
      case 'count':
        return `cxCount(${list}, (${v}) => ${body()})`;
      case 'first':
        return `cxFirst(${list}, (${v}) => ${body()})`;
      case 'sum':
        if (isDecKind(type)) {
          const fused = emitSumDecInt(e, list, v, ctx);
          if (fused !== null) return fused;
          return `${list}.reduce((acc${ctx.ts ? ': Dec' : ''}, ${v}) => decAdd(acc, ${body(T.decimal)}), ${ctx.hoist.decimal('0')})`;
        }
        return `cxSumInt(${list}, (${v}) => ${body()})`;
      case 'min':
      case 'max': {
        const element = macroReturnsElement(e);
        const keyType = typeOf(e.body);
        const cmp = isDecKind(keyType) ? 'decCmp' : 'cxCmpPrim';
        const key = isDecKind(keyType) ? body(T.decimal) : body();
        return `cxPick(${list}, (${v}) => ${key}, ${cmp}, ${e.name === 'max'}, ${element})`;
      }
    }
  });
}

/**
 * Whether `xs.min(x, e)` / `xs.max(x, e)` gives the element with the least key (typed `T?` where
 * `T` is the element type) or the least key itself: read from the type the checker gave it.
 */
export function macroReturnsElement(e: Macro): boolean {
  const result = unwrap(typeOf(e));
  const listType = unwrap(typeOf(e.object));
  const element = listType.kind === 'list' ? unwrap(listType.element) : T.error;
  const key = unwrap(typeOf(e.body));
  if (sameType(result, key)) return false;
  return sameType(result, element);
}

/**
 * `xs.sum(x, a * b)` with a decimal or money `a` and an int `b` (either order), each a name or a
 * field read (`x.price`, `x.qty`, `rate`): `cxSumDecInt`, which keeps one running coefficient
 * instead of two `Dec`s per element. Null for any other body (the generic `reduce`). The operands
 * must be reads: the helper may evaluate them twice for an element that leaves its fast path.
 */
function emitSumDecInt(e: Macro, list: string, v: string, ctx: EmitContext): string | null {
  const b = e.body;
  if (b.kind !== 'binary' || b.op !== '*') return null;
  const isDec = (x: Expr) => { const k = typeOf(x).kind; return k === 'decimal' || k === 'money'; };
  const isInt = (x: Expr) => typeOf(x).kind === 'int';
  const isRead = (x: Expr): boolean => x.kind === 'ident' || (x.kind === 'member' && x.object.kind === 'ident');
  let dec: Expr;
  let int: Expr;
  if (isDec(b.left) && isInt(b.right)) [dec, int] = [b.left, b.right];
  else if (isInt(b.left) && isDec(b.right)) [dec, int] = [b.right, b.left];
  else return null;
  if (!isRead(dec) || !isRead(int)) return null;
  return `cxSumDecInt(${list}, (${v}) => ${emitExpr(dec, ctx, T.decimal)}, (${v}) => ${emitExpr(int, ctx)})`;
}
