// The storage interfaces of billing, limits and metering. The middleware and routes only know these;
// billing/sqlite/ implements them on the embedded database, and a Redis/PostgreSQL backend can
// implement them the same way. Every method returns a Promise so a networked backend fits.
import type { SlaTier, SlaTierTable } from './sla-tiers.ts';

/** One billable unit (API.md "Metering and invoices"). `at` is ISO 8601 UTC. */
export interface UsageEvent {
  id: string;
  tenant: string;
  keyId: string | null;
  sku: string;
  version: string;
  at: string;
  units: number;
  requestBytes: number;
  responseBytes: number;
  latencyMs: number;
  status: number;
  sla: string;
  canary: boolean;
}

/** An event to append. `dedupeKey` (tenant, Idempotency-Key and unit index) makes a second append a no-op. */
export interface NewUsageEvent extends Omit<UsageEvent, 'id'> {
  id?: string;
  dedupeKey?: string | null;
}

/** Usage of one tenant, SKU and tier over a range: what an invoice line is priced from. */
export interface UsageSummaryRow {
  tenant: string;
  sku: string;
  sla: string;
  /** Sum of units. */
  calls: number;
  /** Number of event rows (equals `calls` while every event has one unit). */
  events: number;
  responseBytes: number;
  /** Units whose latency was strictly above the tier's threshold. */
  slowCalls: number;
}

/** One bucket of GET /v1/usage. */
export interface UsageBucket {
  /** ISO 8601 start of the hour or day (UTC). */
  start: string;
  sku: string;
  calls: number;
  requestBytes: number;
  responseBytes: number;
  errors: number;
  latencyMs: { p50: number | null; p95: number | null; p99: number | null };
}

export interface UsageQuery {
  tenant?: string;
  sku?: string;
  /** Epoch milliseconds, [from, to). */
  from: number;
  to: number;
}

/** Durable usage events. */
export interface UsageStore {
  /**
   * Appends events; the promise resolves only after they are committed durably (implementations may
   * group several appends into one commit). Events whose `dedupeKey` already exists are skipped.
   * Resolves to the number of events actually written.
   */
  append(events: NewUsageEvent[]): Promise<number>;
  /** Counts failed (non-billable) calls for the usage report. */
  recordErrors(tenant: string, sku: string, atMs: number, count: number): Promise<void>;
  /** Per tenant, SKU and tier; `thresholds` gives each tier's latency threshold in ms. */
  summarize(q: UsageQuery, thresholds: Record<string, number>): Promise<UsageSummaryRow[]>;
  /** Buckets by hour or day, with latency percentiles. */
  series(q: UsageQuery, granularity: 'hour' | 'day'): Promise<UsageBucket[]>;
  /** The events themselves, oldest first (for audits, reconcile and tests). */
  list(q: UsageQuery, limit?: number): Promise<UsageEvent[]>;
}

/** The first response to an idempotent request, replayed as is. */
export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type IdempotencyBegin =
  /**
   * `since`: when the record was first created (unchanged when a lapsed claim is taken over). Metering
   * builds the events' dedupe keys from it, so a retry after a crash cannot bill twice.
   */
  | { state: 'started'; token: string; since?: number }
  | { state: 'replay'; response: StoredResponse }
  | { state: 'mismatch' }
  | { state: 'in-progress' };

export interface IdempotencyBeginRequest {
  /** Who the key belongs to (the tenant). */
  scope: string;
  key: string;
  /** Hash of method, path and body: the same key with another request is a mismatch. */
  fingerprint: string;
  now: number;
  /** How long a completed response is kept (24 h by default). */
  ttlMs: number;
  /** How long an in-progress claim holds before another request may take it over. */
  leaseMs: number;
}

/** Idempotency-Key records. */
export interface IdempotencyStore {
  /** Claims the key, or says why not. Atomic: of concurrent callers with one key, one gets `started`. */
  begin(req: IdempotencyBeginRequest): Promise<IdempotencyBegin>;
  /** Stores the response of a `started` claim (no-op when the claim was lost). */
  complete(scope: string, key: string, token: string, response: StoredResponse, now: number): Promise<void>;
  /**
   * Gives up a `started` claim without storing anything, so a retry runs again at once. Keep the
   * record (end its lease) rather than delete it: the retry must get the same `since`.
   */
  abandon(scope: string, key: string, token: string): Promise<void>;
  /** Deletes expired records; returns how many. */
  purgeExpired(now: number): Promise<number>;
}

export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  /** Requests left in the current window after this one. */
  remaining: number;
  /** Milliseconds until the current window ends. */
  resetMs: number;
}

/** Fixed-window counters: never more than `limit` hits per window and key. */
export interface RateLimitStore {
  hit(key: string, limit: number, windowMs: number, now: number): Promise<RateLimitDecision>;
}

export interface QuotaDecision {
  ok: boolean;
  /** Units used in the period after this call (unchanged when refused). */
  used: number;
  limit: number | null;
}

/** Monthly quota counters. */
export interface QuotaStore {
  /** Adds `units` when the result stays within `limit` (null = unlimited); never overshoots. */
  consume(scope: string, sku: string, period: string, units: number, limit: number | null): Promise<QuotaDecision>;
  /** Gives back units that were consumed but not billed (failed calls). */
  refund(scope: string, sku: string, period: string, units: number): Promise<void>;
  used(scope: string, sku: string, period: string): Promise<number>;
}

/** The declared totals of a promotion's `spec.limits` (null where not declared). */
export interface LimitTotals {
  redemptions: number | null;
  perCustomer: number | null;
  /** Money, decimal string. */
  budget: string | null;
}

export interface ReserveRequest {
  tenant: string;
  sku: string;
  /** The Idempotency-Key of the redeem (an order id); a second reserve with it returns the first. */
  key: string;
  customer: string | null;
  /** Redemptions this reserves (1 when redemptions or perCustomer is declared, else 0). */
  units: number;
  /** Budget this reserves (the discount), decimal string, or null. */
  amount: string | null;
  totals: LimitTotals;
  /** The promotion output to keep with the redemption. */
  result: unknown;
  now: number;
}

export interface Redemption {
  id: string;
  tenant: string;
  sku: string;
  key: string;
  customer: string | null;
  units: number;
  amount: string | null;
  state: 'held' | 'released';
  result: unknown;
  createdAt: string;
  releasedAt: string | null;
}

export type ReserveOutcome =
  | { ok: true; redemption: Redemption; replayed: boolean }
  | { ok: false; reason: 'sold-out' | 'customer-limit' | 'budget-exhausted' };

export interface LimitsLeft {
  sku: string;
  redemptions: { total: number | null; held: number; remaining: number | null };
  budget: { total: string | null; held: string; remaining: string | null };
  perCustomer: number | null;
}

/** Promotion limits: reserve and release are each one atomic transaction. */
export interface RedemptionStore {
  reserve(req: ReserveRequest): Promise<ReserveOutcome>;
  /** Releases a held redemption once; `released: false` when it was released before; null when unknown. */
  release(tenant: string, id: string, now: number): Promise<{ released: boolean; redemption: Redemption } | null>;
  get(tenant: string, id: string): Promise<Redemption | null>;
  left(tenant: string, sku: string, totals: LimitTotals): Promise<LimitsLeft>;
}

/** The operator-changeable SLA tier table, versioned by the month it applies from. */
export interface SlaTierStore {
  /** The table that applies to a month (YYYY-MM). */
  tableFor(period: string): Promise<SlaTierTable>;
  /** Sets one tier from `effectiveFrom` (YYYY-MM) on. */
  put(tier: SlaTier, effectiveFrom: string): Promise<void>;
}

/** Every billing store, as one bundle the runtime is given. */
export interface BillingStores {
  usage: UsageStore;
  idempotency: IdempotencyStore;
  rateLimits: RateLimitStore;
  quotas: QuotaStore;
  redemptions: RedemptionStore;
  slaTiers: SlaTierStore;
  /** Flushes pending writes and stops timers. */
  close(): Promise<void>;
}
