// Tests of the partial `expect` match of document tests (SPEC section 7).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchExpect } from './expect-match.ts';

const output = { applied: true, discount: '30.00', lines: [{ sku: 'A', discount: '30.00' }], limits: null };

describe('matchExpect', () => {
  it('matches objects partially and arrays element by element', () => {
    expect(matchExpect({ applied: true, discount: '30.00' }, output)).toEqual([]);
    expect(matchExpect({ lines: [{ sku: 'A' }] }, output)).toEqual([]);
    expect(matchExpect({ limits: null }, output)).toEqual([]);
  });

  it('reports each difference with its JSON pointer', () => {
    expect(matchExpect({ discount: '20.00', lines: [{ sku: 'B' }] }, output)).toEqual([
      { path: '/discount', expected: '20.00', actual: '30.00' },
      { path: '/lines/0/sku', expected: 'B', actual: 'A' },
    ]);
    expect(matchExpect({ lines: [] }, output)).toEqual([{ path: '/lines', expected: [], actual: output.lines }]);
    expect(matchExpect({ discount: 30 }, output)).toHaveLength(1);
    expect(matchExpect({ gifts: null }, output)).toEqual([{ path: '/gifts', expected: null, actual: undefined }]);
  });

  it('every value matches itself, and any part of an object matches the whole', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => {
      expect(matchExpect(value, value)).toEqual([]);
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        const [first] = Object.keys(value);
        if (first !== undefined) expect(matchExpect({ [first]: (value as any)[first] }, value)).toEqual([]);
      }
    }));
  });
});
