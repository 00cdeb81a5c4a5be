// Compiling whole documents: the seven files, byte-identical on recompile, schemas that accept the
// inputs and describe the outputs, executor.ts that type-checks, and loadExecutor's guard.
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { compileDocument, compileDocumentToJs, unitFolder } from './compile.ts';
import { loadExecutor } from './load.ts';
import type { CompiledUnit } from './unit.ts';
import { bothExecutors, outcome } from './testing/harness.ts';
import { pricingInput, promotionInput, samplePricing, samplePromotion, sampleSelection, selectionInput } from './testing/kinds.ts';

const kinds = [
  ['Promotion', samplePromotion, promotionInput],
  ['Selection', sampleSelection, selectionInput],
  ['PricingTier', samplePricing, pricingInput],
] as const;

function ajv() {
  const a = new (Ajv2020 as unknown as typeof Ajv2020.default)({ strict: true, allErrors: true });
  (addFormats as unknown as typeof addFormats.default)(a);
  return a;
}

describe('compileDocument', () => {
  for (const [kind, make, input] of kinds) {
    describe(kind, () => {
      it('writes the seven files, byte-identical on recompile', async () => {
        const a = await compileDocument(make());
        const b = await compileDocument(make());
        expect(Object.keys(a.files).sort()).toEqual(
          ['executor.d.ts', 'executor.js', 'executor.ts', 'input.schema.json', 'manifest.json', 'output.schema.json', 'params.schema.json'],
        );
        for (const name of Object.keys(a.files) as (keyof CompiledUnit['files'])[]) expect(b.files[name]).toBe(a.files[name]);
        expect(a.files['executor.js']).toBe(compileDocumentToJs(make()));
        expect(a.folder).toBe(unitFolder(a.sku));
      });

      it('has schemas that accept the input and describe the output', async () => {
        const unit = await compileDocument(make());
        const v = ajv();
        const validInput = v.compile(JSON.parse(unit.files['input.schema.json']));
        expect(validInput(input), JSON.stringify(validInput.errors)).toBe(true);
        expect(validInput({})).toBe(false);
        const validParams = v.compile(JSON.parse(unit.files['params.schema.json']));
        expect(validParams({})).toBe(true);
        const out = loadExecutor(unit.files['executor.js']).execute(input, { trace: true, now: '2026-11-11T00:00:00Z' });
        const validOutput = v.compile(JSON.parse(unit.files['output.schema.json']));
        expect(validOutput(out), JSON.stringify(validOutput.errors)).toBe(true);
      });

      it('agrees with the reference evaluator', () => {
        const { compiled, interpreted } = bothExecutors(make());
        const options = { trace: true, now: '2026-11-11T00:00:00Z' };
        const c = outcome(compiled, input, options);
        expect(c.ok).toBe(true);
        expect(c).toEqual(outcome(interpreted, input, options));
      });
    });
  }

  it('gives the expected Promotion output (SPEC 4 example cart)', () => {
    const out = loadExecutor(compileDocumentToJs(samplePromotion())).execute(promotionInput);
    expect(out).toMatchObject({
      sku: 'promo:full-reduction:v1',
      applied: true,
      rules: ['big-spender'],
      subtotal: '460.00',
      discount: '80.00',
      total: '380.00',
      limits: { redemptions: 1, customer: 'u-1', budget: '80.00' },
    });
  });

  it('gives the expected Selection output', () => {
    const out = loadExecutor(compileDocumentToJs(sampleSelection())).execute(selectionInput);
    expect(out).toEqual({
      sku: 'select:top-products:v1',
      version: '1.0.0',
      total: 3,
      items: [
        { sku: 'P4', score: 23, price: '8.00' },
        { sku: 'P1', score: 19, price: '10.00' },
      ],
    });
  });

  it('gives the expected PricingTier output', () => {
    const out = loadExecutor(compileDocumentToJs(samplePricing())).execute(pricingInput);
    // calls: 990,000 x 0.005 = 4950.00 in tier 1, 500,000 x 0.0005 + 10 = 260.00 in tier 2;
    // egress: ceil(4096.5 / 1024) = 5 packages x 0.5 = 2.50; subtotal 5212.50, x2 = 10425.00.
    expect(out).toMatchObject({ currency: 'CNY', subtotal: '5212.50', multiplier: '2', total: '10425.00' });
  });

  it('validates params overrides like the input', () => {
    const ex = loadExecutor(compileDocumentToJs(samplePromotion()));
    expect(ex.execute(promotionInput, { params: { threshold: '500' } }).rules).toEqual(['big-spender']);
    expect(() => ex.execute(promotionInput, { params: { nope: 1 } })).toThrow(/param/);
  });

  it('writes the manifest of SPEC 8', async () => {
    const unit = await compileDocument(samplePromotion());
    const m = JSON.parse(unit.files['manifest.json']);
    expect(Object.keys(m)).toEqual(['sku', 'kind', 'name', 'version', 'title', 'billing', 'sourceHash', 'compilerVersion']);
    expect(m).toMatchObject({ sku: 'promo:full-reduction:v1', kind: 'Promotion', title: '满200减30', billing: { tier: 'basic', rateLimit: null, quotaScope: 'tenant', plan: null } });
    expect(m.sourceHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('loadExecutor refuses text that is not a compiled executor', () => {
    expect(() => loadExecutor('globalThis.x = 1;')).toThrow(/not an executor\.js/);
  });
});
