// RedemptionStore on SQLite: a reserve checks stock, the customer's count and the budget and takes
// them atomically (alone, inside a group-commit IMMEDIATE transaction); a release gives exactly what
// its redemption took back, once.
import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { LimitTotals, LimitsLeft, Redemption, ReserveOutcome, ReserveRequest, RedemptionStore } from '../stores.ts';
import { Decimal, canonical, dec, money } from '../decimal.ts';
import { GroupCommit } from './group-commit.ts';

interface RedemptionRow {
  id: string; tenant: string; sku: string; key: string; customer: string | null; units: number;
  amount: string | null; state: 'held' | 'released'; result: string; created_at: number; released_at: number | null;
}

function toRedemption(r: RedemptionRow): Redemption {
  return {
    id: r.id, tenant: r.tenant, sku: r.sku, key: r.key, customer: r.customer, units: r.units, amount: r.amount,
    state: r.state, result: JSON.parse(r.result), createdAt: new Date(r.created_at).toISOString(),
    releasedAt: r.released_at === null ? null : new Date(r.released_at).toISOString(),
  };
}

/** SQLite promotion limits (tables `redemptions`, `redemption_totals`, `redemption_customers`). */
export class SqliteRedemptionStore implements RedemptionStore {
  private readonly reserveTx: (req: ReserveRequest) => ReserveOutcome;
  private readonly releaseTx: (tenant: string, id: string, now: number) => { released: boolean; redemption: Redemption } | null;
  private readonly byId: Database.Statement;
  private readonly totalsOf: Database.Statement;

  constructor(
    db: Database.Database,
    private readonly commits: GroupCommit = new GroupCommit(db),
  ) {
    const byKey = db.prepare('SELECT * FROM redemptions WHERE tenant = ? AND sku = ? AND key = ?');
    this.byId = db.prepare('SELECT * FROM redemptions WHERE tenant = ? AND id = ?');
    this.totalsOf = db.prepare('SELECT redemptions, budget_used FROM redemption_totals WHERE tenant = ? AND sku = ?');
    const customerHeld = db.prepare('SELECT held FROM redemption_customers WHERE tenant = ? AND sku = ? AND customer = ?');
    const putTotals = db.prepare(
      `INSERT INTO redemption_totals (tenant, sku, redemptions, budget_used) VALUES (?, ?, ?, ?)
       ON CONFLICT (tenant, sku) DO UPDATE SET redemptions = excluded.redemptions, budget_used = excluded.budget_used`,
    );
    const putCustomer = db.prepare(
      `INSERT INTO redemption_customers (tenant, sku, customer, held) VALUES (?, ?, ?, ?)
       ON CONFLICT (tenant, sku, customer) DO UPDATE SET held = excluded.held`,
    );
    const insert = db.prepare(
      `INSERT INTO redemptions (id, tenant, sku, key, customer, units, amount, state, result, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'held', ?, ?)`,
    );
    const markReleased = db.prepare("UPDATE redemptions SET state = 'released', released_at = ? WHERE id = ? AND state = 'held'");

    const reserve = (req: ReserveRequest): ReserveOutcome => {
      const existing = byKey.get(req.tenant, req.sku, req.key) as RedemptionRow | undefined;
      if (existing) return { ok: true, redemption: toRedemption(existing), replayed: true };
      const t = (this.totalsOf.get(req.tenant, req.sku) as { redemptions: number; budget_used: string } | undefined) ?? {
        redemptions: 0,
        budget_used: '0',
      };
      const units = Math.max(0, req.units);
      if (units > 0 && req.totals.redemptions !== null && t.redemptions + units > req.totals.redemptions) {
        return { ok: false, reason: 'sold-out' };
      }
      let customerHeldNow = 0;
      if (req.customer !== null) {
        customerHeldNow = (customerHeld.get(req.tenant, req.sku, req.customer) as { held: number } | undefined)?.held ?? 0;
        if (units > 0 && req.totals.perCustomer !== null && customerHeldNow + units > req.totals.perCustomer) {
          return { ok: false, reason: 'customer-limit' };
        }
      }
      let budgetUsed = dec(t.budget_used);
      const amount = req.amount === null ? null : dec(req.amount);
      if (amount !== null && req.totals.budget !== null) {
        if (budgetUsed.plus(amount).gt(dec(req.totals.budget))) return { ok: false, reason: 'budget-exhausted' };
      }
      if (amount !== null) budgetUsed = budgetUsed.plus(amount);
      const id = `rdm_${randomBytes(12).toString('hex')}`;
      insert.run(id, req.tenant, req.sku, req.key, req.customer, units, amount === null ? null : money(amount),
        JSON.stringify(req.result ?? null), req.now);
      putTotals.run(req.tenant, req.sku, t.redemptions + units, canonical(budgetUsed));
      if (req.customer !== null) putCustomer.run(req.tenant, req.sku, req.customer, customerHeldNow + units);
      return { ok: true, redemption: toRedemption(this.byId.get(req.tenant, id) as RedemptionRow), replayed: false };
    };
    this.reserveTx = reserve;

    const release = (tenant: string, id: string, now: number) => {
      const row = this.byId.get(tenant, id) as RedemptionRow | undefined;
      if (!row) return null;
      if (row.state === 'released') return { released: false, redemption: toRedemption(row) };
      markReleased.run(now, id);
      const t = this.totalsOf.get(row.tenant, row.sku) as { redemptions: number; budget_used: string };
      const budget = row.amount === null ? dec(t.budget_used) : dec(t.budget_used).minus(dec(row.amount));
      putTotals.run(row.tenant, row.sku, t.redemptions - row.units, canonical(budget));
      if (row.customer !== null) {
        const held = (customerHeld.get(row.tenant, row.sku, row.customer) as { held: number }).held;
        putCustomer.run(row.tenant, row.sku, row.customer, held - row.units);
      }
      return { released: true, redemption: toRedemption(this.byId.get(tenant, id) as RedemptionRow) };
    };
    this.releaseTx = release;
  }

  async reserve(req: ReserveRequest): Promise<ReserveOutcome> {
    return this.commits.submit(() => this.reserveTx(req));
  }

  async release(tenant: string, id: string, now: number): Promise<{ released: boolean; redemption: Redemption } | null> {
    return this.commits.submit(() => this.releaseTx(tenant, id, now));
  }

  async get(tenant: string, id: string): Promise<Redemption | null> {
    const row = this.byId.get(tenant, id) as RedemptionRow | undefined;
    return row ? toRedemption(row) : null;
  }

  async left(tenant: string, sku: string, totals: LimitTotals): Promise<LimitsLeft> {
    const t = (this.totalsOf.get(tenant, sku) as { redemptions: number; budget_used: string } | undefined) ?? {
      redemptions: 0,
      budget_used: '0',
    };
    const held = dec(t.budget_used);
    return {
      sku,
      redemptions: {
        total: totals.redemptions,
        held: t.redemptions,
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
