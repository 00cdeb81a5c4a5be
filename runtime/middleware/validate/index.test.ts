// Input validation in isolation: the body shape, the options, the input checked by the chosen
// executor's validate() (a stand-in executor here), and the subscription's params merged under
// the call's.
import { Hono } from 'hono';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCallOptions } from '../../body.ts';
import type { Env } from '../../context.ts';
import { ProblemError, problem } from '../../problem.ts';
import { MAX_BATCH, validateBatch, validateInput } from './index.ts';
import { execute, executeBatch } from '../execute/index.ts';
import { createRuntimeMetrics } from '../../metrics/runtime-metrics.ts';
import { createLogger } from '../../logger.ts';

/** An executor whose input type is `{ n: int }`; execute() validates as SPEC section 8 says. */
const validate = (input: unknown) =>
  typeof input === 'object' && input !== null && Number.isInteger((input as { n?: unknown }).n)
    ? { ok: true as const, value: input }
    : { ok: false as const, errors: [{ path: '/n', message: 'expected int' }] };
const executor = {
  sku: 'promo:n:v1', kind: 'Promotion' as const, name: 'n', version: '1.0.0',
  validate,
  execute: (input: unknown) => {
    const r = validate(input);
    if (!r.ok) throw Object.assign(new Error('invalid input: /n: expected int'), { name: 'RuleError', code: 'invalid-input', errors: r.errors });
    return input;
  },
};

function app() {
  const a = new Hono<Env>();
  a.onError((err, c) => (err instanceof ProblemError ? problem(c, err.status, err.code, err.message) : problem(c, 500, 'internal', 'x')));
  a.use('*', async (c, next) => {
    c.set('executor', executor);
    c.set('subscription', { tenantId: 't', sku: 'promo:n:v1', sla: 'gold', params: { threshold: 1, cap: 5 }, createdAt: '', updatedAt: '' });
    await next();
  });
  a.post('/one', validateInput(), (c) => c.json({ input: c.get('input'), options: c.get('options') }));
  a.post('/many', validateBatch(), (c) => c.json({ batch: c.get('batch'), options: c.get('options') }));
  return a;
}
const post = (path: string, body: unknown) => app().request(path, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json' } });

describe('validateInput', () => {
  it('passes a valid input with the subscription params under the call params', async () => {
    const res = await post('/one', { input: { n: 3 }, options: { params: { threshold: 2 }, now: '2026-11-11T00:00:00+08:00', trace: true } });
    expect(await res.json()).toEqual({ input: { n: 3 }, options: { params: { threshold: 2, cap: 5 }, now: '2026-11-11T00:00:00+08:00', trace: true } });
  });

  it('400 invalid-input with the errors under /input; invalid-json; invalid-body; invalid-options', async () => {
    const bad = await post('/one', { input: { n: 'x' } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'invalid-input', errors: [{ path: '/input/n', message: 'expected int' }] });
    expect(await (await post('/one', '{')).json()).toMatchObject({ code: 'invalid-json' });
    expect(await (await post('/one', '[1]')).json()).toMatchObject({ code: 'invalid-body' });
    expect(await (await post('/one', { nope: 1 })).json()).toMatchObject({ code: 'invalid-body', errors: [{ path: '/input' }] });
    expect(await (await post('/one', { input: { n: 1 }, options: [] })).json()).toMatchObject({ code: 'invalid-options', errors: [{ path: '/options' }] });
  });
});

describe('one conversion per input', () => {
  it('execute and batch run the executor once per input (its run is the validation); params errors answered at execute', async () => {
    const calls = { validate: 0, execute: 0 };
    const counting = {
      ...executor,
      validate: (input: unknown) => (calls.validate++, executor.validate(input)),
      execute: (input: unknown, options?: { params?: Record<string, unknown> }) => {
        calls.execute++;
        const out = executor.execute(input);
        if (options?.params?.bad) throw Object.assign(new Error('invalid params'), { name: 'RuleError', code: 'invalid-params', errors: [{ path: '/bad', message: 'unknown param' }] });
        return out;
      },
    };
    const a = new Hono<Env>();
    const seen: string[] = [];
    a.use('*', async (c, next) => {
      c.set('executor', counting);
      c.set('sku', { record: { id: 'promo:n:v1' } } as never);
      c.set('version', '1.0.0');
      await next();
    });
    const between = async (_c: unknown, next: () => Promise<void>) => { seen.push('between'); await next(); };
    const metrics = createRuntimeMetrics();
    a.post('/one', validateInput(), between, execute(metrics, createLogger({ silent: true })));
    a.post('/many', validateBatch(), between, executeBatch(metrics));
    const send = (path: string, body: unknown) => a.request(path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

    const ok = await send('/one', { input: { n: 2 } });
    expect(await ok.json()).toEqual({ n: 2 });
    expect(calls).toEqual({ validate: 0, execute: 1 });
    const bad = await send('/one', { input: { n: 'x' } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'invalid-input', errors: [{ path: '/input/n', message: 'expected int' }] });
    expect(seen).toEqual(['between']); // refused before the middlewares after validation
    const params = await send('/one', { input: { n: 2 }, options: { params: { bad: 1 } } });
    expect(params.status).toBe(400);
    expect(await params.json()).toMatchObject({ code: 'invalid-params', errors: [{ path: '/options/params/bad' }] });
    expect(seen).toEqual(['between', 'between']); // reached execute's place
    calls.execute = 0;
    const many = await send('/many', { inputs: [{ n: 1 }, { n: 'x' }, { n: 3 }] });
    expect(await many.json()).toMatchObject({ results: [{ n: 1 }, { code: 'invalid-input', errors: [{ path: '/n' }] }, { n: 3 }] });
    expect(calls).toEqual({ validate: 0, execute: 3 });
    expect(metrics.registry.render()).toContain('rulemart_executions_total{sku="promo:n:v1",status="200",version="1.0.0"} 3');
  });
});

describe('validateBatch', () => {
  it('validates each input on its own', async () => {
    const res = await post('/many', { inputs: [{ n: 1 }, { n: 'x' }] });
    expect(await res.json()).toMatchObject({ batch: [{ ok: true, value: { n: 1 } }, { ok: false, errors: [{ path: '/n' }] }] });
  });

  it('refuses a missing inputs array and more than MAX_BATCH inputs', async () => {
    expect(await (await post('/many', { inputs: 'x' })).json()).toMatchObject({ code: 'invalid-body' });
    expect(await (await post('/many', { inputs: new Array(MAX_BATCH + 1).fill({ n: 1 }) })).json()).toMatchObject({ code: 'batch-too-large' });
  });
});

describe('parseCallOptions', () => {
  it('never throws and accepts exactly params objects, ISO timestamps and booleans (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (raw) => {
        const { options, errors } = parseCallOptions(raw);
        if (errors.length === 0 && raw !== null && raw !== undefined) {
          const r = raw as Record<string, unknown>;
          expect(typeof r).toBe('object');
          if (options.trace !== undefined) expect(typeof options.trace).toBe('boolean');
          if (options.now !== undefined) expect(Number.isNaN(Date.parse(options.now))).toBe(false);
          if (options.params !== undefined) expect(Array.isArray(options.params)).toBe(false);
        }
      }),
    );
    expect(parseCallOptions({ now: '2026-11-11T00:00:00Z' }).errors).toEqual([]);
    expect(parseCallOptions({ now: '11/11/2026' }).errors).toEqual([{ path: '/options/now', message: 'expected an ISO 8601 timestamp' }]);
  });
});
