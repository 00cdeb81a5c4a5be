// PostgreSQL NOTIFY invalidation against the local PostgreSQL: delivered to the other instance of the
// same schema only, never echoed to the sender's handler, and a listener whose connection is killed
// comes back and tells its cache to forget everything.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPg, type PgHandle } from '../../catalog/pg/db.ts';
import { dropSchema, freshSchemaName, openTestPg, urlWithSchema } from '../../catalog/pg/testing.ts';
import type { Invalidation } from './invalidation.ts';
import { PgInvalidationBus } from './pg-invalidation.ts';

let main: Awaited<ReturnType<typeof openTestPg>>;
let other: { handle: PgHandle; schema: string };
const buses: PgInvalidationBus[] = [];
beforeAll(async () => {
  main = await openTestPg();
  const schema = freshSchemaName();
  other = { handle: await openPg(urlWithSchema(schema), { max: 2 }), schema };
});
afterAll(async () => {
  for (const b of buses) await b.close();
  await other.handle.close();
  await dropSchema(other.schema);
  await main.drop();
});

async function bus(handle: PgHandle, url: string, seen: Invalidation[]): Promise<PgInvalidationBus> {
  const b = new PgInvalidationBus(url, handle);
  buses.push(b);
  await b.listen((m) => seen.push(m));
  return b;
}

async function waitFor(predicate: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('PgInvalidationBus', () => {
  it('reaches the other instance of the schema, not the sender nor another schema', async () => {
    const seenA: Invalidation[] = []; const seenB: Invalidation[] = []; const seenOther: Invalidation[] = [];
    const a = await bus(main.handle, main.url, seenA);
    await bus(main.handle, main.url, seenB);
    await bus(other.handle, urlWithSchema(other.schema), seenOther);
    await a.publish({ type: 'key', keyId: 'key_9' });
    await waitFor(() => seenB.length > 0);
    expect(seenB).toEqual([{ type: 'key', keyId: 'key_9' }]);
    expect(seenA).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(seenOther).toEqual([]);
  });

  it('comes back after its connection is killed and forgets everything', async () => {
    const seen: Invalidation[] = [];
    const b = await bus(main.handle, main.url, seen);
    const sender = await bus(main.handle, main.url, []);
    // Only this bus's own connection: other test files listen on the same channel at the same time.
    expect(b.listenerPid).toEqual(expect.any(Number));
    await main.handle.pool.query('SELECT pg_terminate_backend($1)', [b.listenerPid]);
    await waitFor(() => seen.some((m) => m.type === 'all'));
    await sender.publish({ type: 'sku', sku: 'promo:x:v1' });
    await waitFor(() => seen.some((m) => m.type === 'sku'));
    expect(b).toBeDefined();
  });
});
