// What the compiler hands to its users (CLI, catalog, runtime, studio): one compiled document.
import type { CheckedDocument, DocumentKind } from '../dsl/model.ts';

/** `manifest.json` of a compiled executor (SPEC section 8). */
export interface Manifest {
  sku: string;
  kind: DocumentKind;
  name: string;
  version: string;
  title: string | null;
  billing: {
    tier: 'basic' | 'premium' | 'enterprise';
    rateLimit: string | null;
    quotaScope: 'tenant' | 'api-key';
    plan: string | null;
  };
  /** sha256 (hex) of the document's source text. */
  sourceHash: string;
  compilerVersion: string;
}

/** The files of one compiled executor folder, by file name. */
export interface UnitFiles {
  'executor.ts': string;
  'executor.js': string;
  'executor.d.ts': string;
  'input.schema.json': string;
  'params.schema.json': string;
  'output.schema.json': string;
  'manifest.json': string;
}

/** One compiled document. `folder` is `<prefix>.<name>.v<MAJOR>` (SPEC section 8). */
export interface CompiledUnit {
  sku: string;
  folder: string;
  manifest: Manifest;
  files: UnitFiles;
  document: CheckedDocument;
}
