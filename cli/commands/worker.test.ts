// `rulemart worker` and the storage flags of `rulemart serve`: combinations that cannot work are
// usage errors (exit 2) before anything is opened, and `worker --drain` empties the stream.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../main.ts';
import { dropPrefix, freshPrefix, openTestRedis, TEST_REDIS_URL } from '../../billing/redis/testing.ts';
import { RedisUsageStore } from '../../billing/redis/usage-store.ts';
import { PgUsageStore } from '../../billing/pg/usage-store.ts';
import { openTestPg } from '../../catalog/pg/testing.ts';

const saved = { DATABASE_URL: process.env.DATABASE_URL, REDIS_URL: process.env.REDIS_URL };
let stderr = '';
const write = process.stderr.write.bind(process.stderr);
beforeEach(() => {
  delete process.env.DATABASE_URL;
  delete process.env.REDIS_URL;
  stderr = '';
  process.stderr.write = ((chunk: string | Uint8Array) => { stderr += String(chunk); return true; }) as typeof process.stderr.write;
});
afterEach(() => {
  process.stderr.write = write;
  for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
});

describe('storage flags', () => {
  it('refuse what cannot work with exit 2', async () => {
    expect(await main(['worker'])).toBe(2);
    expect(stderr).toMatch(/--database-url and --redis-url/);
    expect(await main(['worker', '--database-url', 'mysql://h/db', '--redis-url', 'redis://h'])).toBe(2);
    expect(await main(['worker', '--database-url', 'postgres://h/db'])).toBe(2);
    expect(await main(['serve', '--redis-url', 'redis://127.0.0.1:6379', '--port', '0'])).toBe(2);
    expect(stderr).toMatch(/REDIS_URL needs DATABASE_URL/);
    expect(await main(['worker', '--database-url', 'postgres://h/db', '--redis-url', 'redis://h', '--claim-idle-ms', 'soon'])).toBe(2);
  });

  it('worker --drain writes what is in the stream to the ledger and exits 0', async () => {
    const pg = await openTestPg();
    const redis = await openTestRedis();
    const prefix = freshPrefix();
    try {
      const ledger = new PgUsageStore(pg.handle.pool);
      await new RedisUsageStore(redis, prefix, ledger).append([{
        tenant: 'drain', keyId: null, sku: 'promo:a:v1', version: '1.0.0', at: new Date().toISOString(), units: 1,
        requestBytes: 1, responseBytes: 2, latencyMs: 1, status: 200, sla: 'gold', canary: false,
      }]);
      const out: string[] = [];
      const stdout = process.stdout.write.bind(process.stdout);
      process.stdout.write = ((chunk: string | Uint8Array) => { out.push(String(chunk)); return true; }) as typeof process.stdout.write;
      try {
        expect(await main(['worker', '--drain', '--database-url', pg.url, '--redis-url', TEST_REDIS_URL, '--redis-prefix', prefix])).toBe(0);
      } finally {
        process.stdout.write = stdout;
      }
      expect(out.join('')).toMatch(/drained 1 usage stream entries/);
      expect(await ledger.list({ from: 0, to: Number.MAX_SAFE_INTEGER, tenant: 'drain' })).toHaveLength(1);
    } finally {
      await dropPrefix(redis, prefix);
      await pg.drop();
    }
  });
});
