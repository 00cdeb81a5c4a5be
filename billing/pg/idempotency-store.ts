// IdempotencyStore on PostgreSQL (the twin of billing/sqlite/idempotency-store.ts): each begin is one
// transaction that locks the key's row, so of concurrent requests with one key, on any instance,
// exactly one claims it.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { IdempotencyBegin, IdempotencyBeginRequest, IdempotencyStore, StoredResponse } from '../stores.ts';
import { fromPgText, toPgText } from './text.ts';

interface Row {
  fingerprint: string; state: 'in-progress' | 'completed'; token: string; locked_until: string;
  status: number | null; headers: string | null; body: string | null; expires_at: string; created_at: string;
}

/** PostgreSQL idempotency records (table `idempotency_keys`). */
export class PgIdempotencyStore implements IdempotencyStore {
  constructor(private readonly pool: pg.Pool) {}

  async begin(original: IdempotencyBeginRequest): Promise<IdempotencyBegin> {
    const req = { ...original, scope: toPgText(original.scope), key: toPgText(original.key) };
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      try {
        const token = randomUUID();
        // Insert-or-nothing first, so a fresh key needs no lock wait and a racing insert serialises here.
        const inserted = await client.query(
          `INSERT INTO idempotency_keys (scope, key, fingerprint, state, token, locked_until, created_at, expires_at)
           VALUES ($1, $2, $3, 'in-progress', $4, $5, $6, $7) ON CONFLICT (scope, key) DO NOTHING`,
          [req.scope, req.key, req.fingerprint, token, req.now + req.leaseMs, req.now, req.now + req.ttlMs],
        );
        let outcome: IdempotencyBegin;
        if (inserted.rowCount === 1) {
          outcome = { state: 'started', token, since: req.now };
        } else {
          const { rows } = await client.query(
            'SELECT fingerprint, state, token, locked_until, status, headers, body, expires_at, created_at FROM idempotency_keys WHERE scope = $1 AND key = $2 FOR UPDATE',
            [req.scope, req.key],
          );
          const row = rows[0] as Row;
          if (Number(row.expires_at) <= req.now) {
            await client.query(
              `UPDATE idempotency_keys SET fingerprint = $3, state = 'in-progress', token = $4, locked_until = $5,
                 status = NULL, headers = NULL, body = NULL, created_at = $6, expires_at = $7 WHERE scope = $1 AND key = $2`,
              [req.scope, req.key, req.fingerprint, token, req.now + req.leaseMs, req.now, req.now + req.ttlMs],
            );
            outcome = { state: 'started', token, since: req.now };
          } else if (row.fingerprint !== req.fingerprint) {
            outcome = { state: 'mismatch' };
          } else if (row.state === 'completed') {
            outcome = { state: 'replay', response: { status: row.status ?? 200, headers: JSON.parse(row.headers ?? '{}'), body: fromPgText(row.body ?? '') } };
          } else if (Number(row.locked_until) > req.now) {
            outcome = { state: 'in-progress' };
          } else {
            // The claimant's lease ran out (it crashed or hung): this request takes the key over.
            await client.query('UPDATE idempotency_keys SET token = $3, locked_until = $4 WHERE scope = $1 AND key = $2',
              [req.scope, req.key, token, req.now + req.leaseMs]);
            // `since` stays the first claim's time, so the retry's usage events keep their dedupe keys.
            outcome = { state: 'started', token, since: Number(row.created_at) };
          }
        }
        await client.query('COMMIT');
        return outcome;
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    } finally {
      client.release();
    }
  }

  async complete(scope: string, key: string, token: string, response: StoredResponse): Promise<void> {
    await this.pool.query(
      `UPDATE idempotency_keys SET state = 'completed', status = $1, headers = $2, body = $3
       WHERE scope = $4 AND key = $5 AND token = $6 AND state = 'in-progress'`,
      [response.status, JSON.stringify(response.headers), toPgText(response.body), toPgText(scope), toPgText(key), token],
    );
  }

  async abandon(scope: string, key: string, token: string): Promise<void> {
    await this.pool.query("DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2 AND token = $3 AND state = 'in-progress'", [toPgText(scope), toPgText(key), token]);
  }

  async purgeExpired(now: number): Promise<number> {
    return (await this.pool.query('DELETE FROM idempotency_keys WHERE expires_at <= $1', [now])).rowCount ?? 0;
  }
}
