// Breaking changes between two versions of one major (API.md, publish). Input type: a field
// removed, a field retyped, or a new required field. Params (which subscriptions store): a param
// removed, retyped or narrowed. Widening is allowed: a field may become optional, an enum may
// gain values, new optional fields and new params (every param has a default) may appear.
import type { Field, Type } from '../dsl/types/type.ts';
import { typeToString } from '../dsl/types/type.ts';

/** One incompatibility, at a JSON pointer into the input. */
export interface BreakingChange {
  path: string;
  message: string;
}

function unwrap(t: Type): { inner: Type; optional: boolean } {
  return t.kind === 'optional' ? { inner: t.inner, optional: true } : { inner: t, optional: false };
}

/** Whether every value the old type accepts is still accepted by the new one, as change list. */
function compareType(oldT: Type, newT: Type, path: string, out: BreakingChange[]): void {
  const o = unwrap(oldT);
  const n = unwrap(newT);
  if (o.optional && !n.optional) {
    out.push({ path, message: `became required (${typeToString(oldT)} -> ${typeToString(newT)})` });
    return;
  }
  const a = o.inner;
  const b = n.inner;
  if (a.kind !== b.kind) {
    out.push({ path, message: `retyped from ${typeToString(oldT)} to ${typeToString(newT)}` });
    return;
  }
  if (a.kind === 'enum' && b.kind === 'enum') {
    const missing = a.values.filter((v) => !b.values.includes(v));
    if (missing.length) out.push({ path, message: `enum lost ${missing.join(', ')}` });
  } else if (a.kind === 'list' && b.kind === 'list') {
    compareType(a.element, b.element, `${path}/*`, out);
  } else if (a.kind === 'object' && b.kind === 'object') {
    compareFields(a.fields, b.fields, path, out);
  }
}

function compareFields(oldFields: Field[], newFields: Field[], base: string, out: BreakingChange[]): void {
  for (const f of oldFields) {
    const g = newFields.find((x) => x.name === f.name);
    if (!g) out.push({ path: `${base}/${f.name}`, message: 'removed' });
    else compareType(f.type, g.type, `${base}/${f.name}`, out);
  }
  for (const g of newFields) {
    if (!oldFields.some((f) => f.name === g.name) && g.type.kind !== 'optional' && g.type.kind !== 'null') {
      out.push({ path: `${base}/${g.name}`, message: `new required field of type ${typeToString(g.type)}` });
    }
  }
}

/**
 * The breaking changes from an old input type to a new one (empty: compatible).
 *
 * @example
 * breakingChanges(v1_0.input, v1_1.input) // [{ path: '/user/level', message: 'removed' }]
 */
export function breakingChanges(oldInput: Field[], newInput: Field[]): BreakingChange[] {
  const out: BreakingChange[] = [];
  compareFields(oldInput, newInput, '', out);
  return out;
}

/** A param of a previous version; `type` is unknown when its source no longer checks (names only). */
export interface PreviousParam {
  name: string;
  type?: Type;
}

/**
 * The breaking changes from an old version's params to a new one's, at `/params/<name>`: a value
 * a subscriber saved for the old version must still be accepted, so a param may not be removed,
 * retyped or narrowed. New params are fine: each has a default.
 *
 * @example
 * breakingParamChanges([{ name: 'bonus', type: T.money }], []) // [{ path: '/params/bonus', message: 'removed' }]
 */
export function breakingParamChanges(oldParams: PreviousParam[], newParams: Field[]): BreakingChange[] {
  const out: BreakingChange[] = [];
  for (const p of oldParams) {
    const q = newParams.find((x) => x.name === p.name);
    if (!q) out.push({ path: `/params/${p.name}`, message: 'removed' });
    else if (p.type) compareType(p.type, q.type, `/params/${p.name}`, out);
  }
  return out;
}
