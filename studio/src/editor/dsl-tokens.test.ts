// Tests of the editor's expression tokenizer and template splitter.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { templateParts, tokenizeExpression } from './dsl-tokens.ts';

function kinds(text: string): [string, string][] {
  return tokenizeExpression(text).map((t) => [text.slice(t.from, t.to), t.type]);
}

describe('tokenizeExpression', () => {
  it('colours keywords, names, numbers, strings and operators', () => {
    expect(kinds('subtotal >= threshold and user.level == "vip"')).toEqual([
      ['subtotal', 'constant'], ['>=', 'operator'], ['threshold', 'name'], ['and', 'keyword'],
      ['user', 'name'], ['level', 'name'], ['==', 'operator'], ['"vip"', 'string'],
    ]);
  });

  it('tells functions, macros, percent and duration literals apart', () => {
    expect(kinds('round(cart.items.sum(i, i.price * 15%), 2) + 7d')).toEqual([
      ['round', 'function'], ['cart', 'name'], ['items', 'name'], ['sum', 'macro'], ['i', 'name'], ['i', 'name'], ['price', 'name'],
      ['*', 'operator'], ['15%', 'number'], ['2', 'number'], ['+', 'operator'], ['7d', 'number'],
    ]);
  });

  it('marks the type part of a params declaration', () => {
    expect(kinds('list<string> = ["a"]').filter(([, k]) => k === 'type').map(([t]) => t)).toEqual(['list', 'string']);
    expect(kinds('money = 200')[0]).toEqual(['money', 'type']);
  });

  it('never throws and keeps tokens ordered and inside the text, whatever is typed', () => {
    fc.assert(fc.property(fc.string(), (text) => {
      const tokens = tokenizeExpression(text);
      let end = 0;
      for (const t of tokens) {
        expect(t.from).toBeGreaterThanOrEqual(end);
        expect(t.to).toBeGreaterThan(t.from);
        expect(t.to).toBeLessThanOrEqual(text.length);
        end = t.to;
      }
    }));
  });
});

describe('templateParts', () => {
  it('finds the expressions inside ${...}', () => {
    const text = 'Spend ${threshold}, save ${saving + 10}';
    expect(templateParts(text).map(([a, b]) => text.slice(a, b))).toEqual(['threshold', 'saving + 10']);
  });

  it('takes an unterminated part to the end of the text', () => {
    const text = 'to ${user.id';
    expect(templateParts(text).map(([a, b]) => text.slice(a, b))).toEqual(['user.id']);
  });
});
