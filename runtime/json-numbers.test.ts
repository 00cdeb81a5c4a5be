// The inexact-number scanner: flags exactly the JSON numbers (outside strings) a double changes,
// checked against decimal.js on random JSON, and refused over HTTP (400 invalid-json) and by the CLI.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inexactNumbers } from './json-numbers.ts';
import { startBillingServer, limitedPromotion } from '../billing/http-testing.ts';

/** Whether the double parsed from a number token stands for exactly its decimal value (the oracle). */
const exact = (text: string) => {
  const d = Number(text);
  return Number.isFinite(d) && new Decimal(text).eq(new Decimal(String(d)));
};

const digits = (min: number, max: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((a) => a.join(''));
const numberToken = fc
  .tuple(fc.boolean(), fc.integer({ min: 1, max: 9 }), digits(0, 24), fc.option(digits(1, 12)), fc.option(fc.tuple(fc.constantFrom('e', 'E', 'e+', 'e-', 'E-'), fc.integer({ min: 0, max: 400 }))))
  .map(([neg, first, rest, frac, exp]) => `${neg ? '-' : ''}${first}${rest}${frac !== null ? `.${frac}` : ''}${exp ? `${exp[0]}${exp[1]}` : ''}`);
const zeroToken = fc.constantFrom('0', '-0', '0.0', '0e5');
// Strings whose text looks like numbers, with quotes and backslashes escaped.
const stringToken = fc.oneof(numberToken, fc.string()).map((s) => JSON.stringify(`"${s}\\`));

type Tree = { text: string; numbers: string[] };
const tree: fc.Arbitrary<Tree> = fc.letrec<{ node: Tree }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.oneof(numberToken, zeroToken).map((t) => ({ text: t, numbers: [t] })),
    stringToken.map((t) => ({ text: t, numbers: [] })),
    fc.array(tie('node'), { maxLength: 4 }).map((xs) => ({ text: `[${xs.map((x) => x.text).join(', ')}]`, numbers: xs.flatMap((x) => x.numbers) })),
    fc.array(fc.tuple(stringToken, tie('node')), { maxLength: 4 }).map((kv) => ({
      text: `{${kv.map(([k, v]) => `${k}:${v.text}`).join(',')}}`,
      numbers: kv.flatMap(([, v]) => v.numbers),
    })),
  ),
})).node;

describe('inexactNumbers', () => {
  it('flags exactly the numbers a double does not carry exactly (property, decimal.js oracle)', () => {
    fc.assert(
      fc.property(tree, ({ text, numbers }) => {
        JSON.parse(text); // the generator makes valid JSON
        expect(inexactNumbers(text, Infinity).map((f) => f.text)).toEqual(numbers.filter((n) => !exact(n)));
      }),
      { numRuns: 500 },
    );
  });

  it('names the QA reproduction\'s numbers and leaves short ones, strings and exact big ones alone', () => {
    expect(inexactNumbers('{"price":1234567890123456789.15,"qty":1}').map((f) => f.text)).toEqual(['1234567890123456789.15']);
    expect(inexactNumbers('[0.1, 99.99, 123456789012345, "12345678901234567890", 9007199254740992, 1e21, 1.5e3]')).toEqual([]);
    expect(inexactNumbers('[1e400, -1e-400, 9007199254740993]').map((f) => f.text)).toEqual(['1e400', '-1e-400', '9007199254740993']);
  });
});

describe('inexact numbers are refused', () => {
  it('over HTTP: 400 invalid-json naming the number', async () => {
    const t = await startBillingServer();
    try {
      const [sku] = await t.publish(limitedPromotion('exact', '    redemptions: 100'));
      const body = '{"input":{"cart":{"items":[{"sku":"A","price":1234567890123456789.15,"qty":1}]},"user":{"id":"u"}}}';
      const res = await t.as('POST', `/v1/skus/${sku}/execute`, body, { 'content-type': 'application/json' });
      expect(res.status).toBe(400);
      const problem = (await res.json()) as { code: string; title: string; numbers: string[] };
      expect(problem.code).toBe('invalid-json');
      expect(problem.numbers).toEqual(['1234567890123456789.15']);
      expect(problem.title).toContain('as a string');
      const ok = await t.as('POST', `/v1/skus/${sku}/execute`, body.replace('1234567890123456789.15', '"1234567890123456789.15"'), { 'content-type': 'application/json' });
      expect(ok.status).toBe(200);
      expect(((await ok.json()) as { subtotal: string }).subtotal).toBe('1234567890123456789.15');
    } finally {
      await t.close();
    }
  });

  it('by the CLI: run exits 1 with the message on stderr', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rulemart-json-'));
    try {
      writeFileSync(join(dir, 'p.yaml'), limitedPromotion('exact', '    redemptions: 100'));
      writeFileSync(join(dir, 'in.json'), '{"cart":{"items":[{"sku":"A","price":1234567890123456789.15,"qty":1}]},"user":{"id":"u"}}');
      const bin = fileURLToPath(new URL('../bin/rulemart', import.meta.url));
      const r = spawnSync(process.execPath, [bin, 'run', 'p.yaml', '--input', 'in.json'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('1234567890123456789.15');
      expect(r.stderr).toContain('as a string');
      expect(r.stdout).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
