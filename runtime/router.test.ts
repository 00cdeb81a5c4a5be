// SplitRouter answers exactly what hono's TrieRouter answers (same handlers, order and params), on
// the runtime app's own routes and on generated ones, and serves the execute path from the RegExpRouter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Result } from 'hono/router';
import { TrieRouter } from 'hono/router/trie-router';
import { SplitRouter } from './router.ts';
import { startTestServer, type TestServer } from './testing/harness.ts';
import { createApp } from './app.ts';

/** Handlers with their params, whatever the result's format (stash or plain params). */
function resolved<T>(r: Result<T>): [T, Record<string, string>][] {
  const [handlers, stash] = r as [[T, Record<string, number | string>][], string[] | undefined];
  return handlers.map(([h, map]) => {
    const params: Record<string, string> = {};
    for (const [k, v] of Object.entries(map)) {
      const value = stash ? stash[v as number] : (v as string);
      if (value !== undefined) params[k] = value;
    }
    return [h, params];
  });
}

function both<T>(routes: [string, string, T][]) {
  const split = new SplitRouter<T>();
  const trie = new TrieRouter<T>();
  for (const r of routes) {
    split.add(...r);
    trie.add(...r);
  }
  return { split, trie };
}

describe('SplitRouter', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.close());

  it('matches like the TrieRouter on the runtime app\'s routes', () => {
    const app = createApp(t.server.deps, { billing: true });
    const routes = app.routes.map((r, i) => [r.method, r.path, i] as [string, string, number]);
    const { split, trie } = both(routes);
    const paths = [
      '/v1/skus/promo:x:v1/execute', '/v1/skus/promo:x:v1/batch', '/v1/skus/promo:x:v1', '/v1/skus', '/v1/skus/a/rollout',
      '/v1/promotions/apply', '/v1/promotions/apply/redeem', '/v1/promotions/promo:x:v1/redeem', '/v1/promotions/p/limits',
      '/v1/redemptions/r1/release', '/v1/usage', '/v1/invoices/2026-11', '/admin/tenants', '/admin/tenants/a/keys',
      '/admin/keys/k1', '/admin/tenants/a/skus/s', '/admin/sla-tiers', '/admin/sla-tiers/gold', '/v1/publish', '/v1/check',
      '/v1/preview', '/v1/subscriptions', '/v1/subscriptions/s', '/openapi.json', '/docs', '/healthz', '/readyz', '/metrics',
      '/studio', '/studio/', '/studio/index.html', '/studio/app.js', '/studio/app.css', '/studio/app.jsx', '/studio/x/y',
      '/', '/nope', '/v1', '/v1/skus/a/execute/more',
    ];
    for (const method of ['GET', 'POST', 'PUT', 'DELETE', 'PATCH']) {
      for (const path of paths) expect(resolved(split.match(method, path)), `${method} ${path}`).toEqual(resolved(trie.match(method, path)));
    }
  });

  it('serves the execute path without the trie', () => {
    const app = createApp(t.server.deps);
    const routes = app.routes.map((r) => [r.method, r.path, r.handler] as [string, string, unknown]);
    const split = new SplitRouter<unknown>();
    for (const r of routes) split.add(...r);
    split.match('POST', '/v1/skus/a/execute');
    const internals = split as unknown as { refused: { router: { name: string; match: SplitRouter<unknown>['match'] }; methods: Set<string> }[]; fast: { name: string } };
    expect(internals.fast.name).toBe('RegExpRouter');
    expect(internals.refused.length).toBeGreaterThan(0);
    for (const r of internals.refused) {
      // Either not probed for a POST or probed with a RegExpRouter, and no hit.
      if (r.methods.has('POST') || r.methods.has('ALL')) expect(r.router.name).toBe('RegExpRouter');
      expect(r.router.match('POST', '/v1/skus/a/execute')[0]).toEqual([]);
    }
  });

  it('matches like the TrieRouter on generated routes (property)', () => {
    const seg = fc.constantFrom('a', 'b', 'apply', ':id', ':sku', 'x');
    const path = fc.array(seg, { minLength: 1, maxLength: 4 }).map((s) => '/' + s.join('/'));
    const routePath = fc.oneof(path, path.map((p) => p + '/*'), fc.constant('/*'));
    const route = fc.tuple(fc.constantFrom('GET', 'POST', 'ALL'), routePath);
    const request = fc.array(fc.constantFrom('a', 'b', 'apply', 'x', 'q'), { minLength: 0, maxLength: 5 }).map((s) => '/' + s.join('/'));
    fc.assert(fc.property(fc.array(route, { minLength: 1, maxLength: 12 }), fc.array(fc.tuple(fc.constantFrom('GET', 'POST'), request), { maxLength: 20 }), (rs, reqs) => {
      const { split, trie } = both(rs.map(([m, p], i) => [m, p, i] as [string, string, number]));
      for (const [m, p] of reqs) expect(resolved(split.match(m, p))).toEqual(resolved(trie.match(m, p)));
    }));
  });
});
