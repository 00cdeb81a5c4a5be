// The billing part of the HTTP benchmark (bench/http.bench.ts calls it): the execute chain with
// metering, idempotency (a fresh Idempotency-Key per request), the SKU's rate limit and the SLA
// tier's quota on, against the very same chain with them off, in one run on one database. Both apps
// run in one child process (this file with `--serve`) over the same deps; autocannon in the parent.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

type Autocannon = (opts: Record<string, unknown>) => Promise<{ requests: { average: number }; latency: { p50: number; p99: number }; non2xx: number }>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

interface Ready {
  onUrl: string;
  offUrl: string;
  key: string;
  sku: string;
}

export interface BillingFigures {
  name: string;
  rps: number;
  /** Server CPU time per request in microseconds (robust when the machine is shared). */
  cpuUs: number;
  p50: number;
  p99: number;
  non2xx: number;
}

/** The bench document with a rate limit high enough never to refuse, so the limiter runs but passes. */
function withBilling(doc: string): string {
  return doc.replace(/^(metadata: .*)$/m, '$1\nbilling: { rateLimit: 100000000/s }');
}

/** Child role: one server (billing on) and a second app on the same deps with billing off. */
async function serve(doc: string, input: unknown): Promise<void> {
  const { startServer } = await import('../runtime/server.ts');
  const { createApp } = await import('../runtime/app.ts');
  const { createLogger } = await import('../runtime/logger.ts');
  const { serve: honoServe } = await import('@hono/node-server');
  const dir = mkdtempSync(join(tmpdir(), 'rulemart-bench-billing-'));
  const server = await startServer({ port: 0, dbPath: join(dir, 'bench.db'), adminToken: 'bench-admin', logger: createLogger({ silent: true }) });
  // BENCH_SQLITE_SYNC=normal shows what the fsync of synchronous = FULL costs (durability against power loss).
  if (process.env.BENCH_SQLITE_SYNC) server.sqlite?.sqlite.pragma(`synchronous = ${process.env.BENCH_SQLITE_SYNC === 'normal' ? 'NORMAL' : 'FULL'}`);
  const admin = { authorization: 'Bearer bench-admin', 'content-type': 'application/json' };
  const tenant = (await (await fetch(`${server.url}/admin/tenants`, { method: 'POST', headers: admin, body: JSON.stringify({ id: 'bench', name: 'Bench' }) })).json()) as { key: { key: string } };
  const key = tenant.key.key;
  const auth = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
  const pub = await fetch(`${server.url}/v1/publish`, { method: 'POST', headers: auth, body: withBilling(doc) });
  if (pub.status !== 201) throw new Error(`publish failed: ${pub.status} ${await pub.text()}`);
  const [{ sku }] = (await pub.json()) as { sku: string }[];
  // Silver: a counted monthly quota (1,000,000 calls), so the quota counter is part of the cost.
  await fetch(`${server.url}/v1/subscriptions`, { method: 'POST', headers: auth, body: JSON.stringify({ sku, sla: 'silver' }) });
  const sample = await fetch(`${server.url}/v1/skus/${sku}/execute`, { method: 'POST', headers: auth, body: JSON.stringify({ input }) });
  if (sample.status !== 200) throw new Error(`execute failed: ${sample.status} ${await sample.text()}`);
  const off = createApp(server.deps, { billing: false });
  const offServer = await new Promise<ReturnType<typeof honoServe>>((resolve) => {
    const s = honoServe({ fetch: off.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const offPort = (offServer.address() as { port: number }).port;
  process.send!({ onUrl: server.url, offUrl: `http://127.0.0.1:${offPort}`, key, sku } satisfies Ready);
  process.on('message', async (m) => {
    if (m === 'cpu') {
      const u = process.cpuUsage();
      process.send!({ cpu: u.user + u.system });
      return;
    }
    if (m === 'stop') {
      offServer.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
      process.exit(0);
    }
  });
}

let seq = 0;
let server: ChildProcess;
/** The server process's CPU time so far, in microseconds. */
function serverCpu(): Promise<number> {
  return new Promise((resolve) => {
    server.once('message', (m) => resolve((m as { cpu: number }).cpu));
    server.send('cpu');
  });
}

async function measure(name: string, url: string, key: string, body: string, seconds: number, connections: number, idempotent: boolean): Promise<BillingFigures> {
  const run = `${process.pid}-${Date.now()}`;
  const cpu0 = await serverCpu();
  const r = await autocannon({
    url,
    connections,
    pipelining: 1,
    duration: seconds,
    requests: [{
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body,
      // A new key per request: every call is a first call (claimed, executed, metered, stored).
      setupRequest: (req: { headers: Record<string, string> }) => {
        if (idempotent) req.headers = { ...req.headers, 'idempotency-key': `bench-${run}-${seq++}` };
        return req;
      },
    }],
  });
  const cpu = (await serverCpu()) - cpu0;
  const total = (r as unknown as { requests: { total: number } }).requests.total || 1;
  return { name, rps: r.requests.average, cpuUs: Math.round(cpu / total), p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx };
}

/**
 * Measures the execute chain with billing on and off, alternately, best of two each.
 * @example
 *   const b = await measureBilling({ doc: BENCH_DOC, input: INPUT, seconds: 8, connections: 32 });
 */
export async function measureBilling(opts: { doc: string; input: unknown; seconds: number; connections: number }): Promise<{ rows: BillingFigures[]; cost: number; cpuCost: number }> {
  const child: ChildProcess = (server = fork(fileURLToPath(import.meta.url), ['--serve'], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    env: { ...process.env, BENCH_BILLING_DOC: opts.doc, BENCH_BILLING_INPUT: JSON.stringify(opts.input) },
  }));
  try {
    const ready = await new Promise<Ready>((resolve, reject) => {
      child.once('message', (m) => resolve(m as Ready));
      child.once('exit', (code) => reject(new Error(`billing bench server exited with ${code}`)));
    });
    const path = `/v1/skus/${ready.sku}/execute`;
    const body = JSON.stringify({ input: opts.input });
    await measure('warm-up on', ready.onUrl + path, ready.key, body, 2, opts.connections, true);
    await measure('warm-up off', ready.offUrl + path, ready.key, body, 2, opts.connections, true);
    const runs: BillingFigures[] = [];
    for (let i = 0; i < 2; i++) {
      // The off chain gets keys too (it ignores them), so the load generator does the same work for both.
      runs.push(await measure('billing off', ready.offUrl + path, ready.key, body, opts.seconds, opts.connections, true));
      runs.push(await measure('billing on', ready.onUrl + path, ready.key, body, opts.seconds, opts.connections, true));
    }
    const best = (name: string) => runs.filter((r) => r.name === name).sort((a, b) => b.rps - a.rps)[0]!;
    const off = best('billing off');
    const on = best('billing on');
    return { rows: [off, on], cost: 1 - on.rps / off.rps, cpuCost: 1 - off.cpuUs / on.cpuUs };
  } finally {
    child.send('stop');
  }
}

if (process.argv.includes('--serve')) {
  serve(process.env.BENCH_BILLING_DOC ?? '', JSON.parse(process.env.BENCH_BILLING_INPUT ?? 'null')).catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
