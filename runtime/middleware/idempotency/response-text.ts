// The body text of a response the handler built with `c.json()` / `c.body(string)`, read without
// cloning it into streams: @hono/node-server's light Response keeps `[status, body, headers]` under a
// `cache` symbol until the response is written. Shared by idempotency (the stored response) and
// metering (the response's byte size), so neither serialises the output a second time.

let cacheSymbol: symbol | null | undefined;

function symbolOf(res: Response): symbol | null {
  if (cacheSymbol) return cacheSymbol;
  const sym = Object.getOwnPropertySymbols(res).find((x) => x.description === 'cache') ?? null;
  // Remember it only once found: a response without the cache (a streamed one) says nothing.
  if (sym) cacheSymbol = sym;
  return sym;
}

/** The response's body text when node-server still holds it as a string, else undefined. */
export function cachedResponseText(res: Response): string | undefined {
  const sym = symbolOf(res);
  if (sym === null) return undefined;
  const cached = (res as unknown as Record<symbol, unknown>)[sym];
  return Array.isArray(cached) && typeof cached[1] === 'string' ? cached[1] : undefined;
}

/** The response's body text: the held string when there is one, otherwise read from a clone. */
export function responseText(res: Response): string | Promise<string> {
  return cachedResponseText(res) ?? res.clone().text();
}
