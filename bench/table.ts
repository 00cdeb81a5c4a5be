// Renders benchmark results as a Markdown table with the compiled executor's speed ratio to each.
import type { Measurement } from './measure.ts';

/** Formats a rate with thousands separators and no fraction (`1,234,567`). */
export function formatRate(opsPerSec: number): string {
  return Math.round(opsPerSec).toLocaleString('en-US');
}

/**
 * A Markdown table: engine, median ops/s, microseconds per call, and how many times faster
 * `baseline` is than the engine (`baseline ops/s / engine ops/s`; below 1 means slower).
 */
export function resultsTable(results: Measurement[], baseline: string): string {
  const base = results.find((r) => r.name === baseline);
  if (!base) throw new Error(`no result named ${baseline}`);
  const rows = results.map((r) => {
    const ratio = base.opsPerSec / r.opsPerSec;
    const shown = r.name === baseline ? '1x' : ratio >= 1 ? `${ratio.toFixed(1)}x faster` : `${(1 / ratio).toFixed(1)}x slower`;
    return `| ${r.name} | ${formatRate(r.opsPerSec)} | ${(1e6 / r.opsPerSec).toFixed(2)} | ${shown} |`;
  });
  return ['| engine | ops/s (median) | µs/call | compiled vs engine |', '|---|---:|---:|---|', ...rows].join('\n');
}

/** The ratio `a / b` of two named results' ops/s. */
export function ratio(results: Measurement[], a: string, b: string): number {
  const ra = results.find((r) => r.name === a);
  const rb = results.find((r) => r.name === b);
  if (!ra || !rb) throw new Error(`missing result ${!ra ? a : b}`);
  return ra.opsPerSec / rb.opsPerSec;
}
