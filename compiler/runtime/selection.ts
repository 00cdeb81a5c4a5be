// The Selection engine (SPEC section 5): filter a list input, sort it stably by typed keys with
// nulls last in both directions, then offset, limit and project each item.
import type { Env, RType, SelectionPlan, TraceEntry } from './plan.ts';
import { Dec, decCmp } from './decimal.ts';
import { valOutput, valRenderLets } from './values.ts';

/** Compares two strings by Unicode code point (not UTF-16 unit), like CEL. */
export function selCmpString(a: string, b: string): number {
  const n = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (astral code points) sort after every BMP unit from U+E000 up.
    if (x >= 0xd800) x += x < 0xe000 ? 0x2000 : -0x800;
    if (y >= 0xd800) y += y < 0xe000 ? 0x2000 : -0x800;
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

/** Compares two non-null runtime values of one type (enums by declared order, false < true). */
export function selCmpValue(type: RType, a: any, b: any): number {
  const t = type.kind === 'optional' ? type.inner : type;
  if (a instanceof Dec && b instanceof Dec) return decCmp(a, b);
  switch (t.kind) {
    case 'enum': return t.values.indexOf(a) - t.values.indexOf(b);
    case 'string': return selCmpString(a, b);
    case 'bool': return (a ? 1 : 0) - (b ? 1 : 0);
    default:
      if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
      if (typeof a === 'string' && typeof b === 'string') return selCmpString(a, b);
      return 0;
  }
}

/** Evaluates a Selection plan on a validated input and renders `{ sku, version, total, items }`. */
export function selRun(plan: SelectionPlan, input: Env, params: Env, now: number, trace: TraceEntry[] | null): Record<string, unknown> {
  const env = plan.bind(input, params, now, {}, trace);
  if (trace !== null) valRenderLets(plan.letTypes, plan.rounding, trace);
  const source = plan.from(env) ?? [];
  const where = plan.where;
  let rows: any[] = [];
  if (where === null) rows = source.slice();
  else for (const x of source) if (where(env, x) === true) rows.push(x);
  const total = rows.length;
  const keys = plan.orderBy;
  if (keys.length > 0) {
    // Decorate with the keys once, then a stable sort (Array.prototype.sort is stable since ES2019).
    const dec = rows.map((x, i) => ({ x, i, k: keys.map((o) => o.key(env, x)) }));
    dec.sort((p, q) => {
      for (let j = 0; j < keys.length; j++) {
        const a = p.k[j];
        const b = q.k[j];
        const an = a === null || a === undefined;
        const bn = b === null || b === undefined;
        if (an || bn) {
          if (an && bn) continue;
          return an ? 1 : -1; // nulls last, whatever the direction
        }
        const c = selCmpValue(keys[j].type, a, b);
        if (c !== 0) return keys[j].desc ? -c : c;
      }
      return p.i - q.i;
    });
    rows = dec.map((d) => d.x);
  }
  const offset = plan.offset === null ? 0 : Math.max(0, plan.offset(env));
  const limit = plan.limit === null ? rows.length : Math.max(0, plan.limit(env));
  rows = rows.slice(offset, offset + limit);
  const items: unknown[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const v = plan.select === null ? rows[i] : plan.select(env, rows[i]);
    items[i] = valOutput(plan.itemType, v, plan.rounding);
  }
  const out: Record<string, unknown> = { sku: plan.sku, version: plan.version, total, items };
  if (trace !== null) out.trace = trace;
  return out;
}
