// The front end's text diagnostics, always ending with a line break so that what the CLI prints
// next (another file's diagnostics, a summary) starts on its own line.
import { formatDiagnosticsText } from '../dsl/index.ts';
import type { Diagnostic } from '../dsl/diagnostics/diagnostic.ts';

/** `formatDiagnosticsText` with a final newline; empty for no diagnostics. */
export function diagnosticsText(diagnostics: Diagnostic[], source: string): string {
  if (diagnostics.length === 0) return '';
  const text = formatDiagnosticsText(diagnostics, source);
  return text.endsWith('\n') ? text : text + '\n';
}
