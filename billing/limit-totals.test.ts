// Declared limit totals: literals and params (given or default) are read exactly; anything that
// depends on the input is refused.
import { describe, expect, it } from 'vitest';
import { declaredTotals, UnsupportedLimitError } from './limit-totals.ts';
import type { Expr } from '../dsl/ast.ts';
import type { CheckedDocument } from '../dsl/model.ts';

const span = { start: 0, end: 0 };
const num = (text: string): Expr => ({ kind: 'number', text, isInteger: !text.includes('.'), span });
const param = (name: string): Expr => ({ kind: 'ident', name, ref: 'param', span });
const input = (name: string): Expr => ({ kind: 'ident', name, ref: 'input', span });

function doc(limits: Record<string, Expr> | undefined, params: { name: string; default: Expr }[] = []): CheckedDocument {
  return {
    kind: 'Promotion',
    params: params.map((p) => ({ ...p, type: { kind: 'int' }, span })),
    spec: { kind: 'Promotion', limits },
  } as unknown as CheckedDocument;
}

describe('declaredTotals', () => {
  it('reads literals exactly and null for what is not declared', () => {
    expect(declaredTotals(doc({ redemptions: num('500'), budget: num('100000.50') }))).toEqual({ redemptions: 500, perCustomer: null, budget: '100000.5' });
    expect(declaredTotals(doc(undefined))).toEqual({ redemptions: null, perCustomer: null, budget: null });
    // Sub-cent budgets are capped down to whole cents (never more than declared).
    expect(declaredTotals(doc({ budget: num('25.005') })).budget).toBe('25');
    expect(declaredTotals(doc({ budget: num('0.999') })).budget).toBe('0.99');
  });

  it('reads params from the call, else their defaults, with arithmetic', () => {
    const d = doc(
      { redemptions: param('stock'), perCustomer: { kind: 'binary', op: '+', left: param('each'), right: num('1'), opSpan: span, span } as Expr, budget: param('money') },
      [{ name: 'stock', default: num('20') }, { name: 'each', default: num('1') }, { name: 'money', default: { kind: 'binary', op: '*', left: param('stock'), right: num('2.5'), opSpan: span, span } as Expr }],
    );
    expect(declaredTotals(d)).toEqual({ redemptions: 20, perCustomer: 2, budget: '50' });
    expect(declaredTotals(d, { stock: 7, money: '0.10' })).toEqual({ redemptions: 7, perCustomer: 2, budget: '0.1' });
  });

  it('refuses limits that depend on the input, are not whole or are negative', () => {
    expect(() => declaredTotals(doc({ redemptions: input('cart') }))).toThrow(UnsupportedLimitError);
    expect(() => declaredTotals(doc({ redemptions: num('1.5') }))).toThrow(/redemptions/);
    expect(() => declaredTotals(doc({ budget: { kind: 'unary', op: '-', operand: num('5'), opSpan: span, span } as Expr }))).toThrow(/budget/);
  });
});
