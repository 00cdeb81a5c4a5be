// How runExecutor maps an executor's errors to problems: the caller's mistakes are 400s with
// their JSON pointers, a rule that fails on the input (division by zero) is a 422, never a 400.
import { describe, expect, it } from 'vitest';
import { buildSource } from '../../../compiler/index.ts';
import { runExecutor } from './index.ts';

const SOURCE = `apiVersion: rulemart/v1
kind: Promotion
metadata: { name: split-by, version: 1.0.0 }
input:
  cart: { items: "list<{ sku: string, price: money, qty: int }>" }
  parts: int
spec:
  rules:
    - when: "true"
      then: { orderDiscount: subtotal / parts }
`;

async function executor() {
  const { diagnostics, built } = buildSource(SOURCE, 'split-by.yaml');
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return built[0]!.executor;
}

const cart = { items: [{ sku: 'A', price: '90.00', qty: 1 }] };

describe('runExecutor', () => {
  it('answers the output when the rule evaluates', async () => {
    const r = runExecutor(await executor(), { cart, parts: 3 }, {});
    expect(r).toMatchObject({ ok: true, output: { discount: '30.00' } });
  });

  it('maps a division by zero inside the rule to 422 evaluation-error', async () => {
    const r = runExecutor(await executor(), { cart, parts: 0 }, {});
    expect(r).toMatchObject({ ok: false, status: 422, code: 'evaluation-error' });
  });

  it('maps combine\'s too-many-promotions to 422 with its own code (not 400 invalid-params)', () => {
    const tooMany = { execute: () => { throw Object.assign(new Error('combine: strategy best needs more than 4096 evaluations'), { name: 'RuleError', code: 'too-many-promotions', errors: [] }); } };
    expect(runExecutor(tooMany, null, null)).toMatchObject({ ok: false, status: 422, code: 'too-many-promotions', title: expect.stringContaining('4096') });
  });

  it('maps bad input to 400 invalid-input with JSON pointers', async () => {
    const r = runExecutor(await executor(), { cart, parts: 'two' }, {});
    expect(r).toMatchObject({ ok: false, status: 400, code: 'invalid-input', errors: [{ path: '/parts' }] });
  });

  it('maps unknown params to 400 invalid-params', async () => {
    const r = runExecutor(await executor(), { cart, parts: 3 }, { params: { nope: 1 } });
    expect(r).toMatchObject({ ok: false, status: 400, code: 'invalid-params' });
  });

  it('maps any other failure to 500 execution-failed', () => {
    const r = runExecutor({ execute: () => { throw new TypeError('boom'); } }, {}, {});
    expect(r).toMatchObject({ ok: false, status: 500, code: 'execution-failed' });
  });
});
