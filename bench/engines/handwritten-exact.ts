// Diagnostic contestant: the same work as the compiled executor (validate the raw JSON cart,
// exact amounts, largest-remainder allocation, the full output with money strings) written by
// hand for this one decision in integer cents. Not a goal of its own: it shows how much of a
// compiled call is the work itself and how much the generic runtime adds.
import { ELIGIBLE_CATEGORIES } from '../carts.ts';
import type { Contestant } from '../measure.ts';

interface Line {
  sku: string;
  qty: number;
  cents: number;
}

/** Cents of a JSON money value (number or numeric string with at most 2 decimals), or null. */
function toCents(v: unknown): number | null {
  const text = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : typeof v === 'string' ? v : '';
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (m === null) return null;
  const cents = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(cents) ? (m[1] ? -cents : cents) : null;
}

function money(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const a = Math.abs(cents);
  const frac = a % 100;
  return `${sign}${Math.floor(a / 100)}.${frac < 10 ? '0' : ''}${frac}`;
}

/** The full output of the benchmark promotion for a raw JSON input; throws on invalid input. */
export function exactOutput(input: any): { discount: string; lines: object[]; subtotal: string; total: string } {
  const items = input?.cart?.items;
  if (!Array.isArray(items)) throw new Error('/cart/items: expected list');
  const lines: Line[] = [];
  let subtotal = 0;
  let eligible = 0;
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    const cents = toCents(it?.price);
    if (typeof it?.sku !== 'string' || typeof it.category !== 'string' || cents === null || !Number.isSafeInteger(it.qty)) {
      throw new Error(`/cart/items/${i}: invalid line`);
    }
    const total = cents * it.qty;
    subtotal += total;
    if (ELIGIBLE_CATEGORIES.includes(it.category)) eligible += total;
    lines.push({ sku: it.sku, qty: it.qty, cents });
  }
  const want = eligible >= 40000 ? 8000 : eligible >= 20000 ? 3000 : 0;
  const discount = Math.min(want, subtotal);
  // Largest remainder over line totals (ties to the earlier line).
  const shares = lines.map((l) => 0);
  if (discount > 0) {
    const rem: number[] = [];
    let given = 0;
    for (let i = 0; i < lines.length; i++) {
      const num = discount * lines[i].cents * lines[i].qty;
      shares[i] = Math.floor(num / subtotal);
      rem.push(num - shares[i] * subtotal);
      given += shares[i];
    }
    const order = rem.map((_, i) => i).sort((a, b) => rem[b] - rem[a] || a - b);
    for (let k = 0; k < discount - given; k++) shares[order[k]]++;
  }
  return {
    subtotal: money(subtotal),
    discount: money(discount),
    total: money(subtotal - discount),
    lines: lines.map((l, i) => ({ sku: l.sku, qty: l.qty, price: money(l.cents), discount: money(shares[i]), total: money(l.cents * l.qty - shares[i]) })),
  };
}

export function handwrittenExactContestant(): Contestant {
  return { name: 'hand-written TS (exact cents, full output)', async: false, run: (cart) => Number(exactOutput(cart).discount) };
}
