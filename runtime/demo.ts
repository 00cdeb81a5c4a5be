// The demo that `npm start` sets up on the embedded defaults: a `demo` tenant with a fresh key,
// every example published into it (public) through the real publish endpoint, and subscriptions
// to all of them, so the printed curl line works at once.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { collectRuleFiles } from '../cli/files.ts';
import { issueKey } from './routes/admin.ts';
import type { RunningServer } from './server.ts';

export interface DemoResult {
  tenant: string;
  key: string;
  published: { sku: string; version: string; status: string }[];
  failed: { file: string; status: number; detail: string }[];
  /** A ready-to-run curl line that executes one example with its own first test input. */
  curl: string | null;
}

/** A test input of an example (full-reduction when there is one) to show in the curl line. */
function sampleCall(files: string[]): { sku: string; input: unknown } | null {
  const prefix: Record<string, string> = { Promotion: 'promo', Selection: 'select', PricingTier: 'price' };
  const preferred = ['full-reduction'];
  const found: { sku: string; input: unknown; name: string }[] = [];
  for (const file of files) {
    try {
      for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
        const d = doc.toJSON() as { kind?: string; metadata?: { name?: string; version?: string }; tests?: { input?: unknown; expect?: { applied?: unknown } }[] } | null;
        const major = d?.metadata?.version?.split('.')[0];
        // Prefer a test where the promotion applies: the demo should show a discount.
        const test = d?.tests?.find((x) => x.expect?.applied === true) ?? d?.tests?.[0];
        if (d?.kind && d.metadata?.name && major && test?.input !== undefined && prefix[d.kind]) {
          found.push({ sku: `${prefix[d.kind]}:${d.metadata.name}:v${major}`, input: test.input, name: d.metadata.name });
        }
      }
    } catch {
      // a file the YAML parser rejects is reported by publish; no sample from it
    }
  }
  return found.find((f) => preferred.includes(f.name)) ?? found[0] ?? null;
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * Sets up the demo tenant on a running server and publishes `examplesDir` into it.
 *
 * @example
 * const demo = await setupDemo(server, 'examples');
 */
export async function setupDemo(server: RunningServer, examplesDir: string): Promise<DemoResult> {
  const { store } = server;
  const tenant = 'demo';
  if (!(await store.getTenant(tenant))) await store.createTenant({ id: tenant, name: 'Demo merchant' });
  const { key } = await issueKey(store, tenant, ['execute', 'publish', 'read']);
  const { files } = collectRuleFiles([examplesDir]);
  const published: DemoResult['published'] = [];
  const failed: DemoResult['failed'] = [];
  const auth = { authorization: `Bearer ${key}` };
  for (const file of files) {
    const name = relative(process.cwd(), file) || file;
    const res = await fetch(`${server.url}/v1/publish?visibility=public&file=${encodeURIComponent(name)}`, { method: 'POST', headers: auth, body: readFileSync(file, 'utf8') });
    const body = (await res.json()) as unknown;
    if (res.status === 200 || res.status === 201) published.push(...(body as { sku: string; version: string; status: string }[]));
    else failed.push({ file: name, status: res.status, detail: JSON.stringify(body).slice(0, 500) });
  }
  for (const sku of new Set(published.map((p) => p.sku))) {
    await fetch(`${server.url}/v1/subscriptions`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ sku, sla: 'gold' }) });
  }
  const sample = sampleCall(files);
  const curl =
    sample && published.some((p) => p.sku === sample.sku)
      ? `curl -s ${server.url}/v1/skus/${sample.sku}/execute -H ${shellQuote(`Authorization: Bearer ${key}`)} -H 'Content-Type: application/json' -d ${shellQuote(JSON.stringify({ input: sample.input }))}`
      : null;
  return { tenant, key, published, failed, curl };
}
