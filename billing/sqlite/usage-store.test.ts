// Usage events: group commit is durable when append resolves, dedupe keys bill once, and summaries
// and series add up.
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteUsageStore } from './usage-store.ts';
import { createTestDatabase, openTestConnection } from './test-db.ts';
import type { NewUsageEvent } from '../stores.ts';

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
});
function setup() {
  const t = createTestDatabase();
  cleanups.push(t.cleanup);
  return { ...t, store: new SqliteUsageStore(t.db) };
}
const T0 = Date.UTC(2026, 10, 11, 0, 0, 0);
const ev = (over: Partial<NewUsageEvent> = {}): NewUsageEvent => ({
  tenant: 't1', keyId: 'k1', sku: 'promo:a:v1', version: '1.0.0', at: new Date(T0).toISOString(), units: 1,
  requestBytes: 100, responseBytes: 1024, latencyMs: 10, status: 200, sla: 'silver', canary: false, ...over,
});

describe('SqliteUsageStore', () => {
  it('commits a thousand concurrent appends, each visible to another connection once it resolves', async () => {
    const { store, path } = setup();
    const other = openTestConnection(path);
    try {
      const seen: number[] = [];
      await Promise.all(
        Array.from({ length: 1000 }, (_, i) =>
          store.append([ev({ dedupeKey: `t1:key-${i}:0` })]).then((n) => {
            expect(n).toBe(1);
            // Read through a second connection: only committed rows are visible there.
            seen.push((other.prepare('SELECT COUNT(*) AS n FROM usage_events WHERE dedupe_key = ?').get(`t1:key-${i}:0`) as { n: number }).n);
          }),
        ),
      );
      expect(seen.every((n) => n === 1)).toBe(true);
      expect((other.prepare('SELECT COUNT(*) AS n FROM usage_events').get() as { n: number }).n).toBe(1000);
    } finally {
      other.close();
    }
  });

  it('skips events whose dedupe key exists, also within one batch', async () => {
    const { store } = setup();
    expect(await store.append([ev({ dedupeKey: 'x:0' }), ev({ dedupeKey: 'x:1' })])).toBe(2);
    expect(await store.append([ev({ dedupeKey: 'x:0' }), ev({ dedupeKey: 'x:1' }), ev({ dedupeKey: 'x:2' })])).toBe(1);
    expect(await store.append([ev(), ev()])).toBe(2); // no key: always written
    expect((await store.list({ from: 0, to: T0 + 1 })).length).toBe(5);
  });

  it('one failing append does not lose the others of its group', async () => {
    const { store } = setup();
    const results = await Promise.allSettled([
      store.append([ev({ id: 'dup' })]),
      store.append([ev({ id: 'dup' })]),
      store.append([ev()]),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((await store.list({ from: 0, to: T0 + 1 })).length).toBe(2);
  });

  it('summarizes per tenant, SKU and tier, counting slow calls against each tier threshold', async () => {
    const { store } = setup();
    await store.append([
      ev({ latencyMs: 150 }), ev({ latencyMs: 250 }), ev({ latencyMs: 200 }),
      ev({ sla: 'gold', latencyMs: 150 }), ev({ sku: 'promo:b:v1', responseBytes: 2048 }),
      ev({ tenant: 't2' }), ev({ at: new Date(T0 - 1).toISOString() }),
    ]);
    const rows = await store.summarize({ tenant: 't1', from: T0, to: T0 + 86_400_000 }, { silver: 200, gold: 100 });
    expect(rows).toEqual([
      { tenant: 't1', sku: 'promo:a:v1', sla: 'gold', calls: 1, events: 1, responseBytes: 1024, slowCalls: 1 },
      { tenant: 't1', sku: 'promo:a:v1', sla: 'silver', calls: 3, events: 3, responseBytes: 3072, slowCalls: 1 },
      { tenant: 't1', sku: 'promo:b:v1', sla: 'silver', calls: 1, events: 1, responseBytes: 2048, slowCalls: 0 },
    ]);
  });

  it('buckets by hour and day with errors and latency percentiles', async () => {
    const { store } = setup();
    const events = Array.from({ length: 100 }, (_, i) => ev({ latencyMs: i + 1, at: new Date(T0 + (i % 2) * 3_600_000).toISOString() }));
    await store.append(events);
    await store.recordErrors('t1', 'promo:a:v1', T0 + 10, 3);
    await store.recordErrors('t1', 'promo:a:v1', T0 + 20, 2);
    const hours = await store.series({ tenant: 't1', from: T0, to: T0 + 86_400_000 }, 'hour');
    expect(hours.map((b) => [b.start, b.calls, b.errors])).toEqual([
      [new Date(T0).toISOString(), 50, 5],
      [new Date(T0 + 3_600_000).toISOString(), 50, 0],
    ]);
    const days = await store.series({ tenant: 't1', from: T0, to: T0 + 86_400_000 }, 'day');
    expect(days).toHaveLength(1);
    expect(days[0]).toMatchObject({ calls: 100, errors: 5, requestBytes: 10_000, responseBytes: 102_400, latencyMs: { p50: 50, p95: 95, p99: 99 } });
  });
});
