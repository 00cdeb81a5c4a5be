// Checks a tenant's params against a version's params JSON Schema (2020-12) with ajv, caching the
// compiled validator per schema text.
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
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
  return (validate.errors ?? []).map((e) => ({
    path: e.instancePath + (e.keyword === 'additionalProperties' ? `/${(e.params as { additionalProperty: string }).additionalProperty}` : ''),
    message: e.message ?? 'invalid',
  }));
}
