// Binary operators, interpreted (the twin of compiler/emit/operators.ts): the same type-directed
// choices — numbers and strings natively, decimals through the runtime, structures by type.
import type { Binary } from '../../dsl/ast.ts';
import { T } from '../../dsl/types/type.ts';
import type { Type } from '../../dsl/types/type.ts';
import * as D from '../runtime/decimal.ts';
import * as H from '../prelude/expr.ts';
import { CompileError, isDecKind, isPrimitiveKind, typeOf, unwrap } from '../type-helpers.ts';
import { evalExpr } from './expression.ts';
import type { Scope } from './scope.ts';

/** The value of a binary expression. */
export function evalBinary(e: Binary, scope: Scope): any {
  const lt = typeOf(e.left);
  const rt = typeOf(e.right);
  const type = typeOf(e);
  const L = (want?: Type) => evalExpr(e.left, scope, want);
  const R = (want?: Type) => evalExpr(e.right, scope, want);
  switch (e.op) {
    case 'and':
      return L() && R();
    case 'or':
      return L() || R();
    case '??':
      return L(type) ?? R(type);
    case 'in':
      return evalIn(e, scope);
    case 'notin':
      return !evalIn(e, scope);
    case '==':
    case '!=': {
      let eq: boolean;
      if (lt.kind === 'null' || rt.kind === 'null') eq = (lt.kind === 'null' ? R() : L()) == null;
      else if (isDecKind(lt) || isDecKind(rt)) {
        const want = lt.kind === 'optional' || rt.kind === 'optional' ? T.optional(T.decimal) : T.decimal;
        eq = H.cxEqT(want, L(want), R(want));
      } else if (isPrimitiveKind(lt) && isPrimitiveKind(rt)) eq = L() === R();
      else eq = H.cxEqT(lt, L(), R());
      return e.op === '==' ? eq : !eq;
    }
    case '<':
    case '<=':
    case '>':
    case '>=': {
      let c: number;
      if (isDecKind(lt) || isDecKind(rt)) c = D.decCmp(L(T.decimal), R(T.decimal));
      else c = H.cxCmpPrim(L(), R());
      return e.op === '<' ? c < 0 : e.op === '<=' ? c <= 0 : e.op === '>' ? c > 0 : c >= 0;
    }
  }
  const kind = unwrap(type).kind;
  if (kind === 'decimal' || kind === 'money') {
    const a = L(T.decimal);
    const b = R(T.decimal);
    switch (e.op) {
      case '+': return D.decAdd(a, b);
      case '-': return D.decSub(a, b);
      case '*': return D.decMul(a, b);
      case '/': return D.decDiv(a, b);
      case 'mod': return D.decMod(a, b);
    }
  }
  const a = L();
  const b = R();
  if (kind === 'string' && e.op === '+') return a + b;
  const wrap = kind === 'int' ? H.cxInt : (n: number) => n;
  switch (e.op) {
    case '+': return wrap(a + b);
    case '-': return wrap(a - b);
    case '*': return wrap(a * b);
    case 'mod': return H.cxIntMod(a, b);
  }
  throw new CompileError(`operator ${e.op} giving ${kind}`, e.opSpan);
}

function evalIn(e: Binary, scope: Scope): boolean {
  const rt = unwrap(typeOf(e.right));
  if (rt.kind === 'string') return (evalExpr(e.right, scope) as string).includes(evalExpr(e.left, scope));
  if (rt.kind !== 'list') throw new CompileError(`'in' on ${rt.kind}`, e.opSpan);
  if (isDecKind(rt.element) || isDecKind(typeOf(e.left))) {
    const want = T.optional(T.decimal);
    return H.cxInT(want, evalExpr(e.left, scope, want), evalExpr(e.right, scope, T.list(want)));
  }
  if (isPrimitiveKind(rt.element)) return (evalExpr(e.right, scope) as any[]).includes(evalExpr(e.left, scope));
  return H.cxInT(rt.element, evalExpr(e.left, scope), evalExpr(e.right, scope));
}

