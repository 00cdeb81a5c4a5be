// The work budget of one call: nested macros over large input lists end with an evaluation error
// instead of holding the process for minutes, and ordinary calls never come near it.
import { describe, expect, it } from 'vitest';
import { buildSource } from './index.ts';
import { CX_WORK_LIMIT } from './prelude/expr.ts';

const SELECTION = (where: string) => `apiVersion: rulemart/v1
kind: Selection
metadata:
  name: cube
  version: 1.0.0
  title: nested macros
input:
  products: "list<{ n: int, tags: list<string> }>"
  ns: list<int>
  text: string
spec:
  from: products as p
  where: ${JSON.stringify(where)}
`;

function executor(where: string) {
  const { built, diagnostics } = buildSource(SELECTION(where), 'cube.yaml');
  expect(diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
  return built[0]!.executor;
}

const products = (n: number) => ({
  products: Array.from({ length: n }, (_, i) => ({ n: i, tags: [`t${i % 7}`] })),
  ns: Array.from({ length: n }, (_, i) => -i - 1),
  text: 'ab'.repeat(n / 2),
});

describe('work budget', () => {
  it('three nested macros over 3,000 products (2.7e10 steps) stop with evaluation-error', () => {
    const ex = executor('products.any(q, products.any(r, r.n == p.n + q.n + 1000000))');
    let error: unknown;
    try {
      ex.execute(products(3000));
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'evaluation-error' });
    expect(String((error as Error).message)).toContain('too much work');
  });

  it('`in` and `contains` over a big list inside a macro are charged too', () => {
    // Each walks 5,000 per product: 25e6 in all, past the budget, with one macro level only.
    expect(() => executor('p.n in ns').execute(products(5000))).toThrow(/too much work/);
    expect(() => executor('text.contains("zz")').execute(products(5000))).toThrow(/too much work/);
    expect((executor('p.n in ns').execute(products(1000)) as { items: unknown[] }).items).toEqual([]);
  });

  it('the budget is per call: many calls just under it all succeed, and quadratic work on 1,000 items fits', () => {
    const ex = executor('products.any(q, q.n == p.n + 1)');
    for (let i = 0; i < 3; i++) expect((ex.execute(products(1000)) as { items: unknown[] }).items).toHaveLength(999);
    expect(1000 * 1000 * 2).toBeLessThan(CX_WORK_LIMIT);
  });
});
