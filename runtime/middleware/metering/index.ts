// Metering middleware: one usage event per billable unit (the call, or each successful input of a
// batch), written durably before the response leaves. If the events cannot be written, the caller
// gets a 503 instead of an unbilled success.
import { randomUUID } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { Env } from '../../context.ts';
import type { NewUsageEvent, UsageStore } from '../../../billing/stores.ts';
import { problem } from '../../problem.ts';
import { readJsonBody } from '../../body.ts';
import { idempotencyClaim } from '../idempotency/index.ts';
import { cachedResponseText } from '../idempotency/response-text.ts';

/** What one billable unit was: its SKU, version, tier, canary flag and sizes. */
export interface MeteredUnit {
  sku: string;
  version: string;
  sla: string;
  canary: boolean;
  requestBytes: number;
  responseBytes: number;
}

export interface MeteringOptions {
  usage: UsageStore;
  /**
   * The billable units of a successful call, read from the context after the handler (defaults to
   * {@link executeUnits}; {@link batchUnitsOf} and the apply route's reader are the others).
   */
  unitsOf?: (c: Context<Env>) => Promise<{ units: MeteredUnit[]; failed: { sku: string; count: number }[] }>;
  now?: () => number;
}

function bytes(v: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(v) ?? '');
  } catch {
    return 0;
  }
}

/** Byte size of the execute response's body (the output's JSON). */
function responseBytesOf(c: Context<Env>): number {
  const text = cachedResponseText(c.res);
  return text === undefined ? bytes(c.get('output')) : Buffer.byteLength(text);
}

/** True for a problem object inside a batch's results. */
export function isProblemResult(v: unknown): boolean {
  return typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string'
    && (v as { type: string }).type.startsWith('/docs#problem-') && typeof (v as { status?: unknown }).status === 'number';
}

/** Units of `/v1/skus/{sku}/execute`: one, when the executor produced an output. */
export async function executeUnits(c: Context<Env>) {
  const sku = c.get('sku').record.id;
  if (!(Number(c.get('units') ?? 0) > 0)) return { units: [], failed: [{ sku, count: 1 }] };
  const unit: MeteredUnit = {
    sku, version: c.get('version'), sla: c.get('subscription').sla, canary: Boolean(c.get('canary')),
    requestBytes: Number(c.req.header('content-length') ?? 0) || 0,
    // The response body is the output's JSON: measure the text already built rather than serialise again.
    responseBytes: responseBytesOf(c),
  };
  return { units: [unit], failed: [] };
}

/** Units of `/v1/skus/{sku}/batch`: one per input whose result is an output, not a problem. */
export async function batchUnitsOf(c: Context<Env>) {
  const sku = c.get('sku').record.id;
  const results = (c.get('output') as unknown[] | undefined) ?? [];
  let inputs: unknown[] = [];
  try {
    inputs = ((await readJsonBody(c)) as { inputs?: unknown[] }).inputs ?? [];
  } catch {
    inputs = [];
  }
  const base = { sku, version: c.get('version'), sla: c.get('subscription').sla, canary: Boolean(c.get('canary')) };
  const units: MeteredUnit[] = [];
  let failed = 0;
  results.forEach((r, i) => {
    if (isProblemResult(r)) failed++;
    else units.push({ ...base, requestBytes: bytes(inputs[i]), responseBytes: bytes(r) });
  });
  return { units, failed: failed > 0 ? [{ sku, count: failed }] : [] };
}

/**
 * Units of `/v1/promotions/apply`: one per promotion that was evaluated (applied or skipped), at the
 * version the `X-Rulemart-Version` header names, in the tier of the tenant's subscription to it.
 */
export function applyUnits(slaOf: (tenantId: string, sku: string) => Promise<string>) {
  return async (c: Context<Env>) => {
    const out = (c.get('output') ?? {}) as { applied?: unknown; skipped?: unknown };
    const skus = [
      ...(Array.isArray(out.applied) ? out.applied.filter((s): s is string => typeof s === 'string') : []),
      ...(Array.isArray(out.skipped) ? out.skipped.map((s) => (s as { sku?: unknown })?.sku).filter((s): s is string => typeof s === 'string') : []),
    ];
    const versions = new Map(
      (c.res.headers.get('x-rulemart-version') ?? '').split(',').map((p) => p.trim().split('=') as [string, string]),
    );
    const tenantId = c.get('principal').tenantId;
    const requestBytes = Number(c.req.header('content-length') ?? 0) || 0;
    const responseBytes = bytes(out);
    const units: MeteredUnit[] = [];
    for (const sku of skus) {
      units.push({
        sku, version: versions.get(sku) ?? 'unknown', sla: await slaOf(tenantId, sku), canary: false,
        // The call's sizes are shared out over its promotions, so the bytes add up to the call's.
        requestBytes: Math.round(requestBytes / skus.length), responseBytes: Math.round(responseBytes / skus.length),
      });
    }
    return { units, failed: [] };
  };
}

/** Executor time (ms) spent before metering started: the validation middleware's run(s). */
function executorTimeBefore(c: Context<Env>): number {
  const run = c.get('run');
  if (run) return run.ms;
  const batch = c.get('batch');
  if (!batch) return 0;
  let ms = 0;
  for (const b of batch) if (b.ok && b.run) ms += b.run.ms;
  return ms;
}

/**
 * Metering middleware; put it right before the handler (after idempotency). Reads `principal`, and
 * the units the handler reports (`units`, `output`, `version`, `canary`, `subscription`).
 * A call's latency is the server time from here to the handler's answer; a batch's events share it
 * out evenly, so one large batch does not count as many slow calls against the SLA.
 *
 * @example
 * app.post('/v1/skus/:sku/batch', ..., idempotency({ store }), metering({ usage, unitsOf: batchUnitsOf }), executeBatch(metrics))
 */
export function metering(options: MeteringOptions): MiddlewareHandler<Env> {
  const now = options.now ?? Date.now;
  const unitsOf = options.unitsOf ?? executeUnits;
  return async (c, next) => {
    const start = performance.now();
    c.set('metered', true);
    // The validation middleware already ran the executor (one conversion of the input): that time
    // is the call's too, or slow rules would never count against the SLA.
    const ranBefore = executorTimeBefore(c);
    await next();
    const latency = performance.now() - start + ranBefore;
    const at = now();
    const principal = c.get('principal');
    const ok = c.res.status >= 200 && c.res.status < 300;
    let measured: Awaited<ReturnType<typeof unitsOf>>;
    try {
      measured = ok ? await unitsOf(c) : { units: [], failed: [] };
    } catch {
      measured = { units: [], failed: [] };
    }
    const failedSku = c.req.param('sku');
    if (!ok && failedSku) measured.failed.push({ sku: failedSku, count: 1 });
    // Error counts only feed the usage report: a failure to write them must not fail the call.
    if (measured.failed.length > 0) {
      await Promise.all(measured.failed.map((f) => options.usage.recordErrors(principal.tenantId, f.sku, at, f.count).catch(() => undefined)));
    }
    if (measured.units.length === 0) return;
    const claim = idempotencyClaim(c);
    const iso = new Date(at).toISOString();
    const share = latency / measured.units.length;
    const events: NewUsageEvent[] = measured.units.map((u, i) => ({
      id: randomUUID(),
      tenant: principal.tenantId,
      keyId: principal.keyId,
      sku: u.sku,
      version: u.version,
      at: iso,
      units: 1,
      requestBytes: u.requestBytes,
      responseBytes: u.responseBytes,
      latencyMs: Math.round(share * 1000) / 1000,
      status: c.res.status,
      sla: u.sla,
      canary: u.canary,
      // A retry of this key (after a crash or a lost claim) writes the same keys: billed once.
      dedupeKey: claim ? `${claim.scope}\u0000${claim.key}\u0000${claim.since}\u0000${i}` : null,
    }));
    try {
      await options.usage.append(events);
    } catch {
      c.set('units', 0);
      c.res = problem(c, 503, 'metering-unavailable', 'The call could not be metered, so it was not answered; retry with the same Idempotency-Key');
    }
  };
}
