// Test support for the PostgreSQL backends: the test database (DATABASE_URL or the local one), a
// fresh schema per test so files run in parallel, dropped afterwards so no debris is left, and a
// loud failure — never a skip — when PostgreSQL is not reachable.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPg, parseDatabaseUrl, type PgHandle } from './db.ts';

/** The PostgreSQL the tests use. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** `TEST_DATABASE_URL` with `?schema=<schema>`. */
export function urlWithSchema(schema: string): string {
  const url = new URL(parseDatabaseUrl(TEST_DATABASE_URL).connectionString);
  url.searchParams.set('schema', schema);
  return url.toString();
}

/** A schema name no other test uses. */
export function freshSchemaName(): string {
  return `rmtest_${randomBytes(6).toString('hex')}`;
}

async function assertReachable(): Promise<void> {
  const client = new pg.Client({ connectionString: parseDatabaseUrl(TEST_DATABASE_URL).connectionString, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new Error(`PostgreSQL is required for these tests and is not reachable at ${TEST_DATABASE_URL}: ${String(error)}`);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Drops a test schema and everything in it. */
export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: parseDatabaseUrl(TEST_DATABASE_URL).connectionString });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

/** Opens a migrated database in a fresh schema; `drop()` closes it and removes the schema. */
export async function openTestPg(): Promise<{ handle: PgHandle; url: string; schema: string; drop: () => Promise<void> }> {
  await assertReachable();
  const schema = freshSchemaName();
  const url = urlWithSchema(schema);
  const handle = await openPg(url, { max: 4 });
  return {
    handle, url, schema,
    drop: async () => {
      await handle.close().catch(() => {});
      await dropSchema(schema);
    },
  };
}
