// executor.ts: the header, the Input/Params/Output interfaces (built with ts-morph), the inlined
// runtime library, the plan, and `export const executor: Executor<Input, Output, Params>`.
import type { Manifest } from '../unit.ts';
import { PLAN_BEGIN, RUNTIME_BEGIN, generatedHeader } from './header.ts';
import type { EmittedPlan } from './plan.ts';
import { runtimeTs } from './runtime-source.ts';

/** The text of executor.ts; `typeDeclarations` comes from `emitTypeDeclarations`. */
export function emitTypeScript(manifest: Manifest, typeDeclarations: string, plan: EmittedPlan): string {
  return [
    generatedHeader(manifest, 'executor'),
    typeDeclarations.trimEnd(),
    '',
    RUNTIME_BEGIN,
    runtimeTs().trimEnd(),
    '',
    PLAN_BEGIN,
    ...plan.constants,
    `const plan: ${plan.planType} = ${plan.literal};`,
    '',
    'export const executor: Executor<Input, Output, Params> = rtMakeExecutor(plan);',
    'export default executor;',
    '',
  ].join('\n');
}
