// Lexer tests: which token each piece of text becomes (keywords vs names, literals, operators).
import { describe, expect, it } from 'vitest';
import { getLexer } from './tokens.ts';

function lex(text: string): string[] {
  const r = getLexer().tokenize(text);
  expect(r.errors).toEqual([]);
  return r.tokens.map((t) => `${t.tokenType.name}:${t.image}`);
}

describe('tokens', () => {
  it('tells keywords from names that start with them', () => {
    expect(lex('in index not notify and android or order if iffy mod model null nullable')).toEqual([
      'In:in', 'Identifier:index', 'Not:not', 'Identifier:notify', 'And:and', 'Identifier:android',
      'Or:or', 'Identifier:order', 'If:if', 'Identifier:iffy', 'Mod:mod', 'Identifier:model', 'Null:null', 'Identifier:nullable',
    ]);
  });

  it('reads Unicode names', () => {
    expect(lex('满减 _x1 éclair Ωmega')).toEqual(['Identifier:满减', 'Identifier:_x1', 'Identifier:éclair', 'Identifier:Ωmega']);
  });

  it('reads numbers, percentages and durations', () => {
    expect(lex('12 12.50 15% 2.5% 30s 15m 2h 7d')).toEqual([
      'NumberLit:12', 'NumberLit:12.50', 'Percent:15%', 'Percent:2.5%', 'Duration:30s', 'Duration:15m', 'Duration:2h', 'Duration:7d',
    ]);
  });

  it('reads both string quote styles with escapes', () => {
    expect(lex(String.raw`"a\"b" 'c\'d' "x'y" 'x"y'`)).toEqual([
      String.raw`StringLit:"a\"b"`, String.raw`StringLit:'c\'d'`, `StringLit:"x'y"`, `StringLit:'x"y'`,
    ]);
  });

  it('prefers the longest operator', () => {
    expect(lex('?? ? != ! <= < >= > == && || . , ( ) [ ] + - * / :')).toEqual([
      'QuestionQuestion:??', 'Question:?', 'NotEq:!=', 'Bang:!', 'LtEq:<=', 'Lt:<', 'GtEq:>=', 'Gt:>', 'EqEq:==',
      'AmpAmp:&&', 'PipePipe:||', 'Dot:.', 'Comma:,', 'LParen:(', 'RParen:)', 'LBracket:[', 'RBracket:]',
      'Plus:+', 'Minus:-', 'Star:*', 'Slash:/', 'Colon::',
    ]);
  });

  it('reports what it cannot read, with its offset', () => {
    for (const [text, offset] of [['a $ b', 2], ['2days', 0], ['"open', 0], ['a = b', 2], ['a & b', 2]] as const) {
      const r = getLexer().tokenize(text);
      expect(r.errors[0]?.offset).toBe(offset);
    }
  });
});
