// The shape of every problem reported about a rule file, as the CLI and the API print it.
import type { Span } from '../ast.ts';

export type Severity = 'error' | 'warning';

/**
 * A problem found in a rule file, located in the file's own text.
 * Line and column are 1-based; the end is exclusive (SPEC section 9, `--format json`).
 */
export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  /** A stable code from the catalog in dsl/diagnostics/codes.ts, e.g. `E2003`. */
  code: string;
  message: string;
}

/** A diagnostic before it is placed on lines and columns: offsets into the file text. */
export interface RawDiagnostic {
  span: Span;
  severity: Severity;
  code: string;
  message: string;
}
