// The compiler's facade: compile rule source to executor files, load an executor.js, and build
// executors straight from checked documents. The CLI, catalog, runtime and studio use only these.
import { checkSource } from '../dsl/index.ts';
import type { Diagnostic } from '../dsl/diagnostics/diagnostic.ts';
import type { CheckedDocument } from '../dsl/model.ts';
import { compileDocument, compileDocumentToJs } from './compile.ts';
import { internalErrorDiagnostic } from './internal-error.ts';
import { loadExecutor } from './load.ts';
import type { Executor } from './runtime/plan.ts';
import type { CompiledUnit } from './unit.ts';

export { loadExecutor } from './load.ts';
export { compileDocument, compileDocumentToJs, unitFolder } from './compile.ts';
export { evaluatePlan } from './evaluate/index.ts';
export { combine } from './combine.ts';
export type { CombineOptions, CombineOutput, PromotionExecutor } from './combine.ts';
export type { CompiledUnit, Manifest, UnitFiles } from './unit.ts';

/**
 * Checks and compiles every document of a rule file. `units` holds one CompiledUnit per document
 * without errors, in file order; the same text always gives byte-identical files. Never throws for
 * any input text: a document the back end cannot translate gives an `E9001` diagnostic instead.
 */
export async function compileSource(text: string, file: string): Promise<{ diagnostics: Diagnostic[]; units: CompiledUnit[] }> {
  const checked = checkSource(text, file);
  const diagnostics = [...checked.diagnostics];
  const units: CompiledUnit[] = [];
  for (const doc of checked.documents) {
    try {
      units.push(await compileDocument(doc));
    } catch (error) {
      diagnostics.push(internalErrorDiagnostic(doc, text, error));
    }
  }
  return { diagnostics, units };
}

/**
 * Checks a rule file and compiles ONE of its documents: the one whose `metadata.name` is `name`
 * (the first when `name` is undefined). A preview runs one document; compiling all of a big file
 * per request would hold the server for seconds. `unit` is undefined when there are errors or no
 * such document (`found` says which).
 * @example const { diagnostics, unit } = await compileOne(text, 'preview.yaml', 'full-reduction');
 */
export async function compileOne(text: string, file: string, name?: string): Promise<{ diagnostics: Diagnostic[]; unit?: CompiledUnit; documents: number }> {
  const checked = checkSource(text, file);
  const diagnostics = [...checked.diagnostics];
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics, documents: checked.documents.length };
  const doc = name === undefined ? checked.documents[0] : checked.documents.find((d) => d.metadata.name === name);
  if (!doc) return { diagnostics, documents: checked.documents.length };
  try {
    return { diagnostics, unit: await compileDocument(doc), documents: checked.documents.length };
  } catch (error) {
    diagnostics.push(internalErrorDiagnostic(doc, text, error));
    return { diagnostics, documents: checked.documents.length };
  }
}

/**
 * Checks a rule file and returns each error-free document with its executor built through the
 * fast path (no ts-morph), or the diagnostics. Used by `rulemart test`/`run` and previews.
 */
export function buildSource(text: string, file: string): { diagnostics: Diagnostic[]; built: { document: CheckedDocument; executor: Executor<any, any, any> }[] } {
  const checked = checkSource(text, file);
  const diagnostics = [...checked.diagnostics];
  const built: { document: CheckedDocument; executor: Executor<any, any, any> }[] = [];
  for (const doc of checked.documents) {
    try {
      built.push({ document: doc, executor: buildExecutor(doc) });
    } catch (error) {
      diagnostics.push(internalErrorDiagnostic(doc, text, error));
    }
  }
  return { diagnostics, built };
}

/** The executor of one checked document: its executor.js (fast path), loaded in this process. */
export function buildExecutor(doc: CheckedDocument): Executor<any, any, any> {
  return loadExecutor(compileDocumentToJs(doc));
}
