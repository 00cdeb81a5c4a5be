// The small pure pieces: SLA tier parsing, rate-limit text, periods and percentiles.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SLA_TIERS, parseSlaTier, parseSlaTierFile } from './sla-tiers.ts';
import { parseRateLimit, resetSeconds, windowStart } from './rate-limit.ts';
import { bucketStart, monthRange, periodOf } from './period.ts';
import { percentile } from './percentile.ts';

describe('SLA tiers', () => {
  it('has the API.md defaults', () => {
    expect(DEFAULT_SLA_TIERS.bronze).toMatchObject({ monthlyQuota: 100_000, latencyMs: 500, creditPercent: null });
    expect(DEFAULT_SLA_TIERS.silver).toMatchObject({ monthlyQuota: 1_000_000, latencyMs: 200, creditPercent: '15' });
    expect(DEFAULT_SLA_TIERS.gold).toMatchObject({ monthlyQuota: null, latencyMs: 100, creditPercent: '15' });
  });
  it('accepts a partial change and lists every problem of a bad one', () => {
    expect(parseSlaTier('silver', { monthlyQuota: 5 }, DEFAULT_SLA_TIERS.silver)).toEqual({
      ok: true, tier: { ...DEFAULT_SLA_TIERS.silver, monthlyQuota: 5 },
    });
    const bad = parseSlaTier('Silver!', { monthlyQuota: -1, latencyMs: 1.5, creditPercent: '200', bogus: 1 });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.map((e) => e.path).sort()).toEqual(['/bogus', '/creditPercent', '/latencyMs', '/monthlyQuota', '/name']);
    expect(parseSlaTier('x', null).ok).toBe(false);
  });
  it('reads an operator file over the defaults', () => {
    const r = parseSlaTierFile('{"platinum":{"monthlyQuota":null,"latencyMs":50,"creditPercent":25}}');
    expect(r.ok && r.table.platinum).toEqual({ name: 'platinum', monthlyQuota: null, latencyMs: 50, creditPercent: '25', creditOverRatio: '0.005' });
    expect(r.ok && r.table.bronze).toEqual(DEFAULT_SLA_TIERS.bronze);
    expect(parseSlaTierFile('{').ok).toBe(false);
    expect(parseSlaTierFile('[]').ok).toBe(false);
  });
});

describe('rate-limit text and windows', () => {
  it('reads <int>/(s|m|h|d) and nothing else', () => {
    expect(parseRateLimit('100/s')).toEqual({ limit: 100, windowMs: 1000, text: '100/s' });
    expect(parseRateLimit(' 5 / h ')).toEqual({ limit: 5, windowMs: 3_600_000, text: '5/h' });
    for (const bad of ['0/s', '10/w', '1.5/s', '/s', '', null, undefined]) expect(parseRateLimit(bad)).toBeNull();
  });
  it('aligns windows to the epoch and rounds the reset up to whole seconds', () => {
    expect(windowStart(61_500, 60_000)).toBe(60_000);
    expect(resetSeconds(1)).toBe(1);
    expect(resetSeconds(0)).toBe(1);
    expect(resetSeconds(1001)).toBe(2);
  });
});

describe('periods and percentiles', () => {
  it('maps months to UTC ranges', () => {
    expect(monthRange('2026-12')).toEqual({ from: Date.UTC(2026, 11, 1), to: Date.UTC(2027, 0, 1) });
    for (const bad of ['2026-13', '2026-1', '26-01', '2026-00']) expect(monthRange(bad)).toBeNull();
    expect(periodOf(Date.UTC(2026, 1, 28, 23, 59, 59, 999))).toBe('2026-02');
    expect(bucketStart(Date.UTC(2026, 0, 1, 13, 5), 'day')).toBe(Date.UTC(2026, 0, 1));
  });
  it('uses the nearest rank', () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(percentile([1, 2, 3, 4], 95)).toBe(4);
  });
});
