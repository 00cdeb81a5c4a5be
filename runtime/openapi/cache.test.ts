// OpenApiCache: one build per (viewer, server URL) and catalog version; a build that raced with an
// invalidation is answered but not kept.
import { describe, expect, it } from 'vitest';
import type { CatalogStore } from '../../catalog/store.ts';
import { OpenApiCache } from './cache.ts';

function fakeStore(onList: () => void = () => {}) {
  const calls: string[] = [];
  const store = {
    listSkus: async (q: { viewer: string }) => {
      calls.push(q.viewer);
      onList();
      return [];
    },
  } as unknown as CatalogStore;
  return { store, calls };
}

describe('OpenApiCache', () => {
  it('builds once per viewer, server URL and catalog version', async () => {
    let version = 0;
    const { store, calls } = fakeStore();
    const docs = new OpenApiCache(store, () => version);
    const a = await docs.json(null, 'http://a');
    expect(await docs.json(null, 'http://a')).toBe(a);
    expect(JSON.parse(a)).toMatchObject({ openapi: '3.1.0', servers: [{ url: 'http://a' }] });
    await docs.json('acme', 'http://a');
    await docs.json(null, 'http://b');
    expect(calls).toHaveLength(3);
    expect(await docs.html(null, 'http://a', () => 'page')).toBe('page');
    expect(await docs.html(null, 'http://a', () => 'other')).toBe('page');
    expect(calls).toHaveLength(3);
    version++;
    await docs.json(null, 'http://a');
    expect(calls).toHaveLength(4);
  });

  it('does not keep a document whose build raced with an invalidation', async () => {
    let version = 0;
    const { store, calls } = fakeStore(() => version++);
    const docs = new OpenApiCache(store, () => version);
    await docs.json(null, 'http://a');
    await docs.json(null, 'http://a');
    expect(calls).toHaveLength(2);
  });
});
