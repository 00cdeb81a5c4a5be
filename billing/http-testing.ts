// Test helpers for billing over HTTP: a real server (runtime/testing/harness.ts) with a tenant that
// published and subscribed to the given rule source.
import { startTestServer, type TestServer } from '../runtime/testing/harness.ts';

export interface BillingTestServer extends TestServer {
  apiKey: string;
  keyId: string;
  /** Publishes YAML as the tenant and subscribes it to every SKU at `sla`. */
  publish(yaml: string, sla?: 'bronze' | 'silver' | 'gold'): Promise<string[]>;
  /** A call with the tenant's key. */
  as(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
}

/** Starts a server with tenant `acme`. */
export async function startBillingServer(options: Parameters<typeof startTestServer>[0] = {}): Promise<BillingTestServer> {
  const t = await startTestServer(options);
  const { key, keyId } = await t.tenant('acme');
  const as: BillingTestServer['as'] = (method, path, body, headers) => t.call(key, method, path, body, headers);
  return Object.assign(t, {
    apiKey: key,
    keyId,
    as,
    async publish(yaml: string, sla: 'bronze' | 'silver' | 'gold' = 'gold') {
      const res = await t.call(key, 'POST', '/v1/publish', yaml, { 'content-type': 'application/yaml' });
      if (res.status !== 201 && res.status !== 200) throw new Error(`publish: ${res.status} ${await res.text()}`);
      const skus = ((await res.json()) as { sku: string }[]).map((s) => s.sku);
      for (const sku of skus) {
        const sub = await as('POST', '/v1/subscriptions', { sku, sla });
        if (sub.status !== 201 && sub.status !== 200) throw new Error(`subscribe ${sku}: ${sub.status} ${await sub.text()}`);
      }
      return skus;
    },
  });
}

/** A Promotion with the given `limits` block (YAML lines) that takes `discount` off every non-empty cart. */
export function limitedPromotion(name: string, limits: string, discount = '10', extra = ''): string {
  return `apiVersion: rulemart/v1
kind: Promotion
metadata: { name: ${name}, version: 1.0.0 }
${extra}types:
  Item: { sku: string, price: money, qty: int }
input:
  cart: { items: list<Item> }
  user: { id: string }
spec:
  limits:
${limits}
  rules:
    - when: subtotal > 0
      then: { orderDiscount: "${discount}" }
`;
}

/** A cart input for {@link limitedPromotion}. */
export function cart(user: string, price = 100) {
  return { input: { cart: { items: [{ sku: 'A', price, qty: 1 }] }, user: { id: user } } };
}
