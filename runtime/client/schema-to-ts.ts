// Turns JSON Schema (2020-12, as the compiler writes it and the OpenAPI document carries it) into
// TypeScript type expressions, for the generated client.

type Schema = Record<string, unknown> | boolean;

/** The TypeScript name of a component (`promo_a_v1.Input` -> `PromoAV1Input`). */
export function typeName(component: string): string {
  const parts = component.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const name = parts.map((p) => p[0]!.toUpperCase() + p.slice(1)).join('');
  return /^[A-Za-z_]/.test(name) ? name : `T${name}`;
}

function propKey(k: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k) ? k : JSON.stringify(k);
}

function literal(v: unknown): string {
  return v === null ? 'null' : JSON.stringify(v);
}

/**
 * A TypeScript type for `schema`; `$ref`s to `#/components/schemas/X` become `typeName(X)`.
 *
 * @example
 * schemaToTs({ type: 'object', properties: { a: { type: 'integer' } }, required: ['a'] }) // '{ a: number }'
 */
export function schemaToTs(schema: Schema | undefined, indent = ''): string {
  if (schema === undefined || schema === true) return 'unknown';
  if (schema === false) return 'never';
  const s = schema;
  if (typeof s.$ref === 'string') {
    const m = /^#\/components\/schemas\/(.+)$/.exec(s.$ref);
    return m ? typeName(decodeURIComponent(m[1]!)) : 'unknown';
  }
  if ('const' in s) return literal(s.const);
  if (Array.isArray(s.enum)) return s.enum.map(literal).join(' | ') || 'never';
  if (Array.isArray(s.anyOf) || Array.isArray(s.oneOf)) {
    const alts = ((s.anyOf ?? s.oneOf) as Schema[]).map((x) => schemaToTs(x, indent));
    return [...new Set(alts)].map((a) => (a.includes(' | ') || a.includes(' & ') ? `(${a})` : a)).join(' | ');
  }
  if (Array.isArray(s.allOf)) {
    const parts = (s.allOf as Schema[]).map((x) => schemaToTs(x, indent));
    const own = { ...s };
    delete own.allOf;
    if (Object.keys(own).some((k) => k === 'type' || k === 'properties')) parts.push(schemaToTs(own, indent));
    return parts.map((a) => (a.includes(' | ') ? `(${a})` : a)).join(' & ');
  }
  const types = Array.isArray(s.type) ? (s.type as string[]) : typeof s.type === 'string' ? [s.type] : [];
  if (types.length === 0) return s.properties ? objectType(s, indent) : 'unknown';
  return [...new Set(types.map((t) => single(t, s, indent)))].join(' | ');
}

function single(t: string, s: Record<string, unknown>, indent: string): string {
  switch (t) {
    case 'string': return 'string';
    case 'integer':
    case 'number': return 'number';
    case 'boolean': return 'boolean';
    case 'null': return 'null';
    case 'array': {
      const item = schemaToTs(s.items as Schema | undefined, indent);
      return /[ |&]/.test(item) && !item.startsWith('{') ? `(${item})[]` : `${item}[]`;
    }
    case 'object': return objectType(s, indent);
    default: return 'unknown';
  }
}

function objectType(s: Record<string, unknown>, indent: string): string {
  const props = (s.properties ?? {}) as Record<string, Schema>;
  const required = new Set((s.required ?? []) as string[]);
  const inner = indent + '  ';
  const lines = Object.entries(props).map(([k, v]) => {
    const doc = typeof v === 'object' && typeof v.description === 'string' ? `${inner}/** ${v.description.replace(/\*\//g, '* /')} */\n` : '';
    return `${doc}${inner}${propKey(k)}${required.has(k) ? '' : '?'}: ${schemaToTs(v, inner)};`;
  });
  const extra = s.additionalProperties;
  if (lines.length === 0) {
    if (extra && typeof extra === 'object') return `Record<string, ${schemaToTs(extra as Schema, indent)}>`;
    return 'Record<string, unknown>';
  }
  return `{\n${lines.join('\n')}\n${indent}}`;
}
