// The runtime app's router: hono's RegExpRouter (one regular expression per method, ~0.1 µs a
// match) for every route it can represent, and its TrieRouter (~2.5 µs a match over the runtime's
// ~80 routes) only for requests that a route the RegExpRouter refuses could match. Hono's default
// SmartRouter falls back to the trie for the whole app as soon as one route is unsupported (a static
// segment beside a parameter, `/v1/promotions/apply` next to `/v1/promotions/:sku/redeem`), which put
// the slow match on every execute call. The refused routes are probed with RegExpRouters of their own.
import { UnsupportedPathError, type Result, type Router } from 'hono/router';
import { RegExpRouter } from 'hono/router/reg-exp-router';
import { TrieRouter } from 'hono/router/trie-router';

type Route<T> = [method: string, path: string, handler: T];

/**
 * A hono Router answering exactly what a TrieRouter with every route answers: a request that no
 * RegExpRouter-unsupported route matches gets the same handlers (those routes add none) from the
 * RegExpRouter built without them.
 *
 * @example
 * const app = new Hono<Env>({ router: new SplitRouter() });
 */
export class SplitRouter<T> implements Router<T> {
  name = 'SplitRouter';
  private routes: Route<T>[] | undefined = [];
  private fast!: Router<T>;
  /**
   * Matchers of the routes `fast` refused (RegExpRouters where they fit), with the methods of their
   * routes: a hit sends the request to `all`.
   */
  private refused: { router: Router<T>; methods: Set<string> }[] = [];
  private all!: TrieRouter<T>;

  add(method: string, path: string, handler: T): void {
    if (!this.routes) throw new Error('Can not add a route since the matcher is already built.');
    this.routes.push([method, path, handler]);
  }

  match(method: string, path: string): Result<T> {
    if (this.routes) this.build(this.routes);
    for (const r of this.refused) {
      if ((r.methods.has(method) || r.methods.has('ALL')) && r.router.match(method, path)[0].length > 0) return this.all.match(method, path);
    }
    return this.fast.match(method, path);
  }

  private build(routes: Route<T>[]): void {
    this.routes = undefined;
    this.all = new TrieRouter<T>();
    for (const r of routes) this.all.add(...r);
    const first = regExpRouterOf(routes);
    this.fast = first.router ?? this.all;
    // The refused routes in RegExpRouters of their own (what is refused again in the next), the rest in a trie.
    let left = first.router ? first.refused : [];
    while (left.length) {
      const next = regExpRouterOf(left);
      if (!next.router) {
        const trie = new TrieRouter<T>();
        for (const r of left) trie.add(...r);
        this.refused.push({ router: trie, methods: new Set(left.map((r) => r[0])) });
        break;
      }
      this.refused.push({ router: next.router, methods: new Set(next.accepted.map((r) => r[0])) });
      left = next.refused;
    }
  }
}

/** A RegExpRouter of the routes it accepts (null when it accepts none or fails to build), those and the refused ones. */
function regExpRouterOf<T>(routes: Route<T>[]): { router: RegExpRouter<T> | null; accepted: Route<T>[]; refused: Route<T>[] } {
  const accepted: Route<T>[] = [];
  const refused: Route<T>[] = [];
  let router = new RegExpRouter<T>();
  for (const r of routes) {
    try {
      router.add(...r);
      accepted.push(r);
    } catch (e) {
      if (!(e instanceof UnsupportedPathError)) throw e;
      refused.push(r);
      // A refused insert can leave the router half-changed: rebuild it from the accepted routes.
      router = new RegExpRouter<T>();
      for (const a of accepted) router.add(...a);
    }
  }
  if (!accepted.length) return { router: null, accepted, refused };
  try {
    router.match('GET', '/'); // builds the matchers now, so that a refusal at build time is seen here
  } catch (e) {
    if (!(e instanceof UnsupportedPathError)) throw e;
    return { router: null, accepted: [], refused: routes };
  }
  return { router, accepted, refused };
}
