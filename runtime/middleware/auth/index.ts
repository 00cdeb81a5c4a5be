// Authentication: the operator token on /admin/*, tenant API keys (with scopes) on /v1/*.
// Keys are looked up by their sha256 through the catalog cache, which forgets a key as soon as it
// is revoked, so a revoked key fails on the next request.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { Scope } from '../../../catalog/store.ts';
import type { CatalogCache } from '../../catalog-cache.ts';
import type { Env } from '../../context.ts';
import { problem } from '../../problem.ts';

function bearer(header: string | undefined): string | null {
  if (!header) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m ? m[1]! : null;
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

// The hash of each recently seen key, so the execute path hashes a key once, not per request.
// Bounded; a revoked key is refused through the catalog cache whatever this holds.
const hashes = new Map<string, string>();
function keyHash(key: string): string {
  let h = hashes.get(key);
  if (h === undefined) {
    if (hashes.size >= 10_000) hashes.clear();
    h = sha256(key).toString('hex');
    hashes.set(key, h);
  }
  return h;
}

/**
 * Tenant key authentication; with `scope`, the key must also carry that scope (403 otherwise).
 * Sets `principal`.
 *
 * @example
 * app.post('/v1/skus/:sku/execute', tenantAuth(cache, 'execute'), ...)
 */
export function tenantAuth(cache: CatalogCache, scope?: Scope): MiddlewareHandler<Env> {
  return async (c, next) => {
    const key = bearer(c.req.header('authorization'));
    if (!key) return problem(c, 401, 'unauthorized', 'An API key is required', { detail: 'Send Authorization: Bearer rk_...' });
    const rec = await cache.key(keyHash(key));
    if (!rec || rec.revokedAt) return problem(c, 401, 'unauthorized', 'The API key is not valid');
    if (scope && !rec.scopes.includes(scope)) {
      return problem(c, 403, 'forbidden-scope', `The API key lacks the '${scope}' scope`, { scope });
    }
    c.set('principal', { tenantId: rec.tenantId, keyId: rec.id, scopes: rec.scopes });
    await next();
  };
}

/** Whether an Authorization header carries the admin token (sha256 compared in constant time). */
export function isAdminHeader(header: string | undefined, tokenHash: string): boolean {
  const token = bearer(header);
  return token !== null && timingSafeEqual(sha256(token), Buffer.from(tokenHash, 'hex'));
}

/**
 * Operator authentication against the sha256 of the admin token, in constant time.
 *
 * @example
 * app.use('/admin/*', adminAuth(deps.adminTokenHash));
 */
export function adminAuth(tokenHash: string): MiddlewareHandler<Env> {
  const expected = Buffer.from(tokenHash, 'hex');
  return async (c, next) => {
    const token = bearer(c.req.header('authorization'));
    if (!token || !timingSafeEqual(sha256(token), expected)) {
      return problem(c, 401, 'unauthorized', 'The admin token is missing or wrong');
    }
    await next();
  };
}
