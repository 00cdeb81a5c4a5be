// RedemptionStore on PostgreSQL (the twin of billing/sqlite/redemption-store.ts), for a deployment
// without Redis: a reserve locks the tenant's promotion totals row, checks stock, the customer's
// count and the budget and takes them in one transaction; a release gives back what it took, once.
// Locks are always taken totals first, then the redemption, so reserves and releases cannot deadlock.
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { LimitTotals, LimitsLeft, Redemption, ReserveOutcome, ReserveRequest, RedemptionStore } from '../stores.ts';
import { Decimal, canonical, dec, money } from '../decimal.ts';
import { fromPgText, toPgText } from './text.ts';

interface RedemptionRow {
  id: string; tenant: string; sku: string; key: string; customer: string | null; units: number;
  amount: string | null; state: 'held' | 'released'; result: string; created_at: string; released_at: string | null;
}

function toRedemption(r: RedemptionRow): Redemption {
  return {
    id: r.id, tenant: r.tenant, sku: r.sku, key: fromPgText(r.key), customer: fromPgText(r.customer), units: r.units, amount: r.amount,
    state: r.state, result: JSON.parse(r.result), createdAt: new Date(Number(r.created_at)).toISOString(),
    releasedAt: r.released_at === null ? null : new Date(Number(r.released_at)).toISOString(),
  };
}

async function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    try {
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  } finally {
    client.release();
  }
}

/** Locks (creating when missing) the totals row of a tenant's promotion and returns it. */
async function lockTotals(client: pg.PoolClient, tenant: string, sku: string): Promise<{ redemptions: number; budget_used: string }> {
  await client.query('INSERT INTO redemption_totals (tenant, sku) VALUES ($1, $2) ON CONFLICT DO NOTHING', [tenant, sku]);
  const { rows } = await client.query('SELECT redemptions, budget_used FROM redemption_totals WHERE tenant = $1 AND sku = $2 FOR UPDATE', [tenant, sku]);
  return rows[0] as { redemptions: number; budget_used: string };
}

/** PostgreSQL promotion limits (tables `redemptions`, `redemption_totals`, `redemption_customers`). */
export class PgRedemptionStore implements RedemptionStore {
  constructor(private readonly pool: pg.Pool) {}

  reserve(original: ReserveRequest): Promise<ReserveOutcome> {
    const req = { ...original, key: toPgText(original.key), customer: toPgText(original.customer) };
    return inTransaction(this.pool, async (client) => {
      const t = await lockTotals(client, req.tenant, req.sku);
      // Under the totals lock, so two reserves with one key cannot both pass this check.
      const existing = await client.query('SELECT * FROM redemptions WHERE tenant = $1 AND sku = $2 AND key = $3', [req.tenant, req.sku, req.key]);
      if (existing.rows[0]) return { ok: true, redemption: toRedemption(existing.rows[0] as RedemptionRow), replayed: true };
      const units = Math.max(0, req.units);
      if (units > 0 && req.totals.redemptions !== null && t.redemptions + units > req.totals.redemptions) {
        return { ok: false, reason: 'sold-out' };
      }
      let customerHeldNow = 0;
      if (req.customer !== null) {
        const held = await client.query('SELECT held FROM redemption_customers WHERE tenant = $1 AND sku = $2 AND customer = $3', [req.tenant, req.sku, req.customer]);
        customerHeldNow = (held.rows[0] as { held: number } | undefined)?.held ?? 0;
        if (units > 0 && req.totals.perCustomer !== null && customerHeldNow + units > req.totals.perCustomer) {
          return { ok: false, reason: 'customer-limit' };
        }
      }
      let budgetUsed = dec(t.budget_used);
      const amount = req.amount === null ? null : dec(req.amount);
      if (amount !== null && req.totals.budget !== null && budgetUsed.plus(amount).gt(dec(req.totals.budget))) {
        return { ok: false, reason: 'budget-exhausted' };
      }
      if (amount !== null) budgetUsed = budgetUsed.plus(amount);
      const id = `rdm_${randomBytes(12).toString('hex')}`;
      const inserted = await client.query(
        `INSERT INTO redemptions (id, tenant, sku, key, customer, units, amount, state, result, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'held', $8, $9) RETURNING *`,
        [id, req.tenant, req.sku, req.key, req.customer, units, amount === null ? null : money(amount), JSON.stringify(req.result ?? null), req.now],
      );
      await client.query('UPDATE redemption_totals SET redemptions = $3, budget_used = $4 WHERE tenant = $1 AND sku = $2',
        [req.tenant, req.sku, t.redemptions + units, canonical(budgetUsed)]);
      if (req.customer !== null) {
        await client.query(
          `INSERT INTO redemption_customers (tenant, sku, customer, held) VALUES ($1, $2, $3, $4)
           ON CONFLICT (tenant, sku, customer) DO UPDATE SET held = excluded.held`,
          [req.tenant, req.sku, req.customer, customerHeldNow + units],
        );
      }
      return { ok: true, redemption: toRedemption(inserted.rows[0] as RedemptionRow), replayed: false };
    });
  }

  async release(tenant: string, id: string, now: number): Promise<{ released: boolean; redemption: Redemption } | null> {
    const found = await this.pool.query('SELECT sku FROM redemptions WHERE tenant = $1 AND id = $2', [tenant, id]);
    const sku = (found.rows[0] as { sku: string } | undefined)?.sku;
    if (sku === undefined) return null;
    return inTransaction(this.pool, async (client) => {
      const t = await lockTotals(client, tenant, sku);
      const { rows } = await client.query('SELECT * FROM redemptions WHERE tenant = $1 AND id = $2 FOR UPDATE', [tenant, id]);
      const row = rows[0] as RedemptionRow;
      if (row.state === 'released') return { released: false, redemption: toRedemption(row) };
      const updated = await client.query("UPDATE redemptions SET state = 'released', released_at = $2 WHERE id = $1 RETURNING *", [id, now]);
      const budget = row.amount === null ? dec(t.budget_used) : dec(t.budget_used).minus(dec(row.amount));
      await client.query('UPDATE redemption_totals SET redemptions = $3, budget_used = $4 WHERE tenant = $1 AND sku = $2',
        [tenant, sku, t.redemptions - row.units, canonical(budget)]);
      if (row.customer !== null) {
        await client.query('UPDATE redemption_customers SET held = held - $4 WHERE tenant = $1 AND sku = $2 AND customer = $3',
          [tenant, sku, row.customer, row.units]);
      }
      return { released: true, redemption: toRedemption(updated.rows[0] as RedemptionRow) };
    });
  }

  async get(tenant: string, id: string): Promise<Redemption | null> {
    const { rows } = await this.pool.query('SELECT * FROM redemptions WHERE tenant = $1 AND id = $2', [tenant, id]);
    return rows[0] ? toRedemption(rows[0] as RedemptionRow) : null;
  }

  async left(tenant: string, sku: string, totals: LimitTotals): Promise<LimitsLeft> {
    const { rows } = await this.pool.query('SELECT redemptions, budget_used FROM redemption_totals WHERE tenant = $1 AND sku = $2', [tenant, sku]);
    const t = (rows[0] as { redemptions: number; budget_used: string } | undefined) ?? { redemptions: 0, budget_used: '0' };
    const held = dec(t.budget_used);
    return {
      sku,
      redemptions: {
        total: totals.redemptions, held: t.redemptions,
        remaining: totals.redemptions === null ? null : Math.max(0, totals.redemptions - t.redemptions),
      },
      budget: {
        total: totals.budget === null ? null : money(dec(totals.budget)),
        held: money(held),
        remaining: totals.budget === null ? null : money(Decimal.max(0, dec(totals.budget).minus(held))),
      },
      perCustomer: totals.perCustomer,
    };
  }
}
