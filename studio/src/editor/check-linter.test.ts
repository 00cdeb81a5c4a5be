// Tests of placing server diagnostics (1-based, end exclusive) on editor offsets.
import { Text } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { offsetOf, toEditorDiagnostic } from './check-linter.ts';

const doc = Text.of(['kind: Promotion', '  when: subtotal >= "200"', '']);

describe('toEditorDiagnostic', () => {
  it('covers exactly the reported span', () => {
    const d = toEditorDiagnostic(doc, { line: 2, column: 21, endLine: 2, endColumn: 26, severity: 'error', code: 'E2003', message: 'cannot compare money with string' });
    expect(doc.sliceString(d.from, d.to)).toBe('"200"');
    expect(d.source).toBe('E2003');
    expect(d.severity).toBe('error');
  });

  it('widens an empty span to one character and clamps spans outside the text', () => {
    const empty = toEditorDiagnostic(doc, { line: 1, column: 1, endLine: 1, endColumn: 1, severity: 'warning', code: 'W1', message: 'x' });
    expect(empty.to - empty.from).toBe(1);
    const outside = toEditorDiagnostic(doc, { line: 99, column: 5, endLine: 120, endColumn: 1, severity: 'error', code: 'E1', message: 'x' });
    expect(outside.from).toBeLessThanOrEqual(doc.length);
    expect(outside.to).toBeLessThanOrEqual(doc.length);
    expect(offsetOf(doc, 2, 500)).toBe(doc.line(2).to);
    expect(offsetOf(doc, Number.NaN, 1)).toBe(0);
  });
});
