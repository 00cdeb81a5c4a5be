// Starting the server: the operator token is generated once (shown once) or taken from the
// environment, and readiness reports a storage that stopped answering.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqlite } from '../catalog/db.ts';
import { hashSecret } from '../catalog/keys.ts';
import { createSqliteCatalogStore } from '../catalog/sqlite/store.ts';
import { settleAdminToken } from './server.ts';
import { startTestServer } from './testing/harness.ts';

describe('admin token', () => {
  it('is generated on the first start only, and a given token replaces it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rulemart-token-'));
    const store = createSqliteCatalogStore(openSqlite(join(dir, 'x.db')));
    try {
      const first = await settleAdminToken(store, undefined);
      expect(first.generated).toMatch(/^rat_[A-Za-z0-9_-]{43}$/);
      expect(first.hash).toBe(hashSecret(first.generated!));
      const second = await settleAdminToken(store, undefined);
      expect(second).toEqual({ hash: first.hash, generated: null });
      const given = await settleAdminToken(store, 'my-own-token');
      expect(given).toEqual({ hash: hashSecret('my-own-token'), generated: null });
      expect((await settleAdminToken(store, undefined)).hash).toBe(hashSecret('my-own-token'));
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('readiness', () => {
  it('answers 503 not-ready when the storage does not answer', async () => {
    const t = await startTestServer();
    try {
      expect((await t.call(null, 'GET', '/readyz')).status).toBe(200);
      t.server.sqlite!.sqlite.close();
      const res = await t.call(null, 'GET', '/readyz');
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ code: 'not-ready' });
      expect((await t.call(null, 'GET', '/healthz')).status).toBe(200);
    } finally {
      await t.close().catch(() => undefined);
    }
  });
});
