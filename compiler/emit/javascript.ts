// executor.js (a self-contained ES module that imports nothing) and executor.d.ts. The runtime is
// transpiled once per process; the document's own part (constants and plan) is emitted as
// JavaScript directly, so no per-document transpile and no ts-morph is needed for executor.js.
import type { Manifest } from '../unit.ts';
import { JS_TAIL, PLAN_BEGIN, RUNTIME_BEGIN, generatedHeader } from './header.ts';
import type { EmittedPlan } from './plan.ts';
import { runtimeJs } from './runtime-source.ts';

/** The text of executor.js. */
export function emitJavaScript(manifest: Manifest, plan: EmittedPlan): string {
  return [
    generatedHeader(manifest, 'executor, a self-contained ES module'),
    RUNTIME_BEGIN,
    runtimeJs().trimEnd(),
    '',
    PLAN_BEGIN,
    ...plan.constants,
    `const plan = ${plan.literal};`,
    '',
    JS_TAIL,
  ].join('\n');
}

/** The Executor contract of SPEC section 8, as declarations for executor.d.ts. */
export const EXECUTOR_DECLARATIONS = `/** Options of \`execute\`. */
export interface ExecuteOptions<P> {
  params?: Partial<P>;
  now?: string | Date;
  trace?: boolean;
  /** The call's work budget (list elements and characters walked), at most the default 10,000,000; a host running many calls for one request (a batch, combine) gives each a share. */
  workLimit?: number;
}
/** The result of \`validate\`. */
export type ValidationResult<I> =
  | { ok: true; value: I }
  | { ok: false; errors: { path: string; message: string }[] };
/** A compiled rule document (SPEC section 8). */
export interface Executor<I, O, P> {
  readonly sku: string;
  readonly kind: 'Promotion' | 'Selection' | 'PricingTier';
  readonly name: string;
  readonly version: string;
  validate(input: unknown): ValidationResult<I>;
  execute(input: I, options?: ExecuteOptions<P>): O;
}
`;

/** The text of executor.d.ts: the interfaces and the declared executor. */
export function emitDeclarations(manifest: Manifest, typeDeclarations: string): string {
  return [
    generatedHeader(manifest, 'type declarations of executor.js'),
    typeDeclarations.trimEnd(),
    '',
    EXECUTOR_DECLARATIONS,
    'export declare const executor: Executor<Input, Output, Params>;',
    'export default executor;',
    '',
  ].join('\n');
}
