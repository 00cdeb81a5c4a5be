// The metrics registry: exact money sums and the exposition format.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Counter, DecimalCounter, Histogram } from './registry.ts';

describe('metrics registry', () => {
  it('sums money exactly, where floats would drift', () => {
    const m = new DecimalCounter('d', 'help');
    for (let i = 0; i < 10; i++) m.add({ sku: 'a' }, '0.10');
    m.add({ sku: 'a' }, '0.2');
    expect(m.render()).toContain('d{sku="a"} 1.20\n');
  });

  it('the decimal sum equals the integer-cent sum (property)', () => {
    fc.assert(fc.property(fc.array(fc.bigInt({ min: 0n, max: 10n ** 12n }), { maxLength: 50 }), (cents) => {
      const m = new DecimalCounter('d', 'h');
      for (const c of cents) m.add({}, `${c / 100n}.${(c % 100n).toString().padStart(2, '0')}`);
      const total = cents.reduce((a, b) => a + b, 0n);
      if (cents.length) expect(m.render()).toContain(`d{} ${total / 100n}.${(total % 100n).toString().padStart(2, '0')}\n`);
    }));
  });

  it('renders counters and cumulative histogram buckets with escaped labels', () => {
    const c = new Counter('c_total', 'h');
    c.inc({ sku: 'x"y' });
    c.inc({ sku: 'x"y' }, 2);
    expect(c.render()).toContain('c_total{sku="x\\"y"} 3');
    const h = new Histogram('h_seconds', 'h', [0.1, 1]);
    h.observe({ sku: 'a' }, 0.05);
    h.observe({ sku: 'a' }, 0.5);
    const text = h.render();
    expect(text).toContain('h_seconds_bucket{sku="a",le="0.1"} 1');
    expect(text).toContain('h_seconds_bucket{sku="a",le="1"} 2');
    expect(text).toContain('h_seconds_bucket{sku="a",le="+Inf"} 2');
    expect(text).toContain('h_seconds_count{sku="a"} 2');
  });
});

describe('DecimalCounter amounts', () => {
  it('cuts fraction digits past the scale, keeps signs and long integers exact, ignores non-decimals', () => {
    const m = new DecimalCounter('d', 'h');
    m.add({ sku: 'a' }, '1.999');
    m.add({ sku: 'a' }, '-0.5');
    m.add({ sku: 'a' }, '12345678901234567890.12');
    m.add({ sku: 'a' }, '1e3');
    m.add({ sku: 'a' }, '');
    expect(m.render()).toContain('d{sku="a"} 12345678901234567891.61\n');
  });
});
