// The reference evaluator: a plain tree-walking interpreter over the typed AST. It must agree
// with the compiled code of compiler/emit/ on every expression (the differential test checks it);
// it takes its decisions from the same static types, through compiler/type-helpers.ts.
import type { Binary, Call, Expr, Macro, MethodCall, Template } from '../../dsl/ast.ts';
import { T } from '../../dsl/types/type.ts';
import type { Type } from '../../dsl/types/type.ts';
import * as D from '../runtime/decimal.ts';
import { timeDate, timeHour, timeWeekday } from '../runtime/time.ts';
import { valTemplate } from '../runtime/values.ts';
import * as H from '../prelude/expr.ts';
import { macroReturnsElement } from '../emit/macros.ts';
import { CompileError, isDecKind, isPrimitiveKind, percentToDecimalText, typeOf, unwrap } from '../type-helpers.ts';
import { convertValue } from './convert.ts';
import type { Scope } from './scope.ts';
import { bind } from './scope.ts';

/** The value of `e` in `scope`, converted to `want` when given. */
export function evalExpr(e: Expr, scope: Scope, want?: Type): any {
  const v = evalRaw(e, scope);
  return want ? convertValue(v, typeOf(e), want) : v;
}

function decLiteral(text: string): D.Dec {
  const d = D.decParse(text);
  if (d === null) throw new CompileError(`not a decimal literal: ${text}`);
  return d;
}

function evalRaw(e: Expr, scope: Scope): any {
  const type = typeOf(e);
  switch (e.kind) {
    case 'number':
      return unwrap(type).kind === 'int' ? Number(e.text) : decLiteral(e.text);
    case 'percent':
      return decLiteral(percentToDecimalText(e.text));
    case 'string':
      return e.value;
    case 'bool':
      return e.value;
    case 'null':
      return null;
    case 'duration':
    case 'timestamp':
      return e.ms;
    case 'list': {
      const element = type.kind === 'list' ? type.element : T.error;
      return e.items.map((item) => evalExpr(item, scope, element));
    }
    case 'ident':
      if (e.ref === 'var') return scope.vars.get(e.name);
      return scope.env[e.name];
    case 'member':
      return evalExpr(e.object, scope)[e.name];
    case 'index':
      return H.cxAt(evalExpr(e.object, scope), evalExpr(e.index, scope));
    case 'call':
      return evalCall(e, scope);
    case 'method':
      return evalMethod(e, scope);
    case 'macro':
      return evalMacro(e, scope);
    case 'unary': {
      const v = evalExpr(e.operand, scope);
      if (e.op === 'not') return !v;
      return isDecKind(typeOf(e.operand)) ? D.decNeg(v) : -v;
    }
    case 'binary':
      return evalBinary(e, scope);
    case 'conditional':
      return evalExpr(e.test, scope) ? evalExpr(e.then, scope, type) : evalExpr(e.else, scope, type);
  }
}

function evalBinary(e: Binary, scope: Scope): any {
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

function evalCall(e: Call, scope: Scope): any {
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

function evalMethod(e: MethodCall, scope: Scope): any {
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

function evalMacro(e: Macro, scope: Scope): any {
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
export function evalTemplate(t: Template, scope: Scope): string {
  let out = '';
  for (const part of t.parts) {
    if (typeof part === 'string') {
      out += part;
      continue;
    }
    const v = evalExpr(part, scope);
    const kind = unwrap(typeOf(part)).kind;
    out += kind === 'string' || kind === 'enum' ? (v ?? '') : valTemplate(typeOf(part), v, scope.rounding);
  }
  return out;
}
