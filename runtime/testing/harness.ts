// Test helpers: a real server on an ephemeral port over a fresh SQLite file, and small HTTP helpers
// for the operator and for tenants. Used by the runtime's tests (and billing's).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../logger.ts';
import { startServer, type RunningServer, type ServerOptions } from '../server.ts';

export interface TestServer {
  server: RunningServer;
  url: string;
  adminToken: string;
  dir: string;
  /** A request as the operator. */
  admin(method: string, path: string, body?: unknown): Promise<Response>;
  /** A request with a tenant key; `body` is JSON unless it is a string (sent as is). */
  call(key: string | null, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  /** Creates a tenant and returns its first key (all scopes) and key id. */
  tenant(id: string): Promise<{ key: string; keyId: string }>;
  /** Issues a key with the given scopes. */
  key(tenantId: string, scopes: string[]): Promise<{ key: string; keyId: string }>;
  close(): Promise<void>;
}

/**
 * Starts a server on port 0 with a fresh database in a temp dir, silent logs and a known admin token.
 *
 * @example
 * let t: TestServer;
 * beforeAll(async () => { t = await startTestServer(); });
 * afterAll(() => t.close());
 */
export async function startTestServer(options: ServerOptions = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'rulemart-rt-'));
  const adminToken = 'test-admin-token';
  // In-process compiling unless a test asks for the worker (each worker start costs ~1 s of CPU).
  const server = await startServer({ port: 0, dbPath: join(dir, 'rulemart.db'), adminToken, logger: createLogger({ silent: true }), compileWorker: false, ...options });
  const call: TestServer['call'] = (key, method, path, body, headers = {}) =>
    fetch(server.url + path, {
      method,
      headers: {
        ...(key ? { authorization: `Bearer ${key}` } : {}),
        ...(body !== undefined && typeof body !== 'string' ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
  const admin: TestServer['admin'] = (method, path, body) => call(adminToken, method, path, body);
  return {
    server,
    url: server.url,
    adminToken,
    dir,
    admin,
    call,
    async tenant(id) {
      const res = await admin('POST', '/admin/tenants', { id, name: `Tenant ${id}` });
      if (res.status !== 201) throw new Error(`creating tenant ${id}: ${res.status} ${await res.text()}`);
      const body = (await res.json()) as { key: { key: string; id: string } };
      return { key: body.key.key, keyId: body.key.id };
    },
    async key(tenantId, scopes) {
      const res = await admin('POST', `/admin/tenants/${tenantId}/keys`, { scopes });
      if (res.status !== 201) throw new Error(`issuing key: ${res.status} ${await res.text()}`);
      const body = (await res.json()) as { key: string; id: string };
      return { key: body.key, keyId: body.id };
    },
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
