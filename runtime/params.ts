// Checks a tenant's params against a version's params JSON Schema (2020-12) with ajv, caching the
// compiled validator per schema text.
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import { pointerToken } from './body.ts';
import type { FieldError } from './problem.ts';

const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
const compiled = new Map<string, ValidateFunction | null>();

/** The problems of `params` as JSON pointers; params are optional overrides, so none is required. */
export function validateParams(schemaText: string, params: Record<string, unknown>): FieldError[] {
  let validate = compiled.get(schemaText);
  if (validate === undefined) {
    try {
      const schema = JSON.parse(schemaText) as Record<string, unknown>;
      delete schema.required;
      delete schema.$id;
      validate = ajv.compile(schema);
    } catch {
      validate = null;
    }
    compiled.set(schemaText, validate);
  }
  if (!validate || validate(params)) return [];
  // The same words as the executor's own params check (`unknown param`), keys as RFC 6901 tokens
  // (ajv's instancePath already escapes them).
  return (validate.errors ?? []).map((e) => e.keyword === 'additionalProperties'
    ? { path: `${e.instancePath}/${pointerToken((e.params as { additionalProperty: string }).additionalProperty)}`, message: 'unknown param' }
    : { path: e.instancePath, message: e.message ?? 'invalid' });
}
