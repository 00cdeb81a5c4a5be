// input.schema.json says what the executor's own validation says: on random edits of valid
// inputs (leaves replaced by tricky values: numeric strings, exponents, timestamps, durations,
// wrong types), ajv with the schema accepts exactly when `executor.validate` accepts.
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileDocument } from '../compile.ts';
import { loadExecutor } from '../load.ts';
import { pricingInput, promotionInput, samplePricing, samplePromotion, sampleSelection, selectionInput } from '../testing/kinds.ts';

const TRICKY: unknown[] = [
  0, -1, 1.5, 1e21, 9007199254740992, '12', '1.50', '.5', '5.', '+3', '-0', '1e5', '1e-7', '1e999999', '', ' 1', 'abc', null, true, [], {},
  '2026-11-11T00:00:00Z', '2026-11-11T00:00:00+08:00', '2026-11-11', 'PT15M', '90s', '7d', 'vip', 'gold', 'x',
];

/** `value` with the leaf (or subtree) at `path` (indices taken modulo the sizes) replaced. */
function replaceAt(value: unknown, path: number[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  if (Array.isArray(value)) {
    if (value.length === 0) return value;
    const i = path[0]! % value.length;
    return value.map((v, j) => (j === i ? replaceAt(v, path.slice(1), replacement) : v));
  }
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 0) return value;
    const k = keys[path[0]! % keys.length]!;
    return { ...(value as object), [k]: replaceAt((value as Record<string, unknown>)[k], path.slice(1), replacement) };
  }
  return replacement;
}

describe('input.schema.json agrees with executor.validate', () => {
  for (const [kind, make, input] of [
    ['Promotion', samplePromotion, promotionInput],
    ['Selection', sampleSelection, selectionInput],
    ['PricingTier', samplePricing, pricingInput],
  ] as const) {
    it(kind, async () => {
      const unit = await compileDocument(make());
      const ajv = new (Ajv2020 as unknown as typeof Ajv2020.default)({ strict: true });
      (addFormats as unknown as typeof addFormats.default)(ajv);
      const schemaAccepts = ajv.compile(JSON.parse(unit.files['input.schema.json']));
      const executor = loadExecutor(unit.files['executor.js']);
      expect(schemaAccepts(input)).toBe(true);
      fc.assert(
        fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 5 }), fc.constantFrom(...TRICKY), (path, replacement) => {
          const edited = replaceAt(input, path, replacement);
          expect(schemaAccepts(edited), JSON.stringify(edited)).toBe(executor.validate(edited).ok);
        }),
        { numRuns: 600 },
      );
    });
  }
});
