// Tests of the inline SVG charts and the usage series behind them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { barChart, countMax, escapeXml, lineChart, niceMax } from './charts.ts';
import { bucketsOf, toSeries } from './usage-series.ts';

describe('charts', () => {
  it('picks a nice axis maximum at or above the data', () => {
    expect(niceMax(0)).toBe(1);
    expect(niceMax(7)).toBe(10);
    expect(niceMax(130)).toBe(200);
    fc.assert(fc.property(fc.double({ min: 1e-6, max: 1e12, noNaN: true }), (max) => {
      const nice = niceMax(max);
      expect(nice).toBeGreaterThanOrEqual(max);
      expect(nice).toBeLessThanOrEqual(max * 10 + 1e-9);
    }));
  });

  it('gives count axes whole ticks', () => {
    expect(countMax(0)).toBe(4);
    expect(countMax(1)).toBe(4);
    expect(countMax(9)).toBe(20);
    fc.assert(fc.property(fc.nat(10_000_000), (n) => {
      const max = countMax(n);
      expect(max).toBeGreaterThanOrEqual(n);
      expect(Number.isInteger(max / 4)).toBe(true);
    }));
  });

  it('draws one bar per value, scaled to the axis, with escaped labels', () => {
    const svg = barChart('Calls <all>', ['a&b', '01:00'], [5, 0], 'calls');
    expect(svg.match(/<rect [^>]*class="bar"/g)).toHaveLength(2);
    expect(svg).toContain('Calls &lt;all&gt;');
    expect(svg).toContain('a&amp;b');
    expect(svg).not.toContain('<all>');
  });

  it('leaves a gap in a line where a value is missing', () => {
    const svg = lineChart('Latency', ['a', 'b', 'c'], [{ name: 'p95', values: [10, null, 30] }], 'ms');
    const path = /<path d="([^"]*)" class="line s0"/.exec(svg)![1]!;
    expect(path.match(/M/g)).toHaveLength(2);
    expect(escapeXml(`"'`)).toBe('&quot;&#39;');
  });
});

describe('toSeries', () => {
  it('lays buckets on a full hourly timeline and sums SKUs', () => {
    const from = Date.parse('2026-11-26T08:30:00Z');
    const to = Date.parse('2026-11-26T11:10:00Z');
    const s = toSeries(bucketsOf({ buckets: [
      { start: '2026-11-26T09:00:00.000Z', sku: 'a', calls: 2, errors: 0, latencyMs: { p50: 3, p95: 9, p99: 12 } },
      { start: '2026-11-26T09:00:00.000Z', sku: 'b', calls: 1, errors: 1, latencyMs: { p50: 4, p95: 5, p99: 6 } },
      { start: '2026-11-26T11:00:00.000Z', sku: 'a', calls: 7, errors: 0, latencyMs: { p50: null, p95: null, p99: null } },
    ] }), from, to, 'hour');
    expect(s.labels).toEqual(['08:00', '09:00', '10:00', '11:00']);
    expect(s.calls).toEqual([0, 3, 0, 7]);
    expect(s.errors).toEqual([0, 1, 0, 0]);
    expect(s.p95).toEqual([null, 9, null, null]);
  });

  it('reads a bare array and ignores junk', () => {
    expect(bucketsOf([{ start: 'x', sku: 'a', calls: 1 }, null, 3])).toHaveLength(1);
    expect(bucketsOf('nope')).toEqual([]);
  });
});
