// The runtime's view of the rule language: compile, check, load executors and combine promotions.
// Loaded lazily, once, so that starting the server and the routes that never compile stay fast.
import type { Diagnostic } from '../dsl/diagnostics/diagnostic.ts';
import type { CompiledUnit } from '../compiler/unit.ts';
import type { Executor } from '../compiler/runtime/plan.ts';
import { WorkerStartError, type CompileWorker } from './compile-worker/pool.ts';

/** What the runtime uses of dsl/ and compiler/. */
export interface CompilerApi {
  compileSource(text: string, file: string): Promise<{ diagnostics: Diagnostic[]; units: CompiledUnit[] }>;
  /** Checks the whole file, compiles only the document named `name` (default the first). */
  compileOne(text: string, file: string, name?: string): Promise<{ diagnostics: Diagnostic[]; unit?: CompiledUnit; documents: number }>;
  checkSource(text: string, file: string): Promise<{ diagnostics: Diagnostic[] }>;
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
      checkSource: async (text, file) => ({ diagnostics: dsl.checkSource(text, file).diagnostics }),
    };
  })();
  return loaded;
}

/**
 * The compiler for a server: checking and compiling run on a worker thread (runtime/compile-worker/),
 * so a big publish, check or preview does not stall other requests; loading executors and combining
 * promotions stay on the calling thread (they are the hot path and need no compiler). When the worker
 * cannot start, the in-process compiler is used and `onFallback` is told why.
 */
export function offThreadCompiler(pool: CompileWorker, onFallback: (error: unknown) => void = () => undefined): () => Promise<CompilerApi> {
  let api: Promise<CompilerApi> | null = null;
  return () => (api ??= (async () => {
    const local = await loadCompiler();
    let fallback = false;
    const via = async <T>(job: Parameters<CompileWorker['run']>[0], inProcess: () => Promise<T>): Promise<T> => {
      if (fallback) return inProcess();
      try {
        return await pool.run<T>(job);
      } catch (e) {
        if (!(e instanceof WorkerStartError)) throw e;
        fallback = true;
        onFallback(e.cause);
        return inProcess();
      }
    };
    return {
      ...local,
      compileSource: (text, file) => via({ op: 'compile', text, file }, () => local.compileSource(text, file)),
      compileOne: (text, file, name) => via({ op: 'compileOne', text, file, name }, () => local.compileOne(text, file, name)),
      checkSource: (text, file) => via({ op: 'check', text, file }, () => local.checkSource(text, file)),
    };
  })());
}
