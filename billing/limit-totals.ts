// The declared totals of a promotion's `spec.limits` (redemptions, perCustomer, budget), evaluated
// from the checked document with the caller's params. Limits are commitments (stock, money), so
// only constant expressions over literals and params are accepted: anything that depends on the
// cart would let each shopper see a different stock.
import { literalText } from '../compiler/type-helpers.ts';
import type { Expr } from '../dsl/ast.ts';
import type { CheckedDocument } from '../dsl/model.ts';
import type { LimitTotals } from './stores.ts';
import { Decimal, canonical, isDecimalText } from './decimal.ts';

/** Thrown when a limit is not a constant of literals and params. */
export class UnsupportedLimitError extends Error {
  constructor(what: string) {
    super(`spec.limits.${what} must be a constant of literals and params`);
    this.name = 'UnsupportedLimitError';
  }
}

type Defaults = Map<string, Expr>;

function evalConst(e: Expr, params: Record<string, unknown>, defaults: Defaults, what: string, depth = 0): Decimal {
  if (depth > 64) throw new UnsupportedLimitError(what);
  switch (e.kind) {
    case 'number': {
      const text = literalText(e.text); // signed: the parser folds a leading minus into the literal
      if (text === null) throw new UnsupportedLimitError(what);
      return new Decimal(text);
    }
    case 'unary':
      if (e.op === '-') return evalConst(e.operand, params, defaults, what, depth + 1).neg();
      break;
    case 'binary': {
      if (e.op === '+' || e.op === '-' || e.op === '*') {
        const l = evalConst(e.left, params, defaults, what, depth + 1);
        const r = evalConst(e.right, params, defaults, what, depth + 1);
        return e.op === '+' ? l.plus(r) : e.op === '-' ? l.minus(r) : l.mul(r);
      }
      break;
    }
    case 'ident': {
      if (e.ref !== 'param') break;
      const given = params[e.name];
      if (typeof given === 'number' && Number.isFinite(given)) return new Decimal(String(given));
      if (isDecimalText(given)) return new Decimal(given);
      const d = defaults.get(e.name);
      if (d) return evalConst(d, params, defaults, what, depth + 1);
      break;
    }
  }
  throw new UnsupportedLimitError(what);
}

/**
 * The totals of a Promotion document's `spec.limits` under the given params (call params over the
 * subscription's); all null when the document declares none.
 * @throws UnsupportedLimitError when a limit is not a constant.
 */
export function declaredTotals(doc: CheckedDocument, params: Record<string, unknown> = {}): LimitTotals {
  const none: LimitTotals = { redemptions: null, perCustomer: null, budget: null };
  if (doc.spec.kind !== 'Promotion' || !doc.spec.limits) return none;
  const l = doc.spec.limits;
  const defaults: Defaults = new Map(doc.params.map((p) => [p.name, p.default]));
  const count = (e: Expr | undefined, what: string): number | null => {
    if (!e) return null;
    const v = evalConst(e, params, defaults, what);
    if (!v.isInteger() || v.lt(0) || v.gt(Number.MAX_SAFE_INTEGER)) throw new UnsupportedLimitError(what);
    return v.toNumber();
  };
  const budget = l.budget ? evalConst(l.budget, params, defaults, 'budget') : null;
  if (budget && budget.lt(0)) throw new UnsupportedLimitError('budget');
  return {
    redemptions: count(l.redemptions, 'redemptions'),
    perCustomer: count(l.perCustomer, 'perCustomer'),
    // A budget is money and granted discounts are whole cents: a declared 25.005 is a cap of 25.00
    // (down, never granting more than declared), the same figure in every store and on GET .../limits.
    budget: budget ? canonical(budget.toDecimalPlaces(2, Decimal.ROUND_DOWN)) : null,
  };
}
