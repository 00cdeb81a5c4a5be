// The runtime's view of the rule language: compile, check, load executors and combine promotions.
// Loaded lazily, once, so that starting the server and the routes that never compile stay fast.
import type { Diagnostic } from '../dsl/diagnostics/diagnostic.ts';
import type { CompiledUnit } from '../compiler/unit.ts';
import type { Executor } from '../compiler/runtime/plan.ts';

/** What the runtime uses of dsl/ and compiler/. */
export interface CompilerApi {
  compileSource(text: string, file: string): Promise<{ diagnostics: Diagnostic[]; units: CompiledUnit[] }>;
  /** Checks the whole file, compiles only the document named `name` (default the first). */
  compileOne(text: string, file: string, name?: string): Promise<{ diagnostics: Diagnostic[]; unit?: CompiledUnit; documents: number }>;
  checkSource(text: string, file: string): { diagnostics: Diagnostic[] };
  loadExecutor(js: string): Executor<any, any, any>;
  combine(executors: Executor<any, any, any>[], input: unknown, options: { strategy?: 'priority' | 'best'; now?: string | Date; params?: Record<string, Record<string, unknown>> }): unknown;
}

let loaded: Promise<CompilerApi> | null = null;

/** The compiler modules, imported on first use. */
export function loadCompiler(): Promise<CompilerApi> {
  loaded ??= (async () => {
    const [compiler, combine, dsl] = await Promise.all([
      import('../compiler/index.ts'),
      import('../compiler/combine.ts'),
      import('../dsl/index.ts'),
    ]);
    return {
      compileSource: compiler.compileSource,
      compileOne: compiler.compileOne,
      loadExecutor: compiler.loadExecutor,
      combine: (executors, input, options) => combine.combine(executors as Parameters<typeof combine.combine>[0], input, options),
      checkSource: dsl.checkSource,
    };
  })();
  return loaded;
}
