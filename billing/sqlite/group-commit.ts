// Group commit for the embedded database: writes submitted during one event-loop turn run, in
// order, inside one IMMEDIATE transaction, and each submitter's promise settles only after that
// transaction has committed. With `synchronous = FULL` a commit costs an fsync; sharing it between
// every request of a turn keeps "durable before the response" cheap under load.
import type Database from 'better-sqlite3';

interface Job {
  fn: () => unknown;
  /** A single statement is atomic by itself: no savepoint needed. */
  single: boolean;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

/** Runs write closures in shared transactions on one better-sqlite3 connection. */
export class GroupCommit {
  private queue: Job[] = [];
  private scheduled = false;
  private readonly runBatch: (jobs: Job[]) => ({ ok: true; value: unknown } | { ok: false; error: unknown })[];

  constructor(private readonly db: Database.Database) {
    // Nested better-sqlite3 transactions are savepoints: a closure that throws undoes only its own writes.
    const one = db.transaction((fn: () => unknown) => fn());
    const all = db.transaction((jobs: Job[]) =>
      jobs.map((j) => {
        try {
          return { ok: true as const, value: j.single ? j.fn() : one(j.fn) };
        } catch (error) {
          return { ok: false as const, error };
        }
      }),
    );
    this.runBatch = (jobs) => all.immediate(jobs);
  }

  /**
   * Runs `fn` (synchronous database work) in the next group transaction; resolves with its result
   * after the commit, or rejects with what it threw (its writes undone) or with the commit's error.
   * `single`: `fn` runs one statement, atomic on its own, so it skips the per-job savepoint.
   */
  submit<T>(fn: () => T, options: { single?: boolean } = {}): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn, single: options.single === true, resolve: resolve as (v: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits everything queued now (also on shutdown). */
  flush(): void {
    this.scheduled = false;
    const jobs = this.queue;
    this.queue = [];
    if (jobs.length === 0) return;
    let results: ReturnType<typeof this.runBatch>;
    try {
      results = this.runBatch(jobs);
    } catch (error) {
      // The commit itself failed (disk full, lock timeout): nothing of this group was written.
      for (const j of jobs) j.reject(error);
      return;
    }
    jobs.forEach((j, i) => {
      const r = results[i]!;
      if (r.ok) j.resolve(r.value);
      else j.reject(r.error);
    });
  }
}
