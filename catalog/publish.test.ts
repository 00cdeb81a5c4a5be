// Publishing against a real (SQLite) catalog: breaking changes of params between versions of one
// major (QA F18: a minor that dropped a param made every subscriber who saved it get 400s).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compileSource } from '../compiler/index.ts';
import { openSqlite } from './db.ts';
import { publishSource } from './publish.ts';
import { createSqliteCatalogStore } from './sqlite/store.ts';
import type { CatalogStore } from './store.ts';

const doc = (version: string, params: string[]) => [
  'apiVersion: rulemart/v1',
  'kind: Promotion',
  `metadata: { name: param-drop, version: ${version} }`,
  'input:',
  '  cart: { items: "list<{ sku: string, price: money, qty: int }>" }',
  ...(params.length ? ['params:', ...params.map((p) => `  ${p}`)] : []),
  'spec:',
  '  rules:',
  '    - when: true',
  '      then: { orderDiscount: 2 }',
  '',
].join('\n');

let dir: string;
let store: CatalogStore;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rulemart-publish-'));
  store = createSqliteCatalogStore(openSqlite(join(dir, 'catalog.db')));
  await store.createTenant({ id: 'acme', name: 'Acme' });
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const publish = (text: string) => publishSource(store, compileSource, { text, file: 'p.yaml', owner: 'acme' });
const V1 = ['bonus: money = 1', `mode: 'enum(a, b) = "a"'`, 'note: "string? = null"'];

describe('publish: params are part of the contract of a major', () => {
  it('409 breaking-change for a param removed, retyped or narrowed in a minor or patch', async () => {
    expect(await publish(doc('1.0.0', V1))).toMatchObject({ kind: 'published', created: true });
    expect(await publish(doc('1.1.0', V1.slice(1)))).toMatchObject({
      kind: 'conflict', code: 'breaking-change', message: expect.stringContaining('breaks the params of 1.0.0'),
      changes: [{ path: '/params/bonus', message: 'removed' }],
    });
    expect(await publish(doc('1.0.1', ['bonus: int = 1', ...V1.slice(1)]))).toMatchObject({
      code: 'breaking-change', changes: [{ path: '/params/bonus', message: 'retyped from money to int' }],
    });
    expect(await publish(doc('1.1.0', [V1[0]!, `mode: 'enum(a) = "a"'`, V1[2]!]))).toMatchObject({
      code: 'breaking-change', changes: [{ path: '/params/mode', message: 'enum lost b' }],
    });
    expect(await publish(doc('1.1.0', [V1[0]!, V1[1]!, 'note: string = ""']))).toMatchObject({
      code: 'breaking-change', changes: [{ path: '/params/note', message: expect.stringContaining('became required') }],
    });
    expect(await store.listVersions('promo:param-drop:v1')).toHaveLength(1);
  });

  it('accepts widening: a new param, an enum gaining a value, another default; a new major may drop params', async () => {
    await publish(doc('1.0.0', V1));
    expect(await publish(doc('1.1.0', ['bonus: money = 5', `mode: 'enum(a, b, c) = "c"'`, V1[2]!, 'extra: int = 3']))).toMatchObject({ kind: 'published', created: true });
    expect(await publish(doc('2.0.0', []))).toMatchObject({ kind: 'published' });
  });

  it('compares with the version just below in the same body too', async () => {
    const out = await publish(`${doc('1.0.0', V1)}---\n${doc('1.1.0', [])}`);
    expect(out).toMatchObject({ kind: 'conflict', code: 'breaking-change', version: '1.1.0' });
    expect((out as { changes: { path: string }[] }).changes.map((c) => c.path)).toEqual(['/params/bonus', '/params/mode', '/params/note']);
    expect(await store.listVersions('promo:param-drop:v1')).toHaveLength(0);
  });
});
