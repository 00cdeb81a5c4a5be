// HTTP benchmark (`npm run bench:http`), not a test: on loopback with autocannon, compares
// `POST /v1/skus/{sku}/execute` through the whole middleware chain with a bare Hono route that
// answers the same JSON, in the same run. The servers run in a child process (this file with
// `--serve`) so autocannon and the server do not share one event loop.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

/** The part of autocannon's API used here (the package ships no type declarations). */
type Autocannon = (opts: Record<string, unknown>) => Promise<{ requests: { average: number }; latency: { p50: number; p99: number }; non2xx: number }>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

/** A promotion without a rate limit, so the benchmark measures the chain and not a 429. */
const BENCH_DOC = `apiVersion: rulemart/v1
kind: Promotion
metadata: { name: bench-threshold, version: 1.0.0, title: 满200减30 }
types:
  Item: { sku: string, category: string, price: money, qty: int }
input:
  cart: { items: list<Item> }
params:
  threshold: money = 200
spec:
  policy: first
  rules:
    - when: subtotal >= 400
      then: { orderDiscount: 80 }
    - when: subtotal >= threshold
      then: { orderDiscount: 30 }
`;

const INPUT = {
  cart: {
    items: [
      { sku: 'A-1', category: 'shoes', price: '129.90', qty: 1 },
      { sku: 'B-2', category: 'bags', price: '89.50', qty: 2 },
      { sku: 'C-3', category: 'tops', price: '19.99', qty: 3 },
      { sku: 'D-4', category: 'tops', price: '45.00', qty: 1 },
      { sku: 'E-5', category: 'socks', price: '9.90', qty: 4 },
    ],
  },
};

interface Ready {
  chainUrl: string;
  bareUrl: string;
  /** The catalog/runtime middlewares alone (no billing), on the same catalog, caches and logger. */
  runtimeUrl: string;
  /** runtime/app.ts with billing off. */
  offUrl: string;
  key: string;
  sku: string;
}

/** The execute chain of runtime/app.ts without billing's middlewares, to show where the time goes. */
async function runtimeOnlyApp(deps: import('../runtime/deps.ts').AppDeps) {
  const { Hono } = await import('hono');
  const { requestId } = await import('../runtime/middleware/request-id/index.ts');
  const { accessLog } = await import('../runtime/middleware/access-log/index.ts');
  const { bodyLimit } = await import('../runtime/middleware/body-limit/index.ts');
  const { tenantAuth } = await import('../runtime/middleware/auth/index.ts');
  const { entitlement } = await import('../runtime/middleware/entitlement/index.ts');
  const { rollout } = await import('../runtime/middleware/rollout/index.ts');
  const { validateInput } = await import('../runtime/middleware/validate/index.ts');
  const { execute } = await import('../runtime/middleware/execute/index.ts');
  const app = new Hono<import('../runtime/context.ts').Env>();
  app.use('*', requestId(), accessLog(deps.logger), bodyLimit(deps.bodyLimit));
  app.post('/v1/skus/:sku/execute', tenantAuth(deps.cache, 'execute'), entitlement(deps.cache), rollout(deps.cache), validateInput(), execute(deps.metrics, deps.logger));
  return app;
}

/** Child role: the runtime on a fresh database, the bench SKU published and subscribed, and a bare app. */
async function serve(): Promise<void> {
  const { startServer } = await import('../runtime/server.ts');
  const { createLogger } = await import('../runtime/logger.ts');
  const { Hono } = await import('hono');
  const { serve: honoServe } = await import('@hono/node-server');
  const dir = mkdtempSync(join(tmpdir(), 'rulemart-bench-'));
  // Logs are written as in production (JSON lines on stdout); the parent sends them to /dev/null.
  const server = await startServer({ port: 0, dbPath: join(dir, 'bench.db'), adminToken: 'bench-admin', logger: createLogger() });
  const admin = { authorization: 'Bearer bench-admin', 'content-type': 'application/json' };
  const tenant = (await (await fetch(`${server.url}/admin/tenants`, { method: 'POST', headers: admin, body: JSON.stringify({ id: 'bench', name: 'Bench' }) })).json()) as { key: { key: string } };
  const key = tenant.key.key;
  const auth = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
  const pub = await fetch(`${server.url}/v1/publish`, { method: 'POST', headers: auth, body: BENCH_DOC });
  if (pub.status !== 201) throw new Error(`publish failed: ${pub.status} ${await pub.text()}`);
  const [{ sku }] = (await pub.json()) as { sku: string }[];
  await fetch(`${server.url}/v1/subscriptions`, { method: 'POST', headers: auth, body: JSON.stringify({ sku, sla: 'gold' }) });
  const sample = await fetch(`${server.url}/v1/skus/${sku}/execute`, { method: 'POST', headers: auth, body: JSON.stringify({ input: INPUT }) });
  if (sample.status !== 200) throw new Error(`execute failed: ${sample.status} ${await sample.text()}`);
  const output = await sample.json();
  const bare = new Hono();
  bare.post('/bare', (c) => c.json(output as object));
  const bareServer = await new Promise<ReturnType<typeof honoServe>>((resolve) => {
    const s = honoServe({ fetch: bare.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const barePort = (bareServer.address() as { port: number }).port;
  const runtimeApp = await runtimeOnlyApp(server.deps);
  const runtimeServer = await new Promise<ReturnType<typeof honoServe>>((resolve) => {
    const s = honoServe({ fetch: runtimeApp.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const runtimePort = (runtimeServer.address() as { port: number }).port;
  // The whole app of runtime/app.ts with billing off (all routes registered, global middlewares).
  const { createApp } = await import('../runtime/app.ts');
  const offApp = createApp(server.deps, { billing: false });
  const offServer = await new Promise<ReturnType<typeof honoServe>>((resolve) => {
    const s = honoServe({ fetch: offApp.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const offPort = (offServer.address() as { port: number }).port;
  process.send!({
    chainUrl: `${server.url}/v1/skus/${sku}/execute`,
    bareUrl: `http://127.0.0.1:${barePort}/bare`,
    runtimeUrl: `http://127.0.0.1:${runtimePort}/v1/skus/${sku}/execute`,
    offUrl: `http://127.0.0.1:${offPort}/v1/skus/${sku}/execute`,
    key,
    sku,
  } satisfies Ready);
  process.on('message', async (m) => {
    if (m === 'cpu') {
      const u = process.cpuUsage();
      process.send!({ cpu: u.user + u.system });
      return;
    }
    if (m === 'stop') {
      await server.close();
      bareServer.close();
      runtimeServer.close();
      offServer.close();
      rmSync(dir, { recursive: true, force: true });
      process.exit(0);
    }
  });
}

interface Figures {
  name: string;
  rps: number;
  /** Server CPU time per request in microseconds (process.cpuUsage() of the server process around the run). */
  cpuUs: number;
  p50: number;
  p99: number;
  non2xx: number;
}

let child: ChildProcess;
/** The server process's CPU time so far, in microseconds. */
function serverCpu(): Promise<number> {
  return new Promise((resolve) => {
    child.once('message', (m) => resolve((m as { cpu: number }).cpu));
    child.send('cpu');
  });
}

async function measure(name: string, url: string, headers: Record<string, string>, seconds: number): Promise<Figures> {
  const cpu0 = await serverCpu();
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ input: INPUT }),
    connections: 32,
    pipelining: 1,
    duration: seconds,
  });
  const cpu = (await serverCpu()) - cpu0;
  const total = (result as unknown as { requests: { total: number } }).requests.total || 1;
  return { name, rps: result.requests.average, cpuUs: Math.round(cpu / total), p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx };
}

async function main(): Promise<void> {
  const seconds = Number(process.env.BENCH_SECONDS ?? 8);
  // BENCH_CPU_PROF=<dir> writes a V8 CPU profile of the server process there (node --cpu-prof).
  const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : [];
  child = fork(fileURLToPath(import.meta.url), ['--serve'], { execArgv: ['--import', 'tsx', ...prof], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.once('message', (m) => resolve(m as Ready));
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  const auth = { authorization: `Bearer ${ready.key}` };
  // BENCH_ROUTES=runtime (or bare,runtime, ...) measures only those routes, e.g. under BENCH_CPU_PROF.
  const routes = [
    { id: 'bare', name: 'bare Hono route', url: ready.bareUrl, headers: {} },
    { id: 'full', name: 'full chain', url: ready.chainUrl, headers: auth },
    { id: 'runtime', name: 'runtime chain without billing', url: ready.runtimeUrl, headers: auth },
    { id: 'off', name: 'whole app, billing off', url: ready.offUrl, headers: auth },
  ].filter((r) => !process.env.BENCH_ROUTES || process.env.BENCH_ROUTES.split(',').includes(r.id));
  // Warm up each (JIT, executor cache), then measure alternately, twice each, and keep the better run.
  for (const r of routes) await measure(`warm-up ${r.id}`, r.url, r.headers, 2);
  const runs: Figures[] = [];
  for (let i = 0; i < 2; i++) {
    for (const r of routes) runs.push(await measure(r.name, r.url, r.headers, seconds));
  }
  const best = (name: string) => runs.filter((r) => r.name === name).sort((a, b) => b.rps - a.rps)[0];
  const rows = routes.map((r) => best(r.name)!);
  console.log(`HTTP benchmark: POST ${ready.sku} execute, 32 connections, ${seconds} s per run, best of 2 (${new Date().toISOString()})`);
  console.log('| route | req/s | server CPU µs/req | p50 ms | p99 ms | non-2xx |');
  console.log('|---|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.name} | ${Math.round(r.rps)} | ${r.cpuUs} | ${r.p50} | ${r.p99} | ${r.non2xx} |`);
  const bare = best('bare Hono route');
  const chain = best('full chain');
  const runtime = best('runtime chain without billing');
  if (bare && chain) {
    const ratio = chain.rps / bare.rps;
    console.log(`full chain / bare = ${(ratio * 100).toFixed(1)}% (goal >= 50%: ${ratio >= 0.5 ? 'met' : 'missed'}); server CPU per request +${chain.cpuUs - bare.cpuUs} µs`);
  }
  if (bare && runtime) {
    console.log(`runtime chain without billing / bare = ${((runtime.rps / bare.rps) * 100).toFixed(1)}%; server CPU per request +${runtime.cpuUs - bare.cpuUs} µs`);
  }
  child.send('stop');
  // Billing (bench/http-billing.ts): the same chain with metering, idempotency, rate limit and quota
  // on and off, in this same run. BENCH_BILLING=off skips it.
  if (process.env.BENCH_BILLING !== 'off') {
    const { measureBilling } = await import('./http-billing.ts');
    const billing = await measureBilling({ doc: BENCH_DOC, input: INPUT, seconds, connections: 32 });
    console.log('\nBilling: execute with metering + Idempotency-Key + rate limit + quota, against the same chain without them');
    console.log('| chain | req/s | server CPU µs/req | p50 ms | p99 ms | non-2xx |');
    console.log('|---|---|---|---|---|---|');
    for (const r of billing.rows) console.log(`| ${r.name} | ${Math.round(r.rps)} | ${r.cpuUs} | ${r.p50} | ${r.p99} | ${r.non2xx} |`);
    console.log(`billing costs ${(billing.cost * 100).toFixed(1)}% of the throughput, ${(billing.cpuCost * 100).toFixed(1)}% of the server CPU per call (goal < 25%: ${billing.cost < 0.25 ? 'met' : 'missed'})`);
  }
  // Scale-out (bench/http-scale-out.ts): SQLite vs PostgreSQL + Redis, one and two instances, in this
  // same run. Needs the local PostgreSQL and Redis; BENCH_SCALE_OUT=off skips it.
  if (process.env.BENCH_SCALE_OUT !== 'off') {
    const { measureScaleOut } = await import('./http-scale-out.ts');
    const scale = await measureScaleOut({ doc: BENCH_DOC, input: INPUT, seconds, connections: 32 });
    console.log(`\nScale-out, full chain: ${scale.note}`);
    console.log('| setting | req/s | p50 ms | p99 ms | non-2xx | instance CPU ms/request |');
    console.log('|---|---|---|---|---|---|');
    for (const r of scale.rows) console.log(`| ${r.name} | ${Math.round(r.rps)} | ${r.p50} | ${r.p99} | ${r.non2xx} | ${r.cpuMsPerRequest.toFixed(2)} |`);
    const [sqlite, redis] = scale.rows;
    console.log(`PostgreSQL + Redis / SQLite, one instance: ${((redis!.rps / sqlite!.rps) * 100).toFixed(1)}% of the throughput, `
      + `${((redis!.cpuMsPerRequest / sqlite!.cpuMsPerRequest) * 100).toFixed(1)}% of the instance CPU per request `
      + `(goal: the Redis path costs no more than SQLite's: ${redis!.cpuMsPerRequest <= sqlite!.cpuMsPerRequest ? 'met' : 'missed'})`);
  }
}

if (process.argv.includes('--serve')) {
  serve().catch((e) => {
    console.error(e);
    process.exit(1);
  });
} else {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
