// Crash safety of the scale-out mode, with real processes: two `rulemart serve` instances and a
// `rulemart worker` over one PostgreSQL schema and Redis prefix, under load; one instance and the
// worker are SIGKILLed mid-load and restarted. After a drain, every 2xx the client saw is in the
// ledger exactly once, no call is billed twice, and `rulemart reconcile` agrees.
// Fails — never skips — when PostgreSQL or Redis is not reachable.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropPrefix, freshPrefix, openTestRedis, TEST_REDIS_URL } from '../../billing/redis/testing.ts';
import { parseDatabaseUrl } from '../../catalog/pg/db.ts';
import { dropSchema, freshSchemaName, openTestPg, urlWithSchema } from '../../catalog/pg/testing.ts';
import { cart, promoDoc } from '../testing/docs.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ADMIN = 'crash-admin-token';
const schema = freshSchemaName();
const prefix = freshPrefix();
const env = {
  ...process.env,
  DATABASE_URL: urlWithSchema(schema), REDIS_URL: TEST_REDIS_URL, RULEMART_REDIS_PREFIX: prefix, RULEMART_ADMIN_TOKEN: ADMIN,
};
const started: ChildProcess[] = [];

/** Runs `rulemart <args>` as a child process of this test. */
function cli(args: string[]): ChildProcess {
  const child = spawn(process.execPath, ['bin/rulemart', ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  return child;
}

/** Waits for a line of the child's stdout matching `pattern`; rejects if it exits first. */
function waitForLine(child: ChildProcess, pattern: RegExp, ms = 45_000): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}; stdout: ${out} stderr: ${err}`)), ms);
    child.stderr!.on('data', (d) => { err += String(d); });
    child.stdout!.on('data', (d) => {
      out += String(d);
      const m = pattern.exec(out);
      if (m) { clearTimeout(timer); resolve(m); }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`exited with ${code} before ${pattern}; stdout: ${out} stderr: ${err}`)); });
  });
}

async function startInstance(): Promise<{ child: ChildProcess; url: string }> {
  const child = cli(['serve', '--port', '0', '--host', '127.0.0.1', '--no-usage-consumer', '--quiet']);
  const m = await waitForLine(child, /rulemart listening on (\S+)/);
  return { child, url: m[1]! };
}

function startWorker(name: string): ChildProcess {
  const child = cli(['worker', '--name', name, '--claim-idle-ms', '300', '--quiet']);
  child.stdout!.resume();
  child.stderr!.resume();
  return child;
}

/** Runs a CLI command to its end: exit code and output. */
function finish(child: ChildProcess): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d) => { stdout += String(d); });
    child.stderr!.on('data', (d) => { stderr += String(d); });
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

async function call(base: string, key: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(base + path, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(typeof body === 'string' ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
}

beforeAll(async () => {
  await (await openTestPg()).drop();
  (await openTestRedis()).disconnect();
});

afterAll(async () => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await dropSchema(schema);
  await dropPrefix(await openTestRedis(), prefix);
});

describe('SIGKILL of an instance and of the stream consumer under load', () => {
  it('counts every 2xx the client saw exactly once, and nothing twice', { timeout: 120_000 }, async () => {
    let [a, b] = await Promise.all([startInstance(), startInstance()]);
    let worker = startWorker('w1');

    const tenant = await call(a.url, ADMIN, 'POST', '/admin/tenants', { id: 'crash', name: 'Crash test' });
    expect(tenant.status).toBe(201);
    const key = ((await tenant.json()) as { key: { key: string } }).key.key;
    expect((await call(a.url, key, 'POST', '/v1/publish', promoDoc({ name: 'crash' }))).status).toBe(201);
    expect((await call(b.url, key, 'POST', '/v1/subscriptions', { sku: 'promo:crash:v1', sla: 'gold' })).status).toBe(201);

    const outcomes = new Map<string, number | 'lost'>();
    let n = 0;
    let stop = false;
    const loop = async (lane: number) => {
      while (!stop) {
        const idem = `k-${lane}-${n++}`;
        const base = n % 2 ? a.url : b.url;
        try {
          const res = await call(base, key, 'POST', '/v1/skus/promo:crash:v1/execute', { input: cart(120) }, { 'idempotency-key': idem });
          await res.arrayBuffer();
          outcomes.set(idem, res.status);
        } catch {
          outcomes.set(idem, 'lost'); // the instance died with the call in flight
        }
      }
    };
    const lanes = Array.from({ length: 8 }, (_, i) => loop(i));

    await new Promise((resolve) => setTimeout(resolve, 1200));
    b.child.kill('SIGKILL');
    worker.kill('SIGKILL');
    // A new consumer under another name: it must take over what the killed one left pending.
    worker = startWorker('w2');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    stop = true;
    await Promise.all(lanes);

    // The killed instance comes back and serves again; its calls are billed like the others.
    b = await startInstance();
    for (let i = 0; i < 3; i++) {
      const idem = `after-restart-${i}`;
      const res = await call(b.url, key, 'POST', '/v1/skus/promo:crash:v1/execute', { input: cart(120) }, { 'idempotency-key': idem });
      outcomes.set(idem, res.status);
      expect(res.status).toBe(200);
    }
    const drained = await finish(cli(['worker', '--drain', '--claim-idle-ms', '0']));
    expect(drained.code, drained.stderr).toBe(0);

    const ok = [...outcomes].filter(([, s]) => s === 200).map(([k]) => k);
    expect(ok.length).toBeGreaterThan(20);
    expect([...outcomes.values()].every((s) => s === 200 || s === 'lost' || s === 503)).toBe(true);

    const { connectionString } = parseDatabaseUrl(env.DATABASE_URL);
    const client = new pg.Client({ connectionString });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT dedupe_key FROM "${schema}".usage_events WHERE tenant = 'crash'`);
      const perKey = new Map<string, number>();
      for (const r of rows as { dedupe_key: string | null }[]) {
        // billing/pg/text.ts stores the U+0000 separators of a dedupe key as `\0`.
        const idem = r.dedupe_key?.split('\\0')[1] ?? '(none)';
        perKey.set(idem, (perKey.get(idem) ?? 0) + 1);
      }
      for (const k of ok) expect(perKey.get(k), `events of ${k}`).toBe(1);
      for (const [k, count] of perKey) {
        expect(count, `events of ${k}`).toBe(1);
        expect(outcomes.has(k), `event for a key never sent: ${k}`).toBe(true);
      }
    } finally {
      await client.end();
    }

    const pending = await (await openTestRedis()).xpending(`${prefix}usage`, 'ledger') as [number];
    expect(pending[0]).toBe(0);

    // The operator's own check agrees: every event of the month invoiced exactly once.
    const month = new Date().toISOString().slice(0, 7);
    const reconciled = await finish(cli(['reconcile', month, '--format', 'json']));
    expect(reconciled.code, reconciled.stderr).toBe(0);
    const report = JSON.parse(reconciled.stdout) as { events: number; differences: unknown[] };
    expect(report.differences).toEqual([]);
    expect(report.events).toBeGreaterThanOrEqual(ok.length);

    a.child.kill('SIGTERM');
    b.child.kill('SIGTERM');
    worker.kill('SIGTERM');
  });
});
