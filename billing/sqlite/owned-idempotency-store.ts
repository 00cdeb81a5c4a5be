// IdempotencyStore for the embedded server, which owns its database file alone: claims are decided
// at once in memory (over the committed rows) and their writes queued on the group commit without
// waiting. That is safe because the queue is first in, first out: a claim's row is durable no later
// than the usage events written after it, so a retry after a crash finds the claim (and its `since`)
// whenever it finds the events. Only the events themselves are waited for before the response.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { IdempotencyBegin, IdempotencyBeginRequest, IdempotencyStore, StoredResponse } from '../stores.ts';
import { GroupCommit } from './group-commit.ts';

interface Claim {
  fingerprint: string;
  state: 'in-progress' | 'completed';
  token: string;
  lockedUntil: number;
  since: number;
  expiresAt: number;
  response?: StoredResponse;
}

interface Row {
  fingerprint: string; state: 'in-progress' | 'completed'; token: string; locked_until: number;
  status: number | null; headers: string | null; body: string | null; created_at: number; expires_at: number;
}

/** True for a claim whose request may still be running (in progress with a live lease). */
function isRunning(claim: Claim): boolean {
  return claim.state === 'in-progress' && claim.lockedUntil > 0;
}

/**
 * SQLite idempotency records with an in-memory view of the writes still queued and of the claims
 * whose requests are running in this process.
 */
export class OwnedIdempotencyStore implements IdempotencyStore {
  /** Claims whose latest write is not yet committed, or whose request is running, by scope and key. */
  private readonly live = new Map<string, { claim: Claim; pending: number }>();
  private readonly select: Database.Statement;
  private readonly replace: Database.Statement;
  private readonly takeOver: Database.Statement;
  private readonly completeStmt: Database.Statement;
  private readonly abandonStmt: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    private readonly commits: GroupCommit = new GroupCommit(db),
  ) {
    this.select = db.prepare(
      'SELECT fingerprint, state, token, locked_until, status, headers, body, created_at, expires_at FROM idempotency_keys WHERE scope = ? AND key = ?',
    );
    this.replace = db.prepare(
      `INSERT OR REPLACE INTO idempotency_keys (scope, key, fingerprint, state, token, locked_until, created_at, expires_at)
       VALUES (?, ?, ?, 'in-progress', ?, ?, ?, ?)`,
    );
    this.takeOver = db.prepare('UPDATE idempotency_keys SET token = ?, locked_until = ? WHERE scope = ? AND key = ?');
    this.completeStmt = db.prepare(
      `UPDATE idempotency_keys SET state = 'completed', status = ?, headers = ?, body = ?
       WHERE scope = ? AND key = ? AND token = ? AND state = 'in-progress'`,
    );
    this.abandonStmt = db.prepare("UPDATE idempotency_keys SET locked_until = 0 WHERE scope = ? AND key = ? AND token = ? AND state = 'in-progress'");
  }

  private current(k: string, scope: string, key: string): Claim | undefined {
    const l = this.live.get(k);
    if (l) return l.claim;
    const r = this.select.get(scope, key) as Row | undefined;
    if (!r) return undefined;
    return {
      fingerprint: r.fingerprint, state: r.state, token: r.token, lockedUntil: r.locked_until, since: r.created_at, expiresAt: r.expires_at,
      response: r.state === 'completed' ? { status: r.status ?? 200, headers: JSON.parse(r.headers ?? '{}'), body: r.body ?? '' } : undefined,
    };
  }

  /** Records the claim in memory and queues its write; the memory entry goes once its last write committed. */
  private write(k: string, claim: Claim, fn: () => unknown): void {
    const l = this.live.get(k);
    if (l) {
      l.claim = claim;
      l.pending++;
    } else {
      this.live.set(k, { claim, pending: 1 });
    }
    const done = () => {
      const e = this.live.get(k);
      // A claim still running here (started, not yet completed or abandoned) stays in memory, so its
      // complete() or abandon() needs no read of the row it wrote.
      if (e && --e.pending === 0 && !isRunning(e.claim)) this.live.delete(k);
    };
    this.commits.submit(fn, { single: true }).then(done, done);
  }

  async begin(req: IdempotencyBeginRequest): Promise<IdempotencyBegin> {
    const k = `${req.scope}\u0000${req.key}`;
    let cur = this.current(k, req.scope, req.key);
    if (cur && cur.expiresAt <= req.now) cur = undefined;
    const token = randomUUID();
    if (!cur) {
      const claim: Claim = { fingerprint: req.fingerprint, state: 'in-progress', token, lockedUntil: req.now + req.leaseMs, since: req.now, expiresAt: req.now + req.ttlMs };
      this.write(k, claim, () => this.replace.run(req.scope, req.key, req.fingerprint, token, claim.lockedUntil, req.now, claim.expiresAt));
      return { state: 'started', token, since: req.now };
    }
    if (cur.fingerprint !== req.fingerprint) return { state: 'mismatch' };
    if (cur.state === 'completed') return { state: 'replay', response: cur.response! };
    if (cur.lockedUntil > req.now) return { state: 'in-progress' };
    const claim: Claim = { ...cur, token, lockedUntil: req.now + req.leaseMs };
    this.write(k, claim, () => this.takeOver.run(token, claim.lockedUntil, req.scope, req.key));
    return { state: 'started', token, since: cur.since };
  }

  async complete(scope: string, key: string, token: string, response: StoredResponse): Promise<void> {
    const k = `${scope}\u0000${key}`;
    const cur = this.current(k, scope, key);
    if (!cur || cur.token !== token || cur.state !== 'in-progress') return;
    const headers = JSON.stringify(response.headers);
    this.write(k, { ...cur, state: 'completed', response }, () => this.completeStmt.run(response.status, headers, response.body, scope, key, token));
  }

  async abandon(scope: string, key: string, token: string): Promise<void> {
    const k = `${scope}\u0000${key}`;
    const cur = this.current(k, scope, key);
    if (!cur || cur.token !== token || cur.state !== 'in-progress') return;
    this.write(k, { ...cur, lockedUntil: 0 }, () => this.abandonStmt.run(scope, key, token));
  }

  async purgeExpired(now: number): Promise<number> {
    const purge = this.db.prepare('DELETE FROM idempotency_keys WHERE expires_at <= ?');
    return this.commits.submit(() => purge.run(now).changes);
  }

  /** Ends the lease of every claim a crashed process left in progress (at start, before any call). */
  recoverInProgress(): number {
    // Claims of requests this process was running count as crashed too: their memory view goes with them.
    for (const [k, l] of this.live) {
      if (!isRunning(l.claim)) continue;
      if (l.pending === 0) this.live.delete(k);
      else l.claim = { ...l.claim, lockedUntil: 0 };
    }
    return this.db.prepare("UPDATE idempotency_keys SET locked_until = 0 WHERE state = 'in-progress' AND locked_until > 0").run().changes;
  }
}
