// The studio's only way to the server: typed calls to the runtime's HTTP API (shared/API.md),
// with the merchant's API key from the session sent as a Bearer token.
import { sessionKey } from './session-key.ts';

/** A diagnostic as `rulemart check --format json` prints it (SPEC section 9). */
export interface ServerDiagnostic {
  file?: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: 'error' | 'warning';
  code: string;
  message: string;
}

/** A failed call, from its application/problem+json body when there is one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string | undefined,
    readonly errors: { path: string; message: string }[] | undefined,
    readonly problem: Record<string, unknown> | undefined,
  ) {
    super(message);
  }
  /** Diagnostics carried by a 422 from publish, when the server sent them. */
  get diagnostics(): ServerDiagnostic[] {
    const d = this.problem?.diagnostics;
    return Array.isArray(d) ? (d as ServerDiagnostic[]) : [];
  }
}

export interface PreviewResult {
  output: any;
  trace: unknown;
  typescript: string;
}

export interface PublishedDocument {
  sku: string;
  version: string;
  sourceHash: string;
  /** `created`, or `unchanged` when the same version was published again with the same source. */
  status?: string;
}

/** An SLA tier name: bronze, silver, gold or one the operator added. */
export type Sla = string;

const unauthorizedListeners = new Set<() => void>();

/** Registers a listener told when the server refuses the key (401), so the page can ask again. */
export function onUnauthorized(listener: () => void): void {
  unauthorizedListeners.add(listener);
}

async function call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  return (await callWithHeaders<T>(method, path, body, headers)).data;
}

async function callWithHeaders<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ data: T; headers: Headers }> {
  const key = sessionKey.get();
  const init: RequestInit = { method, headers: { ...headers } };
  if (key) (init.headers as Record<string, string>).authorization = `Bearer ${key}`;
  if (body !== undefined) {
    if (typeof body === 'string') {
      (init.headers as Record<string, string>)['content-type'] ??= 'application/yaml';
      init.body = body;
    } else {
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
  }
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError(0, 'The server cannot be reached. Check your connection and try again.', 'network', undefined, undefined);
  }
  const text = await response.text();
  let data: any = undefined;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = text;
  }
  if (response.status === 401) for (const listener of unauthorizedListeners) listener();
  if (!response.ok) {
    const problem = data && typeof data === 'object' ? data : undefined;
    const message = problem?.detail ?? problem?.title ?? (typeof data === 'string' && data ? data : `HTTP ${response.status}`);
    throw new ApiError(response.status, String(message), problem?.code, problem?.errors, problem);
  }
  return { data: data as T, headers: response.headers };
}

function query(params: Record<string, string | undefined>): string {
  const entries = Object.entries(params).filter((e): e is [string, string] => !!e[1]);
  return entries.length ? `?${new URLSearchParams(entries)}` : '';
}

/** The runtime API, one method per endpoint the studio uses. */
export const api = {
  /** Diagnostics of a rule file; nothing stored. Accepts a bare array or `{ diagnostics }`. */
  async check(source: string): Promise<ServerDiagnostic[]> {
    const data = await call<unknown>('POST', '/v1/check', source);
    if (Array.isArray(data)) return data as ServerDiagnostic[];
    const d = (data as { diagnostics?: unknown })?.diagnostics;
    return Array.isArray(d) ? (d as ServerDiagnostic[]) : [];
  },
  preview(body: { source: string; name?: string; input: unknown; options?: { params?: unknown; now?: string; trace?: boolean } }): Promise<PreviewResult> {
    return call('POST', '/v1/preview', body);
  },
  publish(source: string, visibility: 'private' | 'public'): Promise<PublishedDocument[]> {
    return call('POST', `/v1/publish${query({ visibility })}`, source);
  },
  skus(filter: { q?: string; kind?: string }): Promise<any> {
    return call('GET', `/v1/skus${query(filter)}`);
  },
  sku(id: string): Promise<any> {
    return call('GET', `/v1/skus/${encodeURIComponent(id)}`);
  },
  rollout(id: string, body: { stable: string; canary?: { version: string; percent: number; tenants?: string[]; channels?: string[] } }): Promise<any> {
    return call('PUT', `/v1/skus/${encodeURIComponent(id)}/rollout`, body);
  },
  subscribe(body: { sku: string; sla: Sla; params?: Record<string, unknown> }): Promise<any> {
    return call('POST', '/v1/subscriptions', body);
  },
  subscriptions(): Promise<any> {
    return call('GET', '/v1/subscriptions');
  },
  unsubscribe(id: string): Promise<any> {
    return call('DELETE', `/v1/subscriptions/${encodeURIComponent(id)}`);
  },
  /** Runs a SKU; also returns the version that ran (a canary shows here) and the request id. */
  async execute(id: string, input: unknown, options?: { params?: unknown; now?: string; trace?: boolean }): Promise<{ output: any; version: string | null; requestId: string | null }> {
    const r = await callWithHeaders<any>('POST', `/v1/skus/${encodeURIComponent(id)}/execute`, options ? { input, options } : { input });
    return { output: r.data, version: r.headers.get('x-rulemart-version'), requestId: r.headers.get('x-request-id') };
  },
  usage(filter: { from?: string; to?: string; sku?: string; granularity?: 'hour' | 'day' }): Promise<any> {
    return call('GET', `/v1/usage${query(filter)}`);
  },
  invoice(month: string): Promise<any> {
    return call('GET', `/v1/invoices/${encodeURIComponent(month)}`);
  },
};
