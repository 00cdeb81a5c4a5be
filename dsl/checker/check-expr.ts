// The expression type checker: resolves every identifier (sets `ref`) and annotates every node
// with its `type`. Operators live in operators.ts, functions/methods/macros in calls.ts.
// An `error` type marks a node whose problem was already reported, so one mistake gives one
// diagnostic.
import type { Expr, Span } from '../ast.ts';
import type { RawDiagnostic } from '../diagnostics/diagnostic.ts';
import { report } from '../diagnostics/codes.ts';
import { T, typeToString, type Type } from '../types/type.ts';
import { checkCall, checkMacro, checkMethod } from './calls.ts';
import { checkBinary, checkUnary } from './operators.ts';
import type { Scope } from './scope.ts';
import { assignable, isNullable, unify } from './type-relations.ts';

/** `cart.shipping` for a chain of names and fields; undefined for anything else. */
export function pathOf(e: Expr): string | undefined {
  if (e.kind === 'ident') return e.name;
  if (e.kind === 'member') {
    const base = pathOf(e.object);
    return base === undefined ? undefined : `${base}.${e.name}`;
  }
  return undefined;
}

/**
 * Paths that cannot be null when `test` evaluates to `outcome`: `x != null`, `x == null` (false),
 * through `and`, `or` and `not`. Used to narrow `T?` to `T` in `x != null and x > 1`,
 * `x == null or x > 1` and `if x != null then x else 0`.
 */
export function nonNullWhen(test: Expr, outcome: boolean): string[] {
  if (test.kind === 'unary' && test.op === 'not') return nonNullWhen(test.operand, !outcome);
  if (test.kind !== 'binary') return [];
  if (test.op === 'and') return outcome ? [...nonNullWhen(test.left, true), ...nonNullWhen(test.right, true)] : [];
  if (test.op === 'or') return outcome ? [] : [...nonNullWhen(test.left, false), ...nonNullWhen(test.right, false)];
  if (test.op !== '==' && test.op !== '!=') return [];
  const other = test.left.kind === 'null' ? test.right : test.right.kind === 'null' ? test.left : undefined;
  const path = other && pathOf(other);
  if (!path) return [];
  return (test.op === '!=') === outcome ? [path] : [];
}

/** Checks expressions of one document, collecting diagnostics. */
export class ExprChecker {
  readonly diagnostics: RawDiagnostic[] = [];

  report(d: RawDiagnostic): void {
    this.diagnostics.push(d);
  }

  /** The type of `e` (also stored in `e.type`). */
  check(e: Expr, scope: Scope): Type {
    let t: Type;
    try {
      t = this.infer(e, scope);
    } catch {
      t = T.error;
    }
    if (t.kind === 'optional' && (e.kind === 'ident' || e.kind === 'member')) {
      const path = pathOf(e);
      if (path && scope.isNonNull(path)) t = t.inner;
    }
    e.type = t;
    return t;
  }

  /**
   * Checks that `e` can be used where `to` is needed; `where` names the place for the message
   * (e.g. "`when`"). Returns the expression's own type.
   */
  expect(e: Expr, to: Type, where: string, scope: Scope): Type {
    const t = this.check(e, scope);
    this.expectType(e, t, to, where);
    return t;
  }

  /** As `expect`, for a type computed already. */
  expectType(e: Expr, t: Type, to: Type, where: string): void {
    const target = to.kind === 'optional' ? to.inner : to;
    if (target.kind === 'enum' && this.checkEnumLiterals(e, target)) return;
    const a = assignable(t, to);
    if (a === 'optional') this.report(report('E2002', e.span, typeToString(t)));
    else if (a === 'mismatch') this.report(report('E2005', e.span, where, typeToString(to), typeToString(t)));
  }

  /** String literals (or lists of them) used as an enum: true when handled (reported or fine). */
  checkEnumLiterals(e: Expr, en: Type & { kind: 'enum' }): boolean {
    if (e.kind === 'string') {
      if (!en.values.includes(e.value)) this.report(report('E2004', e.span, e.value, typeToString(en)));
      return true;
    }
    return false;
  }

  /** A value that must not be null: reports `T?` uses and returns `error` for them. */
  needValue(t: Type, span: Span): Type {
    if (isNullable(t)) {
      this.report(report('E2002', span, typeToString(t)));
      return T.error;
    }
    return t;
  }

  private infer(e: Expr, scope: Scope): Type {
    switch (e.kind) {
      case 'number': return e.isInteger ? T.int : T.decimal;
      case 'percent': return T.decimal;
      case 'string': return T.string;
      case 'bool': return T.bool;
      case 'null': return T.null;
      case 'duration': return T.duration;
      case 'timestamp': return T.timestamp;
      case 'list': return this.list(e, scope);
      case 'ident': {
        const found = scope.lookup(e.name, e.span);
        if (!found.ok) {
          this.report(found.diagnostic ?? report('E3001', e.span, e.name));
          return T.error;
        }
        e.ref = found.ref;
        return found.type;
      }
      case 'member': return this.member(e, scope);
      case 'index': {
        const obj = this.check(e.object, scope);
        const idx = this.check(e.index, scope);
        if (obj.kind === 'error') return T.error;
        const list = this.needValue(obj, e.object.span);
        if (list.kind === 'error') return T.error;
        if (list.kind !== 'list') {
          this.report(report('E2009', e.object.span, `${typeToString(list)} cannot be indexed; only lists can`));
          return T.error;
        }
        if (idx.kind !== 'error' && idx.kind !== 'int') this.report(report('E2009', e.index.span, `a list index must be int, got ${typeToString(idx)}`));
        return list.element.kind === 'null' ? T.null : T.optional(list.element);
      }
      case 'call': return checkCall(this, e, scope);
      case 'method': return checkMethod(this, e, scope);
      case 'macro': return checkMacro(this, e, scope);
      case 'unary': return checkUnary(this, e, scope);
      case 'binary': return checkBinary(this, e, scope);
      case 'conditional': {
        this.expect(e.test, T.bool, 'a condition', scope);
        const a = this.check(e.then, scope.withNonNull(nonNullWhen(e.test, true)));
        const b = this.check(e.else, scope.withNonNull(nonNullWhen(e.test, false)));
        const u = unify(a, b);
        if (!u) {
          this.report(report('E2006', e.span, typeToString(a), typeToString(b)));
          return T.error;
        }
        return u;
      }
    }
  }

  private list(e: Expr & { kind: 'list' }, scope: Scope): Type {
    let element: Type = T.null;
    let first = true;
    for (const item of e.items) {
      const t = this.check(item, scope);
      if (first) { element = t; first = false; continue; }
      const u = unify(element, t);
      if (!u) {
        this.report(report('E2006', item.span, typeToString(element), typeToString(t)));
        return T.error;
      }
      element = u;
    }
    if (e.items.length === 0) element = T.null;
    return T.list(element);
  }

  private member(e: Expr & { kind: 'member' }, scope: Scope): Type {
    const obj = this.check(e.object, scope);
    if (obj.kind === 'error') return T.error;
    const value = this.needValue(obj, e.object.span);
    if (value.kind === 'error') return T.error;
    if (value.kind !== 'object') {
      this.report(report('E2008', e.nameSpan, typeToString(value)));
      return T.error;
    }
    const field = value.fields.find((f) => f.name === e.name);
    if (!field) {
      this.report(report('E3002', e.nameSpan, e.name, typeToString(value)));
      return T.error;
    }
    return field.type;
  }
}
