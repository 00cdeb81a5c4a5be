// IdempotencyStore on SQLite: each begin runs alone inside a group-commit transaction (IMMEDIATE), so of
// concurrent requests with one key exactly one claims it, even across processes sharing the file.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { GroupCommit } from './group-commit.ts';
import type { IdempotencyBegin, IdempotencyBeginRequest, IdempotencyStore, StoredResponse } from '../stores.ts';

interface Row {
  fingerprint: string; state: 'in-progress' | 'completed'; token: string; locked_until: number;
  status: number | null; headers: string | null; body: string | null; created_at: number; expires_at: number;
}

/** SQLite idempotency records (table `idempotency_keys`). */
export class SqliteIdempotencyStore implements IdempotencyStore {
  private readonly beginTx: (req: IdempotencyBeginRequest) => IdempotencyBegin;
  private readonly completeStmt: Database.Statement;
  private readonly abandonStmt: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    private readonly commits: GroupCommit = new GroupCommit(db),
  ) {
    const select = db.prepare(
      'SELECT fingerprint, state, token, locked_until, status, headers, body, created_at, expires_at FROM idempotency_keys WHERE scope = ? AND key = ?',
    );
    const del = db.prepare('DELETE FROM idempotency_keys WHERE scope = ? AND key = ?');
    const insert = db.prepare(
      `INSERT INTO idempotency_keys (scope, key, fingerprint, state, token, locked_until, created_at, expires_at)
       VALUES (?, ?, ?, 'in-progress', ?, ?, ?, ?)`,
    );
    const takeOver = db.prepare('UPDATE idempotency_keys SET token = ?, locked_until = ? WHERE scope = ? AND key = ?');
    const claim = (req: IdempotencyBeginRequest): IdempotencyBegin => {
      let row = select.get(req.scope, req.key) as Row | undefined;
      if (row && row.expires_at <= req.now) {
        del.run(req.scope, req.key);
        row = undefined;
      }
      const token = randomUUID();
      if (!row) {
        insert.run(req.scope, req.key, req.fingerprint, token, req.now + req.leaseMs, req.now, req.now + req.ttlMs);
        return { state: 'started', token, since: req.now };
      }
      if (row.fingerprint !== req.fingerprint) return { state: 'mismatch' };
      if (row.state === 'completed') {
        return {
          state: 'replay',
          response: { status: row.status ?? 200, headers: JSON.parse(row.headers ?? '{}'), body: row.body ?? '' },
        };
      }
      if (row.locked_until > req.now) return { state: 'in-progress' };
      // The claimant's lease ran out (it crashed or hung): this request takes the key over.
      takeOver.run(token, req.now + req.leaseMs, req.scope, req.key);
      return { state: 'started', token, since: row.created_at };
    };
    this.beginTx = claim;
    this.completeStmt = db.prepare(
      `UPDATE idempotency_keys SET state = 'completed', status = ?, headers = ?, body = ?
       WHERE scope = ? AND key = ? AND token = ? AND state = 'in-progress'`,
    );
    // Abandoning ends the lease but keeps the record: a retry takes it over with the same `since`, so
    // events written before the failure keep their dedupe keys and are not billed again.
    this.abandonStmt = db.prepare(
      "UPDATE idempotency_keys SET locked_until = 0 WHERE scope = ? AND key = ? AND token = ? AND state = 'in-progress'",
    );
  }

  async begin(req: IdempotencyBeginRequest): Promise<IdempotencyBegin> {
    return this.commits.submit(() => this.beginTx(req));
  }

  async complete(scope: string, key: string, token: string, response: StoredResponse, _now?: number): Promise<void> {
    const headers = JSON.stringify(response.headers);
    await this.commits.submit(() => this.completeStmt.run(response.status, headers, response.body, scope, key, token));
  }

  async abandon(scope: string, key: string, token: string): Promise<void> {
    await this.commits.submit(() => this.abandonStmt.run(scope, key, token));
  }

  async purgeExpired(now: number): Promise<number> {
    const purge = this.db.prepare('DELETE FROM idempotency_keys WHERE expires_at <= ?');
    return this.commits.submit(() => purge.run(now).changes);
  }

  /**
   * Ends the lease of every in-progress claim. Only for a server that owns the database file alone, at
   * start: claims left by a crashed process can then be retried at once instead of after their lease.
   * The records stay (with their `since`), so a retry cannot bill events the crashed process wrote.
   */
  recoverInProgress(): number {
    return this.db.prepare("UPDATE idempotency_keys SET locked_until = 0 WHERE state = 'in-progress' AND locked_until > 0").run().changes;
  }
}
