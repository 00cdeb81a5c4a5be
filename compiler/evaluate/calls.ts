// Global functions and methods, interpreted (the twin of compiler/emit/calls.ts).
import type { Call, Expr, MethodCall } from '../../dsl/ast.ts';
import { T } from '../../dsl/types/type.ts';
import * as D from '../runtime/decimal.ts';
import { timeDate, timeHour, timeWeekday } from '../runtime/time.ts';
import * as H from '../prelude/expr.ts';
import { CompileError, isDecKind, typeOf, unwrap } from '../type-helpers.ts';
import { evalExpr } from './expression.ts';
import type { Scope } from './scope.ts';

/** The value of a global function call. */
export function evalCall(e: Call, scope: Scope): any {
  const kind = unwrap(typeOf(e)).kind;
  const args = e.args;
  switch (e.callee) {
    case 'round':
    case 'floor':
    case 'ceil': {
      const [x, digitsArg, modeArg] = args as [Expr, Expr?, Expr?];
      const xKind = unwrap(typeOf(x)).kind;
      if (xKind === 'int' && (e.callee !== 'round' || !digitsArg)) return evalExpr(x, scope);
      const value = evalExpr(x, scope, T.decimal);
      let r: D.Dec;
      if (e.callee === 'round') {
        const digits = digitsArg ? evalExpr(digitsArg, scope) : xKind === 'money' ? 2 : 0;
        const mode = modeArg ? H.cxMode(evalExpr(modeArg, scope)) : scope.rounding;
        r = D.decRound(value, digits, mode);
      } else r = e.callee === 'floor' ? D.decFloor(value) : D.decCeil(value);
      return kind === 'int' ? D.decToInt(r) : r;
    }
    case 'abs': {
      const v = evalExpr(args[0]!, scope);
      return isDecKind(typeOf(args[0]!)) ? D.decAbs(v) : Math.abs(v);
    }
    case 'min':
    case 'max': {
      if (kind === 'decimal' || kind === 'money') {
        const vs = args.map((a) => evalExpr(a, scope, T.decimal) as D.Dec);
        return vs.reduce((acc, v) => (e.callee === 'min' ? D.decMin(acc, v) : D.decMax(acc, v)));
      }
      if (kind === 'int' || kind === 'timestamp' || kind === 'duration') {
        const vs = args.map((a) => evalExpr(a, scope) as number);
        return e.callee === 'min' ? Math.min(...vs) : Math.max(...vs);
      }
      return H.cxExtreme(args.map((a) => evalExpr(a, scope)), e.callee === 'max');
    }
    case 'hour':
      return timeHour(evalExpr(args[0]!, scope), scope.timezone);
    case 'weekday':
      return timeWeekday(evalExpr(args[0]!, scope), scope.timezone);
    case 'date':
      return timeDate(evalExpr(args[0]!, scope), scope.timezone);
    case 'timestamp':
      return H.cxTimestamp(evalExpr(args[0]!, scope));
  }
  throw new CompileError(`unknown function ${JSON.stringify(e.callee)}`, e.calleeSpan);
}

/** The value of a method call. */
export function evalMethod(e: MethodCall, scope: Scope): any {
  const o = evalExpr(e.object, scope);
  const arg = (i: number) => evalExpr(e.args[i]!, scope);
  switch (e.name) {
    case 'size':
      return unwrap(typeOf(e.object)).kind === 'string' ? H.cxSize(o) : o.length;
    case 'lower':
      return o.toLowerCase();
    case 'upper':
      return o.toUpperCase();
    case 'startsWith':
      return o.startsWith(arg(0));
    case 'endsWith':
      return o.endsWith(arg(0));
    case 'contains':
      return o.includes(arg(0));
  }
  throw new CompileError(`unknown method ${JSON.stringify(e.name)}`, e.nameSpan);
}

