// The one escaping function: any string or JSON value written with `lit` reads back unchanged as
// JavaScript, and the text never holds a raw line separator, `<`, `>` or `/`.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commentText, lit, objectKey, prop, tsPropertyName } from './literal.ts';

const evaluate = (code: string): unknown => new Function(`"use strict"; return (${code});`)();

describe('lit', () => {
  it('round-trips any string (full Unicode, lone surrogates) and any JSON value', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.constantFrom('</script>', '*/', '${x}', '`', '\u2028\u2029', '"); x(); ("')), (s) => {
        const code = lit(s);
        expect(code).not.toMatch(/[\u2028\u2029<>/]/);
        expect(evaluate(code)).toBe(s);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(evaluate(lit(v))).toEqual(JSON.parse(JSON.stringify(v)));
      }),
      { numRuns: 200 },
    );
  });

  it('keeps a JSON object key named __proto__ as an own property (it would set the prototype in an object literal)', () => {
    for (const text of ['{"__proto__":false}', '{"a":[{"__proto__":{"b":1}}],"c":"d"}', '[{"__proto__":null}]']) {
      const v = JSON.parse(text) as unknown;
      const back = evaluate(lit(v));
      expect(JSON.stringify(back)).toBe(text);
      expect(lit(v)).not.toMatch(/[\u2028\u2029<>/]/);
    }
    const obj = evaluate(lit(JSON.parse('{"__proto__":{"polluted":true}}'))) as Record<string, unknown>;
    expect(Object.getPrototypeOf(obj)).toBe(Object.prototype);
    expect(Object.hasOwn(obj, '__proto__')).toBe(true);
    expect((obj as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('writes property accesses and object keys that cannot change a prototype', () => {
    const env = { ['__proto__']: 1 } as Record<string, unknown>;
    Object.defineProperty(env, '__proto__', { value: 'own', enumerable: true });
    expect(new Function('env', `return ${prop('env', '__proto__')};`)(env)).toBe('own');
    const obj = new Function(`return { ${objectKey('__proto__')}: 5, ${objectKey('a"b')}: 6 };`)() as Record<string, unknown>;
    expect(Object.getPrototypeOf(obj)).toBe(Object.prototype);
    expect(Object.hasOwn(obj, '__proto__')).toBe(true);
    expect(obj['a"b']).toBe(6);
  });

  it('keeps comments on one line and TypeScript names plain only when safe', () => {
    expect(commentText('a\nb\u2028c')).toBe('a b c');
    expect(tsPropertyName('sku')).toBe('sku');
    expect(tsPropertyName('名前')).toBe('"名前"');
    expect(tsPropertyName('__proto__')).toBe('"__proto__"');
    expect(tsPropertyName('a-b')).toBe('"a-b"');
  });
});
