// The runtime's metrics: executions by SKU, version and status, their latency, and business counters.
import { Counter, DecimalCounter, Histogram, labelKey, Registry } from './registry.ts';

/** The runtime's metric set; billing may register more on `registry`. */
export interface RuntimeMetrics {
  registry: Registry;
  executions: Counter;
  latency: Histogram;
  discountGranted: DecimalCounter;
  promotionsApplied: Counter;
  publishes: Counter;
  /** Records one execution and, for a Promotion's output, the discount it granted. */
  recordExecution(sku: string, version: string, status: number, seconds: number, output?: unknown): void;
}

export function createRuntimeMetrics(): RuntimeMetrics {
  const registry = new Registry();
  const executions = registry.register(new Counter('rulemart_executions_total', 'Executor runs by SKU, version and HTTP status.'));
  const latency = registry.register(new Histogram('rulemart_execution_duration_seconds', 'Time spent in the executor, by SKU and version.'));
  const discountGranted = registry.register(new DecimalCounter('rulemart_discount_granted_total', 'Discount amount granted by Promotions (currency units, exact).'));
  const promotionsApplied = registry.register(new Counter('rulemart_promotions_applied_total', 'Promotion executions whose output applied.'));
  const publishes = registry.register(new Counter('rulemart_publishes_total', 'Versions published.'));
  // Rendered label sets per (sku, version, status): the execute path must not sort and escape
  // labels on every call. Bounded, since SKU ids come from the catalog, not from callers.
  const keys = new Map<string, { exec: string; lat: string; applied: string; granted: string }>();
  return {
    registry, executions, latency, discountGranted, promotionsApplied, publishes,
    recordExecution(sku, version, status, seconds, output) {
      const id = `${sku}\u0000${version}\u0000${status}`;
      let k = keys.get(id);
      if (!k) {
        if (keys.size > 50_000) keys.clear();
        const lat = labelKey({ sku, version });
        k = { exec: labelKey({ sku, version, status: String(status) }), lat, applied: lat, granted: labelKey({ sku }) };
        keys.set(id, k);
      }
      executions.incKey(k.exec);
      latency.observeKey(k.lat, seconds);
      const o = output as { applied?: unknown; discount?: unknown } | undefined;
      if (o && o.applied === true && typeof o.discount === 'string') {
        promotionsApplied.incKey(k.applied);
        discountGranted.addKey(k.granted, o.discount);
      }
    },
  };
}
