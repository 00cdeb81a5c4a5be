// The rate-limit algorithm: a SKU's `billing.rateLimit` ("100/s") read as a fixed window, and the
// arithmetic of windows. Fixed windows give the exact guarantee the product promises (never more than
// the limit within one window) and map one-to-one to the RateLimit-* headers.

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** A limit of `limit` requests per `windowMs`. */
export interface RatePolicy {
  limit: number;
  windowMs: number;
  /** The source text, e.g. "100/s". */
  text: string;
}

/** Reads `<int>/(s|m|h|d)`; null when absent or malformed (no limit is applied then). */
export function parseRateLimit(text: string | null | undefined): RatePolicy | null {
  if (typeof text !== 'string') return null;
  const m = /^\s*([0-9]{1,12})\s*\/\s*([smhd])\s*$/.exec(text);
  if (!m) return null;
  const limit = Number(m[1]);
  if (!Number.isSafeInteger(limit) || limit <= 0) return null;
  return { limit, windowMs: UNIT_MS[m[2] as keyof typeof UNIT_MS], text: `${limit}/${m[2]}` };
}

/** Start of the window holding `now` (windows are aligned to the epoch, so every instance agrees). */
export function windowStart(now: number, windowMs: number): number {
  return Math.floor(now / windowMs) * windowMs;
}

/** Seconds to put in `RateLimit-Reset` / `Retry-After`: whole seconds until the window ends, at least 1. */
export function resetSeconds(resetMs: number): number {
  return Math.max(1, Math.ceil(resetMs / 1000));
}
