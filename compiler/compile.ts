// One checked document -> one CompiledUnit (the seven files of SPEC section 8), and the fast
// JavaScript-only path used by `rulemart test`/`run` and previews (no ts-morph).
import type { CheckedDocument } from '../dsl/model.ts';
import { emitDeclarations, emitJavaScript } from './emit/javascript.ts';
import { emitPlan } from './emit/plan.ts';
import { emitTypeDeclarations } from './emit/ts-types.ts';
import { emitTypeScript } from './emit/typescript.ts';
import { buildManifest, manifestText } from './manifest.ts';
import { buildSchemas, schemaText } from './schemas/index.ts';
import type { CompiledUnit } from './unit.ts';

/** `<prefix>.<name>.v<MAJOR>`: the SKU id with `:` replaced by `.` (SPEC section 8). */
export function unitFolder(sku: string): string {
  return sku.replace(/:/g, '.');
}

/** executor.js of a document, without ts-morph (the runtime is transpiled once per process). */
export function compileDocumentToJs(doc: CheckedDocument): string {
  return emitJavaScript(buildManifest(doc), emitPlan(doc));
}

/** Every file of one compiled document. Throws CompileError on a document the back end cannot translate. */
export async function compileDocument(doc: CheckedDocument): Promise<CompiledUnit> {
  const manifest = buildManifest(doc);
  const plan = emitPlan(doc);
  const tsPlan = emitPlan(doc, 'ts');
  const schemas = buildSchemas(doc);
  const declarations = await emitTypeDeclarations(schemas);
  return {
    sku: doc.sku,
    folder: unitFolder(doc.sku),
    manifest,
    document: doc,
    files: {
      'executor.ts': emitTypeScript(manifest, declarations, tsPlan),
      'executor.js': emitJavaScript(manifest, plan),
      'executor.d.ts': emitDeclarations(manifest, declarations),
      'input.schema.json': schemaText(schemas.input),
      'params.schema.json': schemaText(schemas.params),
      'output.schema.json': schemaText(schemas.output),
      'manifest.json': manifestText(manifest),
    },
  };
}
