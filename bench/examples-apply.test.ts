// The sample cart of examples/ through `combine` (SPEC 4.1), by both strategies, against the
// hand-computed examples/carts/double-eleven.expected.json; the same as the README's
// `rulemart apply` command, kept in `npm test` so the example cannot silently drift.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildSource, combine } from '../compiler/index.ts';

const examples = new URL('../examples/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, examples), 'utf8');

function executors() {
  return ['category-sale.yaml', 'full-reduction.yaml', 'store-coupon.yaml', 'free-shipping.yaml'].map((f) => {
    const { diagnostics, built } = buildSource(read(f), `examples/${f}`);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    return built[0].executor;
  });
}

describe('examples/carts/double-eleven.json', () => {
  const input = JSON.parse(read('carts/double-eleven.json'));
  const expected = JSON.parse(read('carts/double-eleven.expected.json'));

  it('combines by priority to the hand-computed result', () => {
    expect(combine(executors() as any, input, { strategy: 'priority' })).toEqual(expected);
  });

  it('finds the same set with strategy best (full-reduction alone would save less)', () => {
    expect(combine(executors() as any, input, { strategy: 'best' })).toEqual(expected);
  });
});
