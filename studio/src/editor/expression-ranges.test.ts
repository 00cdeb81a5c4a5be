// Tests of where the editor finds DSL inside rule YAML.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { starterRule } from './starter-rule.ts';
import { findDslRanges, modeOfPath } from './expression-ranges.ts';

describe('modeOfPath', () => {
  it('knows expressions, templates, types and plain data', () => {
    expect(modeOfPath(['let', 'eligible'])).toBe('expression');
    expect(modeOfPath(['params', 'threshold'])).toBe('expression');
    expect(modeOfPath(['spec', 'rules', 0, 'when'])).toBe('expression');
    expect(modeOfPath(['spec', 'rules', 0, 'then', 'orderDiscount'])).toBe('expression');
    expect(modeOfPath(['spec', 'rules', 0, 'then', 'message'])).toBe('template');
    expect(modeOfPath(['spec', 'rules', 0, 'then', 'gift', 'sku'])).toBe('template');
    expect(modeOfPath(['spec', 'limits', 'customer'])).toBe('template');
    expect(modeOfPath(['spec', 'rules', 0, 'name'])).toBeNull();
    expect(modeOfPath(['spec', 'policy'])).toBeNull();
    expect(modeOfPath(['spec', 'meters', 0, 'tiers', 1, 'upTo'])).toBeNull();
    expect(modeOfPath(['spec', 'meters', 0, 'tiers', 1, 'unit'])).toBe('expression');
    expect(modeOfPath(['input', 'cart'])).toBe('type');
    expect(modeOfPath(['metadata', 'name'])).toBeNull();
    expect(modeOfPath(['tests', 0, 'input'])).toBeNull();
  });
});

describe('findDslRanges', () => {
  it('points at the text of each expression, inside quotes', () => {
    const ranges = findDslRanges(starterRule);
    const texts = ranges.filter((r) => r.mode !== 'type').map((r) => starterRule.slice(r.from, r.to));
    expect(texts).toContain('subtotal >= threshold and user.level == "vip"');
    expect(texts).toContain('money = 200');
    expect(texts).toContain('VIP: ${saving + 10} off');
    expect(texts).not.toContain('first');
  });

  it('never throws on broken YAML', () => {
    fc.assert(fc.property(fc.string(), (tail) => {
      const ranges = findDslRanges(starterRule.slice(0, 300) + tail);
      for (const r of ranges) expect(r.to).toBeGreaterThan(r.from);
    }), { numRuns: 60 });
  });
});
