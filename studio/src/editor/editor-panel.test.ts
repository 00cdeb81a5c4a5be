// Tests of the minimal text change the editor applies when a panel rewrites the source.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { minimalChange } from './editor-panel.ts';

describe('minimalChange', () => {
  it('replaces only the changed part', () => {
    expect(minimalChange('version: 1.0.0\nx', 'version: 1.1.0\nx')).toEqual({ from: 11, to: 12, insert: '1' });
    expect(minimalChange('abc', 'abc')).toEqual({ from: 3, to: 3, insert: '' });
  });

  it('always turns before into after', () => {
    fc.assert(fc.property(fc.string(), fc.string(), (before, after) => {
      const c = minimalChange(before, after);
      expect(before.slice(0, c.from) + c.insert + before.slice(c.to)).toBe(after);
    }));
  });
});
