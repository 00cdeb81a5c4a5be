// Static types -> JSON Schema 2020-12 fragments, in two forms: the input form (what a caller may
// send: money as a number or a numeric string) and the output form (what an executor returns:
// money as a string with two fraction digits). Keys are written in a fixed order.
import type { Type } from '../../dsl/types/type.ts';

/** A JSON Schema fragment (plain JSON). */
export type Schema = { [key: string]: unknown };

export const DIALECT = 'https://json-schema.org/draft/2020-12/schema';
/** Numeric strings the runtime's `decParse` accepts. */
/** (Exponents of at most three digits and 1020 characters: the runtime refuses numbers beyond 1000 digits.) */
export const NUMERIC_PATTERN = '^[+-]?(?:[0-9]+(?:\\.[0-9]+)?|\\.[0-9]+)(?:[eE][+-]?[0-9]{1,3})?$';
/** Canonical decimal output: no exponent, no trailing zeros. */
export const DECIMAL_OUT_PATTERN = '^-?(?:0|[1-9][0-9]*)(?:\\.[0-9]*[1-9])?$';
export const MONEY_OUT_PATTERN = '^-?[0-9]+\\.[0-9]{2}$';
export const DURATION_IN_PATTERN = '^(?:[0-9]+[smhd]|-?P(?:[0-9]+D)?(?:T(?:[0-9]+H)?(?:[0-9]+M)?(?:[0-9]+(?:\\.[0-9]+)?S)?)?)$';
export const DURATION_OUT_PATTERN = '^-?P(?:[0-9]+D)?(?:T(?:[0-9]+H)?(?:[0-9]+M)?(?:[0-9]+(?:\\.[0-9]+)?S)?)?$';
const MAX_INT = 9007199254740991;

/** Which side of the executor a schema describes. */
export type SchemaMode = 'input' | 'output';

/** Named object types become `$defs` entries referenced by `$ref` (input form); `refs` collects them. */
export interface SchemaOptions {
  mode: SchemaMode;
  /** When set, named object types are emitted once into this map and referenced. */
  defs?: Map<string, Schema>;
}

/** The schema of one static type. */
export function typeSchema(t: Type, opts: SchemaOptions): Schema {
  const input = opts.mode === 'input';
  switch (t.kind) {
    case 'bool':
      return { type: 'boolean' };
    case 'int':
      return { type: 'integer', minimum: -MAX_INT, maximum: MAX_INT };
    case 'decimal':
      return input ? numericInput('decimal') : { type: 'string', pattern: DECIMAL_OUT_PATTERN };
    case 'money':
      return input ? numericInput('money') : { type: 'string', pattern: MONEY_OUT_PATTERN };
    case 'string':
      return { type: 'string' };
    case 'timestamp':
      return { type: 'string', format: 'date-time' };
    case 'duration':
      return { type: 'string', pattern: input ? DURATION_IN_PATTERN : DURATION_OUT_PATTERN };
    case 'enum':
      return { type: 'string', enum: [...t.values] };
    case 'list':
      return { type: 'array', items: typeSchema(t.element, opts) };
    case 'object': {
      if (t.name !== undefined && opts.defs) {
        if (!opts.defs.has(t.name)) {
          opts.defs.set(t.name, {}); // reserve first: a type may (indirectly) contain itself
          opts.defs.set(t.name, objectSchema(t, opts));
        }
        return { $ref: `#/$defs/${encodeURIComponent(t.name.replace(/~/g, '~0').replace(/\//g, '~1'))}` };
      }
      return objectSchema(t, opts);
    }
    case 'optional':
      return { anyOf: [typeSchema(t.inner, opts), { type: 'null' }] };
    case 'null':
      return { type: 'null' };
    case 'error':
      return {};
  }
}

function numericInput(kind: string): Schema {
  return {
    description: `${kind}: a JSON number or a numeric string`,
    oneOf: [{ type: 'number' }, { type: 'string', pattern: NUMERIC_PATTERN, maxLength: 1020 }],
  };
}

/** An object type: every non-optional field required; extra keys ignored on input, absent on output. */
export function objectSchema(t: Extract<Type, { kind: 'object' }>, opts: SchemaOptions): Schema {
  const properties: Schema = {};
  const required: string[] = [];
  for (const f of t.fields) {
    defineKey(properties, f.name, typeSchema(f.type, opts));
    if (f.type.kind !== 'optional' && f.type.kind !== 'null') required.push(f.name);
    else if (opts.mode === 'output') required.push(f.name);
  }
  const s: Schema = { type: 'object' };
  if (t.name !== undefined) s.title = t.name;
  s.properties = properties;
  s.required = required;
  s.additionalProperties = opts.mode === 'input';
  return s;
}

/** A whole schema document: `$schema`, `$id`, the root, then `$defs` when any. */
export function schemaDocument(id: string, title: string, root: Schema, defs?: Map<string, Schema>): Schema {
  const doc: Schema = { $schema: DIALECT, $id: id, title, ...root };
  if (defs && defs.size > 0) doc.$defs = Object.fromEntries(defs);
  return doc;
}

/** Sets an own, enumerable key (safe for `__proto__`, which plain assignment would not create). */
export function defineKey(obj: Schema, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}
