// Static rules of a Selection (SPEC section 5): `from <list> as <var>` binds the element
// variable; where is bool; orderBy keys are orderable (nulls sort last, so optionals are fine);
// limit/offset are int; select is a mapping of expressions.
import { isScalar, isSeq, type Node, type Scalar } from 'yaml';
import type { Expr } from '../ast.ts';
import { report } from '../diagnostics/codes.ts';
import { scalarLocator, scalarText } from '../frame/scalar-map.ts';
import type { Rounding, SelectionSpec } from '../model.ts';
import { parseFromClause, parseOrderKey } from '../parser/index.ts';
import { T, typeToString, type Type } from '../types/type.ts';
import type { DocContext } from './doc-context.ts';
import type { Scope } from './scope.ts';
import { orderable, strip } from './type-relations.ts';

type Json = Record<string, unknown>;

/** Checks `spec` of a Selection; undefined when `from` cannot be read (already reported). */
export function checkSelection(ctx: DocContext, spec: Json, scope: Scope): SelectionSpec | undefined {
  const fromNode = ctx.node(['spec', 'from']) as Scalar;
  const parsed = parseFromClause(scalarText(ctx.text, fromNode), scalarLocator(ctx.text, fromNode));
  ctx.diagnostics.push(...parsed.diagnostics);
  if (!parsed.expr || !parsed.variable || !parsed.variableSpan) return undefined;
  const from = parsed.expr;
  const listType = ctx.checker.check(from, scope);
  let elementType: Type = T.error;
  if (listType.kind !== 'error') {
    const v = ctx.checker.needValue(listType, from.span);
    if (v.kind === 'list') elementType = v.element;
    else if (v.kind !== 'error') ctx.report(report('E2005', from.span, '`from`', 'a list', typeToString(v)));
  }
  if (scope.isTaken(parsed.variable)) ctx.report(report('E3007', parsed.variableSpan, parsed.variable));
  const inner = scope.withVar(parsed.variable, elementType);

  const exprAt = (key: string, to: Type, where: string): Expr | undefined => {
    const node = ctx.node(['spec', key]);
    if (!node) return undefined;
    const e = ctx.expr(node);
    if (e) ctx.checker.expect(e, to, where, inner);
    return e;
  };
  const where = exprAt('where', T.bool, '`where`');
  const limit = exprAt('limit', T.int, '`limit`');
  const offset = exprAt('offset', T.int, '`offset`');

  const orderBy: SelectionSpec['orderBy'] = [];
  const orderNode = ctx.node(['spec', 'orderBy']);
  const keyNodes: Node[] = isSeq(orderNode) ? (orderNode.items as Node[]) : orderNode ? [orderNode] : [];
  for (const node of keyNodes) {
    if (!isScalar(node)) continue;
    const k = parseOrderKey(scalarText(ctx.text, node as Scalar), scalarLocator(ctx.text, node as Scalar));
    ctx.diagnostics.push(...k.diagnostics);
    if (!k.expr) continue;
    const t = ctx.checker.check(k.expr, inner);
    if (!orderable(strip(t)) || t.kind === 'null') ctx.report(report('E2011', k.expr.span, typeToString(t)));
    orderBy.push({ key: k.expr, direction: k.direction });
  }

  let select: SelectionSpec['select'];
  if (spec.select !== undefined) {
    select = [];
    for (const e of ctx.entries(['spec', 'select'])) {
      const expr = ctx.expr(e.node);
      if (!expr) continue;
      ctx.checker.check(expr, inner);
      select.push({ name: e.key, expr });
    }
  }
  return {
    kind: 'Selection',
    from,
    variable: parsed.variable,
    elementType,
    ...(where ? { where } : {}),
    orderBy,
    ...(limit ? { limit } : {}),
    ...(offset ? { offset } : {}),
    ...(select ? { select } : {}),
    rounding: (spec.rounding as Rounding) ?? 'half-up',
  };
}
