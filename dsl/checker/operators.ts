// Typing of the unary and binary operators (SPEC sections 2-3): numeric promotion, string `+`,
// time arithmetic, comparisons (with enum literal membership), `in`, `and`/`or` and `??`.
import type { Expr } from '../ast.ts';
import { report } from '../diagnostics/codes.ts';
import { T, typeToString, type Type } from '../types/type.ts';
import { nonNullWhen, type ExprChecker } from './check-expr.ts';
import type { Scope } from './scope.ts';
import { comparable, isNullable, isNumeric, isStringy, orderable, strip, unify, widerNumeric } from './type-relations.ts';

type Binary = Expr & { kind: 'binary' };
type Unary = Expr & { kind: 'unary' };

export function checkUnary(c: ExprChecker, e: Unary, scope: Scope): Type {
  const raw = c.check(e.operand, scope);
  if (raw.kind === 'error') return e.op === 'not' ? T.bool : T.error;
  const t = c.needValue(raw, e.operand.span);
  if (t.kind === 'error') return e.op === 'not' ? T.bool : T.error;
  if (e.op === 'not') {
    if (t.kind !== 'bool') c.report(report('E2001', e.opSpan, 'not', typeToString(t), ''));
    return T.bool;
  }
  if (isNumeric(t) || t.kind === 'duration') return t;
  c.report(report('E2001', e.opSpan, '-', typeToString(t), ''));
  return T.error;
}

/** The result of an arithmetic operator on two non-optional types, or undefined. */
export function arithmetic(op: string, a: Type, b: Type): Type | undefined {
  if (isNumeric(a) && isNumeric(b)) {
    if (op === '/') {
      if (a.kind === 'money' && b.kind === 'money') return T.decimal;
      return a.kind === 'money' || b.kind === 'money' ? T.money : T.decimal;
    }
    return widerNumeric(a, b);
  }
  if (op === '+') {
    if (isStringy(a) && isStringy(b)) return T.string;
    if (a.kind === 'timestamp' && b.kind === 'duration') return T.timestamp;
    if (a.kind === 'duration' && b.kind === 'timestamp') return T.timestamp;
    if (a.kind === 'duration' && b.kind === 'duration') return T.duration;
  }
  if (op === '-') {
    if (a.kind === 'timestamp' && b.kind === 'duration') return T.timestamp;
    if (a.kind === 'timestamp' && b.kind === 'timestamp') return T.duration;
    if (a.kind === 'duration' && b.kind === 'duration') return T.duration;
  }
  return undefined;
}

export function checkBinary(c: ExprChecker, e: Binary, scope: Scope): Type {
  switch (e.op) {
    case 'and':
    case 'or': {
      c.expect(e.left, T.bool, `an operand of \`${e.op}\``, scope);
      // The right side runs only when the left is true (and) / false (or): narrow with it.
      const narrowed = scope.withNonNull(nonNullWhen(e.left, e.op === 'and'));
      c.expect(e.right, T.bool, `an operand of \`${e.op}\``, narrowed);
      return T.bool;
    }
    case '??': return coalesce(c, e, scope);
    case '==':
    case '!=': return equality(c, e, scope);
    case '<':
    case '<=':
    case '>':
    case '>=': return ordering(c, e, scope);
    case 'in':
    case 'notin': return membership(c, e, scope);
    default: return arithmeticOp(c, e, scope);
  }
}

function operands(c: ExprChecker, e: Binary, scope: Scope): [Type, Type] | undefined {
  const l = c.check(e.left, scope);
  const r = c.check(e.right, scope);
  if (l.kind === 'error' || r.kind === 'error') return undefined;
  const a = c.needValue(l, e.left.span);
  const b = c.needValue(r, e.right.span);
  if (a.kind === 'error' || b.kind === 'error') return undefined;
  return [a, b];
}

function arithmeticOp(c: ExprChecker, e: Binary, scope: Scope): Type {
  const ops = operands(c, e, scope);
  if (!ops) return T.error;
  const [a, b] = ops;
  const t = e.op === 'mod' ? (isNumeric(a) && isNumeric(b) ? widerNumeric(a, b) : undefined) : arithmetic(e.op, a, b);
  if (!t) {
    c.report(report('E2001', e.opSpan, e.op, typeToString(a), typeToString(b)));
    return T.error;
  }
  return t;
}

/** Enum compared with a string literal: the literal must be a member. True when reported. */
function enumLiteral(c: ExprChecker, a: Type, lit: Expr): boolean {
  const en = strip(a);
  if (en.kind !== 'enum' || lit.kind !== 'string') return false;
  if (!en.values.includes(lit.value)) {
    c.report(report('E2004', lit.span, lit.value, typeToString(en)));
    return true;
  }
  return false;
}

function equality(c: ExprChecker, e: Binary, scope: Scope): Type {
  const a = c.check(e.left, scope);
  const b = c.check(e.right, scope);
  if (enumLiteral(c, a, e.right) || enumLiteral(c, b, e.left)) return T.bool;
  if (!comparable(a, b)) c.report(report('E2003', e.span, typeToString(strip(a)), typeToString(strip(b))));
  return T.bool;
}

function ordering(c: ExprChecker, e: Binary, scope: Scope): Type {
  const ops = operands(c, e, scope);
  if (!ops) return T.bool;
  const [a, b] = ops;
  if (enumLiteral(c, a, e.right) || enumLiteral(c, b, e.left)) return T.bool;
  if (!comparable(a, b)) c.report(report('E2003', e.span, typeToString(a), typeToString(b)));
  else if (!orderable(a)) c.report(report('E2011', e.span, typeToString(a)));
  return T.bool;
}

function membership(c: ExprChecker, e: Binary, scope: Scope): Type {
  const a = c.check(e.left, scope);
  const r = c.check(e.right, scope);
  if (a.kind === 'error' || r.kind === 'error') return T.bool;
  const list = c.needValue(r, e.right.span);
  if (list.kind === 'error') return T.bool;
  if (list.kind !== 'list') {
    c.report(report('E2001', e.opSpan, e.op === 'in' ? 'in' : 'not in', typeToString(a), typeToString(list)));
    return T.bool;
  }
  const el = list.element;
  if (enumLiteral(c, el, e.left)) return T.bool;
  if (e.right.kind === 'list' && strip(a).kind === 'enum') {
    for (const item of e.right.items) if (enumLiteral(c, a, item)) return T.bool;
  }
  if (!comparable(a, el)) c.report(report('E2003', e.span, typeToString(strip(a)), typeToString(strip(el))));
  return T.bool;
}

function coalesce(c: ExprChecker, e: Binary, scope: Scope): Type {
  const a = c.check(e.left, scope);
  const b = c.check(e.right, scope);
  if (a.kind === 'error' || b.kind === 'error') return T.error;
  if (!isNullable(a)) c.report(report('W5002', e.opSpan, typeToString(a)));
  const inner = a.kind === 'null' ? b : strip(a);
  const u = unify(inner, b);
  if (!u) {
    c.report(report('E2006', e.span, typeToString(inner), typeToString(b)));
    return T.error;
  }
  return u;
}
