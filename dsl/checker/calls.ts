// Typing of the global functions (round, floor, ceil, abs, min, max, hour, weekday, date),
// the string and list methods, and the list macros with their bound variable (SPEC section 3).
import type { Expr } from '../ast.ts';
import { report } from '../diagnostics/codes.ts';
import { T, typeToString, type Type } from '../types/type.ts';
import type { ExprChecker } from './check-expr.ts';
import type { Scope } from './scope.ts';
import { isNumeric, isStringy, orderable, unify } from './type-relations.ts';

type Call = Expr & { kind: 'call' };
type Method = Expr & { kind: 'method' };
type Macro = Expr & { kind: 'macro' };

const ROUNDING_MODES = ['half-even', 'half-up', 'down', 'up'];

function arity(c: ExprChecker, name: string, span: Expr['span'], got: number, min: number, max: number): boolean {
  if (got >= min && got <= max) return true;
  const expected = min === max ? `${min} argument${min === 1 ? '' : 's'}` : max === Infinity ? `at least ${min} arguments` : `${min} to ${max} arguments`;
  c.report(report('E2007', span, name, expected, String(got)));
  return false;
}

/** A numeric, non-optional argument; `error` when it is not (and reported). */
function numericArg(c: ExprChecker, fn: string, arg: Expr, scope: Scope): Type {
  const t = c.check(arg, scope);
  if (t.kind === 'error') return t;
  const v = c.needValue(t, arg.span);
  if (v.kind === 'error') return v;
  if (!isNumeric(v)) {
    c.report(report('E2005', arg.span, `the argument of \`${fn}\``, 'int, decimal or money', typeToString(v)));
    return T.error;
  }
  return v;
}

export function checkCall(c: ExprChecker, e: Call, scope: Scope): Type {
  const name = e.callee;
  const n = e.args.length;
  switch (name) {
    case 'round': {
      if (!arity(c, name, e.calleeSpan, n, 1, 3)) { e.args.forEach((a) => c.check(a, scope)); return T.error; }
      const x = numericArg(c, name, e.args[0], scope);
      if (n >= 2) c.expect(e.args[1], T.int, 'the digits of `round`', scope);
      if (n === 3) {
        const mode = e.args[2];
        c.check(mode, scope);
        if (mode.kind !== 'string' || !ROUNDING_MODES.includes(mode.value)) c.report(report('E2010', mode.span));
      }
      if (x.kind === 'error') return T.error;
      // round(x) is a whole number (int, or money for money); round(x, d) keeps x's type.
      return n === 1 && x.kind !== 'money' ? T.int : x;
    }
    case 'floor':
    case 'ceil': {
      if (!arity(c, name, e.calleeSpan, n, 1, 1)) { e.args.forEach((a) => c.check(a, scope)); return T.error; }
      const x = numericArg(c, name, e.args[0], scope);
      return x.kind === 'error' ? x : x.kind === 'money' ? T.money : T.int;
    }
    case 'abs': {
      if (!arity(c, name, e.calleeSpan, n, 1, 1)) { e.args.forEach((a) => c.check(a, scope)); return T.error; }
      const x = c.check(e.args[0], scope);
      if (x.kind === 'error') return x;
      const v = c.needValue(x, e.args[0].span);
      if (v.kind === 'error' || isNumeric(v) || v.kind === 'duration') return v;
      c.report(report('E2005', e.args[0].span, 'the argument of `abs`', 'int, decimal, money or duration', typeToString(v)));
      return T.error;
    }
    case 'min':
    case 'max': {
      if (!arity(c, name, e.calleeSpan, n, 2, Infinity)) { e.args.forEach((a) => c.check(a, scope)); return T.error; }
      let result: Type | undefined;
      for (const arg of e.args) {
        const t = c.check(arg, scope);
        if (t.kind === 'error') { result = T.error; continue; }
        const v = c.needValue(t, arg.span);
        if (v.kind === 'error') { result = T.error; continue; }
        if (!orderable(v)) { c.report(report('E2011', arg.span, typeToString(v))); result = T.error; continue; }
        if (result === undefined) { result = v; continue; }
        if (result.kind === 'error') continue;
        const u = unify(result, v);
        if (!u) { c.report(report('E2006', arg.span, typeToString(result), typeToString(v))); result = T.error; continue; }
        result = u;
      }
      return result ?? T.error;
    }
    case 'hour':
    case 'weekday':
    case 'date': {
      if (!arity(c, name, e.calleeSpan, n, 1, 1)) { e.args.forEach((a) => c.check(a, scope)); return T.error; }
      c.expect(e.args[0], T.timestamp, `the argument of \`${name}\``, scope);
      return name === 'date' ? T.string : T.int;
    }
    default:
      c.report(report('E3005', e.calleeSpan, name));
      e.args.forEach((a) => c.check(a, scope));
      return T.error;
  }
}

const STRING_METHODS: Record<string, { args: Type[]; result: Type }> = {
  size: { args: [], result: T.int },
  lower: { args: [], result: T.string },
  upper: { args: [], result: T.string },
  startsWith: { args: [T.string], result: T.bool },
  endsWith: { args: [T.string], result: T.bool },
  contains: { args: [T.string], result: T.bool },
};

export function checkMethod(c: ExprChecker, e: Method, scope: Scope): Type {
  const raw = c.check(e.object, scope);
  const checkArgs = () => e.args.forEach((a) => c.check(a, scope));
  if (raw.kind === 'error') { checkArgs(); return T.error; }
  const recv = c.needValue(raw, e.object.span);
  if (recv.kind === 'error') { checkArgs(); return T.error; }
  let sig: { args: Type[]; result: Type } | undefined;
  if (isStringy(recv)) sig = Object.hasOwn(STRING_METHODS, e.name) ? STRING_METHODS[e.name] : undefined;
  else if (recv.kind === 'list' && e.name === 'size') sig = STRING_METHODS.size;
  if (!sig) {
    c.report(report('E3006', e.nameSpan, e.name, typeToString(recv)));
    checkArgs();
    return T.error;
  }
  if (!arity(c, e.name, e.nameSpan, e.args.length, sig.args.length, sig.args.length)) { checkArgs(); return sig.result; }
  e.args.forEach((a, i) => c.expect(a, sig.args[i], `the argument of \`${e.name}\``, scope));
  return sig.result;
}

export function checkMacro(c: ExprChecker, e: Macro, scope: Scope): Type {
  const raw = c.check(e.object, scope);
  let element: Type = T.error;
  if (raw.kind !== 'error') {
    const recv = c.needValue(raw, e.object.span);
    if (recv.kind === 'list') element = recv.element.kind === 'null' ? T.error : recv.element;
    else if (recv.kind !== 'error') c.report(report('E3006', e.nameSpan, e.name, typeToString(recv)));
  }
  if (scope.isTaken(e.variable)) c.report(report('E3007', e.variableSpan, e.variable));
  const inner = scope.withVar(e.variable, element);
  const body = e.body;
  switch (e.name) {
    case 'filter':
      c.expect(body, T.bool, `the predicate of \`filter\``, inner);
      return element.kind === 'error' && raw.kind === 'error' ? T.error : T.list(element);
    case 'any':
    case 'all':
      c.expect(body, T.bool, `the predicate of \`${e.name}\``, inner);
      return T.bool;
    case 'count':
      c.expect(body, T.bool, 'the predicate of `count`', inner);
      return T.int;
    case 'first':
      c.expect(body, T.bool, 'the predicate of `first`', inner);
      return element.kind === 'error' ? T.error : T.optional(element);
    case 'map': {
      const t = c.check(body, inner);
      return t.kind === 'error' ? T.error : T.list(t);
    }
    case 'sum': {
      const t = c.check(body, inner);
      if (t.kind === 'error') return T.error;
      const v = c.needValue(t, body.span);
      if (v.kind === 'error') return T.error;
      if (!isNumeric(v)) {
        c.report(report('E2005', body.span, 'the expression of `sum`', 'int, decimal or money', typeToString(v)));
        return T.error;
      }
      return v;
    }
    case 'min':
    case 'max': {
      // The smallest/largest value of the expression over the list; null for an empty list.
      const t = c.check(body, inner);
      if (t.kind === 'error') return T.error;
      const v = c.needValue(t, body.span);
      if (v.kind === 'error') return T.error;
      if (!orderable(v)) {
        c.report(report('E2011', body.span, typeToString(v)));
        return T.error;
      }
      return T.optional(v);
    }
  }
}
