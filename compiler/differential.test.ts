// The differential property: for random small documents (random typed expressions as lets, a
// random `when`, a random order discount and message) and random inputs, the compiled executor
// and the reference evaluator give the same output, or fail with the same error; and every
// output matches the output schema.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { T } from '../dsl/types/type.ts';
import { E, Item, cartItems, promotionDoc, rule, selectionDoc, tpl } from './testing/ast.ts';
import { arbAnyExpr, arbExpr, arbInput, genInput } from './testing/gen.ts';
import type { Kind } from './testing/gen.ts';
import { bothExecutors, outcome } from './testing/harness.ts';
import { buildSchemas } from './schemas/index.ts';
import Ajv2020 from 'ajv/dist/2020.js';

const sp = { start: 0, end: 0 };

describe('compiled executor == reference evaluator', () => {
  it('on random documents and inputs', () => {
    const arbDoc = fc
      .tuple(
        fc.array(arbAnyExpr(3), { minLength: 1, maxLength: 4 }),
        arbExpr('bool', 3),
        arbExpr('money', 3),
        arbExpr('int', 2),
        arbExpr('decimal', 2),
        fc.constantFrom('half-up', 'half-even', 'down', 'up' as const),
      )
      .map(([lets, when, discount, n, d, rounding]) =>
        promotionDoc(
          [
            rule('r', when, {
              orderDiscount: E.call('abs', [discount], T.money),
              message: tpl('n=', n, ', d=', d, ' "${x}" </script>'),
            }),
          ],
          { input: genInput, lets: lets.map((expr, i) => ({ name: `l${i}`, expr, span: sp })), rounding },
        ),
      );
    let ok = 0;
    let total = 0;
    const ajv = new (Ajv2020 as unknown as typeof Ajv2020.default)({ strict: true });
    const validators = new Map<string, ReturnType<typeof ajv.compile>>();
    fc.assert(
      fc.property(arbDoc, fc.array(arbInput, { minLength: 1, maxLength: 3 }), (doc, inputs) => {
        const { compiled, interpreted } = bothExecutors(doc);
        const { $id: _id, title: _title, ...outputSchema } = buildSchemas(doc).output;
        const key = JSON.stringify(outputSchema);
        let outputValid = validators.get(key);
        if (!outputValid) validators.set(key, (outputValid = ajv.compile(outputSchema)));
        for (const input of inputs) {
          const options = { trace: true, now: '2026-11-11T10:00:00+08:00' };
          const c = outcome(compiled, input, options);
          expect(c).toEqual(outcome(interpreted, input, options));
          total++;
          if (c.ok) {
            ok++;
            // Every output also matches the document's output.schema.json.
            expect(outputValid(c.output), JSON.stringify(outputValid.errors)).toBe(true);
          }
        }
      }),
      { numRuns: 150 },
    );
    // Most runs must get through evaluation (not only agree on an error such as division by zero).
    expect(ok / total).toBeGreaterThan(0.5);
  });
});

describe('Selection: compiled executor == reference evaluator', () => {
  it('on random where/orderBy/select over the cart lines', () => {
    const arbDoc = fc
      .tuple(
        arbExpr('bool', 2, true),
        fc.array(fc.tuple(fc.constantFrom<Kind>('int', 'money', 'string', 'decimal'), fc.boolean()), { minLength: 1, maxLength: 2 }).chain((keys) =>
          fc.tuple(...keys.map(([k, desc]) => arbExpr(k, 2, true).map((key) => ({ key, direction: desc ? ('desc' as const) : ('asc' as const) })))),
        ),
        fc.array(fc.constantFrom<Kind>('int', 'decimal', 'money', 'bool', 'string').chain((k) => arbExpr(k, 2, true)), { minLength: 1, maxLength: 3 }),
        fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
      )
      .map(([where, orderBy, select, limit]) =>
        selectionDoc(
          {
            from: cartItems(),
            variable: 'p',
            elementType: Item,
            where,
            orderBy,
            ...(limit === undefined ? {} : { limit: E.int(limit) }),
            select: select.map((expr, i) => ({ name: `f${i}`, expr })),
          },
          { input: genInput },
        ),
      );
    let ok = 0;
    fc.assert(
      fc.property(arbDoc, fc.array(arbInput, { minLength: 1, maxLength: 3 }), (doc, inputs) => {
        const { compiled, interpreted } = bothExecutors(doc);
        for (const input of inputs) {
          const c = outcome(compiled, input, { now: '2026-11-11T10:00:00Z' });
          expect(c).toEqual(outcome(interpreted, input, { now: '2026-11-11T10:00:00Z' }));
          if (c.ok) ok++;
        }
      }),
      { numRuns: 100 },
    );
    expect(ok).toBeGreaterThan(50);
  });
});
