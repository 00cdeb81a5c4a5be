// Relations between types used by the checker: numeric promotion, assignability (where a value
// of one type may be used for another), unification (the common type of two alternatives) and
// comparability. Plain functions over dsl/types/type.ts.
import { T, type Type } from '../types/type.ts';

const NUMERIC_RANK: Record<string, number> = { int: 0, decimal: 1, money: 2 };

export const isNumeric = (t: Type) => t.kind in NUMERIC_RANK;
export const isStringy = (t: Type) => t.kind === 'string' || t.kind === 'enum';
export const isNullable = (t: Type) => t.kind === 'optional' || t.kind === 'null';
export const strip = (t: Type): Type => (t.kind === 'optional' ? t.inner : t);

/** The wider of two numeric types: int < decimal < money. */
export function widerNumeric(a: Type, b: Type): Type {
  return NUMERIC_RANK[a.kind] >= NUMERIC_RANK[b.kind] ? a : b;
}

/** Structural equality (names of object types ignored). */
export function sameType(a: Type, b: Type): boolean {
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'enum': return a.values.length === (b as typeof a).values.length && a.values.every((v) => (b as typeof a).values.includes(v));
    case 'list': return sameType(a.element, (b as typeof a).element);
    case 'optional': return sameType(a.inner, (b as typeof a).inner);
    case 'object': {
      const bf = (b as typeof a).fields;
      return a.fields.length === bf.length && a.fields.every((f) => bf.some((g) => g.name === f.name && sameType(f.type, g.type)));
    }
    default: return true;
  }
}

export type Assignability = 'ok' | 'optional' | 'mismatch';

/** Whether a value of type `from` may be used where `to` is needed. */
export function assignable(from: Type, to: Type): Assignability {
  if (from.kind === 'error' || to.kind === 'error') return 'ok';
  if (to.kind === 'optional') {
    if (from.kind === 'null') return 'ok';
    return assignable(strip(from), to.inner) === 'ok' ? 'ok' : 'mismatch';
  }
  if (from.kind === 'optional' || from.kind === 'null') {
    return from.kind === 'null' || assignable(from.inner, to) === 'ok' ? 'optional' : 'mismatch';
  }
  switch (to.kind) {
    case 'int': return from.kind === 'int' ? 'ok' : 'mismatch';
    case 'decimal': return from.kind === 'int' || from.kind === 'decimal' ? 'ok' : 'mismatch';
    case 'money': return isNumeric(from) ? 'ok' : 'mismatch';
    case 'string': return isStringy(from) ? 'ok' : 'mismatch';
    case 'enum': return from.kind === 'enum' && from.values.every((v) => to.values.includes(v)) ? 'ok' : 'mismatch';
    case 'list':
      if (from.kind !== 'list') return 'mismatch';
      if (from.element.kind === 'null') return 'ok';
      return assignable(from.element, to.element) === 'ok' ? 'ok' : 'mismatch';
    case 'object': {
      if (from.kind !== 'object') return 'mismatch';
      for (const f of to.fields) {
        const g = from.fields.find((x) => x.name === f.name);
        if (!g) { if (f.type.kind === 'optional') continue; return 'mismatch'; }
        if (assignable(g.type, f.type) !== 'ok') return 'mismatch';
      }
      return 'ok';
    }
    default: return from.kind === to.kind ? 'ok' : 'mismatch';
  }
}

/** The common type of two alternatives (branches, `??`, list items), or undefined. */
export function unify(a: Type, b: Type): Type | undefined {
  if (a.kind === 'error') return b;
  if (b.kind === 'error') return a;
  if (a.kind === 'null') return b.kind === 'null' ? a : T.optional(b);
  if (b.kind === 'null') return T.optional(a);
  if (a.kind === 'optional' || b.kind === 'optional') {
    const u = unify(strip(a), strip(b));
    return u && T.optional(u);
  }
  if (isNumeric(a) && isNumeric(b)) return widerNumeric(a, b);
  if (a.kind === 'enum' && b.kind === 'enum') {
    return sameType(a, b) ? a : { kind: 'enum', values: [...new Set([...a.values, ...b.values])] };
  }
  if (isStringy(a) && isStringy(b)) return T.string;
  if (a.kind === 'list' && b.kind === 'list') {
    const e = unify(a.element, b.element);
    return e && T.list(e);
  }
  if (a.kind === 'object' && b.kind === 'object') return sameType(a, b) ? a : undefined;
  return a.kind === b.kind ? a : undefined;
}

/** Whether `==`/`!=`/`in` may compare values of these types (optionals and null allowed). */
export function comparable(a: Type, b: Type): boolean {
  if (a.kind === 'error' || b.kind === 'error' || a.kind === 'null' || b.kind === 'null') return true;
  a = strip(a);
  b = strip(b);
  if (isNumeric(a) && isNumeric(b)) return true;
  if (isStringy(a) && isStringy(b)) {
    if (a.kind === 'enum' && b.kind === 'enum') return a.values.some((v) => b.values.includes(v));
    return true;
  }
  if (a.kind === 'list' && b.kind === 'list') return a.element.kind === 'null' || b.element.kind === 'null' || comparable(a.element, b.element);
  if (a.kind === 'object' && b.kind === 'object') return sameType(a, b);
  return a.kind === b.kind;
}

/** Whether `<`, sorting and min/max apply to values of this (non-optional) type. */
export function orderable(t: Type): boolean {
  return isNumeric(t) || isStringy(t) || t.kind === 'timestamp' || t.kind === 'duration' || t.kind === 'error';
}
