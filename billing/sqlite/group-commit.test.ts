// Group commit: jobs of one turn share a transaction, settle after the commit, and a failing job
// undoes only its own writes.
import { afterEach, describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit.ts';
import { createTestDatabase, openTestConnection } from './test-db.ts';

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
});

describe('GroupCommit', () => {
  it('runs jobs in order in one transaction and settles each after the commit', async () => {
    const t = createTestDatabase();
    cleanups.push(t.cleanup);
    const other = openTestConnection(t.path);
    cleanups.push(() => other.close());
    t.db.exec('CREATE TABLE log (n INTEGER)');
    const gc = new GroupCommit(t.db);
    const insert = t.db.prepare('INSERT INTO log VALUES (?)');
    const visibleElsewhere = () => (other.prepare('SELECT COUNT(*) AS n FROM log').get() as { n: number }).n;
    const inTx: boolean[] = [];
    const results = await Promise.allSettled([
      gc.submit(() => { inTx.push(t.db.inTransaction); insert.run(1); return 'a'; }),
      gc.submit(() => { insert.run(2); throw new Error('job failed'); }),
      gc.submit(() => { insert.run(3); return visibleElsewhere(); }),
    ]);
    expect(inTx).toEqual([true]);
    expect(results[0]).toEqual({ status: 'fulfilled', value: 'a' });
    expect(results[1]!.status).toBe('rejected');
    // Inside the group nothing is visible to another connection yet; after it, exactly 1 and 3.
    expect(results[2]).toEqual({ status: 'fulfilled', value: 0 });
    expect(other.prepare('SELECT n FROM log ORDER BY n').all()).toEqual([{ n: 1 }, { n: 3 }]);
  });
});

describe('GroupCommit with synchronous = FULL (overlapped fsync)', () => {
  function fullDatabase() {
    const t = createTestDatabase();
    cleanups.push(t.cleanup);
    t.db.pragma('synchronous = FULL');
    t.db.exec('CREATE TABLE log (n INTEGER)');
    const other = openTestConnection(t.path);
    cleanups.push(() => other.close());
    const syncs: ((e: NodeJS.ErrnoException | null) => void)[] = [];
    const gc = new GroupCommit(t.db, { datasync: ((_fd: number, cb: (e: NodeJS.ErrnoException | null) => void) => void syncs.push(cb)) as never });
    const insert = t.db.prepare('INSERT INTO log VALUES (?)');
    const rows = () => (other.prepare('SELECT n FROM log ORDER BY n').all() as { n: number }[]).map((r) => r.n);
    return { t, gc, insert, rows, syncs };
  }
  const turn = () => new Promise((r) => setImmediate(r));

  it('settles a group only after a sync that started after its commit (at most two at once), and keeps the connection at FULL', async () => {
    const { t, gc, insert, rows, syncs } = fullDatabase();
    const settled: string[] = [];
    const a = gc.submit(() => insert.run(1), { single: true }).then(() => settled.push('a'));
    await turn();
    // Committed (another connection sees it) but not acknowledged: its sync is still running.
    expect(rows()).toEqual([1]);
    expect(syncs).toHaveLength(1);
    expect(t.db.pragma('synchronous', { simple: true })).toBe(2);
    const b = gc.submit(() => insert.run(2), { single: true }).then(() => settled.push('b'));
    await turn();
    expect(rows()).toEqual([1, 2]);
    // B committed while A's sync ran: that sync does not cover it, B gets its own at once.
    expect(syncs).toHaveLength(2);
    const c = gc.submit(() => insert.run(3), { single: true }).then(() => settled.push('c'));
    await turn();
    // Two syncs running: C waits for a free one and starts only after one ends.
    expect(syncs).toHaveLength(2);
    syncs[1]!(null);
    await b;
    await turn();
    expect(settled).toEqual(['b']);
    expect(syncs).toHaveLength(3);
    syncs[0]!(null);
    await a;
    syncs[2]!(null);
    await c;
    expect(settled).toEqual(['b', 'a', 'c']);
    expect(t.db.pragma('synchronous', { simple: true })).toBe(2);
  });

  it('rejects the jobs of a group whose sync failed', async () => {
    const { gc, insert, syncs } = fullDatabase();
    const p = gc.submit(() => insert.run(1), { single: true });
    await turn();
    syncs[0]!(Object.assign(new Error('EIO'), { code: 'EIO' }));
    await expect(p).rejects.toThrow('EIO');
  });

  it('flush() commits what is queued and syncs what is waiting before it returns', async () => {
    const { gc, insert, rows, syncs } = fullDatabase();
    const a = gc.submit(() => insert.run(1), { single: true });
    await turn();
    const b = gc.submit(() => insert.run(2), { single: true });
    gc.flush();
    expect(rows()).toEqual([1, 2]);
    await expect(b).resolves.toMatchObject({ changes: 1 });
    syncs[0]!(null);
    await expect(a).resolves.toMatchObject({ changes: 1 });
  });
});
