// The work budget of one call: nested macros over large input lists end with an evaluation error
// instead of holding the process for minutes, and ordinary calls never come near it.
import { describe, expect, it } from 'vitest';
import { buildSource } from './index.ts';
import { CX_WORK_LIMIT } from './runtime/budget.ts';

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

describe('work budget: produced text and number size', () => {
  const promo = (lets: string, messages: string[]) => `apiVersion: rulemart/v1
kind: Promotion
metadata:
  name: grow
  version: 1.0.0
  title: growth
input:
  cart: { items: "list<{ sku: string, price: money, qty: int }>" }
  notes: list<string>
let:
${lets}
spec:
  policy: all
  rules:
${messages.map((m, i) => `    - name: r${i}\n      when: true\n      then: { message: ${JSON.stringify(m)} }`).join('\n')}
`;
  const run = (text: string, input: unknown) => {
    const { built, diagnostics } = buildSource(text, 'grow.yaml');
    expect(diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
    return () => built[0]!.executor.execute(input);
  };
  const cart = { items: [{ sku: 'A', price: '1.00', qty: 1 }] };

  it('templates that print a big input in many rules stop at the budget instead of building a huge response', () => {
    const notes = Array.from({ length: 4 }, () => 'x'.repeat(1_000_000));
    expect(run(promo('  n: notes.size()', ['${notes}', '${notes}', '${notes}']), { cart, notes })).toThrow(/too much work/);
    // One such message (4 MB) is within the budget: the limit is on work, not on ordinary messages.
    expect((run(promo('  n: notes.size()', ['${notes}']), { cart, notes })() as { messages: string[] }).messages[0]!.length).toBeGreaterThan(4_000_000);
  });

  it('a string doubled by 30 lets stops at the budget', () => {
    const lets = [`  s0: 'if cart.items.size() > 0 then "ab" else "cd"'`, ...Array.from({ length: 30 }, (_, i) => `  s${i + 1}: s${i} + s${i}`)].join('\n');
    expect(run(promo(lets, ['${s30.size()}']), { cart, notes: [] })).toThrow(/too much work/);
  });

  it('exact products stop past 2,000 digits (repeated squaring) with an evaluation error', () => {
    const lets = ['  a0: cart.items.sum(i, i.price)', ...Array.from({ length: 16 }, (_, i) => `  a${i + 1}: a${i} * a${i}`)].join('\n');
    const big = { items: [{ sku: 'A', price: '9'.repeat(400) + '.99', qty: 1 }] };
    let error: unknown;
    try {
      run(promo(lets, ['${a16}']), { cart: big, notes: [] })();
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'evaluation-error' });
    expect(String((error as Error).message)).toContain('more than 2000 digits');
    // 28 significant digits squared a few times stay exact (SPEC 2 asks for at least 28).
    const fine = run(promo(['  a0: cart.items.sum(i, i.price)', '  a1: a0 * a0', '  a2: a1 * a1'].join('\n'), ['${a2}']), { cart: { items: [{ sku: 'A', price: '12345678901234567890123456.78', qty: 1 }] }, notes: [] })() as { messages: string[] };
    expect(fine.messages[0]!.replace('.', '').length).toBeGreaterThan(100);
  });
});

describe('work budget: output that repeats a list', () => {
  const selection = (extra: string) => SELECTION('true').replace('  where: "true"\n', `  where: "true"\n${extra}`);
  const build = (text: string) => {
    const { built, diagnostics } = buildSource(text, 'sel.yaml');
    expect(diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
    return built[0]!.executor;
  };

  it('select holding the whole list per item (n^2 output) stops at the budget; an item\'s own list does not', () => {
    expect(() => build(selection('  select: { all: products }\n')).execute(products(5000))).toThrow(/too much work/);
    const own = build(selection('  select: { n: p.n, tags: p.tags }\n')).execute(products(5000)) as { items: unknown[] };
    expect(own.items).toHaveLength(5000);
  });

  it('a map whose elements are the whole list (n^2 when written out) stops at the budget', () => {
    const text = selection('').replace('input:\n', 'let:\n  everything: products.map(q, products)\ninput:\n').replace('where: "true"', 'where: everything.size() > 0');
    expect(() => build(text).execute(products(5000))).toThrow(/too much work/);
  });
});

describe('work budget: a host shares one budget over many calls', () => {
  it('execute takes a smaller workLimit, never a larger one', () => {
    const ex = executor('products.any(q, q.n == p.n + 1)');
    // 200 products: 200 x 200 = 40,000 walked.
    expect(() => ex.execute(products(200), { workLimit: 10_000 })).toThrow(/more than 10000/);
    expect((ex.execute(products(200), { workLimit: 100_000 }) as { items: unknown[] }).items).toHaveLength(199);
    expect(() => executor('products.any(q, products.any(r, r.n == p.n + q.n + 1000000))').execute(products(3000), { workLimit: 1e12 })).toThrow(/more than 10000000/);
    // The limit is per call: the next call without the option has the default again.
    expect((ex.execute(products(200)) as { items: unknown[] }).items).toHaveLength(199);
  });
});
