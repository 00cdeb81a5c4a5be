// Exact decimal arithmetic for billing (decimal.js with enough precision that sums of money never round).
import { Decimal as DecimalJs } from 'decimal.js';

/** The Decimal class billing uses: 60 significant digits, half-up, never exponent notation in output. */
export const Decimal = DecimalJs.clone({ precision: 60, rounding: DecimalJs.ROUND_HALF_UP, toExpNeg: -100, toExpPos: 100 });
export type Decimal = InstanceType<typeof Decimal>;

const NUMERIC = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/;

/** A decimal from trusted text or an integer; throws on anything else (callers validate first). */
export function dec(v: string | number): Decimal {
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v)) throw new Error(`not an exact integer: ${v}`);
    return new Decimal(v);
  }
  if (!NUMERIC.test(v)) throw new Error(`not a decimal: ${JSON.stringify(v)}`);
  return new Decimal(v);
}

/** True when `v` is a plain decimal string ("12", "0.50", "-3.2"). */
export function isDecimalText(v: unknown): v is string {
  return typeof v === 'string' && NUMERIC.test(v);
}

/** Money output: exactly 2 fraction digits, half-up. */
export function money(d: Decimal): string {
  return d.toFixed(2, Decimal.ROUND_HALF_UP);
}

/** Canonical decimal output: no exponent, no trailing zeros. */
export function canonical(d: Decimal): string {
  return d.toFixed();
}
