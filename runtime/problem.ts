// RFC 9457 problem details: every error the runtime sends is `application/problem+json` with a
// stable `code`, so clients branch on the code and never on the wording.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** One wrong part of the input: a JSON pointer and what is wrong there. */
export interface FieldError {
  path: string;
  message: string;
}

/** The body of a problem response. `type` points at the code's entry in /docs. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  errors?: FieldError[];
  [extra: string]: unknown;
}

/** Builds a problem body without a context (batch results embed problems in a 200). */
export function problemBody(status: number, code: string, title: string, extra: Record<string, unknown> = {}): ProblemBody {
  return { type: `/docs#problem-${code}`, title, status, code, ...extra };
}

/**
 * Sends a problem response, with the request id so a log line can be found from the answer.
 *
 * @example
 * return problem(c, 404, 'unknown-sku', 'No such SKU', { sku });
 */
export function problem(c: Context, status: number, code: string, title: string, extra: Record<string, unknown> = {}): Response {
  const body = problemBody(status, code, title, extra);
  const requestId = c.get('requestId' as never) as string | undefined;
  if (requestId) body.requestId = requestId;
  return c.body(JSON.stringify(body), status as ContentfulStatusCode, { 'Content-Type': 'application/problem+json' });
}

/** An error that a handler throws to answer with a problem (caught by the app's error handler). */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    title: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(title);
    this.name = 'ProblemError';
  }
}
