// The DSL front end's public face: read a rule file and get its diagnostics and checked
// documents. Light to load (no compiler, no ts-morph); never throws.
import type { Diagnostic, RawDiagnostic } from './diagnostics/diagnostic.ts';
import { report } from './diagnostics/codes.ts';
import { locateDiagnostics } from './diagnostics/format.ts';
import { checkDocument } from './checker/check-document.ts';
import { readYaml } from './frame/read-yaml.ts';
import type { CheckedDocument } from './model.ts';

export type { Diagnostic, RawDiagnostic, Severity } from './diagnostics/diagnostic.ts';
export type { CheckedDocument } from './model.ts';
export { formatDiagnosticsText, locateDiagnostics } from './diagnostics/format.ts';
export { CATALOG } from './diagnostics/codes.ts';
export { frameSchema } from './frame/validate.ts';

/**
 * Parse, validate and type-check a rule file (SPEC sections 1-7, 9).
 * `documents` holds every document without errors (warnings allowed), in file order;
 * `diagnostics` (errors and warnings of all documents) is sorted by position.
 * @example const { diagnostics, documents } = checkSource(text, 'rules/promo.yaml');
 */
export function checkSource(text: string, file: string): { diagnostics: Diagnostic[]; documents: CheckedDocument[] } {
  const raw: RawDiagnostic[] = [];
  const documents: CheckedDocument[] = [];
  const source = typeof text === 'string' ? text : String(text);
  try {
    for (const y of readYaml(source)) {
      const r = checkDocument(y, source, file);
      raw.push(...r.diagnostics);
      if (r.document) documents.push(r.document);
    }
  } catch (e) {
    raw.push(report('E1008', { start: 0, end: 0 }, 'file', `internal error: ${String(e)}`));
  }
  return { diagnostics: locateDiagnostics(raw, file, source), documents };
}

/** Whether any diagnostic is an error (the CLI's exit status). */
export function hasErrors(diagnostics: Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
