// List macros, interpreted (the twin of compiler/emit/macros.ts): the variable is bound in a
// copy of the scope for each element.
import type { Macro } from '../../dsl/ast.ts';
import { T } from '../../dsl/types/type.ts';
import type { Type } from '../../dsl/types/type.ts';
import * as D from '../runtime/decimal.ts';
import * as H from '../prelude/expr.ts';
import { macroReturnsElement } from '../emit/macros.ts';
import { isDecKind, typeOf, unwrap } from '../type-helpers.ts';
import { evalExpr } from './expression.ts';
import type { Scope } from './scope.ts';
import { bind } from './scope.ts';

/** The value of a list macro. */
export function evalMacro(e: Macro, scope: Scope): any {
  const xs = evalExpr(e.object, scope) as any[];
  const type = typeOf(e);
  const body = (x: any, want?: Type) => evalExpr(e.body, bind(scope, e.variable, x), want);
  switch (e.name) {
    case 'filter':
      return xs.filter((x) => body(x));
    case 'map': {
      const u = unwrap(type);
      const element = u.kind === 'list' ? u.element : typeOf(e.body);
      return xs.map((x) => body(x, element));
    }
    case 'any':
      return xs.some((x) => body(x));
    case 'all':
      return xs.every((x) => body(x));
    case 'count':
      return H.cxCount(xs, (x) => body(x));
    case 'first':
      return H.cxFirst(xs, (x) => body(x));
    case 'sum':
      if (isDecKind(type)) return xs.reduce((acc: D.Dec, x) => D.decAdd(acc, body(x, T.decimal)), D.decZero());
      return H.cxSumInt(xs, (x) => body(x));
    case 'min':
    case 'max': {
      const dec = isDecKind(typeOf(e.body));
      return H.cxPick(xs, (x) => (dec ? body(x, T.decimal) : body(x)), dec ? D.decCmp : H.cxCmpPrim, e.name === 'max', macroReturnsElement(e));
    }
  }
}

/** The text of a template in `scope`. */
