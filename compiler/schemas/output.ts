// The output schema of an executor, per kind (SPEC sections 4, 5, 6), in the output form.
import type { CheckedDocument } from '../../dsl/model.ts';
import type { Type } from '../../dsl/types/type.ts';
import { typeOf } from '../type-helpers.ts';
import { DECIMAL_OUT_PATTERN, MONEY_OUT_PATTERN, objectSchema, typeSchema } from './json-schema.ts';
import type { Schema } from './json-schema.ts';

const money: Schema = { type: 'string', pattern: MONEY_OUT_PATTERN };
const decimal: Schema = { type: 'string', pattern: DECIMAL_OUT_PATTERN };
const str: Schema = { type: 'string' };
const int: Schema = { type: 'integer' };
const nullable = (s: Schema): Schema => ({ anyOf: [s, { type: 'null' }] });
const array = (items: Schema): Schema => ({ type: 'array', items });

/** A closed object schema: every listed key required, nothing else. */
export function closed(properties: Schema, optional: string[] = []): Schema {
  return {
    type: 'object',
    properties,
    required: Object.keys(properties).filter((k) => !optional.includes(k)),
    additionalProperties: false,
  };
}

const trace = array(
  closed({ kind: { type: 'string', enum: ['let', 'when', 'condition', 'window'] }, name: str, value: {} }),
);

function promotionOutput(): Schema {
  return closed(
    {
      sku: str,
      version: str,
      applied: { type: 'boolean' },
      reason: { enum: ['window', 'condition', 'no-rule', null] },
      rules: array(str),
      subtotal: money,
      discount: money,
      total: money,
      lines: array(closed({ sku: str, qty: int, price: money, discount: money, total: money })),
      shipping: closed({ free: { type: 'boolean' }, discount: money }),
      gifts: array(closed({ sku: str, qty: int })),
      coupons: array(closed({ to: str, amount: money, code: nullable(str), expiresIn: nullable(str) })),
      points: int,
      messages: array(str),
      limits: nullable(closed({ redemptions: nullable(int), customer: nullable(str), budget: nullable(money) })),
      trace,
    },
    ['trace'],
  );
}

function selectionOutput(doc: CheckedDocument): Schema {
  const spec = doc.spec.kind === 'Selection' ? doc.spec : null;
  let item: Type = spec ? spec.elementType : { kind: 'error' };
  if (spec?.select) item = { kind: 'object', fields: spec.select.map((f) => ({ name: f.name, type: typeOf(f.expr) })) };
  const itemSchema = item.kind === 'object' ? objectSchema(item, { mode: 'output' }) : typeSchema(item, { mode: 'output' });
  return closed({ sku: str, version: str, total: int, items: array(itemSchema), trace }, ['trace']);
}

function pricingOutput(): Schema {
  return closed(
    {
      sku: str,
      version: str,
      currency: str,
      subtotal: money,
      multiplier: decimal,
      total: money,
      meters: array(
        closed({
          name: str,
          quantity: decimal,
          amount: money,
          tiers: array(closed({ index: int, quantity: decimal, amount: money })),
        }),
      ),
      trace,
    },
    ['trace'],
  );
}

/** The root schema of `execute`'s output for this document. */
export function outputSchema(doc: CheckedDocument): Schema {
  switch (doc.kind) {
    case 'Promotion':
      return promotionOutput();
    case 'Selection':
      return selectionOutput(doc);
    case 'PricingTier':
      return pricingOutput();
  }
}
