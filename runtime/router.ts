// The runtime app's router: hono's RegExpRouter (one regular expression per method, ~0.1 µs a
// match) for every route it can represent, and its TrieRouter (~2.5 µs a match over the runtime's
// ~80 routes) only for requests that a route the RegExpRouter refuses could match. Hono's default
// SmartRouter falls back to the trie for the whole app as soon as one route is unsupported (a static
// segment beside a parameter, `/v1/promotions/apply` next to `/v1/promotions/:sku/redeem`), which put
// the slow match on every execute call.
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
  /** Only the routes the RegExpRouter refused: a hit here sends the request to `all`. */
  private rest: TrieRouter<T> | null = null;
  private all!: TrieRouter<T>;

  add(method: string, path: string, handler: T): void {
    if (!this.routes) throw new Error('Can not add a route since the matcher is already built.');
    this.routes.push([method, path, handler]);
  }

  match(method: string, path: string): Result<T> {
    if (this.routes) this.build(this.routes);
    if (this.rest && this.rest.match(method, path)[0].length > 0) return this.all.match(method, path);
    return this.fast.match(method, path);
  }

  private build(routes: Route<T>[]): void {
    this.routes = undefined;
    this.all = new TrieRouter<T>();
    for (const r of routes) this.all.add(...r);
    // Add the routes one by one; a refused one is left out (and the half-inserted router rebuilt).
    const accepted: Route<T>[] = [];
    const refused: Route<T>[] = [];
    let fast = new RegExpRouter<T>();
    for (const r of routes) {
      try {
        fast.add(...r);
        accepted.push(r);
      } catch (e) {
        if (!(e instanceof UnsupportedPathError)) throw e;
        refused.push(r);
        fast = new RegExpRouter<T>();
        for (const a of accepted) fast.add(...a);
      }
    }
    this.fast = fast;
    try {
      fast.match('GET', '/'); // builds the matchers now, so that a refusal here is seen here
    } catch (e) {
      if (!(e instanceof UnsupportedPathError)) throw e;
      // Not expected (refusals come from add); then the trie answers everything.
      this.fast = this.all;
      return;
    }
    if (refused.length) {
      this.rest = new TrieRouter<T>();
      for (const r of refused) this.rest.add(...r);
    }
  }
}
