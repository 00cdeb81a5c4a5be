// Properties of the facade: checkSource never throws, for any text, and every diagnostic it
// returns lies inside the file; plus the text form of SPEC section 9.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { checkSource, formatDiagnosticsText, type Diagnostic } from './index.ts';
import { PRICING, SELECTION, promotion } from './testing/fixtures.ts';

function assertInside(text: string, diagnostics: Diagnostic[]): void {
  const lines = text.split('\n');
  for (const d of diagnostics) {
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.line).toBeLessThanOrEqual(lines.length);
    expect(d.column).toBeGreaterThanOrEqual(1);
    expect(d.column).toBeLessThanOrEqual(lines[d.line - 1].length + 1);
    expect(d.endLine).toBeGreaterThanOrEqual(d.line);
    expect(d.endLine).toBeLessThanOrEqual(lines.length);
    expect(d.endColumn).toBeLessThanOrEqual(lines[d.endLine - 1].length + 1);
    if (d.endLine === d.line) expect(d.endColumn).toBeGreaterThanOrEqual(d.column);
    expect(d.code).toMatch(/^[EW]\d{4}$/);
    expect(d.message.length).toBeGreaterThan(0);
  }
  const sorted = [...diagnostics].sort((a, b) => a.line - b.line || a.column - b.column);
  expect(diagnostics.map((d) => [d.line, d.column])).toEqual(sorted.map((d) => [d.line, d.column]));
}

function run(text: string): void {
  const r = checkSource(text, 'fuzz.yaml');
  assertInside(text, r.diagnostics);
  if (r.diagnostics.some((d) => d.severity === 'error')) expect(r.documents.length).toBeLessThan(Math.max(1, text.split('---').length) + 1);
}

/** Scale with FUZZ_RUNS=<factor> for a longer local run (the default keeps `npm test` fast). */
const SCALE = Math.max(0.1, Number(process.env.FUZZ_RUNS ?? 1) || 1);
const runs = (n: number) => ({ numRuns: Math.round(n * SCALE) });

const VALID = [promotion('subtotal >= threshold', 'orderDiscount: 30, message: "满${threshold}减30"'), SELECTION, PRICING];

/** Random edits of a valid document: delete, insert or replace a slice. */
const mutated = fc.tuple(
  fc.constantFrom(...VALID),
  fc.array(fc.tuple(fc.nat(), fc.nat({ max: 12 }), fc.constantFrom('', ' ', '\n', ':', '- ', '"', "'", '{', '}', '[', ']', '${', '#', '---\n', '  ', '?', '!', '&a', '*a', '|\n', '0.5', 'null', '\t', '\\', 'é', '\u0000')), { maxLength: 4 }),
).map(([text, edits]) => {
  let t = text;
  for (const [at, len, ins] of edits) {
    const i = at % (t.length + 1);
    t = t.slice(0, i) + ins + t.slice(i + len);
  }
  return t;
});

describe('checkSource never throws', () => {
  it('on random strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (s) => { run(s); }), runs(150));
  });

  it('on random unicode and line noise', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 120 }), (s) => { run(s); }), runs(200));
  });

  it('on random mutations of valid documents', () => {
    fc.assert(fc.property(mutated, (s) => { run(s); }), runs(150));
  });

  it('on random YAML values', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 4 }), (v) => { run(stringify(v)); }), runs(200));
  });

  it('on valid frames with random expression text in every expression position', () => {
    const exprChars = fc.string({ unit: fc.constantFrom(...'ab1.(),+-*/<>=!?:"\'[] %$ifthenelsnotandorxsmdh'.split('')), maxLength: 30 });
    fc.assert(fc.property(exprChars, exprChars, (when, value) => {
      const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
      run(promotion(q(when), `orderDiscount: ${q(value)}, message: ${q('x ${' + value + '}')}`));
    }), runs(150));
  });

  it('on hostile inputs', () => {
    const bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n' + Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`).join('\n');
    for (const text of [bomb, '{'.repeat(5000), '['.repeat(5000), `when: ${'('.repeat(3000)}`, '- '.repeat(2000), '\uFEFFapiVersion: rulemart/v1', 'a: !!binary x', '%YAML 1.1\n---\na: 1']) {
      run(text);
    }
  });
});

describe('valid documents', () => {
  it('check clean', () => {
    for (const text of VALID) expect(checkSource(text, 'v.yaml')).toMatchObject({ diagnostics: [], documents: [expect.any(Object)] });
  });
});

describe('formatDiagnosticsText', () => {
  it('prints file:line:col, the source line and carets under the span (SPEC section 9)', () => {
    const text = promotion('user.id > subtotal');
    const { diagnostics } = checkSource(text, 'rules/promo.yaml');
    expect(formatDiagnosticsText(diagnostics, text)).toBe([
      'rules/promo.yaml:22:13: error E2003: cannot compare string with money',
      '    - when: user.id > subtotal',
      '            ^^^^^^^^^^^^^^^^^^',
    ].join('\n'));
  });

  it('keeps tabs in the caret line and marks empty spans with one caret', () => {
    const out = formatDiagnosticsText([{ file: 'f', line: 1, column: 3, endLine: 1, endColumn: 3, severity: 'warning', code: 'W5002', message: 'm' }], '\tx y');
    expect(out).toBe('f:1:3: warning W5002: m\n\tx y\n\t ^');
  });
});
