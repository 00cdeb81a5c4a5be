// Idempotency middleware: an `Idempotency-Key` makes a call safe to retry. The first response (status,
// body and the headers that describe it) is stored for 24 hours and replayed to every retry with the
// same key and body; another body with the key is a 422; while the first call runs, retries get a 409.
// Replays never reach metering, so they are not billed again.
import { hash } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { Env } from '../../context.ts';
import type { IdempotencyStore, StoredResponse } from '../../../billing/stores.ts';
import { problem } from '../../problem.ts';
import { responseText } from './response-text.ts';

/** Replayed response headers, besides the body's own type. */
const KEPT_HEADERS = ['content-type', 'x-rulemart-version', 'location'];
const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;

export interface IdempotencyOptions {
  store: IdempotencyStore;
  /** A call without a key is refused (400) — redeem requires one. */
  required?: boolean;
  /** How long the first response is kept (default 24 h). */
  ttlMs?: number;
  /** How long an unfinished claim blocks retries before one may take it over (default 60 s). */
  leaseMs?: number;
  now?: () => number;
}

/** The claim of the current request, for metering's dedupe keys. */
export interface IdempotencyClaim {
  scope: string;
  key: string;
  /** When the key's record was created (stable across a takeover after a crash). */
  since: string;
}

const claims = new WeakMap<Request, IdempotencyClaim>();

/** The idempotency claim this request holds, if it carries a key and got to run. */
export function idempotencyClaim(c: Context): IdempotencyClaim | undefined {
  return claims.get(c.req.raw);
}

/** Statuses that are not stored: the call did not happen or may succeed when retried as is. */
function isTransient(status: number): boolean {
  return status >= 500 || status === 429 || status === 402 || status === 408;
}

/**
 * The request's fingerprint: sha256 of the method, path and the body exactly as sent. Validation read
 * the body already and hono keeps its text, so this neither re-reads nor re-serialises it.
 */
async function fingerprint(c: Context): Promise<string> {
  let body: string;
  try {
    body = await c.req.text();
  } catch {
    body = '';
  }
  return hash('sha256', `${c.req.method} ${c.req.path}\n${body}`, 'hex');
}

/**
 * Idempotency middleware; put it after auth (reads `principal`: keys are per tenant) and right
 * before metering.
 *
 * @example
 * app.post('/v1/skus/:sku/execute', ..., validateInput(), idempotency({ store }), metering(...), execute(...))
 */
export function idempotency(options: IdempotencyOptions): MiddlewareHandler<Env> {
  const now = options.now ?? Date.now;
  const ttlMs = options.ttlMs ?? 86_400_000;
  const leaseMs = options.leaseMs ?? 60_000;
  return async (c, next) => {
    const key = c.req.header('idempotency-key');
    if (key === undefined) {
      if (options.required) {
        return problem(c, 400, 'idempotency-key-required', 'This call needs an Idempotency-Key header (e.g. the order id)');
      }
      return next();
    }
    if (!KEY_FORMAT.test(key)) {
      return problem(c, 400, 'invalid-idempotency-key', 'An Idempotency-Key is 1 to 255 visible ASCII characters');
    }
    const scope = c.get('principal').tenantId;
    let begun;
    try {
      begun = await options.store.begin({ scope, key, fingerprint: await fingerprint(c), now: now(), ttlMs, leaseMs });
    } catch {
      return problem(c, 503, 'idempotency-unavailable', 'The idempotency store does not answer; retry with the same key');
    }
    if (begun.state === 'mismatch') {
      return problem(c, 422, 'idempotency-mismatch', 'This Idempotency-Key was used with another request', { key });
    }
    if (begun.state === 'in-progress') {
      c.header('Retry-After', '1');
      return problem(c, 409, 'idempotency-in-progress', 'A request with this Idempotency-Key is still running; retry shortly', { key });
    }
    if (begun.state === 'replay') {
      const r = begun.response;
      return c.body(r.body, r.status as 200, { ...r.headers, 'Idempotent-Replayed': 'true' });
    }
    const token = begun.token;
    claims.set(c.req.raw, { scope, key, since: String(begun.since ?? '') });
    let stored = false;
    try {
      await next();
      const status = c.res.status;
      if (!isTransient(status)) {
        const headers: Record<string, string> = {};
        for (const h of KEPT_HEADERS) {
          const v = c.res.headers.get(h);
          if (v !== null) headers[h] = v;
        }
        const response: StoredResponse = { status, headers, body: await responseText(c.res) };
        await options.store.complete(scope, key, token, response, now());
        stored = true;
      }
    } finally {
      // Not stored (a failure, or the store failed): free the key so a retry runs the call again.
      // Metering's dedupe keys keep such a retry from billing twice.
      if (!stored) await options.store.abandon(scope, key, token).catch(() => undefined);
    }
  };
}
