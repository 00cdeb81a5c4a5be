// The sample carts of examples/carts through `combine` (SPEC 4.1) against their hand-computed
// `*.expected.json`; the same as the `rulemart apply` commands in examples/README.md, kept in
// `npm test` so the examples cannot silently drift.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildSource, combine } from '../compiler/index.ts';

const examples = new URL('../examples/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, examples), 'utf8');
const json = (name: string) => JSON.parse(read(name));

function executors(files: string[]): any[] {
  return files.map((f) => {
    const { diagnostics, built } = buildSource(read(f), `examples/${f}`);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    return built[0].executor;
  });
}

describe('examples/carts/double-eleven.json', () => {
  const promotions = executors(['category-sale.yaml', 'full-reduction.yaml', 'store-coupon.yaml', 'free-shipping.yaml']);
  const input = json('carts/double-eleven.json');
  const expected = json('carts/double-eleven.expected.json');

  it('combines by priority to the hand-computed result (full-reduction is not combinable)', () => {
    expect(combine(promotions, input, { strategy: 'priority' })).toEqual(expected);
  });

  it('finds the same set with strategy best (full-reduction alone would save less)', () => {
    expect(combine(promotions, input, { strategy: 'best' })).toEqual(expected);
  });
});

describe('examples/carts/flash-night.json', () => {
  const promotions = executors(['flash-sale.yaml', 'happy-hour.yaml', 'store-coupon.yaml', 'free-shipping.yaml']);
  const input = json('carts/flash-night.json');

  it('at 00:30 Beijing time: flash price, store coupon over what is left, free shipping; happy hour skipped', () => {
    const out = combine(promotions, input, { now: '2026-11-11T00:30:00+08:00' });
    expect(out).toEqual(json('carts/flash-night.expected.json'));
  });

  it('at 15:30 Beijing time: the flash sale is over (window) and happy hour applies', () => {
    const out = combine(promotions, input, { now: '2026-11-11T15:30:00+08:00' });
    expect(out).toEqual(json('carts/flash-afternoon.expected.json'));
  });
});
