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
