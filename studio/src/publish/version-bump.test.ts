// Tests of version bumps and of rewriting metadata.version in place.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readDocuments } from '../editor/document-symbols.ts';
import { starterRule } from '../editor/starter-rule.ts';
import { bumpVersion, setVersionInSource, skuOf } from './version-bump.ts';

describe('bumpVersion', () => {
  it('bumps one part and resets the lower ones', () => {
    expect(bumpVersion('1.2.3', 'patch')).toBe('1.2.4');
    expect(bumpVersion('1.2.3', 'minor')).toBe('1.3.0');
    expect(bumpVersion('1.2.3', 'major')).toBe('2.0.0');
    expect(bumpVersion('1.2', 'patch')).toBeNull();
  });

  it('always gives a greater version', () => {
    fc.assert(fc.property(fc.nat(1000), fc.nat(1000), fc.nat(1000), fc.constantFrom('major', 'minor', 'patch' as const), (a, b, c, part) => {
      const next = bumpVersion(`${a}.${b}.${c}`, part)!.split('.').map(Number);
      const cmp = next[0]! - a || next[1]! - b || next[2]! - c;
      expect(cmp).toBeGreaterThan(0);
    }));
  });
});

describe('setVersionInSource', () => {
  it('changes only the version of the chosen document', () => {
    const source = `${starterRule}---\nkind: Selection\nmetadata:\n  name: picks\n  version: "3.1.0"\n`;
    const docs = readDocuments(source);
    const second = setVersionInSource(source, docs[1]!.range[0], '3.2.0')!;
    expect(second).toBe(source.replace('"3.1.0"', '"3.2.0"'));
    const first = setVersionInSource(source, docs[0]!.range[0], '1.1.0')!;
    expect(first).toBe(source.replace('version: 1.0.0', 'version: 1.1.0'));
    expect(setVersionInSource('kind: Promotion\n', 0, '1.0.0')).toBeNull();
  });

  it('names the SKU of a document', () => {
    expect(skuOf('Promotion', 'spend-and-save', '1.4.0')).toBe('promo:spend-and-save:v1');
    expect(skuOf('PricingTier', 'plan', '2.0.0')).toBe('price:plan:v2');
    expect(skuOf('Selection', 'picks', '0.1.0')).toBe('select:picks:v0');
    expect(skuOf(null, 'x', '1.0.0')).toBeNull();
  });
});
