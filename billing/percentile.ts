// Latency percentiles for the usage report, by the nearest-rank method (always an observed value).

/** The p-th percentile (0 < p <= 100) of ascending `sorted`, or null for no values. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** p50, p95 and p99 of unsorted values. */
export function latencyPercentiles(values: number[]): { p50: number | null; p95: number | null; p99: number | null } {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
}
