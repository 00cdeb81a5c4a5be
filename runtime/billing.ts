// Billing's part of the runtime, built once per app: the billing stores (the SQLite ones on the
// catalog's file unless the server passes others), each SKU's billing contract, the declared totals
// of a promotion's limits and the pricing of usage by each SKU's PricingTier plan.
import { readFileSync } from 'node:fs';
import type { CheckedDocument } from '../dsl/model.ts';
import { DEFAULT_SLA_TIERS, parseSlaTierFile, type SlaTierTable } from '../billing/sla-tiers.ts';
import type { Executor } from '../compiler/runtime/plan.ts';
import type { BillingStores, LimitTotals } from '../billing/stores.ts';
import { createSqliteBillingStores } from '../billing/sqlite/index.ts';
import { declaredTotals } from '../billing/limit-totals.ts';
import type { PricingOutput, Pricer } from '../billing/invoice.ts';
import type { CatalogStore } from '../catalog/store.ts';
import type { SkuEntry } from './catalog-cache.ts';
import type { CompilerApi } from './compiler.ts';
import type { AppDeps } from './deps.ts';
import { skuBillingFromStore, type SkuBillingLookup } from './middleware/rate-limit/sku-billing.ts';
import { DEFAULT_PLAN_SOURCE } from '../billing/default-plan.ts';
import { resolvePlan } from './plan-resolve.ts';

/** What billing's middlewares and routes share. */
export interface BillingRuntime {
  stores: BillingStores;
  billingOf: SkuBillingLookup;
  /** The declared totals of a Promotion version's `spec.limits` under the given params. */
  limitTotals(sku: string, version: string, params: Record<string, unknown>): Promise<LimitTotals>;
  /** A pricer for one tenant's invoice of a month (plans as published before the month ended). */
  pricer(monthEnd: number): Pricer;
}

/** The parts of AppDeps billing needs (the CLI builds them without a server). */
export interface BillingDeps {
  store: CatalogStore;
  compiler: () => Promise<CompilerApi>;
  billing?: BillingStores;
  sqlite?: AppDeps['sqlite'];
}

const built = new WeakMap<object, BillingRuntime>();

/**
 * The operator's base SLA tier table from the JSON file named by RULEMART_SLA_TIERS (over the API.md
 * defaults). A broken file stops the start: running with tiers the operator did not intend would bill wrongly.
 */
export function operatorSlaTiers(env: NodeJS.ProcessEnv = process.env): SlaTierTable {
  const path = env.RULEMART_SLA_TIERS;
  if (!path) return DEFAULT_SLA_TIERS;
  const parsed = parseSlaTierFile(readFileSync(path, 'utf8'));
  if (!parsed.ok) throw new Error(`RULEMART_SLA_TIERS ${path}: ${parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  return parsed.table;
}

/**
 * The billing runtime of an app's dependencies (made on first use, then shared).
 * @example
 *   const b = billingRuntime(deps);
 *   app.post('/v1/skus/:sku/execute', ..., rateLimit({ store: b.stores.rateLimits, billingOf: b.billingOf }), ...)
 */
export function billingRuntime(deps: BillingDeps, options: { server?: boolean } = {}): BillingRuntime {
  const hit = built.get(deps);
  if (hit) return hit;
  // The server owns the embedded file: claims a crashed process left in progress are dropped at start.
  const stores = deps.billing ?? (deps.sqlite
    ? createSqliteBillingStores(deps.sqlite.sqlite, { recoverInProgress: options.server === true, slaTiers: operatorSlaTiers() })
    : null);
  if (!stores) throw new Error('billing needs deps.billing or the embedded SQLite database');
  if (options.server) {
    // Completed idempotency records live 24 h; sweep the expired ones hourly (not on the hot path).
    const sweep = setInterval(() => void stores.idempotency.purgeExpired(Date.now()).catch(() => undefined), 3_600_000);
    sweep.unref();
  }
  const documents = new Map<string, Promise<CheckedDocument | null>>();
  const documentOf = (sku: string, version: string): Promise<CheckedDocument | null> => {
    const k = `${sku}@${version}`;
    let d = documents.get(k);
    if (!d) {
      d = (async () => {
        const row = await deps.store.getVersion(sku, version);
        if (!row) return null;
        // Checking (parse + types) is enough to read the limits; no need to emit code again.
        const { checkSource } = await import('../dsl/index.ts');
        return checkSource(row.source, `${sku}@${version}.yaml`).documents.find((d) => d.sku === sku) ?? null;
      })();
      documents.set(k, d);
      d.catch(() => documents.delete(k));
    }
    return d;
  };
  const rt: BillingRuntime = {
    stores,
    billingOf: skuBillingFromStore(deps.store),
    async limitTotals(sku, version, params) {
      const doc = await documentOf(sku, version);
      if (!doc) throw new Error(`no document for ${sku}@${version}`);
      return declaredTotals(doc, params);
    },
    pricer: (monthEnd) => planPricer(deps, monthEnd),
  };
  built.set(deps, rt);
  return rt;
}

/**
 * Prices invoice lines: each SKU's `billing.plan` names one of its owner's own PricingTiers, run at
 * the highest major and version published before the month ended (resolvePlan), so a closed month's
 * invoice never changes; SKUs without a plan use the built-in default plan.
 */
let defaultPlan: Promise<Executor<any, any, any>> | null = null;

/** The built-in default plan's executor, built once per process (it is the same source every time). */
function defaultPlanExecutor(): Promise<Executor<any, any, any>> {
  defaultPlan ??= (async () => {
    const { buildSource } = await import('../compiler/index.ts');
    const { built, diagnostics } = buildSource(DEFAULT_PLAN_SOURCE, 'default-plan.yaml');
    if (!built[0]) throw new Error(`the default plan does not compile: ${diagnostics.map((d) => d.message).join('; ')}`);
    return built[0].executor;
  })();
  return defaultPlan;
}

function planPricer(deps: BillingDeps, monthEnd: number): Pricer {
  const executors = new Map<string, Promise<Executor<any, any, any>>>();
  const load = (key: string, make: () => Promise<Executor<any, any, any>>) => {
    let e = executors.get(key);
    if (!e) executors.set(key, (e = make()));
    return e;
  };
  // One resolution per SKU and pricer: an invoice prices a SKU once per SLA tier it was called in.
  const plans = new Map<string, Promise<Executor<any, any, any>>>();
  const planOf = (sku: string): Promise<Executor<any, any, any>> => {
    let p = plans.get(sku);
    if (!p) {
      p = (async () => {
        const plan = await resolvePlan(deps.store, sku, monthEnd);
        if (!plan.sku) return defaultPlanExecutor();
        const chosen = plan.version;
        return load(`${plan.sku}@${chosen.version}`, async () => (await deps.compiler()).loadExecutor(chosen.module));
      })();
      plans.set(sku, p);
      p.catch(() => plans.delete(sku));
    }
    return p;
  };
  // A plan that reads `now` sees the month's last instant, so a month's invoice is the same whenever
  // it is computed (the price example, asked with no month end, sees the present).
  const now = Number.isFinite(monthEnd) ? new Date(monthEnd - 1).toISOString() : undefined;
  return async ({ sku, sla, calls, responseKB }) => {
    const executor = await planOf(sku);
    return executor.execute({ usage: { calls, responseKB }, sla }, now === undefined ? undefined : { now }) as PricingOutput;
  };
}

export type { SkuEntry };
