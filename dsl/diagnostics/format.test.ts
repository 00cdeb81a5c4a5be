// Placing diagnostics on lines and columns, and their text form.
import { describe, expect, it } from 'vitest';
import { formatDiagnosticsText, lineStarts, locateDiagnostics } from './format.ts';
import { report } from './codes.ts';

describe('locateDiagnostics', () => {
  const text = 'ab\ncde\n\nf';
  it('gives 1-based lines and columns with an exclusive end', () => {
    expect(lineStarts(text)).toEqual([0, 3, 7, 8]);
    const [d] = locateDiagnostics([report('E3001', { start: 4, end: 6 }, 'de')], 'f.yaml', text);
    expect(d).toEqual({ file: 'f.yaml', line: 2, column: 2, endLine: 2, endColumn: 4, severity: 'error', code: 'E3001', message: 'unknown name `de`' });
  });

  it('spans lines, clamps out-of-range offsets and sorts by position', () => {
    const out = locateDiagnostics([
      report('E3001', { start: 9, end: 99 }, 'z'),
      report('E1109', { start: 1, end: 5 }),
      report('E1109', { start: -4, end: 0 }),
    ], 'f', text);
    expect(out.map((d) => [d.line, d.column, d.endLine, d.endColumn])).toEqual([[1, 1, 1, 1], [1, 2, 2, 3], [4, 2, 4, 2]]);
  });
});

describe('formatDiagnosticsText', () => {
  it('puts carets under a span that runs past its line up to the end of the line', () => {
    const text = 'when: a >\n  b';
    const ds = locateDiagnostics([report('E2003', { start: 6, end: 13 }, 'int', 'string')], 'r.yaml', text);
    expect(formatDiagnosticsText(ds, text)).toBe('r.yaml:1:7: error E2003: cannot compare int with string\nwhen: a >\n      ^^^');
  });

  it('prints nothing for no diagnostics', () => {
    expect(formatDiagnosticsText([], 'x')).toBe('');
  });
});
