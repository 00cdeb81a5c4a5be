// The crash test: a server is killed with SIGKILL in the middle of a few thousand execute calls and
// restarted on the same database. Every 2xx the client saw has exactly one durable usage event, no
// call has two, and retrying the unanswered calls with their Idempotency-Keys bills each at most once.
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { cart, limitedPromotion } from '../../../billing/http-testing.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const ADMIN = 'crash-test-admin';
const dir = mkdtempSync(join(tmpdir(), 'rulemart-crash-'));
const db = join(dir, 'rulemart.db');
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** Starts `rulemart serve` on a free port and resolves with its URL. */
function serve(): Promise<{ url: string; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/rulemart'), 'serve', '--port', '0', '--db', db, '--quiet'], {
      cwd: ROOT, env: { ...process.env, RULEMART_ADMIN_TOKEN: ADMIN }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let out = '';
    let err = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /rulemart listening on (\S+)/.exec(out);
      if (m) resolve({ url: m[1]!, child });
    });
    child.stderr!.on('data', (d) => (err += d));
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${err}`)));
  });
}

async function json(url: string, method: string, path: string, token: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url + path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(typeof body === 'string' ? { 'content-type': 'application/yaml' } : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: await res.text() };
}

/** Events per Idempotency-Key, read from the database file. */
function eventsByKey(): Map<string, number> {
  const conn = new Database(db, { readonly: true });
  try {
    const rows = conn.prepare('SELECT dedupe_key FROM usage_events').all() as { dedupe_key: string | null }[];
    const m = new Map<string, number>();
    for (const r of rows) {
      const key = r.dedupe_key?.split('\u0000')[1] ?? '(none)';
      m.set(key, (m.get(key) ?? 0) + 1);
    }
    return m;
  } finally {
    conn.close();
  }
}

describe('metering across a SIGKILL', () => {
  it('loses no event of an answered call and bills no call twice', async () => {
    const first = await serve();
    const tenant = JSON.parse((await json(first.url, 'POST', '/admin/tenants', ADMIN, { id: 'crash', name: 'Crash' })).body) as { key: { key: string } };
    const key = tenant.key.key;
    expect((await json(first.url, 'POST', '/v1/publish', key, limitedPromotion('crashy', '    customer: ${user.id}'))).status).toBe(201);
    expect((await json(first.url, 'POST', '/v1/subscriptions', key, { sku: 'promo:crashy:v1', sla: 'gold' })).status).toBe(201);

    const t0 = Date.now();
    const TOTAL = 2000;
    const answered = new Set<string>();
    const unanswered: string[] = [];
    let next = 0;
    let killed = false;
    let killing = false;
    const call = async (url: string, k: string) =>
      json(url, 'POST', '/v1/skus/promo:crashy:v1/execute', key, cart(k), { 'idempotency-key': k });
    const worker = async () => {
      // After the kill nothing more is sent: the calls in flight are the unanswered ones.
      while (next < TOTAL && !killed) {
        const k = `call-${next++}`;
        const pending = call(first.url, k);
        if (!killing && answered.size >= 1000) {
          // Kill in the same tick as this call starts, while the other 31 workers' calls are in
          // flight (some mid-commit): this call can never be answered, so the test always has at
          // least one unanswered call to retry, whatever the group commit's timing.
          killing = true;
          killed = true;
          first.child.kill('SIGKILL');
        }
        try {
          const r = await pending;
          if (r.status === 200) answered.add(k);
          else throw new Error(`call ${k}: ${r.status} ${r.body}`);
        } catch (e) {
          if (!killed) throw e;
          unanswered.push(k); // no response: the connection died with the server
        }
      }
    };
    await Promise.all(Array.from({ length: 32 }, worker));
    process.stderr.write(`crash phase: ${Date.now() - t0} ms, ${answered.size} answered, ${unanswered.length} not\n`);
    expect(killed).toBe(true);
    expect(answered.size).toBeGreaterThanOrEqual(1000);
    expect(unanswered.length).toBeGreaterThan(0);

    // After the crash: every answered call has exactly one event, no call has more than one.
    const after = eventsByKey();
    for (const k of answered) expect(after.get(k)).toBe(1);
    for (const [k, n] of after) {
      expect(n).toBe(1);
      expect(k.startsWith('call-')).toBe(true);
    }

    // Restart on the same file and retry every unanswered call, plus some answered ones.
    const t1 = Date.now();
    const second = await serve();
    process.stderr.write(`restart: ${Date.now() - t1} ms\n`);
    const retry = [...unanswered, ...[...answered].slice(0, 50)];
    const statuses: number[] = [];
    let i = 0;
    await Promise.all(Array.from({ length: 32 }, async () => {
      while (i < retry.length) statuses.push((await call(second.url, retry[i++]!)).status);
    }));
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    process.stderr.write(`retries: ${Date.now() - t1} ms\n`);
    const final = eventsByKey();
    for (const k of [...answered, ...unanswered]) expect(final.get(k)).toBe(1);
    expect([...final.values()].reduce((a, b) => a + b, 0)).toBe(answered.size + unanswered.length);
    second.child.kill('SIGTERM');
  }, 120_000);
});
