// Diagnostics as you type: the server's `POST /v1/check` turned into CodeMirror squiggles at the
// exact span, with the code and message on hover.
import type { Diagnostic as CmDiagnostic } from '@codemirror/lint';
import type { Text } from '@codemirror/state';
import type { ServerDiagnostic } from '../api-client.ts';

/** Offset of a 1-based line and column, clamped into the text (columns count UTF-16 units). */
export function offsetOf(doc: Text, line: number, column: number): number {
  if (!Number.isFinite(line) || line < 1) return 0;
  if (line > doc.lines) return doc.length;
  const l = doc.line(line);
  return Math.min(l.to, l.from + Math.max(0, (Number.isFinite(column) ? column : 1) - 1));
}

/** A server diagnostic as a CodeMirror one; an empty span is widened to one character so it shows. */
export function toEditorDiagnostic(doc: Text, d: ServerDiagnostic): CmDiagnostic {
  const from = offsetOf(doc, d.line, d.column);
  let to = offsetOf(doc, d.endLine ?? d.line, d.endColumn ?? d.column);
  if (to < from) to = from;
  if (to === from) to = Math.min(doc.length, from + 1);
  return {
    from,
    to,
    severity: d.severity === 'warning' ? 'warning' : 'error',
    source: d.code,
    message: d.message,
  };
}
