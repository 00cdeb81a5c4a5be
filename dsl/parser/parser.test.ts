// Parser tests: precedence and associativity, every literal form, spans, and error positions.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Expr } from '../ast.ts';
import { parseExpression, parseFromClause, parseOrderKey, parseType } from './index.ts';

/** A compact, fully parenthesised rendering of the AST, to compare precedence. */
function show(e: Expr): string {
  switch (e.kind) {
    case 'number': case 'percent': return e.kind === 'percent' ? `${e.text}%` : e.text;
    case 'string': return JSON.stringify(e.value);
    case 'bool': return String(e.value);
    case 'null': return 'null';
    case 'duration': return `${e.text}=${e.ms}ms`;
    case 'timestamp': return `ts(${e.ms})`;
    case 'list': return `[${e.items.map(show).join(', ')}]`;
    case 'ident': return e.name;
    case 'member': return `${show(e.object)}.${e.name}`;
    case 'index': return `${show(e.object)}[${show(e.index)}]`;
    case 'call': return `${e.callee}(${e.args.map(show).join(', ')})`;
    case 'method': return `${show(e.object)}.${e.name}(${e.args.map(show).join(', ')})`;
    case 'macro': return `${show(e.object)}.${e.name}(${e.variable} => ${show(e.body)})`;
    case 'unary': return `(${e.op} ${show(e.operand)})`;
    case 'binary': return `(${show(e.left)} ${e.op} ${show(e.right)})`;
    case 'conditional': return `(${show(e.test)} ? ${show(e.then)} : ${show(e.else)})`;
  }
}

function ok(text: string): string {
  const r = parseExpression(text);
  expect(r.diagnostics).toEqual([]);
  return show(r.expr!);
}

describe('precedence (SPEC section 3, lowest first)', () => {
  it.each([
    ['a + b * c', '(a + (b * c))'],
    ['a * b + c', '((a * b) + c)'],
    ['a - b - c', '((a - b) - c)'],
    ['a / b mod c', '((a / b) mod c)'],
    ['-a * b', '((- a) * b)'],
    ['-a.b', '(- a.b)'],
    ['a + b < c * d', '((a + b) < (c * d))'],
    ['not a == b', '(not (a == b))'],
    ['!a && b', '(((not a)) and b)'.replace('((not a))', '(not a)')],
    ['a and b or c and d', '((a and b) or (c and d))'],
    ['a || b && c', '(a or (b and c))'],
    ['a ?? b or c', '(a ?? (b or c))'],
    ['a ?? b ?? c', '((a ?? b) ?? c)'],
    ['c ? a : b ?? d', '(c ? a : (b ?? d))'],
    ['x ?? 1 ? 2 : 3', '((x ?? 1) ? 2 : 3)'],
    ['a ? b : c ? d : e', '(a ? b : (c ? d : e))'],
    ['if a then b else c + 1', '(a ? b : (c + 1))'],
    ['if a then if b then 1 else 2 else 3', '(a ? (b ? 1 : 2) : 3)'],
    ['x in xs and y not in ys', '((x in xs) and (y notin ys))'],
    ['(a + b) * c', '((a + b) * c)'],
    ['a.b.c[0].d', 'a.b.c[0].d'],
    ['xs.filter(i, i.p > 1).size()', 'xs.filter(i => (i.p > 1)).size()'],
    ['round(x, 2, "half-even")', 'round(x, 2, "half-even")'],
    ['满减 + 折扣_2', '(满减 + 折扣_2)'],
  ])('%s', (text, expected) => {
    expect(ok(text)).toBe(expected);
  });
});

describe('literals', () => {
  it.each([
    ['12', '12'],
    ['12.50', '12.50'],
    ['0.0005', '0.0005'],
    ['15%', '15%'],
    ['2.5%', '2.5%'],
    ['"text"', '"text"'],
    ["'text'", '"text"'],
    [String.raw`"a\"b\'c\\d\ne\u00e9"`, JSON.stringify('a"b\'c\\d\ne\u00e9')],
    [String.raw`'it\'s'`, JSON.stringify("it's")],
    ['true', 'true'],
    ['false', 'false'],
    ['null', 'null'],
    ['[1, 2]', '[1, 2]'],
    ['[]', '[]'],
    ['30s', '30s=30000ms'],
    ['15m', '15m=900000ms'],
    ['2h', '2h=7200000ms'],
    ['7d', '7d=604800000ms'],
    ['timestamp("2026-11-11T00:00:00+08:00")', `ts(${Date.parse('2026-11-10T16:00:00Z')})`],
    ['-3', '-3'],
  ])('%s', (text, expected) => {
    expect(ok(text)).toBe(expected);
  });

  it('keeps the exact digits of numbers and marks integers', () => {
    const e = parseExpression('12.500').expr!;
    expect(e).toMatchObject({ kind: 'number', text: '12.500', isInteger: false });
    expect(parseExpression('7').expr).toMatchObject({ kind: 'number', text: '7', isInteger: true });
  });

  it('spans cover the source, mapped through locate', () => {
    const e = parseExpression('a + bb', (o) => o + 100).expr!;
    expect(e.span).toEqual({ start: 100, end: 106 });
    expect(e.kind === 'binary' && e.opSpan).toEqual({ start: 102, end: 103 });
    expect(e.kind === 'binary' && e.right.span).toEqual({ start: 104, end: 106 });
  });
});

describe('errors carry a code and the offending position', () => {
  it.each([
    ['a +', 'E1102', 3, 3],
    ['(a', 'E1102', 2, 2],
    ['a b', 'E1102', 2, 3],
    ['a < b < c', 'E1104', 6, 7],
    ['"abc', 'E1108', 0, 4],
    [String.raw`"a\qb"`, 'E1103', 2, 4],
    ['1 $ 2', 'E1101', 2, 3],
    ['😀 == 1', 'E1101', 0, 2],
    ['', 'E1109', 0, 0],
    ['   ', 'E1109', 0, 3],
    ['timestamp(x)', 'E1106', 0, 12],
    ['timestamp("2026-13-01T00:00:00Z")', 'E1107', 10, 32],
    ['timestamp("2026-11-11T00:00:00")', 'E1107', 10, 31],
    ['99999999999999999999', 'E1110', 0, 20],
    ['xs.filter(1, 2)', 'E1105', 3, 9],
    ['xs.map(x)', 'E1105', 3, 6],
    ['if a then b', 'E1102', 11, 11],
  ])('%s -> %s', (text, code, start, end) => {
    const r = parseExpression(text);
    expect(r.expr).toBeUndefined();
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ code, severity: 'error', span: { start, end } });
  });

  it('never throws and keeps spans inside the text, for any string', () => {
    fc.assert(fc.property(fc.string({ maxLength: 40 }), (s) => {
      const r = parseExpression(s);
      expect(r.expr !== undefined || r.diagnostics.length > 0).toBe(true);
      for (const d of r.diagnostics) {
        expect(d.span.start).toBeGreaterThanOrEqual(0);
        expect(d.span.end).toBeLessThanOrEqual(s.length);
        expect(d.span.start).toBeLessThanOrEqual(d.span.end);
      }
    }), { numRuns: 400 });
  });

  it('never throws on token soup', () => {
    const tok = fc.constantFrom('a', '1', '2.5', '15%', '30s', '"s"', '(', ')', '[', ']', ',', '.', '+', '-', '*', '/', 'mod', '==', '<', 'in', 'not', 'and', 'or', '??', '?', ':', 'if', 'then', 'else', 'x.filter(', 'round(');
    fc.assert(fc.property(fc.array(tok, { maxLength: 12 }), (toks) => {
      const text = toks.join(' ');
      const r = parseExpression(text);
      expect(r.expr !== undefined || r.diagnostics.length > 0).toBe(true);
    }), { numRuns: 400 });
  });
});

describe('types, orderBy keys and from clauses', () => {
  it('parses the type syntax', () => {
    const r = parseType('{ a: list<Item>?, b?: enum(x, y), c: decimal }');
    expect(r.diagnostics).toEqual([]);
    expect(r.type).toMatchObject({
      kind: 'object',
      fields: [
        { name: 'a', optional: false, type: { kind: 'optional', inner: { kind: 'list', element: { kind: 'name', name: 'Item' } } } },
        { name: 'b', optional: true, type: { kind: 'enum', values: ['x', 'y'] } },
        { name: 'c', type: { kind: 'prim', name: 'decimal' } },
      ],
    });
    expect(parseType('enum(in-stock, "sold out")').type).toMatchObject({ kind: 'enum', values: ['in-stock', 'sold out'] });
  });

  it.each([['list<'], ['list<int'], ['{ a int }'], ['enum(a, a)'], ['int int'], ['']])('rejects %j with E1111', (text) => {
    const r = parseType(text);
    expect(r.type).toBeUndefined();
    expect(r.diagnostics[0].code).toBe('E1111');
  });

  it('reads orderBy directions', () => {
    expect(parseOrderKey('p.sales desc')).toMatchObject({ direction: 'desc', expr: { kind: 'member', name: 'sales' } });
    expect(parseOrderKey('p.price asc').direction).toBe('asc');
    expect(parseOrderKey('p.price').direction).toBe('asc');
  });

  it('reads `from <list> as <var>`', () => {
    const r = parseFromClause('products as p');
    expect(r).toMatchObject({ variable: 'p', variableSpan: { start: 12, end: 13 }, expr: { kind: 'ident', name: 'products' } });
    expect(parseFromClause('products').diagnostics[0].code).toBe('E4006');
  });
});

describe('depth limit', () => {
  const chain = (n: number, op = '+') => Array.from({ length: n }, () => '1').join(` ${op} `);
  it('a left-associative chain deeper than 256 is E1102 over the whole expression, not a silent pass', () => {
    const r = parseExpression(chain(2000));
    expect(r.expr).toBeUndefined();
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ code: 'E1102', span: { start: 0, end: chain(2000).length } });
    expect(r.diagnostics[0]!.message).toContain('nested more than 256 levels');
    expect(parseExpression(chain(300, 'and').replace(/1/g, 'true')).diagnostics[0]?.code).toBe('E1102');
  });
  it('a chain of 200 terms parses', () => {
    const r = parseExpression(chain(200));
    expect(r.diagnostics).toEqual([]);
    expect(r.expr?.kind).toBe('binary');
  });
});

describe('characters outside the BMP', () => {
  it('an emoji is reported whole, never as half a surrogate pair', () => {
    const r = parseExpression('1 + 😀');
    expect(r.diagnostics[0]!.message).toContain('😀');
    expect(r.diagnostics[0]!.message).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});
