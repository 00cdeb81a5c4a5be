// Frame tests: YAML errors, the JSON Schema (unknown/missing keys, wrong values) with positions,
// multiple documents, offsets inside scalars of every style, literals and test values.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { checkSource } from '../index.ts';
import { PRICING, PROMOTION, promotion, pos, diagnosticsOf, onlyError } from '../testing/fixtures.ts';
import { scalarLocator, scalarText } from './scalar-map.ts';
import { exactNumber } from './yaml-json.ts';
import { readYaml } from './read-yaml.ts';
import { buildValidatorSource } from './build-validator.ts';
import type { Scalar } from 'yaml';

const valid = promotion('subtotal >= threshold');

describe('document frame (JSON Schema)', () => {
  it('accepts the valid fixture', () => {
    expect(diagnosticsOf(valid)).toEqual([]);
  });

  it('reports an unknown top-level key at the key', () => {
    const text = valid.replace('spec:\n', 'extra: 1\nspec:\n');
    expect(onlyError(text)).toMatchObject({ code: 'E1003', message: 'unknown key `extra` in the document', ...pos(text, 'extra'), endColumn: 6 });
  });

  it('reports an unknown effect deep inside spec at its key', () => {
    const text = promotion('true', 'orderDiscount: 30, discount: 5');
    expect(onlyError(text)).toMatchObject({ code: 'E1003', message: 'unknown key `discount` in spec.rules[1].then', ...pos(text, 'discount: 5') });
  });

  it('reports a missing required key at the parent key', () => {
    const text = valid.replace('  version: 1.2.0\n', '');
    expect(onlyError(text)).toMatchObject({ code: 'E1004', message: 'missing required key `version` in metadata', ...pos(text, 'metadata') });
  });

  it('reports a key missing from a list item at the item', () => {
    const text = promotion('true').replace('    - when: true\n', '    - name: second\n');
    expect(onlyError(text)).toMatchObject({ code: 'E1004', message: 'missing required key `when` in spec.rules[1]', ...pos(text, 'name: second') });
  });

  it('explains empty lists and empty effects', () => {
    const text = promotion('true', '');
    expect(onlyError(text)).toMatchObject({ code: 'E1008', message: 'spec.rules[1].then: needs at least one effect', ...pos(text, '{  }') });
    const noRules = PRICING.replace(/ {2}meters:[\s\S]*?(?= {2}multiplier)/, '  meters: []\n');
    expect(onlyError(noRules)).toMatchObject({ code: 'E1008', message: 'spec.meters: needs at least 1 item' });
  });

  it('reports a missing top-level key at the start of the document', () => {
    const text = valid.replace(/input:\n.*\n.*\n/, '');
    expect(onlyError(text)).toMatchObject({ code: 'E1004', line: 1, column: 1 });
  });

  it.each([
    ['apiVersion: rulemart/v1', 'apiVersion: rulemart/v2', 'E1006', 'rulemart/v2'],
    ['kind: Promotion', 'kind: Promo', 'E1006', 'Promo'],
    ['name: full-reduction', 'name: Full_Reduction', 'E1007', 'Full_Reduction'],
    ['version: 1.2.0', 'version: 1.2', 'E1005', '1.2'],
    ['version: 1.2.0', 'version: x1', 'E1007', 'x1'],
    ['version: 1.2.0', 'version: 1.1234567890.0', 'E1007', '1.1234567890.0'],
    ['version: 1.2.0', 'version: 99999999999999999999.0.0', 'E1007', '99999999999999999999.0.0'],
  ])('reports %s -> %s as %s at the value', (from, to, code, value) => {
    const text = valid.replace(from, to);
    expect(onlyError(text)).toMatchObject({ code, ...pos(text, value) });
  });

  it('checks kind-specific spec keys and billing', () => {
    const text = PRICING.replace('currency: CNY', 'currency: CNY\n  policy: first') + 'billing: { tier: gold, rateLimit: 100/w }\n';
    const codes = diagnosticsOf(text).map((d) => [d.code, d.line]);
    expect(codes).toEqual([['E1003', pos(text, 'policy').line], ['E1006', pos(text, 'tier: gold').line], ['E1007', pos(text, 'rateLimit').line]]);
  });

  it('reports a param written as a bare value with the param syntax', () => {
    const text = valid.replace('threshold: money = 200', 'threshold: 200');
    expect(onlyError(text)).toMatchObject({ code: 'E1010', ...pos(text, '200\n') });
  });

  it('reports a document that is not a mapping', () => {
    expect(onlyError('- a\n- b\n')).toMatchObject({ code: 'E1002', line: 1, column: 1 });
  });

  it('the precompiled validator is up to date with the schema (run dsl/frame/build-validator.ts)', () => {
    const generated = readFileSync(new URL('./frame-validator.generated.ts', import.meta.url), 'utf8');
    expect(generated === buildValidatorSource()).toBe(true);
  });

  it('the published schema is the one the checker uses', () => {
    const schema = JSON.parse(readFileSync(new URL('./rulemart.schema.json', import.meta.url), 'utf8'));
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.additionalProperties).toBe(false);
  });
});

describe('YAML and documents', () => {
  it('reports YAML syntax errors with a position', () => {
    const text = 'apiVersion: rulemart/v1\nkind: [Promotion\n';
    const d = diagnosticsOf(text);
    expect(d[0].code).toBe('E1001');
    expect(d[0].line).toBeGreaterThanOrEqual(2);
  });

  it('reports duplicate keys', () => {
    const text = valid.replace('kind: Promotion\n', 'kind: Promotion\nkind: Promotion\n');
    expect(diagnosticsOf(text)[0]).toMatchObject({ code: 'E1001', line: 3 });
  });

  it('skips empty files and comment-only documents', () => {
    expect(checkSource('', 'a.yaml')).toEqual({ diagnostics: [], documents: [] });
    expect(checkSource('# nothing\n', 'a.yaml')).toEqual({ diagnostics: [], documents: [] });
    expect(checkSource('---\n# c\n---\n', 'a.yaml')).toEqual({ diagnostics: [], documents: [] });
  });

  it('reads several documents; only error-free ones are returned, each with its exact source', () => {
    const second = valid.replace('name: full-reduction', 'name: second-one');
    const broken = valid.replace('name: full-reduction', 'name: broken').replace('subtotal >= threshold', 'subtotal >= "x"');
    const text = `# yaml-language-server: $schema=../dsl/frame/rulemart.schema.json\n${valid}---\n${broken}---\n${second}`;
    const r = checkSource(text, 'multi.yaml');
    expect(r.documents.map((d) => [d.sku, d.index])).toEqual([['promo:full-reduction:v1', 0], ['promo:second-one:v1', 2]]);
    expect(r.documents[0].source).toBe(`# yaml-language-server: $schema=../dsl/frame/rulemart.schema.json\n${valid}`);
    expect(r.documents[1].source).toBe(second);
    expect(r.documents.map((d) => d.source).join('').length).toBeLessThan(text.length);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ code: 'E2003', ...pos(text, 'subtotal >= "x"') });
  });

  it("gives a document the same source wherever it sits in its file (QA F19: `---` is not part of it)", () => {
    const second = `# the second one\n${valid.replace('name: full-reduction', 'name: second-one')}`;
    const alone = (t: string) => checkSource(t, 'a.yaml').documents.map((d) => [d.sku, d.source]);
    const expected = [['promo:full-reduction:v1', valid], ['promo:second-one:v1', second]];
    expect(alone(`${valid}---\n${second}`)).toEqual(expected);
    expect(alone(`${second}---\n${valid}`)).toEqual([...expected].reverse());
    expect(alone(`---\n${valid}--- # separator comment\n${second}`)).toEqual(expected);
    expect(alone(`# file header\n---\n${valid}---\r\n${second}`)).toEqual(expected);
    expect(alone(second)).toEqual([expected[1]]);
  });

  it('starts a document that shares the `---` line right after the marker', () => {
    expect(readYaml(`a: 1\n---   {b: 2}\n`).map((y) => y.source)).toEqual(['a: 1\n', '{b: 2}\n']);
  });
});

describe('positions inside scalars', () => {
  const check = (yamlValue: string, expr: string, needle: string) => {
    const text = promotion(yamlValue);
    const d = onlyError(text);
    const at = pos(text, needle, text.split(needle).length - 2);
    expect({ line: d.line, column: d.column }).toEqual(at);
    expect(expr).toBeDefined();
  };

  it('plain scalar', () => check('subtotal >= nope', 'subtotal >= nope', 'nope'));
  it('double-quoted scalar', () => check('"subtotal >= nope"', '', 'nope'));
  it('double-quoted scalar with escapes before the error', () => check(String.raw`"user.id == \"a\\\\b\" and nope"`, '', 'nope'));
  it('single-quoted scalar with a doubled quote', () => check(`'user.id == ''it\\''s'' and nope'`, '', 'nope'));
  it('block literal scalar', () => {
    const text = promotion('|\n        subtotal >= threshold\n          and nope');
    expect(onlyError(text)).toMatchObject({ code: 'E3001', ...pos(text, 'nope') });
  });
  it('folded plain scalar over two lines', () => {
    const text = promotion('subtotal >= threshold\n        and nope');
    expect(onlyError(text)).toMatchObject({ code: 'E3001', ...pos(text, 'nope') });
  });

  it('maps every offset inside the scalar, for every style', () => {
    const yaml = `a: plain text\nb: "dq \\" \\u00e9 x"\nc: 'sq '' x'\nd: >\n  folded\n  text\ne: |\n  lit\n  eral\n`;
    const doc = parseDocument(yaml, { keepSourceTokens: true });
    for (const key of ['a', 'b', 'c', 'd', 'e']) {
      const node = doc.get(key, true) as Scalar;
      const value = scalarText(yaml, node);
      const locate = scalarLocator(yaml, node);
      const [start, , end] = node.range!;
      for (let i = 0; i <= value.length; i++) {
        const o = locate(i);
        expect(o).toBeGreaterThanOrEqual(start);
        expect(o).toBeLessThanOrEqual(end);
        if (i < value.length && /[a-z]/.test(value[i])) expect(yaml[o]).toBe(value[i]);
      }
    }
  });
});

describe('literals and test values', () => {
  it('reads YAML numbers and booleans in expression positions from their source text', () => {
    const r = checkSource(PRICING, 'p.yaml');
    const spec = r.documents[0].spec;
    if (spec.kind !== 'PricingTier') throw new Error('kind');
    expect(spec.meters[0].tiers[2].unit).toMatchObject({ kind: 'number', text: '0.0005', isInteger: false });
    expect(spec.meters[0].tiers[0].upTo).toBe('10000');
    expect(spec.meters[1].package?.size).toBe('1024');
    const t = checkSource(promotion('true'), 'a.yaml').documents[0].spec;
    if (t.kind !== 'Promotion') throw new Error('kind');
    expect(t.rules[1].when).toMatchObject({ kind: 'bool', value: true, type: { kind: 'bool' } });
  });

  it('keeps test numbers exact: a number when it round-trips, its text otherwise', () => {
    expect(exactNumber('0.0005', 0.0005)).toBe(0.0005);
    expect(exactNumber('12.50', 12.5)).toBe(12.5);
    expect(exactNumber('30', 30)).toBe(30);
    expect(exactNumber('0.10000000000000000001', 0.1)).toBe('0.10000000000000000001');
    expect(exactNumber('12345678901234567890', 12345678901234567890)).toBe('12345678901234567890');
    expect(exactNumber('1e-7', 1e-7)).toBe('1e-7');
    const text = `${promotion('true')}tests:\n  - name: t\n    input: { cart: { total: 0.0005, items: [ { sku: A, price: 19.99, qty: 2 } ] }, user: { id: u-1, level: vip } }\n    params: { threshold: 100 }\n    now: 2026-11-11T00:30:00+08:00\n    expect: { applied: true, discount: "30.00" }\n`;
    const r = checkSource(text, 'a.yaml');
    expect(r.diagnostics).toEqual([]);
    expect(r.documents[0].tests).toEqual([{
      name: 't', span: expect.any(Object), now: '2026-11-11T00:30:00+08:00', params: { threshold: 100 },
      input: { cart: { total: 0.0005, items: [{ sku: 'A', price: 19.99, qty: 2 }] }, user: { id: 'u-1', level: 'vip' } },
      expect: { applied: true, discount: '30.00' },
    }]);
  });

  it('resolves anchors and aliases in tests', () => {
    const text = `${promotion('true')}tests:\n  - name: a\n    input: &cart { cart: { total: 1, items: [] }, user: { id: u, level: vip } }\n    expect: { applied: true }\n  - name: b\n    input: *cart\n    expect: { applied: true }\n`;
    const r = checkSource(text, 'a.yaml');
    expect(r.diagnostics).toEqual([]);
    expect(r.documents[0].tests[1].input).toEqual(r.documents[0].tests[0].input);
    expect(r.documents[0].tests[1].input).toMatchObject({ user: { id: 'u' } });
  });

  it('rejects alias bombs instead of expanding them', () => {
    const levels = Array.from({ length: 8 }, (_, i) => `l${i + 1}: &l${i + 1} [${Array(10).fill(`*l${i}`).join(', ')}]`).join('\n');
    const text = `l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n${levels}\n`;
    expect(diagnosticsOf(text)).toMatchObject([{ code: 'E1001', line: 1, column: 1 }]);
  });

  it('checks test param names and clocks', () => {
    const text = `${promotion('true')}tests:\n  - input: {}\n    params: { treshold: 1 }\n    now: yesterday\n    expect: {}\n`;
    expect(diagnosticsOf(text).map((d) => [d.code, d.line, d.column])).toEqual([
      ['E4011', pos(text, 'treshold').line, pos(text, 'treshold').column],
      ['E1009', pos(text, 'yesterday').line, pos(text, 'yesterday').column],
    ]);
  });

  it('parses templates into text and expressions', () => {
    const r = checkSource(promotion('true', 'message: "满${threshold}减30, hi ${user.id}!"'), 'a.yaml');
    const spec = r.documents[0].spec;
    if (spec.kind !== 'Promotion') throw new Error('kind');
    const parts = spec.rules[1].then.message!.parts;
    expect(parts.map((p) => (typeof p === 'string' ? p : p.kind))).toEqual(['满', 'ident', '减30, hi ', 'member', '!']);
  });

  it('reports an unterminated template part', () => {
    const text = promotion('true', 'message: "a ${threshold"');
    expect(onlyError(text)).toMatchObject({ code: 'E1011', ...pos(text, '${threshold') });
  });

  it('PROMOTION fixture keeps its markers', () => {
    expect(PROMOTION).toContain('{{WHEN}}');
  });
});
