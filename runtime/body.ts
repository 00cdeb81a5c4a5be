// Reading request bodies: JSON objects and the options of execute-like calls, with field errors
// as JSON pointers, never an exception.
import type { Context } from 'hono';
import type { CallOptions } from './context.ts';
import type { FieldError } from './problem.ts';
import { ProblemError } from './problem.ts';
import { inexactNumbers, inexactNumbersMessage } from './json-numbers.ts';

/** True for a plain JSON object (not an array, not null). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const parsed = new WeakMap<Request, Promise<unknown>>();

/**
 * The request's JSON body, parsed once per request from its text (every middleware shares it). A
 * 400 `invalid-json` ProblemError when it is not JSON, or when a number in it cannot be carried
 * exactly by a double (it must then be sent as a string: decimals never go through binary floats).
 */
export function readJsonBody(c: Context): Promise<unknown> {
  let body = parsed.get(c.req.raw);
  if (!body) {
    body = (async () => {
      const text = await c.req.text();
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        throw new ProblemError(400, 'invalid-json', 'The request body is not valid JSON');
      }
      const inexact = inexactNumbers(text);
      if (inexact.length) {
        throw new ProblemError(400, 'invalid-json', inexactNumbersMessage(inexact), { numbers: inexact.map((f) => f.text) });
      }
      return value;
    })();
    parsed.set(c.req.raw, body);
  }
  return body;
}

/** The request's JSON body, which must be an object; throws a 400 ProblemError otherwise. */
export async function readJsonObject(c: Context): Promise<Record<string, unknown>> {
  const body = await readJsonBody(c);
  if (!isObject(body)) throw new ProblemError(400, 'invalid-body', 'The request body must be a JSON object');
  return body;
}

/** Checks `options` of execute, batch and apply: `{ params?: object, now?: ISO string, trace?: boolean }`. */
/** A key as one JSON pointer token (RFC 6901: `~` as `~0`, `/` as `~1`). */
export function pointerToken(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function parseCallOptions(raw: unknown, base = '/options'): { options: CallOptions; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const options: CallOptions = {};
  if (raw === undefined || raw === null) return { options, errors };
  if (!isObject(raw)) return { options, errors: [{ path: base, message: 'expected an object' }] };
  for (const key of Object.keys(raw)) {
    if (key !== 'params' && key !== 'now' && key !== 'trace') errors.push({ path: `${base}/${pointerToken(key)}`, message: 'unknown option' });
  }
  if (raw.params !== undefined) {
    if (isObject(raw.params)) options.params = raw.params;
    else errors.push({ path: `${base}/params`, message: 'expected an object' });
  }
  if (raw.now !== undefined) {
    if (typeof raw.now === 'string' && /^\d{4}-\d\d-\d\dT/.test(raw.now) && !Number.isNaN(Date.parse(raw.now))) options.now = raw.now;
    else errors.push({ path: `${base}/now`, message: 'expected an ISO 8601 timestamp' });
  }
  if (raw.trace !== undefined) {
    if (typeof raw.trace === 'boolean') options.trace = raw.trace;
    else errors.push({ path: `${base}/trace`, message: 'expected a boolean' });
  }
  return { options, errors };
}
