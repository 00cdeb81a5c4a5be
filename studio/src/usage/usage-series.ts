// Turns the buckets of `GET /v1/usage` (one per SKU and hour or day) into chart series on a
// complete timeline: empty hours show as zero calls and as gaps in latency.

/** One bucket as the server sends it (billing/stores.ts `UsageBucket`). */
export interface UsageBucket {
  start: string;
  sku: string;
  calls: number;
  errors?: number;
  responseBytes?: number;
  latencyMs?: { p50: number | null; p95: number | null; p99: number | null };
}

/** The series of the charts, one value per slot. */
export interface UsageSeries {
  slots: string[];
  labels: string[];
  calls: number[];
  errors: number[];
  p50: (number | null)[];
  p95: (number | null)[];
  p99: (number | null)[];
}

/** Reads the bucket list from the usage response, whatever container the server used. */
export function bucketsOf(response: unknown): UsageBucket[] {
  const r = response as any;
  const list = Array.isArray(r) ? r : Array.isArray(r?.buckets) ? r.buckets : Array.isArray(r?.series) ? r.series : Array.isArray(r?.data) ? r.data : [];
  return list.filter((b: any) => b && typeof b.start === 'string');
}

/** The start of the hour or day (UTC) holding an instant, in epoch milliseconds. */
export function slotStart(ms: number, granularity: 'hour' | 'day'): number {
  const size = granularity === 'hour' ? 3_600_000 : 86_400_000;
  return Math.floor(ms / size) * size;
}

/**
 * Lays buckets on the slots from `from` to `to`. Several SKUs in one slot add their calls; latency
 * shows the slowest SKU (the one a merchant has to worry about).
 */
export function toSeries(buckets: UsageBucket[], from: number, to: number, granularity: 'hour' | 'day'): UsageSeries {
  const size = granularity === 'hour' ? 3_600_000 : 86_400_000;
  const slots: number[] = [];
  for (let t = slotStart(from, granularity); t < to && slots.length < 2000; t += size) slots.push(t);
  const index = new Map(slots.map((t, i) => [t, i]));
  const s: UsageSeries = {
    slots: slots.map((t) => new Date(t).toISOString()),
    labels: slots.map((t) => {
      const iso = new Date(t).toISOString();
      return granularity === 'hour' ? `${iso.slice(11, 13)}:00` : iso.slice(5, 10);
    }),
    calls: slots.map(() => 0),
    errors: slots.map(() => 0),
    p50: slots.map(() => null),
    p95: slots.map(() => null),
    p99: slots.map(() => null),
  };
  for (const b of buckets) {
    const i = index.get(slotStart(Date.parse(b.start), granularity));
    if (i === undefined) continue;
    s.calls[i]! += Number(b.calls) || 0;
    s.errors[i]! += Number(b.errors) || 0;
    for (const p of ['p50', 'p95', 'p99'] as const) {
      const v = b.latencyMs?.[p];
      if (typeof v === 'number' && Number.isFinite(v)) s[p][i] = Math.max(s[p][i] ?? 0, v);
    }
  }
  return s;
}
