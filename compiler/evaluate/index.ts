// The reference evaluator's facade: an interpreted Plan for a checked document.
export { evaluatePlan } from './plan.ts';
export { evalExpr, evalTemplate } from './expression.ts';
