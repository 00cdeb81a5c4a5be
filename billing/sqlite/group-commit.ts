// Group commit for the embedded database: writes submitted during one event-loop turn run, in
// order, inside one IMMEDIATE transaction, and each submitter's promise settles only after that
// transaction is durable. With `synchronous = FULL` a commit costs an fsync; sharing it between
// every request of a turn keeps "durable before the response" cheap under load.
//
// Overlapped fsync: better-sqlite3 is synchronous, so a FULL commit blocks the event loop for the
// whole fsync (milliseconds on a busy disk) and no request makes progress meanwhile. On a file in
// WAL mode whose connection runs with `synchronous = FULL` (or EXTRA), the group's transaction
// commits with `synchronous = NORMAL` (the frames are written to the -wal file, not yet synced) and
// the -wal file is then fdatasync'ed on libuv's thread pool while the loop serves the next requests.
// A job's promise settles only after an fdatasync that *started after its commit* has completed, so
// every acknowledged transaction is on disk exactly as with FULL (the frames of a WAL commit are
// what FULL syncs; checkpoints sync the WAL before and the database after, as in NORMAL mode). The
// connection is set back to its own level right after each group, so other writers on it (the
// catalog) keep FULL.
import { closeSync, fdatasync, fdatasyncSync, openSync } from 'node:fs';
import type Database from 'better-sqlite3';

interface Job {
  fn: () => unknown;
  /** A single statement is atomic by itself: no savepoint needed. */
  single: boolean;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

/** Concurrent fdatasyncs at most: below libuv's 4 pool threads, so file and DNS work still get one. */
const MAX_SYNCS = 2;

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** A committed group waiting for its fdatasync. */
interface Committed {
  jobs: Job[];
  results: Outcome[];
}

/** Runs write closures in shared transactions on one better-sqlite3 connection. */
export class GroupCommit {
  private queue: Job[] = [];
  private scheduled = false;
  private readonly runBatch: (jobs: Job[]) => Outcome[];
  /** Overlapped fsync state; null when the commit itself syncs (memory, not WAL, or synchronous < FULL). */
  private readonly overlap: {
    walPath: string;
    fd: number | null;
    toNormal: Database.Statement;
    restore: Database.Statement;
    /** Committed groups not yet covered by a started fdatasync. */
    waiting: Committed[];
    /** fdatasyncs running now (at most {@link MAX_SYNCS}). */
    syncing: number;
  } | null;

  private readonly datasync: typeof fdatasync;

  /** `options.datasync` replaces `fs.fdatasync` (tests hold a sync open to watch what waits for it). */
  constructor(private readonly db: Database.Database, options: { datasync?: typeof fdatasync } = {}) {
    this.datasync = options.datasync ?? fdatasync;
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
    this.overlap = null;
    try {
      const level = Number(db.pragma('synchronous', { simple: true }));
      const wal = String(db.pragma('journal_mode', { simple: true })).toLowerCase() === 'wal';
      if (!db.memory && wal && level >= 2 && db.name) {
        this.overlap = {
          walPath: `${db.name}-wal`,
          fd: null,
          toNormal: db.prepare('PRAGMA synchronous = NORMAL'),
          restore: db.prepare(`PRAGMA synchronous = ${level}`),
          waiting: [],
          syncing: 0,
        };
      }
    } catch {
      this.overlap = null;
    }
  }

  /**
   * Runs `fn` (synchronous database work) in the next group transaction; resolves with its result
   * once that transaction is durable, or rejects with what it threw (its writes undone) or with the
   * commit's (or the sync's) error.
   * `single`: `fn` runs one statement, atomic on its own, so it skips the per-job savepoint.
   */
  submit<T>(fn: () => T, options: { single?: boolean } = {}): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn, single: options.single === true, resolve: resolve as (v: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.commitTurn());
      }
    });
  }

  /** The scheduled flush: commits the turn's jobs and leaves their sync to the thread pool when it can. */
  private commitTurn(): void {
    this.scheduled = false;
    const jobs = this.queue;
    this.queue = [];
    if (jobs.length === 0) return;
    const o = this.overlap;
    if (o === null || !this.walFd()) {
      this.commitNow(jobs);
      return;
    }
    let results: Outcome[];
    try {
      o.toNormal.run();
      try {
        results = this.runBatch(jobs);
      } finally {
        o.restore.run();
      }
    } catch (error) {
      // The commit itself failed (disk full, lock timeout, closed database): nothing of this group was written.
      for (const j of jobs) j.reject(error);
      return;
    }
    o.waiting.push({ jobs, results });
    this.startSync();
  }

  /** Opens the -wal file once (it exists once the database is in WAL mode and has been written). */
  private walFd(): boolean {
    const o = this.overlap!;
    if (o.fd !== null) return true;
    try {
      o.fd = openSync(o.walPath, 'r');
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Starts an fdatasync for every group committed and not yet covered. Each group gets a sync that
   * starts after its commit, without waiting for the one already running (the file system batches
   * concurrent syncs in its journal); past MAX_SYNCS running, groups wait and share the next one.
   */
  private startSync(): void {
    const o = this.overlap!;
    if (o.syncing >= MAX_SYNCS || o.waiting.length === 0) return;
    const groups = o.waiting;
    o.waiting = [];
    o.syncing++;
    this.datasync(o.fd!, (error) => {
      o.syncing--;
      for (const g of groups) settle(g, error);
      this.startSync();
    });
  }

  /** Commits `jobs` with the connection's own synchronous level and settles them. */
  private commitNow(jobs: Job[]): void {
    let results: Outcome[];
    try {
      results = this.runBatch(jobs);
    } catch (error) {
      for (const j of jobs) j.reject(error);
      return;
    }
    settle({ jobs, results }, null);
  }

  /** Commits everything queued now and makes every committed group durable before returning (shutdown). */
  flush(): void {
    this.scheduled = false;
    const jobs = this.queue;
    this.queue = [];
    if (jobs.length > 0) this.commitNow(jobs);
    const o = this.overlap;
    if (o && o.fd !== null && (o.waiting.length > 0 || o.syncing > 0)) {
      const groups = o.waiting;
      o.waiting = [];
      let error: unknown = null;
      try {
        fdatasyncSync(o.fd);
      } catch (e) {
        error = e;
      }
      for (const g of groups) settle(g, error);
    }
  }

  /** Flushes, then closes the -wal file handle (before the database is closed). */
  close(): void {
    this.flush();
    const o = this.overlap;
    if (o && o.fd !== null && o.syncing === 0) {
      closeSync(o.fd);
      o.fd = null;
    }
  }
}

/** Settles a committed group: each job's own outcome, or the sync's error for all of them. */
function settle(g: Committed, error: unknown): void {
  for (let i = 0; i < g.jobs.length; i++) {
    const j = g.jobs[i]!;
    const r = g.results[i]!;
    if (error) j.reject(error);
    else if (r.ok) j.resolve(r.value);
    else j.reject(r.error);
  }
}
