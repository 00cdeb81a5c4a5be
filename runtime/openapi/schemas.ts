// Moves a compiled JSON Schema (2020-12) into an OpenAPI document: its `$defs` become components
// with SKU-prefixed names and every `#/$defs/...` reference is rewritten to point at them.

/** A component name for a SKU (`promo:a:v1` -> `promo_a_v1`). */
export function componentBase(sku: string): string {
  return sku.replace(/[^A-Za-z0-9._-]/g, '_');
}

function rewrite(node: unknown, prefix: string): unknown {
  if (Array.isArray(node)) return node.map((n) => rewrite(n, prefix));
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === '$ref' && typeof v === 'string' && v.startsWith('#/$defs/')) {
      out.$ref = `#/components/schemas/${prefix}.${v.slice('#/$defs/'.length)}`;
    } else if (k === '$schema' || k === '$id' || k === '$defs') {
      continue;
    } else {
      out[k] = rewrite(v, prefix);
    }
  }
  return out;
}

/**
 * Adds `schema` as component `<base>.<name>` (and its `$defs` as `<base>.<def>`) and returns a
 * `$ref` to it.
 */
export function addSchema(components: Record<string, unknown>, base: string, name: string, schemaText: string): { $ref: string } {
  let schema: Record<string, unknown>;
  try {
    schema = JSON.parse(schemaText) as Record<string, unknown>;
  } catch {
    schema = {};
  }
  const defs = (schema.$defs ?? {}) as Record<string, unknown>;
  for (const [k, v] of Object.entries(defs)) components[`${base}.${k}`] = rewrite(v, base);
  components[`${base}.${name}`] = rewrite(schema, base);
  return { $ref: `#/components/schemas/${base}.${name}` };
}
