// Test support: run typed expressions both ways — through the compiled executor.js (loaded with
// loadExecutor) and through the reference evaluator — and return what each produced.
import type { Expr } from '../../dsl/ast.ts';
import type { CheckedDocument } from '../../dsl/model.ts';
import { T } from '../../dsl/types/type.ts';
import type { Field } from '../../dsl/types/type.ts';
import { compileDocumentToJs } from '../compile.ts';
import { evaluatePlan } from '../evaluate/index.ts';
import { loadExecutor } from '../load.ts';
import { rtMakeExecutor } from '../runtime/executor.ts';
import type { Executor } from '../runtime/plan.ts';
import { E, cartInput, promotionDoc, rule } from './ast.ts';

const sp = { start: 0, end: 0 };

/** The outcome of one execution: the output JSON, or the error's code and message. */
export type Outcome = { ok: true; output: unknown } | { ok: false; code: string; message: string };

/** Executes and captures the output or the error. */
export function outcome(executor: Executor<any, any, any>, input: unknown, options: Record<string, unknown> = {}): Outcome {
  try {
    return { ok: true, output: executor.execute(input, options) };
  } catch (e) {
    const err = e as { code?: string; message?: string };
    return { ok: false, code: String(err.code ?? 'thrown'), message: String(err.message ?? e) };
  }
}

/** The compiled and the interpreted executor of one document. */
export function bothExecutors(doc: CheckedDocument): { compiled: Executor<any, any, any>; interpreted: Executor<any, any, any> } {
  return { compiled: loadExecutor(compileDocumentToJs(doc)), interpreted: rtMakeExecutor(evaluatePlan(doc)) };
}

/** A Promotion whose lets are `exprs` (named r0, r1, ...) over `input` fields, with one always-true rule. */
export function letsDoc(exprs: Expr[], input: Field[] = cartInput): CheckedDocument {
  return promotionDoc([rule('always', E.bool(true), { points: E.int(1) })], {
    input,
    lets: exprs.map((expr, i) => ({ name: `r${i}`, expr, span: sp })),
  });
}

/** The trace values of the lets r0, r1, ... (output form), or the error. */
export function letValues(executor: Executor<any, any, any>, input: unknown): { ok: true; values: unknown[] } | { ok: false; code: string; message: string } {
  const o = outcome(executor, input, { trace: true, now: '2026-11-11T00:30:00Z' });
  if (!o.ok) return o;
  const trace = (o.output as { trace: { kind: string; value: unknown }[] }).trace;
  return { ok: true, values: trace.filter((t) => t.kind === 'let').map((t) => t.value) };
}

/** Evaluates one expression (compiled) on the sample cart and returns its output-form value. */
export function evalCompiled(expr: Expr, input: unknown = sampleInput(), fields: Field[] = cartInput): unknown {
  const r = letValues(loadExecutor(compileDocumentToJs(letsDoc([expr], fields))), input);
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r.values[0];
}

/** Evaluates one expression with the reference evaluator. */
export function evalInterpreted(expr: Expr, input: unknown = sampleInput(), fields: Field[] = cartInput): unknown {
  const r = letValues(rtMakeExecutor(evaluatePlan(letsDoc([expr], fields))), input);
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r.values[0];
}

/** A cart: A 2 x 200, B 1 x 60 (SPEC section 4's example), user u-1 vip. */
export function sampleInput(): Record<string, unknown> {
  return {
    cart: {
      items: [
        { sku: 'A', category: 'shoes', price: 200, qty: 2 },
        { sku: 'B', category: 'bags', price: '60', qty: 1 },
      ],
      shipping: 12,
    },
    user: { id: 'u-1', level: 'vip' },
  };
}

export { T };
