// Places raw diagnostics (file offsets) on 1-based lines and columns, and renders the text
// form of SPEC section 9: `file:line:col: error E2003: message`, the source line, and a caret
// line under the span.
import type { Diagnostic, RawDiagnostic } from './diagnostic.ts';

/** Offsets where each line of `text` starts. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function position(starts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo] + 1 };
}

/** Converts raw diagnostics of one file to located ones, clamped into the text, sorted by position. */
export function locateDiagnostics(raw: RawDiagnostic[], file: string, text: string): Diagnostic[] {
  const starts = lineStarts(text);
  const clamp = (o: number) => Math.max(0, Math.min(Number.isFinite(o) ? o : 0, text.length));
  return raw
    .map((d) => {
      const s = clamp(d.span.start);
      const e = Math.max(s, clamp(d.span.end));
      const a = position(starts, s);
      const b = position(starts, e);
      return { d, s, out: { file, line: a.line, column: a.column, endLine: b.line, endColumn: b.column, severity: d.severity, code: d.code, message: d.message } };
    })
    .sort((x, y) => x.s - y.s || (x.d.code < y.d.code ? -1 : x.d.code > y.d.code ? 1 : 0))
    .map((x) => x.out);
}

/**
 * The text form of diagnostics of one file: per diagnostic, the header line, the source line
 * and a caret line (`^^^^` under the span; one `^` for an empty span).
 */
export function formatDiagnosticsText(diagnostics: Diagnostic[], sourceText: string): string {
  const lines = sourceText.split('\n');
  const out: string[] = [];
  for (const d of diagnostics) {
    out.push(`${d.file}:${d.line}:${d.column}: ${d.severity} ${d.code}: ${d.message}`);
    const src = (lines[d.line - 1] ?? '').replace(/\r$/, '');
    out.push(src);
    const lead = src.slice(0, d.column - 1).replace(/[^\t]/g, ' ');
    const end = d.endLine === d.line ? d.endColumn : src.length + 1;
    out.push(lead + '^'.repeat(Math.max(1, end - d.column)));
  }
  return out.join('\n');
}
