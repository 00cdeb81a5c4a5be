// Tests of describing JSON Schema types for the marketplace's input form.
import { describe, expect, it } from 'vitest';
import { describeSchema, schemaTypes } from './schema-form.ts';

const root = {
  $defs: { Item: { type: 'object', properties: { price: { description: 'money: a JSON number or a numeric string', oneOf: [{ type: 'number' }, { type: 'string' }] } } } },
};

describe('schema descriptions', () => {
  it('names money, enums, lists and optional values the way a merchant reads them', () => {
    expect(describeSchema(root.$defs.Item.properties.price, root)).toBe('money, e.g. 19.90');
    expect(describeSchema({ type: 'string', enum: ['normal', 'vip'] }, root)).toBe('one of normal, vip');
    expect(describeSchema({ type: 'array', items: { $ref: '#/$defs/Item' } }, root)).toBe('list');
    expect(describeSchema({ anyOf: [{ type: 'integer' }, { type: 'null' }] }, root)).toBe('integer');
    expect(describeSchema({ type: 'string', format: 'date-time' }, root)).toBe('date-time');
  });

  it('follows $ref and looks through anyOf/oneOf', () => {
    expect(schemaTypes({ $ref: '#/$defs/Item' }, root)).toEqual(['object']);
    expect(schemaTypes(root.$defs.Item.properties.price, root)).toEqual(['number', 'string']);
    expect(schemaTypes({ $ref: '#/$defs/Missing' }, root)).toEqual([]);
  });
});
