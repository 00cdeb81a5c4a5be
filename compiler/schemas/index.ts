// The three JSON Schema files of a compiled executor: input, params and output (2020-12).
import type { CheckedDocument } from '../../dsl/model.ts';
import { objectSchema, schemaDocument } from './json-schema.ts';
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
  paramsRoot.additionalProperties = false;
  return {
    input: schemaDocument(schemaId(doc, 'input'), `${doc.sku} input`, input, inputDefs),
    params: schemaDocument(schemaId(doc, 'params'), `${doc.sku} params`, paramsRoot, paramDefs),
    output: schemaDocument(schemaId(doc, 'output'), `${doc.sku} output`, outputSchema(doc)),
  };
}

/** A schema as file text: two-space JSON with a final newline. */
export function schemaText(schema: Schema): string {
  return JSON.stringify(schema, null, 2) + '\n';
}
