// The scale-out part of the HTTP benchmark (bench/http.bench.ts calls it): the execute chain on one
// instance over SQLite, one instance over PostgreSQL + Redis, and two instances over PostgreSQL +
// Redis, side by side in one run. Each instance runs in its own child process (this file with
// `--serve`); autocannon runs in the parent, on the same machine, so the cores are shared between
// the load generator, the instances, PostgreSQL and Redis — the report says how many there are.
// The PostgreSQL + Redis instances run the usage consumer inside (BENCH_CONSUMER=off: request path only).
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';

/** What the parent needs from a benchmark instance. */
interface Ready {
  url: string;
  key: string;
  sku: string;
}

/** A setting the benchmark measures. */
interface Setup {
  name: string;
  storage: 'sqlite' | 'postgres+redis';
  instances: number;
}

export interface ScaleOutFigures {
  name: string;
  rps: number;
  /** CPU milliseconds the instance processes spent per answered request (PostgreSQL and Redis not included). */
  cpuMsPerRequest: number;
  p50: number;
  p99: number;
  non2xx: number;
}

type Autocannon = (opts: Record<string, unknown>) => Promise<{ requests: { average: number; total: number }; latency: { p50: number; p99: number }; non2xx: number }>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

async function measure(url: string, headers: Record<string, string>, body: string, seconds: number, connections: number) {
  const r = await autocannon({ url, method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, connections, pipelining: 1, duration: seconds });
  return { rps: r.requests.average, total: r.requests.total, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx };
}

/** CPU time (user + system, microseconds) an instance process has used so far. */
function cpuOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    const onMessage = (m: unknown) => {
      if (typeof m === 'object' && m !== null && 'cpuMicros' in m) {
        child.off('message', onMessage);
        resolve((m as { cpuMicros: number }).cpuMicros);
      }
    };
    child.on('message', onMessage);
    child.send('cpu');
  });
}

/** Child role: one runtime instance; the first one of a setup publishes and subscribes the SKU. */
async function serveInstance(): Promise<void> {
  const [storage, role, doc] = [process.env.BENCH_STORAGE!, process.env.BENCH_ROLE!, process.env.BENCH_DOC!];
  const { startServer } = await import('../runtime/server.ts');
  const { createLogger } = await import('../runtime/logger.ts');
  const dir = mkdtempSync(join(tmpdir(), 'rulemart-bench-'));
  const server = await startServer({
    port: 0, adminToken: 'bench-admin', logger: createLogger(),
    ...(storage === 'sqlite'
      ? { dbPath: join(dir, 'bench.db') }
      : {
        databaseUrl: process.env.BENCH_DATABASE_URL!, redisUrl: process.env.BENCH_REDIS_URL!, redisPrefix: process.env.BENCH_REDIS_PREFIX!,
        // BENCH_CONSUMER=off measures the request path alone, as with `serve --no-usage-consumer` and a worker.
        consumeUsage: process.env.BENCH_CONSUMER !== 'off',
      }),
  });
  let key = process.env.BENCH_KEY ?? '';
  let sku = process.env.BENCH_SKU ?? '';
  if (role === 'first') {
    const admin = { authorization: 'Bearer bench-admin', 'content-type': 'application/json' };
    const tenant = (await (await fetch(`${server.url}/admin/tenants`, { method: 'POST', headers: admin, body: JSON.stringify({ id: 'bench', name: 'Bench' }) })).json()) as { key: { key: string } };
    key = tenant.key.key;
    const auth = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    const pub = await fetch(`${server.url}/v1/publish`, { method: 'POST', headers: auth, body: doc });
    if (pub.status !== 201) throw new Error(`publish failed: ${pub.status} ${await pub.text()}`);
    sku = ((await pub.json()) as { sku: string }[])[0]!.sku;
    await fetch(`${server.url}/v1/subscriptions`, { method: 'POST', headers: auth, body: JSON.stringify({ sku, sla: 'gold' }) });
  }
  process.send!({ url: `${server.url}/v1/skus/${sku}/execute`, key, sku } satisfies Ready);
  process.on('message', async (m) => {
    if (m === 'cpu') {
      const { user, system } = process.cpuUsage();
      process.send!({ cpuMicros: user + system });
      return;
    }
    if (m === 'stop') {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
      process.exit(0);
    }
  });
}

function start(env: Record<string, string>): Promise<{ child: ChildProcess; ready: Ready }> {
  const child = fork(fileURLToPath(import.meta.url), ['--serve'], {
    execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'], env: { ...process.env, ...env },
  });
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve({ child, ready: m as Ready }));
    child.once('exit', (code) => reject(new Error(`bench instance exited with ${code}`)));
  });
}

/**
 * Measures the three settings, each with the same total number of connections (split over the
 * instances), and returns one row per setting. PostgreSQL and Redis come from BENCH_DATABASE_URL /
 * BENCH_REDIS_URL (default the local test services); each run uses a fresh schema and key prefix.
 */
export async function measureScaleOut(options: { doc: string; input: unknown; seconds: number; connections: number }): Promise<{ rows: ScaleOutFigures[]; note: string }> {
  const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const setups: Setup[] = [
    { name: 'SQLite, 1 instance', storage: 'sqlite', instances: 1 },
    { name: 'PostgreSQL + Redis, 1 instance', storage: 'postgres+redis', instances: 1 },
    { name: 'PostgreSQL + Redis, 2 instances', storage: 'postgres+redis', instances: 2 },
  ];
  const rows: ScaleOutFigures[] = [];
  const schemas: string[] = [];
  // Every setting is started first and measured in turns, twice, keeping its better run: on a busy
  // machine a single run mostly measures what else happened to be running.
  const running: { setup: Setup; instances: { child: ChildProcess; ready: Ready }[] }[] = [];
  try {
    for (const setup of setups) {
      const tag = randomBytes(5).toString('hex');
      const url = new URL(base);
      url.searchParams.set('schema', `rmbench_${tag}`);
      schemas.push(`rmbench_${tag}`);
      const env = {
        BENCH_STORAGE: setup.storage, BENCH_DOC: options.doc, BENCH_DATABASE_URL: url.toString(),
        BENCH_REDIS_URL: redisUrl, BENCH_REDIS_PREFIX: `rmbench:${tag}:`,
      };
      const first = await start({ ...env, BENCH_ROLE: 'first' });
      const others = await Promise.all(Array.from({ length: setup.instances - 1 }, () =>
        start({ ...env, BENCH_ROLE: 'other', BENCH_KEY: first.ready.key, BENCH_SKU: first.ready.sku })));
      running.push({ setup, instances: [first, ...others] });
    }
    const body = JSON.stringify({ input: options.input });
    const runOnce = async (r: (typeof running)[number], seconds: number): Promise<ScaleOutFigures> => {
      const auth = { authorization: `Bearer ${r.instances[0]!.ready.key}` };
      const perInstance = Math.max(1, Math.floor(options.connections / r.instances.length));
      const cpuBefore = await Promise.all(r.instances.map((i) => cpuOf(i.child)));
      const results = await Promise.all(r.instances.map((i) => measure(i.ready.url, auth, body, seconds, perInstance)));
      const cpuAfter = await Promise.all(r.instances.map((i) => cpuOf(i.child)));
      const cpuMicros = cpuAfter.reduce((sum, x, k) => sum + x - cpuBefore[k]!, 0);
      const answered = results.reduce((sum, x) => sum + x.total, 0);
      return {
        name: r.setup.name,
        cpuMsPerRequest: answered > 0 ? cpuMicros / 1000 / answered : 0,
        rps: results.reduce((sum, x) => sum + x.rps, 0),
        p50: Math.max(...results.map((x) => x.p50)),
        p99: Math.max(...results.map((x) => x.p99)),
        non2xx: results.reduce((sum, x) => sum + x.non2xx, 0),
      };
    };
    for (const r of running) await runOnce(r, 2);
    const best = new Map<string, ScaleOutFigures>();
    for (let round = 0; round < 2; round++) {
      for (const r of running) {
        const figures = await runOnce(r, options.seconds);
        const kept = best.get(r.setup.name);
        if (!kept || figures.rps > kept.rps) best.set(r.setup.name, figures);
      }
    }
    rows.push(...setups.map((x) => best.get(x.name)!));
  } finally {
    for (const r of running) for (const i of r.instances) i.child.send('stop');
    await Promise.all(running.flatMap((r) => r.instances.map((i) => new Promise((resolve) => i.child.once('exit', resolve)))));
  }
  await dropBenchData(base, redisUrl, schemas);
  const note = `${cpus().length} cores shared by autocannon, every instance, PostgreSQL and Redis (all on this machine); `
    + `${options.connections} connections per setting, split evenly over its instances; best of 2 interleaved runs; p50/p99 are the worst instance's`;
  return { rows, note };
}

/** Removes the benchmark's schemas and Redis keys. */
async function dropBenchData(base: string, redisUrl: string, schemas: string[]): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  for (const s of schemas) await client.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
  await client.end();
  const { connectRedis, closeRedis } = await import('../billing/redis/client.ts');
  const redis = connectRedis(redisUrl);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', 'rmbench:*', 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
  await closeRedis(redis);
}

if (process.argv.includes('--serve')) {
  serveInstance().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
