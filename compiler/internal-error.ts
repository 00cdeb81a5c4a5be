// A diagnostic for a document the back end could not translate (a front-end/back-end mismatch):
// reported like any other problem, at the offending span, instead of crashing the caller.
import type { CheckedDocument } from '../dsl/model.ts';
import type { Diagnostic } from '../dsl/diagnostics/diagnostic.ts';

/** The code of an internal compiler error (outside the front end's E1xxx-E4xxx ranges). */
export const INTERNAL_ERROR_CODE = 'E9001';

function position(text: string, offset: number): { line: number; column: number } {
  const o = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let start = 0;
  for (let i = 0; i < o; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: o - start + 1 };
}

/** A diagnostic for `error` thrown while compiling `doc` of file text `text`. */
export function internalErrorDiagnostic(doc: CheckedDocument, text: string, error: unknown): Diagnostic {
  const span = (error as { span?: { start: number; end: number } })?.span ?? doc.span;
  const a = position(text, span.start);
  const b = position(text, span.end);
  const message = error instanceof Error ? error.message : String(error);
  return {
    file: doc.file,
    line: a.line,
    column: a.column,
    endLine: b.line,
    endColumn: b.column,
    severity: 'error',
    code: INTERNAL_ERROR_CODE,
    message: `internal compiler error: ${message}`,
  };
}
