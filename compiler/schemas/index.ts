// The three JSON Schema files of a compiled executor: input, params and output (2020-12).
import type { Expr } from '../../dsl/ast.ts';
import type { CheckedDocument } from '../../dsl/model.ts';
import { percentToDecimalText } from '../type-helpers.ts';
import { defineKey, objectSchema, schemaDocument } from './json-schema.ts';
import type { Schema } from './json-schema.ts';
import { outputSchema } from './output.ts';

export type { Schema } from './json-schema.ts';

/** The schema documents of one document, as JSON values (key order fixed). */
export interface UnitSchemas {
  input: Schema;
  params: Schema;
  output: Schema;
}

/** `$id` base of the schemas: the SKU as a URN, so ids are stable and never depend on a host. */
function schemaId(doc: CheckedDocument, file: string): string {
  return `urn:rulemart:${doc.sku}:${doc.metadata.version}:${file}`;
}

/** Builds the input, params and output schemas of a checked document. */
export function buildSchemas(doc: CheckedDocument): UnitSchemas {
  const inputDefs = new Map<string, Schema>();
  const input = objectSchema({ kind: 'object', fields: doc.input }, { mode: 'input', defs: inputDefs });
  const paramDefs = new Map<string, Schema>();
  const paramsRoot = objectSchema(
    { kind: 'object', fields: doc.params.map((p) => ({ name: p.name, type: p.type })) },
    { mode: 'input', defs: paramDefs },
  );
  // Every param has a default, so none is required; unknown params are rejected by the executor.
  paramsRoot.required = [];
  const props = paramsRoot.properties as Record<string, Schema>;
  for (const p of doc.params) {
    const value = literalDefault(p.default);
    if (value !== undefined && Object.hasOwn(props, p.name)) defineKey(props, p.name, { ...props[p.name], default: value });
  }
  paramsRoot.additionalProperties = false;
  return {
    input: schemaDocument(schemaId(doc, 'input'), `${doc.sku} input`, input, inputDefs),
    params: schemaDocument(schemaId(doc, 'params'), `${doc.sku} params`, paramsRoot, paramDefs),
    output: schemaDocument(schemaId(doc, 'output'), `${doc.sku} output`, outputSchema(doc)),
  };
}

/**
 * The JSON form of a param default written as a literal (ints as numbers, decimals and money as
 * their exact text, strings, bools, null, durations as written, lists of those); undefined for
 * anything computed.
 */
export function literalDefault(e: Expr): unknown {
  switch (e.kind) {
    case 'number':
      return e.type?.kind === 'int' ? Number(e.text) : e.text;
    case 'percent':
      return percentToDecimalText(e.text);
    case 'string':
      return e.value;
    case 'bool':
      return e.value;
    case 'null':
      return null;
    case 'duration':
      return e.text;
    case 'list': {
      const items = e.items.map(literalDefault);
      return items.every((i) => i !== undefined) ? items : undefined;
    }
    default:
      return undefined;
  }
}

/** A schema as file text: two-space JSON with a final newline. */
export function schemaText(schema: Schema): string {
  return JSON.stringify(schema, null, 2) + '\n';
}
