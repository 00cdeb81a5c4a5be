// Billing periods: a month is `YYYY-MM` in UTC, the range [first instant, first instant of next month).

const MONTH = /^([0-9]{4})-(0[1-9]|1[0-2])$/;

/** The UTC month (`YYYY-MM`) that contains an instant. */
export function periodOf(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getUTCFullYear()).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** `[from, to)` in epoch ms of a `YYYY-MM` month, or null when the text is not a month. */
export function monthRange(period: string): { from: number; to: number } | null {
  const m = MONTH.exec(period);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]) - 1;
  return { from: Date.UTC(y, mo, 1), to: Date.UTC(y, mo + 1, 1) };
}

/** Start of the hour or day (UTC) holding `ms`. */
export function bucketStart(ms: number, granularity: 'hour' | 'day'): number {
  const size = granularity === 'hour' ? 3_600_000 : 86_400_000;
  return Math.floor(ms / size) * size;
}
